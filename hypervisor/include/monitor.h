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

#include "spinlock.h"
#include "types.h"
#include "uapi/tessera_watch.h"

struct cell;

/* What a watched cell's kernel reported of itself this boot (its first
 * TESSERA_HVC_KERNEL_REPORT), in its struct cell.  Its own lock: never the
 * cell's, which a restart holds for long. */
struct watched_kernel {
	spinlock_t lock;
	uint32_t boots; /* cold starts of the cell, the first one included */
	bool reported; /* this boot reported: report holds it */
	struct tessera_kernel_report report;
	/* Its watch's integrity rules, this boot: the reference hash of each (once set),
	 * and which ones the last check found violated. */
	uint64_t reference[TESSERA_WATCH_RULES_MAX];
	uint32_t referenced, violated; /* bit masks by rule */
	/* Since the hypervisor started: checks, violations (a rule that held, then did
	 * not), the last check's time (ns). */
	uint64_t checks, violations, checked_at_ns;
	uint32_t heartbeats_missed; /* the monitor's TESSERA_WATCH_WHY_HEARTBEAT requests */
};

struct watch_check {
	uint64_t holds, reference;
};

struct watch_activity {
	uint64_t timer_irqs, exits, flags; /* TESSERA_ACTIVITY_* */
};

/* TESSERA_HVC_WATCH_ACTIVITY for caller 'c': a TESSERA_* code, *out filled on TESSERA_OK. */
int64_t monitor_activity(const struct cell *c, uint64_t watch, uint64_t vcpu,
			 struct watch_activity *out);

/* TESSERA_HVC_WATCH_RECOVER for caller 'c': a TESSERA_* code. */
int64_t monitor_recover(const struct cell *c, uint64_t watch, uint64_t why);

/* TESSERA_HVC_KERNEL_REPORT for caller 'c': a TESSERA_* code. */
int64_t monitor_kernel_report(struct cell *c, uint64_t ipa, uint64_t size);

/* TESSERA_HVC_WATCH_REPORT for caller 'c': a TESSERA_* code; on TESSERA_OK
 * *boots and *reported, and the report copied to the caller's buffer if there is one. */
int64_t monitor_watch_report(const struct cell *c, uint64_t watch, uint64_t ipa, uint64_t size,
			     uint64_t *boots, uint64_t *reported);

/* TESSERA_HVC_WATCH_CHECK for caller 'c': a TESSERA_* code, *out filled on TESSERA_OK. */
int64_t monitor_watch_check(const struct cell *c, uint64_t watch, uint64_t rule, uint64_t boot,
			    uint64_t kind, uint64_t value, struct watch_check *out);

/* The hypervisor's watch on the monitor cell itself: the deadline its last
 * sample set passed (the EL2 timer of the core it sampled on).  No sample
 * since, for monitor.timeout: the monitor cell's own recovery applies. */
void monitor_watchdog(void);

/* Cell 'c' starts cold (core/cell_load.c): a new boot, nothing reported yet. */
void monitor_cell_cold_start(struct cell *c);

/* The monitor's watch of cell 'c' (for hv> list), or NULL if no watch names it. */
const struct monitor_watch *monitor_watch_of(const struct cell *c);

#endif /* MONITOR_H */
