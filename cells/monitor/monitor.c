// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * The monitor cell: watches, from outside, the cells the spec names under
 * monitor.watch (its device tree's "tessera,watch" nodes).  Every
 * MONITOR_SAMPLE_MS it reads what the hypervisor keeps of each watched vCPU
 * (TESSERA_HVC_WATCH_ACTIVITY).  A vCPU whose timer interrupt has been
 * delivered and not taken, with no other taken meanwhile, for the watch's
 * timeout is stuck: a kernel spinning with interrupts off is caught though
 * none of its own code runs.  Then one line, and the watch's on_failure
 * (TESSERA_HVC_WATCH_RECOVER); with on_failure: none the line is all.
 * A watch with a heartbeat also has a channel 'heartbeat-<cell>' (the
 * generator adds it), polled every sample: once the first beat of a
 * connection has come, a silence as long as the timeout applies on_failure
 * the same way.
 * A watch with inspect: read-only maps the watched cell's RAM into the
 * monitor, read-only ("tessera,inspect-window" nodes); the monitor reads the
 * first word of it to say so.
 * A watched Linux kernel reports once per boot where its code, read-only
 * data, system-call table, page tables and module list are (tessera.ko at
 * load, TESSERA_HVC_KERNEL_REPORT); the monitor reads it back
 * (TESSERA_HVC_WATCH_REPORT) and says so, with the first system-call entry
 * read through the window.
 * Built with MONITOR_CRASH_AT_MS, it crashes on purpose once the system has
 * run that long, if it started before: it writes into its first inspect
 * window (or, without one, outside its memory), a fault that stops only the
 * monitor.  The hypervisor restarts it by its own recovery policy, and the
 * new instance, started later, watches on (tests/test_monitor.py).
 * Built with MONITOR_HANG_AT_MS, it hangs then instead, interrupts off: the
 * hypervisor, which watches the monitor (monitor.timeout), applies its
 * recovery.
 * Lines:
 *   monitor: watching '<cell>' (<n> vCPUs, timeout <t> ms, on failure: <what>)
 *   monitor: '<cell>' RAM readable at <ipa> (<k> KiB), first word <w>
 *   monitor: '<cell>' vCPU <i>: timer interrupt not taken for <ms> ms (interrupts off?): <what>
 *   monitor: '<cell>' heartbeat up (every <p> ms)
 *   monitor: '<cell>': no heartbeat for <ms> ms (timeout <t> ms): <what>
 *   monitor: '<cell>' running again
 *   monitor: '<cell>' kernel report (boot <n>): text <a>-<b>, rodata <c>-<d>,
 *            sys_call_table <e> (<k> entries, the first 0x<v>), page tables <f>
 */
#include <stdint.h>

#include "../rtos/rtos.h"
#include "console.h"
#include "fdt.h"
#include "hvc.h"
#include "ioc.h"
#include "timer.h"
#include "watch.h"

#define MONITOR_SAMPLE_MS 10
#define MONITOR_MAX_WATCHES 8

static struct watch watches[MONITOR_MAX_WATCHES];
static unsigned int num_watches;
static volatile uint64_t samples_due;

void watch_copy_name(char *dst, const struct fdt_node *node, const char *prop)
{
	uint32_t len, n = 0;
	uintptr_t src = fdt_node_prop(node, prop, &len);

	for (; src && n < len && n < NAME_LEN - 1 && *(const volatile char *)(src + n); n++)
		dst[n] = *(const volatile char *)(src + n);
	dst[n] = '\0';
}

static int open_heartbeat(struct watch *w, uintptr_t dtb)
{
	char name[NAME_LEN + 16] = "heartbeat-";
	unsigned int n = 10;

	for (const char *p = w->cell; *p && n < sizeof(name) - 1; p++)
		name[n++] = *p;
	name[n] = '\0';
	if (ioc_open(&w->heartbeat, dtb, name)) {
		console_printf("monitor: no channel '%s' in the device tree: no heartbeat\n", name);
		return -1;
	}
	return 0;
}

/* Each inspect window goes to the watch of its cell. */
static void find_windows(uintptr_t dtb)
{
	struct fdt_node node;

	for (unsigned int nth = 0; !fdt_find_node(dtb, "tessera,inspect-window", nth, &node);
	     nth++) {
		struct fdt_reg reg;

		if (fdt_node_reg(&node, &reg, 1) != 1)
			continue;
		for (unsigned int i = 0; i < num_watches; i++) {
			struct watch *w = &watches[i];

			if (w->window.size || !fdt_node_str_is(&node, "tessera,cell", w->cell))
				continue;
			w->window = reg;
			w->window_cell_ipa = fdt_node_u64(&node, "tessera,cell-ipa", 0);
			console_printf(
				"monitor: '%s' RAM readable at 0x%lx (%lu KiB), first word 0x%lx\n",
				w->cell, (unsigned long)reg.base, (unsigned long)(reg.size >> 10),
				(unsigned long)*(const volatile uint64_t *)reg.base);
		}
	}
}

static void find_watches(uintptr_t dtb)
{
	struct fdt_node node;

	for (unsigned int nth = 0;
	     num_watches < MONITOR_MAX_WATCHES && !fdt_find_node(dtb, "tessera,watch", nth, &node);
	     nth++) {
		struct watch *w = &watches[num_watches++];

		w->index = fdt_node_u32(&node, "tessera,index", 0);
		w->vcpus = fdt_node_u32(&node, "tessera,vcpus", 1);
		if (w->vcpus > MONITOR_MAX_VCPUS)
			w->vcpus = MONITOR_MAX_VCPUS;
		w->timeout_ms = fdt_node_u32(&node, "tessera,timeout-ms", 1000);
		w->timeout = timer_us_to_ticks(w->timeout_ms * 1000ull);
		watch_copy_name(w->cell, &node, "tessera,cell");
		watch_copy_name(w->on_failure, &node, "tessera,on-failure");
		w->heartbeat_ms = fdt_node_u32(&node, "tessera,heartbeat-ms", 0);
		if (w->heartbeat_ms && open_heartbeat(w, dtb))
			w->heartbeat_ms = 0;
		console_printf("monitor: watching '%s' (%u vCPUs, timeout %u ms, on failure: %s)\n",
			       w->cell, w->vcpus, w->timeout_ms, w->on_failure);
	}
}

const char *watch_recover(struct watch *w, unsigned int why)
{
	long r = (long)hvc_call(TESSERA_HVC_WATCH_RECOVER, w->index, why, 0, 0, 0);

	if (r == TESSERA_OK) {
		w->recovering = 1;
		return w->on_failure;
	}
	return r == TESSERA_BUSY ? "busy, asking again" : "reported only";
}

/* One vCPU's sample: true if it has been stuck for the watch's timeout. */
static int stuck(struct watch *w, unsigned int i, const struct hvc_res *r, uint64_t now)
{
	struct seen *s = &w->vcpu[i];
	int waiting = (r->x3 & TESSERA_ACTIVITY_TIMER_WAITING) != 0;

	if (!waiting || r->x1 != s->timer_irqs)
		s->waiting_since = waiting ? now : 0;
	s->timer_irqs = r->x1;
	return s->waiting_since && now - s->waiting_since >= w->timeout;
}

/* After asking for a recovery: the cell is back once one of its vCPUs runs. */
static void look_for_return(struct watch *w)
{
	for (unsigned int i = 0; i < w->vcpus; i++) {
		struct hvc_res r = hvc_call_res(TESSERA_HVC_WATCH_ACTIVITY, w->index, i, 0, 0, 0);

		if ((long)r.x0 == TESSERA_OK && (r.x3 & TESSERA_ACTIVITY_RUNNING)) {
			w->recovering = 0;
			console_printf("monitor: '%s' running again\n", w->cell);
			return;
		}
	}
}

static void sample(struct watch *w, uint64_t now)
{
	if (w->recovering) {
		look_for_return(w);
		return;
	}
	for (unsigned int i = 0; i < w->vcpus && !w->recovering; i++) {
		struct hvc_res r = hvc_call_res(TESSERA_HVC_WATCH_ACTIVITY, w->index, i, 0, 0, 0);

		if ((long)r.x0 != TESSERA_OK || !(r.x3 & TESSERA_ACTIVITY_RUNNING)) {
			w->vcpu[i].waiting_since = 0;
			continue;
		}
		if (!stuck(w, i, &r, now))
			continue;
		uint64_t ms = timer_ticks_to(now - w->vcpu[i].waiting_since, 1000);

		w->vcpu[i].waiting_since = 0;
		console_printf("monitor: '%s' vCPU %u: timer interrupt not taken for %lu ms "
			       "(interrupts off?): %s\n",
			       w->cell, i, (unsigned long)ms,
			       watch_recover(w, TESSERA_WATCH_WHY_STUCK));
	}
}

uintptr_t watch_window(const struct watch *w, uint64_t ipa, uint64_t len)
{
	uint64_t off = ipa - w->window_cell_ipa;

	if (!w->window.size || ipa < w->window_cell_ipa || off >= w->window.size ||
	    len > w->window.size - off)
		return 0;
	return (uintptr_t)(w->window.base + off);
}

/* A kernel report from a boot not seen yet: take it and say what it names. */
static void look_for_report(struct watch *w)
{
	struct hvc_res r = hvc_call_res(TESSERA_HVC_WATCH_REPORT, w->index, (uintptr_t)&w->kernel,
					sizeof(w->kernel), 0, 0);
	const struct tessera_kernel_report *k = &w->kernel;

	if ((long)r.x0 != TESSERA_OK)
		return;
	w->boot = r.x1;
	if (!r.x2 || r.x1 == w->kernel_boots)
		return;
	w->kernel_boots = r.x1;
	uintptr_t table = watch_window(w, k->syscall_table[0], 8);

	console_printf("monitor: '%s' kernel report (boot %lu): text 0x%lx-0x%lx, rodata "
		       "0x%lx-0x%lx, sys_call_table 0x%lx (%lu entries, the first 0x%lx), page "
		       "tables 0x%lx\n",
		       w->cell, (unsigned long)r.x1, (unsigned long)k->text[0],
		       (unsigned long)k->text[1], (unsigned long)k->rodata[0],
		       (unsigned long)k->rodata[1], (unsigned long)k->syscall_table[0],
		       (unsigned long)((k->syscall_table[1] - k->syscall_table[0]) / 8),
		       table ? (unsigned long)*(const volatile uint64_t *)table : 0ul,
		       (unsigned long)k->pgd);
}

#ifdef MONITOR_CRASH_AT_MS
static void crash_if_due(uint64_t started, uint64_t now)
{
	uint64_t at = timer_us_to_ticks(MONITOR_CRASH_AT_MS * 1000ull);

	if (started < at && now >= at) {
		/* read-only, or no memory at all: a stage-2 fault either way */
		uintptr_t target = num_watches && watches[0].window.size ? watches[0].window.base
									 : 0x10;

		asm volatile("" : "+r"(target)); /* an address the compiler cannot see through */
		console_printf("monitor: crashing on purpose: a write to 0x%lx\n",
			       (unsigned long)target);
		*(volatile uint64_t *)target = 1;
	}
}
#elif defined(MONITOR_HANG_AT_MS)
/* Hangs instead: interrupts off, no more samples; the hypervisor's watch on
 * the monitor (monitor.timeout) applies its recovery. */
static void crash_if_due(uint64_t started, uint64_t now)
{
	if (started < timer_us_to_ticks(MONITOR_HANG_AT_MS * 1000ull) &&
	    now >= timer_us_to_ticks(MONITOR_HANG_AT_MS * 1000ull)) {
		console_puts("monitor: hanging on purpose, interrupts off\n");
		asm volatile("msr daifset, #2" ::: "memory");
		for (;;) /* as a kernel stuck with interrupts off (cells/monitor/spinner.c) */
			;
	}
}
#else
static void crash_if_due(uint64_t started, uint64_t now)
{
	(void)started;
	(void)now;
}
#endif

/* The heartbeats that came since the last look; on_failure after a silence
 * as long as the timeout, once the connection's first beat has come. */
static void listen(struct watch *w, uint64_t now)
{
	uint64_t beat;
	int r, beats = 0;

	if (!w->heartbeat_ms || w->recovering)
		return;
	while ((r = ioc_recv(&w->heartbeat, &beat, sizeof(beat))) >= 0)
		beats++;
	if (r != TIOC_EAGAIN) { /* not connected (it restarted), or broken or too long: anew */
		if (r != TIOC_ENOTCONN)
			ioc_reset(&w->heartbeat);
		w->last_beat = 0;
		return;
	}
	if (beats) {
		if (!w->last_beat)
			console_printf("monitor: '%s' heartbeat up (every %u ms)\n", w->cell,
				       w->heartbeat_ms);
		w->last_beat = now;
		return;
	}
	if (!w->last_beat || now - w->last_beat < w->timeout)
		return;
	uint64_t ms = timer_ticks_to(now - w->last_beat, 1000);

	w->last_beat = 0;
	console_printf("monitor: '%s': no heartbeat for %lu ms (timeout %u ms): %s\n", w->cell,
		       (unsigned long)ms, w->timeout_ms,
		       watch_recover(w, TESSERA_WATCH_WHY_HEARTBEAT));
}

static void tick(struct rtos_task *task, uint64_t now)
{
	(void)task;
	(void)now;
	samples_due = samples_due + 1;
}

static struct rtos_task tasks[] = {
	{ .name = "sample", .period_us = MONITOR_SAMPLE_MS * 1000, .run = tick },
};

void cell_main(uintptr_t dtb)
{
	uint64_t done = 0, started = timer_now();

	find_watches(dtb);
	find_windows(dtb);
	rules_find(dtb, watches, num_watches);
	if (!num_watches)
		console_puts("monitor: no cell to watch in the device tree\n");
	if (rtos_init(dtb) || rtos_start(tasks, 1)) {
		console_puts("monitor: set-up failed\n");
		for (;;)
			asm volatile("wfi");
	}
	for (;;) {
		asm volatile("wfi");
		if (samples_due == done)
			continue;
		done = samples_due;
		uint64_t now = timer_now();

		for (unsigned int i = 0; i < num_watches; i++) {
			sample(&watches[i], now);
			listen(&watches[i], now);
			look_for_report(&watches[i]);
			rules_check(&watches[i], now);
		}
		crash_if_due(started, now);
	}
}
