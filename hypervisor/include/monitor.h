/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * The monitor cell's rights (spec: monitor): it may read what the hypervisor
 * keeps of each watched cell's vCPUs and ask for the watch's on_failure
 * recovery of a watched cell, and nothing else.  Both are hypercalls checked
 * against the generated tables (sys_config.monitor).
 */
#ifndef MONITOR_H
#define MONITOR_H

#include "types.h"

struct cell;

struct watch_activity {
	uint64_t timer_irqs, exits, flags; /* TESSERA_ACTIVITY_* */
};

/* TESSERA_HVC_WATCH_ACTIVITY for caller 'c': a TESSERA_* code, *out filled on TESSERA_OK. */
int64_t monitor_activity(const struct cell *c, uint64_t watch, uint64_t vcpu,
			 struct watch_activity *out);

/* TESSERA_HVC_WATCH_RECOVER for caller 'c': a TESSERA_* code. */
int64_t monitor_recover(const struct cell *c, uint64_t watch);

/* The monitor's watch of cell 'c' (for hv> list), or NULL if no watch names it. */
const struct monitor_watch *monitor_watch_of(const struct cell *c);

#endif /* MONITOR_H */
