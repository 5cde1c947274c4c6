/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* The hypervisor's own interrupts, and the entry for those taken from a guest. */
#ifndef ARCH_IRQ_H
#define ARCH_IRQ_H

#include "types.h"

#define SGI_KICK 0 /* "look at your run queue again" */
#define SGI_DOORBELL 1 /* "a doorbell was posted for your vCPU" (vgic_posted.c) */
#define INTID_HYP_TIMER 26 /* CNTHP: the hypervisor's own deadlines (hvtimer.h) */

/* A physical interrupt arrived while a guest ran; the vector acknowledged it
 * already (see the virtual-timer fast path in vectors.S). */
void trap_guest_irq(uint32_t intid);

#endif /* ARCH_IRQ_H */
