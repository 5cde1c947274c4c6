// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
#ifndef CELLS_GICTEST_FDT_IRQ_H
#define CELLS_GICTEST_FDT_IRQ_H

#include <stdint.h>

/**
 * Finds a node whose "compatible" holds one of compat[0..n-1] (the first of
 * them that some node holds) and
 * copies the first three cells of its "interrupts" (type, number, flags for
 * a GICv3).  Returns the index of the compatible string that matched, or -1
 * (no valid blob, no such node, or no 3-cell "interrupts").
 */
int fdt_find_interrupt(uintptr_t fdt, const char *const *compat, unsigned n, uint32_t irq[3]);

#endif /* CELLS_GICTEST_FDT_IRQ_H */
