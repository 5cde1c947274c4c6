/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* Physical interrupts taken at EL2. */
#ifndef IRQ_H
#define IRQ_H

#define SGI_KICK 0 /* "look at your run queue again" */

void irq_cpu_init(unsigned int cpu);
/* Handle everything pending; returns once the GIC reports nothing more. */
void irq_handle_pending(void);

#endif /* IRQ_H */
