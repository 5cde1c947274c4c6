// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * Cold-restart benchmark (bench/restart_bench.py): a cell that restarts
 * itself with PSCI SYSTEM_RESET and measures, at its next first
 * instruction, how long the restart took.  Its RAM is zeroed on restart, so
 * the time of the request is kept in its IOC channel, which no restart
 * clears (the channel's first IPA, from the spec).  Each instance first
 * prints the short line "restartbench: up" and reads the counter as soon as
 * the trapped write of its newline returns: the hypervisor's vUART puts a
 * cell's line on the physical UART synchronously, in that trap, when the
 * newline arrives (hypervisor/core/console.c, console_line_putc), so by then
 * the whole line is out.  Then it prints
 *   restartbench: restart <n> trigger_to_entry_ns=<t> trigger_to_line_ns=<l>
 * (from SYSTEM_RESET to the next first instruction, and to that first line
 * being out) for RESTARTBENCH_ROUNDS rounds, then "restartbench: done".
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

static uint64_t ticks_to_ns(uint64_t ticks)
{
	return timer_ticks_to(ticks, 1000000000ull);
}

void cell_main(uintptr_t dtb)
{
	volatile struct record *r = (volatile struct record *)CHANNEL_IPA;
	uint64_t line_out;

	(void)dtb;
	/* The first line, and nothing before it: the counter right after the
	 * newline's write returned is when the line is on the console. */
	console_puts("restartbench: up\n");
	line_out = timer_now();
	if (r->magic == MAGIC) {
		console_printf("restartbench: restart %lu trigger_to_entry_ns=%lu "
			       "trigger_to_line_ns=%lu\n",
			       r->round, ticks_to_ns(cell_entry_counter - r->requested_at),
			       ticks_to_ns(line_out - r->requested_at));
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
