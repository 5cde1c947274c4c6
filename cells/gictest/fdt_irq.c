// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// One node's "interrupts", through the cells' device tree reader (cells/lib/fdt.c).
#include "fdt_irq.h"

#include "fdt.h"

int fdt_find_interrupt(uintptr_t fdt, const char *const *compat, unsigned n, uint32_t irq[3])
{
	struct fdt_node node;
	uint32_t len;

	for (unsigned i = 0; i < n; i++) {
		if (fdt_find_node(fdt, compat[i], 0, &node))
			continue;
		uintptr_t val = fdt_node_prop(&node, "interrupts", &len);
		if (!val || len < 12)
			return -1;
		for (unsigned k = 0; k < 3; k++)
			irq[k] = __builtin_bswap32(*(const volatile uint32_t *)(val + 4 * k));
		return (int)i;
	}
	return -1;
}
