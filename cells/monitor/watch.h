/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * The monitor cell's view of one watch (monitor.c), shared with its
 * integrity rules (rules.c).
 */
#ifndef MONITOR_WATCH_H
#define MONITOR_WATCH_H

#include <stdint.h>

#include "fdt.h"
#include "ioc.h"
#include "tessera_watch.h"

#define MONITOR_MAX_VCPUS 16
#define NAME_LEN 32

struct seen {
	uint64_t timer_irqs; /* as last sampled */
	uint64_t waiting_since; /* counter ticks: the timer interrupt untaken since; 0: it is not */
};

struct rule;

struct watch {
	uint32_t index; /* tessera,index: what the hypercalls name */
	uint32_t vcpus;
	uint64_t timeout; /* counter ticks */
	uint32_t timeout_ms;
	char cell[NAME_LEN];
	char on_failure[NAME_LEN];
	int recovering; /* asked for its recovery; waiting to see it run again */
	uint32_t heartbeat_ms; /* 0: no heartbeat */
	struct ioc heartbeat; /* the channel 'heartbeat-<cell>' */
	uint64_t last_beat; /* counter ticks; 0: none yet on this connection */
	struct fdt_reg window; /* its RAM, read-only (inspect: read-only); size 0: none */
	uint64_t window_cell_ipa; /* where the window's first byte is in the watched cell */
	uint64_t boot; /* the watched cell's boot count, as last read */
	uint64_t kernel_boots; /* the boot whose kernel report was last taken; 0: none */
	struct tessera_kernel_report kernel;
	struct rule *rules; /* num_rules of them (rules.c) */
	uint32_t num_rules;
	struct seen vcpu[MONITOR_MAX_VCPUS];
};

/** Asks for the watch's on_failure, saying why (TESSERA_WATCH_WHY_*); what became of
 *  it, for the report line. */
const char *watch_recover(struct watch *w, unsigned int why);

/** A string property of a DT node, NUL-terminated, cut to NAME_LEN - 1 bytes. */
void watch_copy_name(char *dst, const struct fdt_node *node, const char *prop);

/** Where the watched cell's bytes [ipa, ipa + len) are readable here, or 0. */
uintptr_t watch_window(const struct watch *w, uint64_t ipa, uint64_t len);

/** Reads the "tessera,watch-rule" nodes into the watches they name (rules.c). */
void rules_find(uintptr_t dtb, struct watch *watches, unsigned int num_watches);

/** Checks the watch's rules that are due (rules.c). */
void rules_check(struct watch *w, uint64_t now);

#endif /* MONITOR_WATCH_H */
