// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * EL2 stage-1 translation: an identity map with 1 GiB blocks, so the
 * hypervisor runs with caches on.  The table is const data: nothing to
 * compute at boot.  Which blocks are RAM and which hold the GIC and the
 * console UART comes from the generator (SYSCONFIG_EL2_MAP).
 */
#include "sysconfig_gen.h"
#include "sysreg.h"
#include "types.h"

#define MAIR_DEVICE_nGnRnE 0x00ull
#define MAIR_DEVICE_nGnRE 0x04ull
#define MAIR_NORMAL_WB 0xffull
#define ATTR_DEVICE 1 /* MAIR index */
#define ATTR_NORMAL 2

#define PTE_BLOCK 0x1ull
#define PTE_ATTR(i) ((uint64_t)(i) << 2)
#define PTE_SH_INNER (3ull << 8)
#define PTE_AF BIT(10)
#define PTE_XN BIT(54)

#define TCR_EL2_RES1 (BIT(31) | BIT(23))
#define TCR_T0SZ_39 25ull
#define TCR_IRGN0_WBWA (1ull << 8)
#define TCR_ORGN0_WBWA (1ull << 10)
#define TCR_SH0_INNER (3ull << 12)
#define TCR_PS_40 (2ull << 16)

#define SCTLR_EL2_RES1 0x30c50830ull
#define SCTLR_M BIT(0)
#define SCTLR_C BIT(2)
#define SCTLR_SA BIT(3)
#define SCTLR_I BIT(12)

#define EL2_DEVICE(pa) ((pa##ull) | PTE_BLOCK | PTE_ATTR(ATTR_DEVICE) | PTE_AF | PTE_XN)
#define EL2_NORMAL(pa) ((pa##ull) | PTE_BLOCK | PTE_ATTR(ATTR_NORMAL) | PTE_SH_INNER | PTE_AF)

static const uint64_t el2_l1[512] __aligned(4096) = SYSCONFIG_EL2_MAP;

void mmu_enable(void)
{
	sysreg_write(mair_el2,
		     MAIR_DEVICE_nGnRnE | (MAIR_DEVICE_nGnRE << 8) | (MAIR_NORMAL_WB << 16));
	sysreg_write(tcr_el2, TCR_EL2_RES1 | TCR_T0SZ_39 | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA |
				      TCR_SH0_INNER | TCR_PS_40);
	sysreg_write(ttbr0_el2, (uint64_t)el2_l1);
	isb();
	__asm__ volatile("tlbi alle2" ::: "memory");
	dsb(nsh);
	isb();
	sysreg_write(sctlr_el2, SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_I);
	isb();
}
