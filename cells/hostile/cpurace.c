// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * vCPU 0 starts vCPU 1 with PSCI CPU_ON and, 0 to 8 us later (a different
 * delay at every boot), calls SYSTEM_RESET: the restart meets vCPU 1 on its
 * way in, at every point of its start.  Prints "hostile: boot" each time.
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "psci.h"
#include "timer.h"

#define HOSTILE_VCPU1_MPIDR 0x1ul

void cell_secondary_main(uint64_t context)
{
	(void)context;
	for (;;)
		asm volatile("wfi");
}

void cell_main(uintptr_t dtb)
{
	uint64_t delay = timer_now() & 0x1ff; /* counter ticks: 0..8 us */
	uint64_t t0;

	(void)dtb;
	console_puts("hostile: boot\n");
	psci_cpu_on(HOSTILE_VCPU1_MPIDR, (uintptr_t)cell_secondary_entry, 0);
	t0 = timer_now();
	while (timer_now() - t0 < delay)
		;
	psci_system_reset();
}
