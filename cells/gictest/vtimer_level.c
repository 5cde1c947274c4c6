// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * G9b "vtimer_level": the virtual timer (PPI 27, level) with a handler that
 * EOIs before it silences the timer.  5 rounds: CNTV_CVAL 1 ms ahead,
 * ENABLE=1 IMASK=0; the handler acknowledges, EOIs, then writes
 * CNTV_CTL_EL0 = 0.  Each round must take exactly one interrupt.
 */
#include <stdint.h>

#include "gictest.h"
#include "timer.h"

#define ROUNDS 5

static volatile unsigned timer_irqs, other_irqs;

void gictest_irq(uint32_t intid, uint64_t now)
{
	(void)now;
	gic_eoi(intid); /* first: the timer's output is still asserted */
	if (intid == INTID_VTIMER) {
		SYSREG_WRITE(cntv_ctl_el0, 0); /* then the device */
		timer_irqs++;
	} else {
		other_irqs++;
	}
}

void gictest_run(uintptr_t dtb)
{
	unsigned counts[ROUNDS], k, ok = 1;

	(void)dtb;
	gic_enable_private(INTID_VTIMER, GICTEST_PRIO);
	irq_unmask();
	for (k = 0; k < ROUNDS; k++) {
		unsigned before = timer_irqs;
		uint64_t until = timer_now() + timer_us_to_ticks(100000);

		SYSREG_WRITE(cntv_cval_el0, timer_now() + timer_us_to_ticks(1000));
		SYSREG_WRITE(cntv_ctl_el0, 1);
		while (timer_irqs == before && (int64_t)(timer_now() - until) < 0)
			asm volatile("wfi" ::: "memory");
		timer_delay_us(5000);
		counts[k] = timer_irqs - before;
		ok &= counts[k] == 1;
	}
	irq_mask();
	SYSREG_WRITE(cntv_ctl_el0, 0);
	console_printf("gictest: vtimer_level: %s interrupts per round %u %u %u %u %u, "
		       "%u spurious, %u other\n",
		       ok && !other_irqs ? "ok" : "FAILED", counts[0], counts[1], counts[2],
		       counts[3], counts[4], gictest_spurious, other_irqs);
}
