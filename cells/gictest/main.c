// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// What every gictest variant shares: bring-up, the IRQ entry, the ticks after.
#include <stdint.h>

#include "cell.h"
#include "gictest.h"

extern char rtos_vectors[]; /* rtos_vectors.S: cells/rtos's table */

volatile unsigned gictest_spurious;

/* Called by the rtos vector table with IRQs masked. */
void rtos_irq(uint64_t now);
void rtos_irq(uint64_t now)
{
	uint32_t intid = gic_ack();

	if (intid >= GIC_INTID_SPURIOUS)
		gictest_spurious++;
	else
		gictest_irq(intid, now);
}

void cell_main(uintptr_t dtb)
{
#ifndef BARE
	char name[CELL_NAME_LEN + 1];
	long id = cell_id(name);

	console_printf("gictest: cell %ld '%s'\n", id, name);
#endif
	asm volatile("msr vbar_el1, %0\n\tisb" : : "r"(rtos_vectors));
	if (gic_init(dtb)) {
		console_puts("gictest: gic_init FAILED\n");
	} else {
		irq_mask();
		gictest_run(dtb);
	}
	irq_unmask();
	cell_tick(0);
}
