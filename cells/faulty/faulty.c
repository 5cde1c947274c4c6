// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * A cell that misbehaves once: after a few ticks it touches FAULTY_ADDR, which
 * lies outside its RAM, and the hypervisor must stop it.  One source, three
 * variants (cells.mk passes the variant and the address; qemu-virt's below,
 * the ZCU102's -zcu102 builds read 0x87fc00000 and write 0x400000):
 *   -DFAULTY_VARIANT_READ   read  FAULTY_ADDR (default 0x7f000000)
 *   -DFAULTY_VARIANT_WRITE  write FAULTY_ADDR (default 0x40000000 + 64 MiB)
 *   -DFAULTY_VARIANT_HVMEM  read  FAULTY_ADDR (default 0x7fc00000)
 * With -DFAULTY_MARKER it first says whether a marker an earlier instance
 * wrote into its RAM is still there ("faulty: marker absent|present"), then
 * writes it: after a cold restart it must be gone.
 * Makes no hypercall, so it also runs bare on QEMU.
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"

#if defined(FAULTY_VARIANT_READ)
#define FAULTY_WRITE 0
#define FAULTY_MESSAGE "faulty: will read outside my RAM"
#elif defined(FAULTY_VARIANT_WRITE)
#define FAULTY_WRITE 1
#define FAULTY_MESSAGE "faulty: will write outside my RAM"
#elif defined(FAULTY_VARIANT_HVMEM)
#define FAULTY_WRITE 0
#define FAULTY_MESSAGE "faulty: reading hypervisor memory"
#else
#error "define one of FAULTY_VARIANT_READ, _WRITE or _HVMEM"
#endif

#ifndef FAULTY_ADDR
#error "define FAULTY_ADDR, the IPA to access"
#endif

#ifndef FAULTY_TICKS
#define FAULTY_TICKS 3
#endif
#ifdef FAULTY_MARKER
#define FAULTY_MARKER_ADDR (CELL_RAM_BASE + 0x100000) /* past image, bss and stack */
#define FAULTY_MARKER_VALUE 0x6d61726b65722121ull /* "marker!!" */

static void faulty_marker(void)
{
	volatile uint64_t *m = (volatile uint64_t *)FAULTY_MARKER_ADDR;

	console_printf("faulty: marker %s\n", *m == FAULTY_MARKER_VALUE ? "present" : "absent");
	*m = FAULTY_MARKER_VALUE;
}
#endif

void cell_main(uintptr_t dtb)
{
	volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)(FAULTY_ADDR);

	(void)dtb;
#ifdef FAULTY_MARKER
	faulty_marker();
#endif
	console_puts(FAULTY_MESSAGE "\n");
	if (FAULTY_TICKS)
		cell_tick(FAULTY_TICKS);
	console_printf("faulty: %s %p\n", FAULTY_WRITE ? "writing" : "reading", (void *)p);
	if (FAULTY_WRITE)
		*p = 0xdeadbeef;
	else
		(void)*p;
	console_puts("faulty: still alive after bad access\n");
	for (;;)
		asm volatile("wfi");
}
