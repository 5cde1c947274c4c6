// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// The one exception handler: a cell expects no exceptions, so any is fatal.
#include <stdint.h>

#include "cell.h"
#include "console.h"

#define EXCEPTION_SYSREG(name)                             \
	({                                                 \
		uint64_t v_;                               \
		asm volatile("mrs %0, " #name : "=r"(v_)); \
		v_;                                        \
	})

void cell_exception(unsigned long vector)
{
	static const char *const kinds[4] = { "sync", "irq", "fiq", "serror" };
	static const char *const froms[4] = { "EL1t", "EL1h", "EL0/64", "EL0/32" };
	uint64_t esr = EXCEPTION_SYSREG(esr_el1);
	uint64_t elr = EXCEPTION_SYSREG(elr_el1);
	uint64_t far = EXCEPTION_SYSREG(far_el1);

	console_printf("exception: %s from %s: ESR_EL1=0x%08lx (EC=0x%02lx) "
		       "ELR_EL1=0x%016lx FAR_EL1=0x%016lx\n",
		       kinds[vector % 4], froms[(vector / 4) % 4], esr, esr >> 26 & 0x3f, elr, far);
	console_puts("exception: halted\n");
	for (;;)
		asm volatile("wfi");
}
