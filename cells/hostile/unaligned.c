// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * H6: an unaligned access to a hole.  After a few ticks, one 4-byte load
 * (-DHOSTILE_UNALIGNED_READ) or store (-DHOSTILE_UNALIGNED_WRITE) at
 * HOSTILE_HOLE_ADDR, an odd address just past the cell's 2 MiB of RAM, where
 * nothing is mapped at stage 2: the hypervisor must stop the cell with a
 * stage-2 data abort, as for an aligned access there.
 *
 * The MMU goes on first (mmu.c), so that the access is to Normal memory.
 * With it off every data access is Device-nGnRnE, and the architecture makes
 * an unaligned access to Device memory an alignment fault at EL1, taken before
 * stage 2 is consulted.  QEMU 7.2 (checked with this cell built with
 * -DHOSTILE_MMU_OFF, bare and under Tessera) does not raise that fault: the
 * access reaches stage 2 either way there, but only the MMU-on form reaches
 * it on hardware and on emulators that check Device alignment.
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "mmu.h"

#if defined(HOSTILE_UNALIGNED_READ) == defined(HOSTILE_UNALIGNED_WRITE)
#error "define one of HOSTILE_UNALIGNED_READ and HOSTILE_UNALIGNED_WRITE"
#endif

#ifndef HOSTILE_HOLE_ADDR
#define HOSTILE_HOLE_ADDR (CELL_RAM_BASE + CELL_RAM_SIZE + 1)
#endif

void cell_main(uintptr_t dtb)
{
	uintptr_t a = HOSTILE_HOLE_ADDR;
	uint32_t v = 0x5a5a5a5a;

	(void)dtb;
#ifndef HOSTILE_MMU_OFF
	mmu_identity_on();
#endif
	cell_tick(2);
#ifdef HOSTILE_UNALIGNED_READ
	console_printf("hostile: unaligned read at 0x%lx\n", a);
	asm volatile("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	console_printf("hostile: unaligned read returned 0x%08x, still alive\n", v);
#else
	console_printf("hostile: unaligned write at 0x%lx\n", a);
	asm volatile("str %w0, [%1]" : : "r"(v), "r"(a) : "memory");
	console_puts("hostile: unaligned write done, still alive\n");
#endif
	for (;;)
		asm volatile("wfi");
}
