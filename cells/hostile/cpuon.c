// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * H5: a restart racing CPU_ON.  Needs 2 vCPUs and `recovery: restart`.
 * vCPU 0 prints "hostile: boot", starts vCPU 1, which calls PSCI CPU_ON for
 * itself in a tight loop (ALREADY_ON every time, or DENIED once the cell is
 * being torn down); 2 ms later vCPU 0 calls SYSTEM_RESET, so the hypervisor
 * tears the instance down while vCPU 1 is inside, or just entering, a CPU_ON.
 * Each boot goes round again: the test counts boots.
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "psci.h"
#include "timer.h"

#define HOSTILE_VCPU1_MPIDR 0x1ul /* Aff0 = 1: the cell's DT cpu@1 */
#define HOSTILE_RESET_DELAY_US 2000

void cell_secondary_main(uint64_t context)
{
	uint64_t self = hostile_mpidr();

	(void)context;
	for (;;)
		psci_cpu_on(self, (uintptr_t)cell_secondary_entry, 0);
}

void cell_main(uintptr_t dtb)
{
	long r;

	(void)dtb;
	console_puts("hostile: boot\n");
	r = psci_cpu_on(HOSTILE_VCPU1_MPIDR, (uintptr_t)cell_secondary_entry, 0);
	if (r)
		console_printf("hostile: CPU_ON vcpu 1 returned %ld\n", r);
	timer_delay_us(HOSTILE_RESET_DELAY_US);
	psci_system_reset();
}
