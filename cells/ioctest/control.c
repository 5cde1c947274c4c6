// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * Control channel test cell (tests/test_ioc.py): cells "boss" and "worker"
 * share channel "ctl", whose spec gives boss the right to restart worker and
 * nothing else.  boss asks for what it may not (a stop, an unknown
 * operation, a channel it does not have), then restarts worker four times,
 * the last beyond worker's restart limit, each time once worker is up again
 * (worker counts its starts in the channel, which its restarts leave alone);
 * worker, at each start, asks to restart boss, which it may not.
 *   control: <cell>: <request> -> <result>
 *   control: worker: up
 *   control: boss: done
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "hvc.h"

#define CHANNEL_IPA 0x1000000000ul /* the first channel's IPA (place/ipa.py) */

static char me[CELL_NAME_LEN + 1];
/* worker's starts, in its half of the channel (it is end 1 of 4 KiB) */
static volatile uint32_t *const starts = (volatile uint32_t *)(CHANNEL_IPA + 2048);

/* WFE, not a busy loop: under -icount QEMU then runs worker's core. */
static void wait_starts(uint32_t n)
{
	while (*starts < n)
		asm volatile("wfe");
}

static long request(const char *what, unsigned long index, unsigned long op)
{
	long r = (long)hvc_call(TESSERA_HVC_CONTROL, index, op, 0, 0, 0);

	console_printf("control: %s: %s -> %ld\n", me, what, r);
	return r;
}

static void boss(void)
{
	wait_starts(1);
	request("stop worker", 0, TESSERA_CONTROL_STOP);
	request("operation 7", 0, 7);
	request("restart on channel 5", 5, TESSERA_CONTROL_RESTART);
	for (uint32_t i = 1; i <= 4; i++) {
		request("restart worker", 0, TESSERA_CONTROL_RESTART);
		if (i < 4)
			wait_starts(i + 1);
	}
	console_puts("control: boss: done\n");
}

void cell_main(uintptr_t dtb)
{
	(void)dtb;
	cell_id(me);
	if (me[0] == 'b')
		boss();
	else {
		console_puts("control: worker: up\n");
		request("restart boss", 0, TESSERA_CONTROL_RESTART);
		*starts = *starts + 1;
	}
	for (;;)
		asm volatile("wfi");
}
