// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * G13 "ptimer": the EL1 physical timer.  PPI 30 enabled; 3 rounds of
 * CNTP_CVAL_EL0 = CNTPCT_EL0 + 1 ms, CNTP_CTL_EL0 = ENABLE; the handler
 * silences the timer (CNTP_CTL_EL0 = 0), then EOIs.  Each round must take
 * exactly one interrupt, not before its deadline.
 */
#include <stdint.h>

#include "gictest.h"
#include "timer.h"

#define ROUNDS 3

static volatile unsigned timer_irqs, other_irqs, early;
static volatile uint64_t deadline;

void gictest_irq(uint32_t intid, uint64_t now)
{
	(void)now;
	if (intid == INTID_PTIMER) {
		early += (int64_t)(SYSREG_READ(cntpct_el0) - deadline) < 0;
		SYSREG_WRITE(cntp_ctl_el0, 0);
		timer_irqs++;
	} else {
		other_irqs++;
	}
	gic_eoi(intid);
}

void gictest_run(uintptr_t dtb)
{
	unsigned counts[ROUNDS], k, ok = 1;

	(void)dtb;
	gic_enable_private(INTID_PTIMER, GICTEST_PRIO);
	irq_unmask();
	for (k = 0; k < ROUNDS; k++) {
		unsigned before = timer_irqs;
		uint64_t until = timer_now() + timer_us_to_ticks(100000);

		deadline = SYSREG_READ(cntpct_el0) + timer_us_to_ticks(1000);
		SYSREG_WRITE(cntp_cval_el0, deadline);
		SYSREG_WRITE(cntp_ctl_el0, 1);
		while (timer_irqs == before && (int64_t)(timer_now() - until) < 0)
			asm volatile("wfi" ::: "memory");
		timer_delay_us(5000);
		counts[k] = timer_irqs - before;
		ok &= counts[k] == 1;
	}
	irq_mask();
	SYSREG_WRITE(cntp_ctl_el0, 0);
	console_printf("gictest: ptimer: %s interrupts per round %u %u %u, %u early, "
		       "%u spurious, %u other\n",
		       ok && !early && !other_irqs ? "ok" : "FAILED", counts[0], counts[1],
		       counts[2], early, gictest_spurious, other_irqs);
}
