// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * G14 "pmu": the PMU as the device tree describes it.  Finds the PMU node
 * ("arm,armv8-pmuv3" or "arm,cortex-a57-pmu") and its PPI, then lets the
 * cycle counter overflow: PMCCNTR_EL0 50,000 cycles short of wrapping (in
 * 32 and in 64 bits alike), PMCR_EL0.E and .LC, the overflow interrupt on
 * (PMINTENSET_EL1.C) and the PPI enabled at the redistributor.  The handler
 * clears the overflow (PMOVSCLR_EL0) and stops the counter, then EOIs;
 * exactly one interrupt must come.
 *
 * A bare ELF gets no device tree from QEMU: the bare variant is given the
 * one QEMU would have generated (-dumpdtb, then -device loader) at
 * GICTEST_BARE_DTB.
 */
#include <stdint.h>

#include "fdt_irq.h"
#include "gictest.h"
#include "timer.h"

#define PMCR_E (1ul << 0)
#define PMCR_LC (1ul << 6)
#define PMU_C (1ul << 31) /* the cycle counter's bit in PMCNTEN/PMINTEN/PMOVS */
#define PMCCNTR_START 0xffffffffffff3cafull /* 50,000 cycles before 2^32 and 2^64 */

static const char *const pmu_compat[] = { "arm,armv8-pmuv3", "arm,cortex-a57-pmu" };
static volatile unsigned pmu_irqs, other_irqs, pmu_ovs_seen;
static unsigned pmu_intid;

void gictest_irq(uint32_t intid, uint64_t now)
{
	(void)now;
	if (intid == pmu_intid) {
		pmu_ovs_seen |= (SYSREG_READ(pmovsset_el0) & PMU_C) != 0;
		SYSREG_WRITE(pmovsclr_el0, PMU_C);
		SYSREG_WRITE(pmintenclr_el1, PMU_C);
		SYSREG_WRITE(pmcntenclr_el0, PMU_C);
		pmu_irqs++;
	} else {
		other_irqs++;
	}
	gic_eoi(intid);
}

void gictest_run(uintptr_t dtb)
{
	uint32_t irq[3];
	uint64_t until;
	int which;

#ifdef BARE
	if (!dtb)
		dtb = GICTEST_BARE_DTB;
#endif
	which = fdt_find_interrupt(dtb, pmu_compat, 2, irq);
	if (which < 0) {
		console_printf("gictest: pmu: FAILED no PMU node with interrupts in the device "
			       "tree at 0x%lx\n",
			       dtb);
		return;
	}
	if (irq[0] != 1 || irq[1] > 15) {
		console_printf("gictest: pmu: FAILED '%s' interrupts <%u %u 0x%x> is not a PPI\n",
			       pmu_compat[which], irq[0], irq[1], irq[2]);
		return;
	}
	pmu_intid = 16 + irq[1];
	console_printf("gictest: pmu: node '%s', PPI %u (INTID %u)\n", pmu_compat[which], irq[1],
		       pmu_intid);

	gic_enable_private(pmu_intid, GICTEST_PRIO);
	SYSREG_WRITE(pmcntenclr_el0, PMU_C);
	SYSREG_WRITE(pmovsclr_el0, PMU_C);
	SYSREG_WRITE(pmccfiltr_el0, 0); /* count at EL1 and EL0 */
	SYSREG_WRITE(pmccntr_el0, PMCCNTR_START);
	SYSREG_WRITE(pmintenset_el1, PMU_C);
	SYSREG_WRITE(pmcr_el0, SYSREG_READ(pmcr_el0) | PMCR_E | PMCR_LC);
	SYSREG_WRITE(pmcntenset_el0, PMU_C);
	irq_unmask();
	until = timer_now() + timer_us_to_ticks(200000);
	while (!pmu_irqs && (int64_t)(timer_now() - until) < 0)
		;
	timer_delay_us(10000);
	irq_mask();
	SYSREG_WRITE(pmintenclr_el1, PMU_C);
	SYSREG_WRITE(pmcntenclr_el0, PMU_C);
	console_printf("gictest: pmu: %s %u overflow interrupt(s), PMOVSSET.C %s in the handler, "
		       "PMCCNTR now 0x%lx, %u spurious, %u other\n",
		       pmu_irqs == 1 && pmu_ovs_seen && !other_irqs ? "ok" : "FAILED", pmu_irqs,
		       pmu_ovs_seen ? "set" : "clear", SYSREG_READ(pmccntr_el0), gictest_spurious,
		       other_irqs);
}
