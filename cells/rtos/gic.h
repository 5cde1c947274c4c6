// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * The GIC for one CPU: a GICv3 (distributor and redistributor over MMIO, the
 * CPU interface through system registers) or a GICv2 (GIC-400: distributor
 * and CPU interface over MMIO), whichever the device tree names.  Only
 * architectural registers and only single 32-bit loads and stores, because
 * under Tessera GICD and GICR are trapped and emulated from the fault
 * syndrome, which describes nothing else.  On a GICv2 everything is group 0
 * (no security extensions): group 0 is what its CPU interface signals.
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

/** A GICv2's CPU interface (GICC), or 0 on a GICv3. */
extern uintptr_t gic_cpu_if;
uint32_t gic_v2_ack(void);
void gic_v2_eoi(uint32_t intid);

/** Acknowledges the highest-priority pending interrupt (group 1; group 0 on
 *  a GICv2). */
static inline uint32_t gic_ack(void)
{
	uint64_t v;

	if (gic_cpu_if)
		return gic_v2_ack();
	asm volatile("mrs %0, S3_0_C12_C12_0" : "=r"(v)); /* ICC_IAR1_EL1 */
	return (uint32_t)v & 0xffffff;
}

/** EOImode 0: this one write both drops the priority and deactivates. */
static inline void gic_eoi(uint32_t intid)
{
	if (gic_cpu_if) {
		gic_v2_eoi(intid);
		return;
	}
	asm volatile("msr S3_0_C12_C12_1, %0" /* ICC_EOIR1_EL1 */
		     :
		     : "r"((uint64_t)intid)
		     : "memory");
}

#endif /* CELLS_RTOS_GIC_H */
