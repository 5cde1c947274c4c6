// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * "active_hw": the active state of a hardware-linked interrupt, the virtual
 * timer (PPI 27).  Set active through GICR_ISACTIVER0 before it fires, it
 * must not be taken; once ICACTIVER0 clears it, the pending expiry is taken;
 * re-armed twice, it fires twice more.  On hardware the counts after each
 * step are 0 1 2 3.
 */
#include <stdint.h>

#include "gictest.h"
#include "timer.h"

static volatile unsigned timer_irqs, other_irqs;

void gictest_irq(uint32_t intid, uint64_t now)
{
	(void)now;
	if (intid == INTID_VTIMER) {
		SYSREG_WRITE(cntv_ctl_el0, 0);
		timer_irqs++;
	} else {
		other_irqs++;
	}
	gic_eoi(intid);
}

/* Until the count reaches want (200 ms at most: QEMU without -icount on a
 * loaded host can be milliseconds late), then 1 ms more for any extra. */
static unsigned settle(unsigned want)
{
	uint64_t until = timer_now() + timer_us_to_ticks(200000);

	while (timer_irqs < want && (int64_t)(timer_now() - until) < 0)
		;
	timer_delay_us(1000);
	return timer_irqs;
}

static void arm_timer(void)
{
	SYSREG_WRITE(cntv_cval_el0, timer_now() + timer_us_to_ticks(1000));
	SYSREG_WRITE(cntv_ctl_el0, 1);
}

void gictest_run(uintptr_t dtb)
{
	unsigned n[4];

	(void)dtb;
	gic_enable_private(INTID_VTIMER, GICTEST_PRIO);
	mmio_write32(GICR_SGI_BASE + GICR_ISACTIVER0, 1u << INTID_VTIMER);
	arm_timer();
	irq_unmask();
	timer_delay_us(5000);
	n[0] = timer_irqs;
	mmio_write32(GICR_SGI_BASE + GICR_ICACTIVER0, 1u << INTID_VTIMER);
	n[1] = settle(1);
	arm_timer();
	n[2] = settle(2);
	arm_timer();
	n[3] = settle(3);
	irq_mask();
	console_printf("gictest: active_hw: %s %u %u %u %u (hardware: 0 1 2 3), other %u\n",
		       n[0] == 0 && n[1] == 1 && n[2] == 2 && n[3] == 3 && !other_irqs ? "ok"
										       : "FAILED",
		       n[0], n[1], n[2], n[3], other_irqs);
}
