// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * H8: RAM scrubbing.  Needs `recovery: restart`; put it first in its spec
 * (cell 0's RAM is where QEMU leaves its own device tree).  At each boot it
 * counts the nonzero bytes of its RAM outside what the hypervisor put there
 * or this cell uses (its image and .bss, the top of its stack, and the DTB
 * at x0, with the size its header gives) and prints
 *   hostile: ram nonzero bytes=<n> first=<IPA of the first, or 0>
 * then fills that free RAM with a marker and calls SYSTEM_RESET, so the next
 * boot shows whether the marker survived the restart.
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "psci.h"

#define SCRUB_MARKER 0xa5a5a5a5a5a5a5a5ul
#define SCRUB_ALIGN 64ul /* exclusions are rounded outwards to this */
#define SCRUB_STACK_USED 0x1000ul /* the top of the stack this cell really uses */
#define SCRUB_MAX_SPANS 4

/* cell.ld: the loaded image ends before .bss; .bss (zeroed by start.S) and
 * then the stack follow, up to __stack_top. */
extern char __bss_end[], __stack_top[];

struct scrub_span {
	uintptr_t lo, hi;
};

static uint32_t scrub_be32(uintptr_t p)
{
	return __builtin_bswap32(*(const volatile uint32_t *)p);
}

static uintptr_t scrub_down(uintptr_t a)
{
	return a & ~(SCRUB_ALIGN - 1);
}

static uintptr_t scrub_up(uintptr_t a)
{
	return scrub_down(a + SCRUB_ALIGN - 1);
}

/*
 * Free RAM: the cell's RAM without what the hypervisor loaded or start.S
 * zeroed (image and .bss), the part of the stack in use, and the DTB.  The
 * rest of the stack counts: nothing has written there yet, and the tail of
 * QEMU's DTB, cut by our image, lies there on cell 0 today.
 */
static unsigned scrub_free_spans(uintptr_t dtb, struct scrub_span out[SCRUB_MAX_SPANS])
{
	struct scrub_span ex[3] = {
		{ CELL_RAM_BASE, scrub_up((uintptr_t)__bss_end) },
		{ scrub_down((uintptr_t)__stack_top - SCRUB_STACK_USED), (uintptr_t)__stack_top },
		{ scrub_down(dtb), scrub_up(dtb + scrub_be32(dtb + 4)) },
	};
	uintptr_t a = CELL_RAM_BASE, ram_end = CELL_RAM_BASE + CELL_RAM_SIZE;
	unsigned n = 0;

	if (ex[2].lo < ex[1].hi || ex[2].hi > ram_end) /* the DTB is not after the image */
		ex[2] = (struct scrub_span){ ram_end, ram_end };
	for (unsigned i = 0; i < 3; i++) { /* the exclusions are in address order */
		if (a < ex[i].lo)
			out[n++] = (struct scrub_span){ a, ex[i].lo };
		a = ex[i].hi;
	}
	if (a < ram_end)
		out[n++] = (struct scrub_span){ a, ram_end };
	return n;
}

void cell_main(uintptr_t dtb)
{
	struct scrub_span span[SCRUB_MAX_SPANS];
	unsigned n = scrub_free_spans(dtb, span);
	uint64_t nonzero = 0;
	uintptr_t first = 0;

	for (unsigned i = 0; i < n; i++)
		for (uintptr_t a = span[i].lo; a < span[i].hi; a += 8) {
			uint64_t w = *(const volatile uint64_t *)a;

			if (!w)
				continue;
			if (!first)
				first = a;
			for (; w; w >>= 8)
				nonzero += (w & 0xff) != 0;
		}
	console_printf("hostile: DTB at 0x%lx, free RAM", dtb);
	for (unsigned i = 0; i < n; i++)
		console_printf(" 0x%lx-0x%lx", span[i].lo, span[i].hi);
	console_putc('\n');
	console_printf("hostile: ram nonzero bytes=%lu first=0x%lx\n", nonzero, first);
	for (unsigned i = 0; i < n; i++)
		for (uintptr_t a = span[i].lo; a < span[i].hi; a += 8)
			*(volatile uint64_t *)a = SCRUB_MARKER;
	psci_system_reset();
}
