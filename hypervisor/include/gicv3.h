/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* Physical GICv3: distributor, redistributors and the EL2 CPU interface. */
#ifndef GICV3_H
#define GICV3_H

#include "types.h"

#define GIC_INTID_SPURIOUS 1023

void gicv3_dist_init(uint64_t gicd_pa);
void gicv3_cpu_init(unsigned int cpu, uint64_t gicr_pa, uint64_t stride, uint64_t mpidr);
void gicv3_enable_sgi(unsigned int cpu, unsigned int sgi);
void gicv3_send_sgi(uint64_t mpidr, unsigned int sgi);
uint32_t gicv3_ack(void);
void gicv3_eoi(uint32_t intid);

#endif /* GICV3_H */
