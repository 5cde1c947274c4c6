// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
#include "cell.h"
#include "console.h"
#include "hvc.h"
#include "timer.h"

uintptr_t cell_dtb;
uint64_t cell_entry_counter;

__attribute__((weak)) void cell_secondary_main(uint64_t context)
{
	(void)context;
	for (;;)
		asm volatile("wfi");
}

long cell_id(char name[CELL_NAME_LEN + 1])
{
	struct hvc_res r = hvc_call_res(TESSERA_HVC_CELL_ID, 0, 0, 0, 0, 0);
	unsigned i;

	for (i = 0; i < CELL_NAME_LEN; i++) /* x1 then x2, little-endian */
		name[i] = (char)((i < 8 ? r.x1 : r.x2) >> (8 * (i % 8)));
	name[CELL_NAME_LEN] = '\0';
	return (long)r.x0;
}

void cell_tick(unsigned count)
{
	uint64_t period = timer_us_to_ticks(100000);
	uint64_t next = timer_now() + period;
	unsigned n;

	for (n = 1; !count || n <= count; n++, next += period) {
		timer_wait_until(next);
		console_printf("tick %u\n", n);
	}
}
