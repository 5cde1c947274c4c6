// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * The GIC/timer conformance cell: one case per variant (cells.mk links
 * main.c with one case file), run under Tessera and on bare QEMU
 * (-DBARE), where the hardware model defines the answer.  Each case prints
 *   gictest: <case>: ok [details]     or     gictest: <case>: FAILED <details>
 * and the cell then prints "tick N" every 100 ms.
 */
#ifndef CELLS_GICTEST_GICTEST_H
#define CELLS_GICTEST_GICTEST_H

#include <stdint.h>

#include "../rtos/gic.h"
#include "console.h"

#define GICTEST_PRIO 0xa0

/* The cell's GIC layout (QEMU virt's, which Tessera keeps).  The cases that
 * touch redistributor registers run on vCPU 0, whose frame is the first. */
#define GICD_BASE 0x08000000ul
#define GICR_SGI_BASE (0x080a0000ul + 0x10000ul)
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICPENDR 0x0280
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR 0x0c00
#define GICD_IROUTER 0x6000 /* + 8 * INTID */
#define GICR_ISENABLER0 0x0100
#define GICR_ICENABLER0 0x0180
#define GICR_ISPENDR0 0x0200
#define GICR_ICPENDR0 0x0280
#define GICR_ISACTIVER0 0x0300
#define GICR_ICACTIVER0 0x0380

#define INTID_VTIMER 27 /* PPI 11 */
#define INTID_PTIMER 30 /* PPI 14 */

#define SYSREG_READ(name)                                            \
	({                                                           \
		uint64_t v_;                                         \
		asm volatile("mrs %0, " #name : "=r"(v_)::"memory"); \
		v_;                                                  \
	})
#define SYSREG_WRITE(name, v) \
	asm volatile("msr " #name ", %0\n\tisb" : : "r"((uint64_t)(v)) : "memory")

/* Only single 32- and 64-bit accesses: Tessera emulates the GIC from the
 * fault syndrome. */
static inline uint32_t mmio_read32(uintptr_t a)
{
	uint32_t v;

	asm volatile("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static inline void mmio_write32(uintptr_t a, uint32_t v)
{
	asm volatile("str %w0, [%1]" : : "r"(v), "r"(a) : "memory");
}

static inline void mmio_write64(uintptr_t a, uint64_t v)
{
	asm volatile("str %0, [%1]" : : "r"(v), "r"(a) : "memory");
}

static inline void irq_mask(void)
{
	asm volatile("msr daifset, #2" ::: "memory");
}

static inline void irq_unmask(void)
{
	asm volatile("msr daifclr, #2\n\tisb" ::: "memory");
}

static inline uint64_t gictest_mpidr(void)
{
	return SYSREG_READ(mpidr_el1) & 0xff00ffffffull;
}

/** ICC_SGI1R_EL1: SGI intid to the one CPU whose affinity is mpidr. */
static inline void sgi_send(uint64_t mpidr, unsigned intid)
{
	uint64_t v = (uint64_t)intid << 24 | 1ull << (mpidr & 0xf) |
		     ((mpidr >> 8) & 0xff) << 16 | /* Aff1 */
		     ((mpidr >> 16) & 0xff) << 32 | /* Aff2 */
		     ((mpidr >> 32) & 0xff) << 48 | /* Aff3 */
		     ((mpidr & 0xff) >> 4) << 44; /* RS: Aff0 / 16 */

	asm volatile("dsb ishst\n\tmsr S3_0_C12_C11_5, %0\n\tisb" : : "r"(v) : "memory");
}

/** The case: runs once on vCPU 0 after the GIC is up, IRQs masked. */
void gictest_run(uintptr_t dtb);

/** Every non-spurious interrupt the case gets, already acknowledged; the
 *  case EOIs it (when is part of what it tests).  now: CNTVCT at entry. */
void gictest_irq(uint32_t intid, uint64_t now);

/** Spurious acknowledgements (INTID 1020..1023) so far. */
extern volatile unsigned gictest_spurious;

#endif /* CELLS_GICTEST_GICTEST_H */
