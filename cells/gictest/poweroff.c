// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * G16 "poweroff": prints 3 ticks, then calls PSCI SYSTEM_OFF.  When every
 * cell has done so, the hypervisor is to power the board off.
 */
#include <stdint.h>

#include "cell.h"
#include "gictest.h"
#include "hvc.h"

#define PSCI_SYSTEM_OFF 0x84000008u

void gictest_irq(uint32_t intid, uint64_t now)
{
	(void)now;
	gic_eoi(intid);
}

void gictest_run(uintptr_t dtb)
{
	(void)dtb;
	cell_tick(3);
	console_puts("gictest: poweroff: calling SYSTEM_OFF\n");
	hvc_call(PSCI_SYSTEM_OFF, 0, 0, 0, 0, 0);
	console_puts("gictest: poweroff: FAILED SYSTEM_OFF returned\n");
}
