// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * A cell that misbehaves once: after a few ticks it touches FAULTY_ADDR, which
 * lies outside its RAM, and the hypervisor must stop it.  One source, three
 * variants (cells.mk passes the variant and the address):
 *   -DFAULTY_VARIANT_READ   read  FAULTY_ADDR (default 0x7f000000)
 *   -DFAULTY_VARIANT_WRITE  write FAULTY_ADDR (default 0x40000000 + 64 MiB)
 *   -DFAULTY_VARIANT_HVMEM  read  FAULTY_ADDR (default 0x7fe00000)
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

#define FAULTY_TICKS 3

void cell_main(uintptr_t dtb)
{
	volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)(FAULTY_ADDR);

	(void)dtb;
	console_puts(FAULTY_MESSAGE "\n");
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
