// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * "checkpoint" (issue 13, hypervisor only): a cell that counts, takes a
 * checkpoint at count 5 with an SGI pending (raised while IRQs are masked)
 * and its virtual timer armed 50 ms ahead, then takes both interrupts,
 * counts on to 8 and faults.  Restored (recovery: restore), it must go on
 * from the checkpoint: the hypercall returns 0 again with count 5, now with
 * x1 = TESSERA_CHECKPOINT_RESTORED, the SGI and the timer come again, and
 * "boot" is never printed a second time.
 *   gictest: checkpoint: boot
 *   gictest: checkpoint: returned <r>, count <n>, restored <x1>
 *   gictest: checkpoint: sgi taken, timer fired
 *   gictest: checkpoint: count <n>
 */
#include <stdint.h>

#include "gictest.h"
#include "hvc.h"
#include "timer.h"

#define SGI 5
#define FAULT_IPA 0x7f000000ul

static volatile unsigned count, sgi_taken, timer_fired;

void gictest_irq(uint32_t intid, uint64_t now)
{
	(void)now;
	if (intid == SGI) {
		sgi_taken++;
	} else if (intid == INTID_VTIMER) {
		SYSREG_WRITE(cntv_ctl_el0, 0);
		timer_fired++;
	}
	gic_eoi(intid);
}

static void count_to(unsigned n)
{
	while (count < n) {
		count = count + 1;
		console_printf("gictest: checkpoint: count %u\n", count);
		timer_delay_us(10000);
	}
}

void gictest_run(uintptr_t dtb)
{
	(void)dtb;
	console_puts("gictest: checkpoint: boot\n");
	gic_enable_private(SGI, GICTEST_PRIO);
	gic_enable_private(INTID_VTIMER, GICTEST_PRIO);
	count_to(5);
	sgi_send(gictest_mpidr(), SGI); /* pending: IRQs are masked */
	SYSREG_WRITE(cntv_cval_el0, timer_now() + timer_us_to_ticks(50000));
	SYSREG_WRITE(cntv_ctl_el0, 1);
	struct hvc_res r = hvc_call_res(TESSERA_HVC_CHECKPOINT, TESSERA_CHECKPOINT_TAKEN, 0, 0, 0,
					0);
	/* From here on, each restore starts again as if the call just returned. */
	console_printf("gictest: checkpoint: returned %ld, count %u, restored %lu\n", (long)r.x0,
		       count, r.x1);
	irq_unmask();
	uint64_t until = timer_now() + timer_us_to_ticks(500000);
	while ((!sgi_taken || !timer_fired) && (int64_t)(timer_now() - until) < 0)
		asm volatile("wfi");
	console_printf("gictest: checkpoint: sgi %s, timer %s\n", sgi_taken ? "taken" : "MISSING",
		       timer_fired ? "fired" : "MISSING");
	count_to(8);
	(void)*(volatile uint32_t *)FAULT_IPA;
}
