// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * A third cell beside an IOC channel it is not an end of (tests/test_ioc.py):
 * it rings every channel index it could name, then reads where the channel
 * appears in its neighbours.  It has no channel, so each doorbell is refused
 * and the read faults: the hypervisor stops this cell alone.
 *   intruder: doorbell <i>: <result>
 *   intruder: reading the channel at <ipa>
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "hvc.h"

#define CHANNEL_IPA 0x1000000000ul /* the first channel's IPA in its ends (place/ipa.py) */

void cell_main(uintptr_t dtb)
{
	(void)dtb;
	for (unsigned long i = 0; i < 4; i++)
		console_printf("intruder: doorbell %lu: %ld\n", i,
			       (long)hvc_call(TESSERA_HVC_DOORBELL, i, 0, 0, 0, 0));
	console_printf("intruder: reading the channel at 0x%lx\n", CHANNEL_IPA);
	console_printf("intruder: read 0x%x: NOT STOPPED\n", *(volatile uint32_t *)CHANNEL_IPA);
	for (;;)
		asm volatile("wfi");
}
