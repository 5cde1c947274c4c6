// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * G12 "pending": the virtual timer's interrupt is pending while it is
 * disabled.  PPI 27 disabled at the redistributor, IRQs masked at PSTATE;
 * the virtual timer set to expire in 100 us (ENABLE=1, IMASK=0).  Polling
 * GICR_ISPENDR0 for up to 10 ms, bit 27 must become set; once the timer is
 * off again it must clear (a level interrupt follows its line).
 */
#include <stdint.h>

#include "gictest.h"
#include "timer.h"

void gictest_irq(uint32_t intid, uint64_t now)
{
	(void)now;
	gic_eoi(intid);
}

void gictest_run(uintptr_t dtb)
{
	uint64_t start, until, seen = 0;
	uint32_t pend = 0, after;

	(void)dtb;
	mmio_write32(GICR_SGI_BASE + GICR_ICENABLER0, 1u << INTID_VTIMER);
	start = timer_now();
	until = start + timer_us_to_ticks(10000);
	SYSREG_WRITE(cntv_cval_el0, start + timer_us_to_ticks(100));
	SYSREG_WRITE(cntv_ctl_el0, 1);
	while ((int64_t)(timer_now() - until) < 0) {
		pend = mmio_read32(GICR_SGI_BASE + GICR_ISPENDR0);
		if (pend >> INTID_VTIMER & 1) {
			seen = timer_now();
			break;
		}
	}
	SYSREG_WRITE(cntv_ctl_el0, 0);
	timer_delay_us(1000);
	after = mmio_read32(GICR_SGI_BASE + GICR_ISPENDR0);
	if (!seen)
		console_printf("gictest: pending: FAILED ISPENDR0 0x%08x, bit 27 not set within "
			       "10 ms (CNTV_CTL was 0x%lx)\n",
			       pend, SYSREG_READ(cntv_ctl_el0));
	else
		console_printf("gictest: pending: %s bit 27 set after %lu us, ISPENDR0 with the "
			       "timer off 0x%08x\n",
			       after >> INTID_VTIMER & 1 ? "FAILED" : "ok",
			       timer_ticks_to(seen - start, 1000000), after);
}
