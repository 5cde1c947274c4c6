// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * A cell for the monitor to catch (tests/test_monitor.py): it takes its
 * timer interrupt every 10 ms for SPINNER_CALM_MS, then masks interrupts
 * and spins for good, as a kernel stuck with interrupts off would.  The
 * monitor's recovery restarts it, and it does the same again.  First it
 * tries the monitor's own hypercalls, which only the monitor may make.
 * Built with SPINNER_CHECKPOINT, it then checkpoints itself (its cell needs
 * a checkpoint area): a restore comes back from that call, ticking again.
 * It also sends a kernel report of itself (a made-up one, naming a table of
 * its own as the system-call table): first one the hypervisor must refuse,
 * then a good one, then the same again, which this boot may not send.
 * Before its report it fills TABLE_IPA with a pattern, which a rule of the
 * spec may hash.  Built with SPINNER_TAMPER, it changes a word of it after
 * SPINNER_CALM_MS instead of spinning, and ticks on.
 * Lines:
 *   spinner: watch activity <x0>, watch recover <x0>   (-3: refused)
 *   spinner: kernel report: bad <x0>, first <x0>, again <x0>   (-2, 0, -3)
 *   spinner: checkpoint call returned <x0>          (SPINNER_CHECKPOINT)
 *   spinner: ticking
 *   spinner: spinning with interrupts off after <n> ticks
 *   spinner: changing the word at 0x<ipa>             (SPINNER_TAMPER)
 */
#include <stdint.h>

#include "../rtos/rtos.h"
#include "console.h"
#include "hvc.h"
#include "timer.h"
#include "tessera_watch.h"

#define SPINNER_CALM_MS 300
#define TABLE_IPA 0x40100000ul /* 1 MiB into its RAM: past the image, before the DTB */
#define TABLE_WORDS 512
#define TAMPERED_WORD 32

static volatile uint64_t ticks;

static void tick(struct rtos_task *task, uint64_t now)
{
	(void)task;
	(void)now;
	ticks = ticks + 1;
}

static struct rtos_task tasks[] = {
	{ .name = "tick", .period_us = 10000, .run = tick },
};

/* What the monitor reads back through its window: the first entry says so. */
static const uint64_t fake_syscalls[4] = { 0x5ca11ab1e0000001ull, 2, 3, 4 };

static long send_report(uint32_t magic)
{
	static struct tessera_kernel_report r;
	const uint64_t ram = 0x40000000; /* cell.ld: where the image runs */

	r.magic = magic;
	r.version = TESSERA_KERNEL_REPORT_VERSION;
	r.text[0] = r.rodata[0] = r.pgd = ram;
	r.text[1] = r.rodata[1] = ram + 4096;
	r.syscall_table[0] = (uintptr_t)fake_syscalls;
	r.syscall_table[1] = (uintptr_t)fake_syscalls + sizeof(fake_syscalls);
	r.va_bits = 48;
	r.module_name_len = 56;
	return (long)hvc_call(TESSERA_HVC_KERNEL_REPORT, (uintptr_t)&r, sizeof(r), 0, 0, 0);
}

void cell_main(uintptr_t dtb)
{
	console_printf("spinner: watch activity %ld, watch recover %ld\n",
		       (long)hvc_call(TESSERA_HVC_WATCH_ACTIVITY, 0, 0, 0, 0, 0),
		       (long)hvc_call(TESSERA_HVC_WATCH_RECOVER, 0, 0, 0, 0, 0));
	for (unsigned int i = 0; i < TABLE_WORDS; i++)
		((volatile uint64_t *)TABLE_IPA)[i] = 0x7ab1e00000000000ull + i;
	long bad = send_report(~TESSERA_KERNEL_REPORT_MAGIC),
	     first = send_report(TESSERA_KERNEL_REPORT_MAGIC);

	console_printf("spinner: kernel report: bad %ld, first %ld, again %ld\n", bad, first,
		       send_report(TESSERA_KERNEL_REPORT_MAGIC));
#ifdef SPINNER_CHECKPOINT
	console_printf("spinner: checkpoint call returned %ld\n",
		       (long)hvc_call(TESSERA_HVC_CHECKPOINT, 0, 0, 0, 0, 0));
#endif
	if (rtos_init(dtb) || rtos_start(tasks, 1)) {
		console_puts("spinner: set-up failed\n");
		for (;;)
			asm volatile("wfi");
	}
	console_puts("spinner: ticking\n");
	uint64_t until = timer_now() + timer_us_to_ticks(SPINNER_CALM_MS * 1000ull);

	while ((int64_t)(timer_now() - until) < 0)
		asm volatile("wfi");
#ifdef SPINNER_TAMPER
	volatile uint64_t *word = (volatile uint64_t *)TABLE_IPA + TAMPERED_WORD;

	console_printf("spinner: changing the word at 0x%lx\n", (unsigned long)(uintptr_t)word);
	*word = ~*word;
	for (;;)
		asm volatile("wfi");
#endif
	console_printf("spinner: spinning with interrupts off after %lu ticks\n",
		       (unsigned long)ticks);
	asm volatile("msr daifset, #2" ::: "memory");
	for (;;)
		;
}
