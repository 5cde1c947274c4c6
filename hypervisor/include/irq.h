/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* Physical interrupts taken at EL2. */
#ifndef IRQ_H
#define IRQ_H

#define SGI_KICK 0 /* "look at your run queue again" */

#include "types.h"

void irq_cpu_init(unsigned int cpu);
/* Route the physical SPIs of every cell and the console input (boot core). */
void irq_route_init(void);
/* Handle everything pending; true if a kick asked to re-read the run queue. */
bool irq_handle_pending(void);
/* Ask every online core to print what it runs (console diagnostics). */
void irq_request_dump(void);

#endif /* IRQ_H */
