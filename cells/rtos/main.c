// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * The rtos demo cell: a 1 ms task counting ticks, a 10 ms task, and a 1 s task
 * that hands its figures to the idle loop, which prints them.  Each second:
 *   rtos: tick <n> latency min=<a>ns avg=<b>ns max=<c>ns samples=<k> missed=<m>
 * latency over the last second; tick and missed since the start.  Built with
 * -DRTOS_REPORT_SECONDS=N (N > 0) it also prints, once, after N seconds:
 *   rtos: done latency min=... avg=... max=... samples=... missed=...
 * over the whole run, and keeps going.  -DBARE: no hypercalls, for QEMU alone.
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "rtos.h"
#include "timer.h"

#ifndef RTOS_REPORT_SECONDS
#define RTOS_REPORT_SECONDS 0
#endif

/* Written by the 1 s task only while full is 0; the idle loop copies it out,
 * then clears full.  One CPU, so a compiler barrier is all the ordering. */
struct main_mailbox {
	volatile int full;
	uint64_t tick, missed;
	struct rtos_lat lat;
};

static struct main_mailbox main_second, main_done;
static uint64_t main_ticks, main_seconds;
static volatile uint64_t main_ctl_out;
/* Reports posted while the previous one was still unprinted. */
static volatile unsigned main_dropped;

static void main_post(struct main_mailbox *r, const struct rtos_lat *lat)
{
	if (r->full) {
		main_dropped++;
		return;
	}
	r->tick = main_ticks;
	r->missed = rtos_missed();
	r->lat = *lat;
	asm volatile("" ::: "memory");
	r->full = 1;
}

static void main_tick(struct rtos_task *t, uint64_t now)
{
	(void)t, (void)now;
	main_ticks++;
}

/** Stands in for a control loop: a few cycles of arithmetic on each run. */
static void main_control(struct rtos_task *t, uint64_t now)
{
	main_ctl_out = main_ctl_out * 31 + (now >> 4) + t->runs;
}

static void main_every_second(struct rtos_task *t, uint64_t now)
{
	struct rtos_lat lat;

	(void)t, (void)now;
	rtos_lat_take(&lat);
	main_post(&main_second, &lat);
	if (RTOS_REPORT_SECONDS && ++main_seconds == RTOS_REPORT_SECONDS) {
		rtos_lat_total(&lat);
		main_post(&main_done, &lat);
	}
}

static struct rtos_task main_tasks[] = {
	{ .name = "tick", .period_us = 1000, .run = main_tick },
	{ .name = "control", .period_us = 10000, .run = main_control },
	{ .name = "report", .period_us = 1000000, .run = main_every_second },
};

#define MAIN_NTASKS (sizeof(main_tasks) / sizeof(main_tasks[0]))

static uint64_t main_ns(uint64_t ticks)
{
	return timer_ticks_to(ticks, 1000000000);
}

/** Copies r out, frees it for the next post, then prints the copy. */
static void main_print(struct main_mailbox *r, int tick)
{
	struct main_mailbox c = *r;
	const struct rtos_lat *l = &c.lat;

	asm volatile("" ::: "memory");
	r->full = 0;
	if (tick)
		console_printf("rtos: tick %lu ", c.tick);
	else
		console_puts("rtos: done ");
	/* avg from the summed ns, so it is finer than one 16 ns tick */
	console_printf("latency min=%luns avg=%luns max=%luns samples=%lu "
		       "missed=%lu\n",
		       l->samples ? main_ns(l->min) : 0,
		       l->samples ? main_ns(l->sum) / l->samples : 0, main_ns(l->max), l->samples,
		       c.missed);
}

void cell_main(uintptr_t dtb)
{
#ifndef BARE
	char name[CELL_NAME_LEN + 1];
	long id = cell_id(name);

	console_printf("rtos: cell %ld '%s'\n", id, name);
#endif
	if (rtos_init(dtb) || rtos_start(main_tasks, MAIN_NTASKS)) {
		console_puts("rtos: cannot start\n");
		for (;;)
			asm volatile("wfi");
	}
	console_printf("rtos: started, period %uus\n", main_tasks[0].period_us);
#ifndef BARE
	/* What the figures are, so nobody reads QEMU's host scheduling as ours;
	 * one hypercall a line, not a trap a byte: it fits the first period's budget. */
	static const char what[] =
		"rtos: each second: release latency of the 1 ms task (timer expiry to its "
		"first instruction, virtual counter) and deadlines missed\n"
		"rtos: under QEMU without -icount the host's scheduling of QEMU's threads "
		"decides these (make run ICOUNT=1 counts instructions)\n";
	console_write(what, sizeof(what) - 1);
#endif
	/* A report posted between the checks and wfi waits at most one tick:
	 * the next 1 ms release wakes us. */
	for (;;) {
		asm volatile("wfi" ::: "memory");
		if (main_second.full)
			main_print(&main_second, 1);
		if (main_done.full)
			main_print(&main_done, 0);
		if (main_dropped) {
			console_printf("rtos: %u report(s) dropped\n", main_dropped);
			main_dropped = 0;
		}
	}
}
