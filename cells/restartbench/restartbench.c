// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * Cold-restart benchmark (bench/restart_bench.py): a cell that restarts
 * itself with PSCI SYSTEM_RESET and measures, at its next first
 * instruction, how long the restart took.  Its RAM is zeroed on restart, so
 * the time of the request is kept in its IOC channel, which no restart
 * clears (the channel's first IPA, from the spec).  Prints
 *   restartbench: restart <n> trigger_to_entry_ns=<t>
 * for RESTARTBENCH_ROUNDS rounds, then "restartbench: done".
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "hvc.h"
#include "timer.h"

#define CHANNEL_IPA 0x1000000000ul /* the first channel's IPA (place/ipa.py) */
#define RESTARTBENCH_ROUNDS 10
#define MAGIC 0x7265737461727421ull /* "restart!" */

struct record {
	uint64_t magic;
	uint64_t round;
	uint64_t requested_at; /* counter ticks, just before SYSTEM_RESET */
};

void cell_main(uintptr_t dtb)
{
	volatile struct record *r = (volatile struct record *)CHANNEL_IPA;

	(void)dtb;
	if (r->magic == MAGIC) {
		uint64_t ticks = cell_entry_counter - r->requested_at;
		console_printf("restartbench: restart %lu trigger_to_entry_ns=%lu\n", r->round,
			       timer_ticks_to(ticks, 1000000000ull));
	} else {
		r->magic = MAGIC;
		r->round = 0;
	}
	if (r->round == RESTARTBENCH_ROUNDS) {
		console_puts("restartbench: done\n");
		for (;;)
			asm volatile("wfi");
	}
	r->round = r->round + 1;
	r->requested_at = timer_now();
	hvc_call(0x84000009u, 0, 0, 0, 0, 0); /* PSCI SYSTEM_RESET */
	console_puts("restartbench: SYSTEM_RESET returned\n");
	for (;;)
		asm volatile("wfi");
}
