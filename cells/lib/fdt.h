// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// Just enough of a flattened device tree reader to find nodes by "compatible"
// and read their properties.
#ifndef CELLS_LIB_FDT_H
#define CELLS_LIB_FDT_H

#include <stdint.h>

struct fdt_reg {
	uint64_t base, size;
};

/** A node found by fdt_find_node: where its properties are in the blob. */
struct fdt_node {
	uintptr_t props; /* its first token after the name */
	uintptr_t end; /* end of the structure block */
	uintptr_t strings;
	uint8_t address_cells, size_cells; /* its parent's, for "reg" */
};

/**
 * Finds the nth node (0: the first) whose "compatible" list holds compat.
 * Returns 0, or -1 if fdt is not a valid blob (the header is checked first,
 * so 0 or garbage is safe to pass if it is mapped) or no such node exists.
 */
int fdt_find_node(uintptr_t fdt, const char *compat, unsigned nth, struct fdt_node *node);

/** A property's value (0 if the node has none) and its length in *len. */
uintptr_t fdt_node_prop(const struct fdt_node *node, const char *name, uint32_t *len);

/** A one-cell property's value, or dflt if it is missing or not one cell. */
uint32_t fdt_node_u32(const struct fdt_node *node, const char *name, uint32_t dflt);
/* The same for a property of two cells, <hi lo>. */
uint64_t fdt_node_u64(const struct fdt_node *node, const char *name, uint64_t dflt);

/** Does the node's string property name equal want? */
int fdt_node_str_is(const struct fdt_node *node, const char *name, const char *want);

/**
 * Decodes up to max entries of the node's "reg" with its parent's
 * #address-cells/#size-cells.  Returns how many entries were decoded.
 */
unsigned fdt_node_reg(const struct fdt_node *node, struct fdt_reg *reg, unsigned max);

/** fdt_node_reg of the first node compatible with compat; 0 if none. */
unsigned fdt_find_reg(uintptr_t fdt, const char *compat, struct fdt_reg *reg, unsigned max);

#endif /* CELLS_LIB_FDT_H */
