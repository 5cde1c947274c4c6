// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// A one-level identity map (4 KiB granule, 32-bit VA: the walk starts at level 1).
#include <stdint.h>

#include "mmu.h"

#define MAIR_DEVICE_NGNRNE 0x00ul /* AttrIndx 0 */
#define MAIR_NORMAL_NC 0x44ul /* AttrIndx 1 */
#define PTE_BLOCK 0x1ul
#define PTE_ATTR(i) ((uint64_t)(i) << 2)
#define PTE_SH_INNER (3ul << 8)
#define PTE_AF (1ul << 10)
#define GIB (1ul << 30)

#define TCR_T0SZ_32 32ul /* 4 GiB of VA */
#define TCR_EPD1 (1ul << 23) /* no TTBR1 walks */
#define SCTLR_M (1ul << 0)
#define SCTLR_A (1ul << 1)
#define SCTLR_C (1ul << 2)
#define SCTLR_I (1ul << 12)

static uint64_t mmu_l1[4] __attribute__((aligned(4096)));

void mmu_identity_on(void)
{
	uint64_t sctlr;

	mmu_l1[0] = 0 * GIB | PTE_BLOCK | PTE_ATTR(0) | PTE_AF;
	mmu_l1[1] = 1 * GIB | PTE_BLOCK | PTE_ATTR(1) | PTE_SH_INNER | PTE_AF;
	asm volatile("dsb sy" ::: "memory");
	asm volatile("msr mair_el1, %0" : : "r"(MAIR_DEVICE_NGNRNE | MAIR_NORMAL_NC << 8));
	asm volatile("msr tcr_el1, %0" : : "r"(TCR_T0SZ_32 | TCR_EPD1));
	asm volatile("msr ttbr0_el1, %0" : : "r"(mmu_l1));
	asm volatile("isb\n\ttlbi vmalle1\n\tdsb nsh\n\tisb" ::: "memory");
	asm volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
	sctlr = (sctlr | SCTLR_M) & ~(SCTLR_A | SCTLR_C | SCTLR_I);
	asm volatile("msr sctlr_el1, %0\n\tisb" : : "r"(sctlr) : "memory");
}
