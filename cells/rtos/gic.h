// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * GICv3 for one CPU: distributor and redistributor set up over MMIO, the CPU
 * interface through system registers.  Only architectural registers and only
 * single 32-bit loads and stores, because under Tessera GICD and GICR are
 * trapped and emulated from the fault syndrome, which describes nothing else.
 */
#ifndef CELLS_RTOS_GIC_H
#define CELLS_RTOS_GIC_H

#include <stdint.h>

#define GIC_INTID_SPURIOUS 1020 /* 1020..1023 are special, never EOI'd */

/**
 * Finds GICD/GICR in the device tree at dtb (falls back to the QEMU virt
 * addresses when there is none), brings up the distributor, this CPU's
 * redistributor and the CPU interface.  Prints one line saying what it used.
 * Returns 0, or -1 after printing why.
 */
int gic_init(uintptr_t dtb);

/** Group 1, priority prio, enabled: an SGI or PPI (intid < 32) only. */
int gic_enable_private(unsigned intid, uint8_t prio);

/** Group 1, priority prio, edge- or level-triggered, routed to this CPU,
 *  enabled: a shared peripheral interrupt (32 <= intid < 1020). */
int gic_enable_spi(unsigned intid, uint8_t prio, int edge);

/** Acknowledges the highest-priority pending group-1 interrupt. */
static inline uint32_t gic_ack(void)
{
	uint64_t v;

	asm volatile("mrs %0, S3_0_C12_C12_0" : "=r"(v)); /* ICC_IAR1_EL1 */
	return (uint32_t)v & 0xffffff;
}

/** EOImode 0: this one write both drops the priority and deactivates. */
static inline void gic_eoi(uint32_t intid)
{
	asm volatile("msr S3_0_C12_C12_1, %0" /* ICC_EOIR1_EL1 */
		     :
		     : "r"((uint64_t)intid)
		     : "memory");
}

#endif /* CELLS_RTOS_GIC_H */
