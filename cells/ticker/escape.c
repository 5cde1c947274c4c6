// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * A cell that tries to reach the operator's hv> prompt from inside: it
 * writes Ctrl-] Enter and "stop 1" (the other cell) to its console, through
 * its UART and through the console hypercall, then ticks.  The prompt takes
 * only the physical UART's input, so nothing may happen.
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "hvc.h"

static const char attack[] = "\x1d\rstop 1\r\x1d\rstop ticker\r\n";

void cell_main(uintptr_t dtb)
{
	(void)dtb;
	console_puts("escape: trying the operator prompt\n");
	console_puts(attack);
	hvc_call(TESSERA_HVC_CONSOLE_WRITE, (uintptr_t)attack, sizeof(attack) - 1, 0, 0, 0);
	console_puts("escape: done\n");
	cell_tick(0);
}
