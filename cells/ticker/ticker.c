// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * The simplest cell: says who it is, then "tick N" every 100 ms forever.
 * Built with -DBARE it makes no hypercall and runs on QEMU without Tessera.
 * With -DTICKER_CHATTER=n it first prints n numbered lines of 64 bytes at
 * once (more than a console log holds, for the tests of its overflow).
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"

void cell_main(uintptr_t dtb)
{
	(void)dtb;
#ifdef BARE
	console_puts("hello from a bare cell\n");
#else
	char name[CELL_NAME_LEN + 1];
	long id = cell_id(name);

	console_printf("hello from cell %ld '%s'\n", id, name);
#endif
#ifdef TICKER_CHATTER
	for (unsigned n = 1; n <= TICKER_CHATTER; n++)
		console_printf("chatter %04u ..................................................\n",
			       n);
#endif
	cell_tick(0);
}
