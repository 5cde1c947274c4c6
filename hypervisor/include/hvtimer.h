/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Each core's EL2 timer, shared by the hypervisor's own deadlines on that
 * core: the scheduler's next decision, the console's line flush, on the
 * boot core the power policy's window, and on the core the monitor cell
 * sampled on last, the hypervisor's watch on the monitor.
 */
#ifndef HVTIMER_H
#define HVTIMER_H

#include "types.h"

enum hvtimer_kind {
	HVTIMER_SCHED = 0,
	HVTIMER_FLUSH = 1,
	HVTIMER_POLICY = 2,
	HVTIMER_WATCHDOG = 3,
	HVTIMER_KINDS
};

struct hvtimer {
	uint64_t at_ns[HVTIMER_KINDS]; /* 0: not armed */
	uint64_t armed_ns; /* what the hardware holds, 0 if off */
};

/* Arm (at_ns != 0) or cancel (0) one deadline of this core. */
void hvtimer_set(enum hvtimer_kind kind, uint64_t at_ns);
/* Arm it 'ns' from now, unless it is armed already (then cheap: a hot path's). */
void hvtimer_set_once_after(enum hvtimer_kind kind, uint64_t ns);
/* The timer interrupt: the kinds whose deadline passed (bit per kind), now disarmed. */
uint32_t hvtimer_expired(void);

#endif /* HVTIMER_H */
