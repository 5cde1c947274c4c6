/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * The board's physical interrupt controller: distributor, per-core
 * interfaces and the EL2 CPU interface.  One driver per GIC version in
 * drivers/ (gicv3.c, ...); the generator names the board's
 * (SYSCONFIG_GIC_V<n> in sysconfig_gen.h) and only that driver is built in.
 */
#ifndef GIC_H
#define GIC_H

#include "types.h"

#define GIC_INTID_SPURIOUS 1023

/* Distributor registers every GIC version lays out alike (the drivers, and
 * the virtual distributor that emulates them) */
#define GICD_CTLR 0x0000
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICPENDR 0x0280
#define GICD_ISACTIVER 0x0300
#define GICD_ICACTIVER 0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR 0x0c00

/* Where the board's GIC is: a GICv3 uses gicd and gicr (frames 'gicr_stride'
 * apart), a GICv2 gicd and gicc. */
struct gic_layout {
	uint64_t gicd, gicr, gicr_stride, gicc;
};

void gic_dist_init(const struct gic_layout *layout);
/* On the core itself, once per start (the boot core's before gic_dist_init). */
void gic_cpu_init(const struct gic_layout *layout, unsigned int cpu, uint64_t mpidr);
void gic_enable_private(unsigned int cpu, unsigned int intid);
void gic_send_sgi(uint64_t mpidr, unsigned int sgi);
/* The value that sends 'sgi' to core 'mpidr' (GICv3: ICC_SGI1R_EL1), for
 * senders that keep it, and sending it. */
uint64_t gic_sgi_value(uint64_t mpidr, unsigned int sgi);
void gic_sgi_write(uint64_t value);
/* EOI mode 1: gic_eoi drops priority, gic_deactivate ends the interrupt
 * (for interrupts handed to a guest, the guest's EOI deactivates instead). */
uint32_t gic_ack(void);
void gic_eoi(uint32_t intid);
void gic_deactivate(uint32_t intid);

/* Private interrupts of a core by mask: enable 'on', disable 'off'. */
void gic_ppis_set_enabled(unsigned int cpu, uint32_t on, uint32_t off);
/* Disable the PPIs in 'enabled' and deactivate those in 'mask'. */
void gic_ppis_park(unsigned int cpu, uint32_t enabled, uint32_t mask);
/* The pending bit of a PPI of a core or of an SPI: for an active level
 * interrupt, the level of its line. */
bool gic_is_pending(unsigned int cpu, uint32_t intid);
/* The active state of a PPI of a core or of an SPI, read and written. */
bool gic_is_active(unsigned int cpu, uint32_t intid);
void gic_set_active(unsigned int cpu, uint32_t intid, bool on);
void gic_spi_set_enabled(uint32_t intid, bool on);
void gic_spi_set_priority(uint32_t intid, uint8_t prio);
void gic_spi_set_edge(uint32_t intid, bool edge);
void gic_spi_route(uint32_t intid, uint64_t mpidr);
/* End whatever state a guest left an interrupt in (park, stop, restart). */
void gic_spi_quiesce(uint32_t intid);

#endif /* GIC_H */
