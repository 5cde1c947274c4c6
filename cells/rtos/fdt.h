// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// Just enough of a flattened device tree reader to find one node's "reg".
#ifndef CELLS_RTOS_FDT_H
#define CELLS_RTOS_FDT_H

#include <stdint.h>

struct fdt_reg {
	uint64_t base, size;
};

/**
 * Finds the first node whose "compatible" list holds compat and decodes up to
 * max entries of its "reg" with its parent's #address-cells/#size-cells.
 * Returns how many entries were decoded; 0 if fdt is not a valid blob (the
 * header is checked first, so 0 or garbage is safe to pass if it is mapped),
 * the node is missing, or its "reg" is malformed.
 */
unsigned fdt_find_reg(uintptr_t fdt, const char *compat, struct fdt_reg *reg, unsigned max);

#endif /* CELLS_RTOS_FDT_H */
