/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* Physical GICv3: distributor, redistributors and the EL2 CPU interface. */
#ifndef GICV3_H
#define GICV3_H

#include "types.h"

#define GIC_INTID_SPURIOUS 1023

void gicv3_dist_init(uint64_t gicd_pa);
void gicv3_cpu_init(unsigned int cpu, uint64_t gicr_pa, uint64_t stride, uint64_t mpidr);
void gicv3_enable_private(unsigned int cpu, unsigned int intid);
void gicv3_send_sgi(uint64_t mpidr, unsigned int sgi);
/* The ICC_SGI1R_EL1 value that sends 'sgi' to core 'mpidr', for senders
 * that keep it, and sending it. */
uint64_t gicv3_sgi_value(uint64_t mpidr, unsigned int sgi);
void gicv3_sgi_write(uint64_t value);
/* EOI mode 1: gicv3_eoi drops priority, gicv3_deactivate ends the interrupt
 * (for interrupts handed to a guest, the guest's EOI deactivates instead). */
uint32_t gicv3_ack(void);
void gicv3_eoi(uint32_t intid);
void gicv3_deactivate(uint32_t intid);

/* Private interrupts of a core by mask: enable 'on', disable 'off'. */
void gicv3_ppis_set_enabled(unsigned int cpu, uint32_t on, uint32_t off);
/* Disable the PPIs in 'enabled' and deactivate those in 'mask'. */
void gicv3_ppis_park(unsigned int cpu, uint32_t enabled, uint32_t mask);
/* The pending bit of a PPI of a core or of an SPI: for an active level
 * interrupt, the level of its line. */
bool gicv3_is_pending(unsigned int cpu, uint32_t intid);
/* The active state of a PPI of a core or of an SPI, read and written. */
bool gicv3_is_active(unsigned int cpu, uint32_t intid);
void gicv3_set_active(unsigned int cpu, uint32_t intid, bool on);
void gicv3_spi_set_enabled(uint32_t intid, bool on);
void gicv3_spi_set_priority(uint32_t intid, uint8_t prio);
void gicv3_spi_set_edge(uint32_t intid, bool edge);
void gicv3_spi_route(uint32_t intid, uint64_t mpidr);
/* End whatever state a guest left an interrupt in (park, stop, restart). */
void gicv3_spi_quiesce(uint32_t intid);

#endif /* GICV3_H */
