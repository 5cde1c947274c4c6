// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * Micro-benchmarks on the virtual counter: the cheapest hypercall, one trapped
 * write to the console UART's data register (the board's model), one emulated
 * GIC distributor read (the board's GIC, from the DTB), and the bare loop they
 * all run in.  Each runs once to warm up, then once measured.  Prints
 * machine-readable lines.
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "fdt.h"
#include "hvc.h"
#include "uart.h"
#include "timer.h"

#ifndef BENCH_ITERS
#define BENCH_ITERS 10000
#endif
#ifndef BENCH_CONSOLE_ITERS
#define BENCH_CONSOLE_ITERS 1024 /* characters, a multiple of the line */
#endif
#define BENCH_LINE 64 /* 63 dots and a newline */

static uint64_t bench_loop(unsigned n)
{
	uint64_t t0 = timer_now();

	for (unsigned i = 0; i < n; i++)
		asm volatile("" ::: "memory");
	return timer_now() - t0;
}

static uint64_t bench_hvc_null(unsigned n)
{
	uint64_t t0 = timer_now();

	for (unsigned i = 0; i < n; i++)
		hvc_call(TESSERA_HVC_VERSION, 0, 0, 0, 0, 0);
	return timer_now() - t0;
}

/** Writes the data register directly, without polling, so each byte is one trap. */
static uint64_t bench_console_write(unsigned n)
{
	uint64_t t0 = timer_now();

	for (unsigned i = 0; i < n; i++)
		uart_write_data(i % BENCH_LINE == BENCH_LINE - 1 ? '\n' : '.');
	return timer_now() - t0;
}

#define GICD_TYPER 0x004

/** The distributor's address, as the DTB has it (GICv3 or GIC-400). */
static uintptr_t bench_gicd(uintptr_t dtb)
{
	struct fdt_reg reg;

	if (fdt_find_reg(dtb, "arm,gic-v3", &reg, 1) || fdt_find_reg(dtb, "arm,gic-400", &reg, 1))
		return (uintptr_t)reg.base;
	return 0x08000000ul; /* qemu-virt's */
}

/** One 32-bit read of GICD_TYPER per iteration: a trapped, emulated read. */
static uint64_t bench_gicd_read(uintptr_t gicd, unsigned n)
{
	volatile uint32_t *typer = (volatile uint32_t *)(gicd + GICD_TYPER);
	uint64_t t0 = timer_now();

	for (unsigned i = 0; i < n; i++)
		(void)*typer;
	return timer_now() - t0;
}

/** Prints "<name>=<ns per iteration, one decimal>". */
static void bench_print_ns(const char *name, uint64_t ticks, unsigned n)
{
	uint64_t tenths = timer_ticks_to(ticks, 10000000000ull) / n;

	console_printf("%s=%lu.%lu", name, tenths / 10, tenths % 10);
}

static uint64_t bench_minus(uint64_t a, uint64_t b)
{
	return a > b ? a - b : 0;
}

void cell_main(uintptr_t dtb)
{
	uint64_t loop, hvc, cons, gicd;
	uintptr_t gicd_base = bench_gicd(dtb);

	console_printf("bench: counter %lu Hz\n", timer_freq());
	console_printf("bench: entry_ns=%lu\n",
		       (unsigned long)(cell_entry_counter * 1000000000ull / timer_freq()));

	bench_loop(BENCH_ITERS);
	loop = bench_loop(BENCH_ITERS);
	bench_hvc_null(BENCH_ITERS);
	hvc = bench_hvc_null(BENCH_ITERS);
	bench_console_write(BENCH_CONSOLE_ITERS);
	cons = bench_console_write(BENCH_CONSOLE_ITERS);
	bench_gicd_read(gicd_base, BENCH_ITERS);
	gicd = bench_gicd_read(gicd_base, BENCH_ITERS);

	console_puts("bench: ");
	bench_print_ns("hvc_null_ns", bench_minus(hvc, loop), BENCH_ITERS);
	console_printf(" iters=%u\n", BENCH_ITERS);
	console_puts("bench: ");
	bench_print_ns("console_write_ns",
		       bench_minus(cons, loop * BENCH_CONSOLE_ITERS / BENCH_ITERS),
		       BENCH_CONSOLE_ITERS);
	console_printf(" iters=%u\n", BENCH_CONSOLE_ITERS);
	console_puts("bench: ");
	bench_print_ns("gicd_read_ns", bench_minus(gicd, loop), BENCH_ITERS);
	console_printf(" iters=%u\n", BENCH_ITERS);
	console_puts("bench: ");
	bench_print_ns("loop_ns", loop, BENCH_ITERS);
	console_printf(" iters=%u\n", BENCH_ITERS);
	console_puts("bench: done\n");
	for (;;)
		asm volatile("wfi");
}
