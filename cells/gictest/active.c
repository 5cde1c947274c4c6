// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * G11 "active": the active state through GICR_ISACTIVER0/ICACTIVER0.
 *  - SGI 3 to ourselves; in its handler ISACTIVER0 shows it active, a write
 *    of its bit to ICACTIVER0 deactivates it (ISACTIVER0 reads clear), then
 *    the EOI.
 *  - PPI 20 (disabled, nothing drives it), outside any handler: a write to
 *    ISACTIVER0 makes it active, one to ICACTIVER0 inactive again.
 */
#include <stdint.h>

#include "gictest.h"
#include "timer.h"

#define SGI 3
#define PPI 20

static volatile uint32_t in_handler_before, in_handler_after;
static volatile unsigned sgi_irqs, other_irqs;

static uint32_t isactiver0(void)
{
	return mmio_read32(GICR_SGI_BASE + GICR_ISACTIVER0);
}

void gictest_irq(uint32_t intid, uint64_t now)
{
	(void)now;
	if (intid == SGI) {
		in_handler_before = isactiver0();
		mmio_write32(GICR_SGI_BASE + GICR_ICACTIVER0, 1u << SGI);
		in_handler_after = isactiver0();
		sgi_irqs++;
	} else {
		other_irqs++;
	}
	gic_eoi(intid);
}

void gictest_run(uintptr_t dtb)
{
	uint64_t until = timer_now() + timer_us_to_ticks(100000);
	uint32_t set, cleared;
	int ok;

	(void)dtb;
	gic_enable_private(SGI, GICTEST_PRIO);
	sgi_send(gictest_mpidr(), SGI);
	irq_unmask();
	while (!sgi_irqs && (int64_t)(timer_now() - until) < 0)
		;
	timer_delay_us(10000);
	irq_mask();
	ok = sgi_irqs == 1 && (in_handler_before >> SGI & 1) && !(in_handler_after >> SGI & 1);
	console_printf("gictest: active_sgi: %s %u interrupt(s), ISACTIVER0 in handler 0x%08x, "
		       "after ICACTIVER0 0x%08x\n",
		       ok ? "ok" : "FAILED", sgi_irqs, in_handler_before, in_handler_after);

	mmio_write32(GICR_SGI_BASE + GICR_ICENABLER0, 1u << PPI);
	mmio_write32(GICR_SGI_BASE + GICR_ISACTIVER0, 1u << PPI);
	set = isactiver0();
	mmio_write32(GICR_SGI_BASE + GICR_ICACTIVER0, 1u << PPI);
	cleared = isactiver0();
	ok = (set >> PPI & 1) && !(cleared >> PPI & 1);
	console_printf("gictest: active_ppi: %s ISACTIVER0 after set 0x%08x, after clear 0x%08x\n",
		       ok ? "ok" : "FAILED", set, cleared);
}
