// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * A linear walk of the structure block (devicetree spec v0.4, chapter 5).
 * With the MMU off all memory is Device memory, where unaligned accesses
 * fault, so everything is read as aligned big-endian words or as bytes.
 * Every offset is checked against the block's end: a corrupt blob gives
 * "not found", never a wild read.
 */
#include "fdt.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_MAX_DEPTH 16

static uint32_t fdt_be32(uintptr_t p)
{
	return __builtin_bswap32(*(const volatile uint32_t *)p);
}

static int fdt_streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/** Does the NUL-separated string list [s, s + len) hold want? */
static int fdt_list_has(const char *s, uint32_t len, const char *want)
{
	const char *end = s + len;

	while (s < end) {
		if (fdt_streq(s, want))
			return 1;
		while (s < end && *s)
			s++;
		s++;
	}
	return 0;
}

/** Reads a number of 1 or 2 cells; more would not fit in 64 bits. */
static uint64_t fdt_cells(uintptr_t p, unsigned n)
{
	return n == 2 ? (uint64_t)fdt_be32(p) << 32 | fdt_be32(p + 4) : fdt_be32(p);
}

/* One property at p (just past its FDT_PROP token): its name and value;
 * returns the next token's position, or 0 if the property overruns end. */
static uintptr_t fdt_prop_at(uintptr_t p, uintptr_t end, uintptr_t strings, const char **name,
			     uintptr_t *val, uint32_t *len)
{
	if (p + 8 > end)
		return 0;
	*len = fdt_be32(p);
	*name = (const char *)(strings + fdt_be32(p + 4));
	*val = p + 8;
	if (*len > end - *val)
		return 0;
	return (*val + *len + 3) & ~(uintptr_t)3;
}

int fdt_find_node(uintptr_t fdt, const char *compat, unsigned nth, struct fdt_node *node)
{
	/* #address-cells/#size-cells each node declares for its children;
	 * [0] holds the defaults the spec gives the root's parent. */
	uint8_t acells[FDT_MAX_DEPTH + 1] = { 2 };
	uint8_t scells[FDT_MAX_DEPTH + 1] = { 1 };
	uintptr_t p, end, strings, props = 0;
	int depth = 0, match = 0;

	if (!fdt || fdt % 8 || fdt_be32(fdt) != FDT_MAGIC)
		return -1;
	p = fdt + fdt_be32(fdt + 8); /* off_dt_struct */
	strings = fdt + fdt_be32(fdt + 12); /* off_dt_strings */
	end = p + fdt_be32(fdt + 36); /* size_dt_struct */

	while (p + 4 <= end) {
		uint32_t tok = fdt_be32(p), len;
		const char *name;
		uintptr_t val;

		p += 4;
		if (tok == FDT_BEGIN_NODE || tok == FDT_END_NODE) {
			/* A node's properties precede its children, so a
			 * matching node is complete at either token. */
			if (match && nth-- == 0)
				break;
			match = 0;
			if (tok == FDT_END_NODE) {
				if (--depth < 0)
					return -1;
				continue;
			}
			if (++depth > FDT_MAX_DEPTH)
				return -1;
			acells[depth] = 2; /* the spec's defaults */
			scells[depth] = 1;
			while (p < end && *(const volatile char *)p)
				p++;
			p = (p + 4) & ~(uintptr_t)3; /* past the NUL, aligned */
			props = p;
		} else if (tok == FDT_PROP) {
			p = fdt_prop_at(p, end, strings, &name, &val, &len);
			if (!p)
				return -1;
			if (fdt_streq(name, "compatible"))
				match = fdt_list_has((const char *)val, len, compat);
			else if (fdt_streq(name, "#address-cells") && len == 4)
				acells[depth] = (uint8_t)fdt_be32(val);
			else if (fdt_streq(name, "#size-cells") && len == 4)
				scells[depth] = (uint8_t)fdt_be32(val);
		} else if (tok != FDT_NOP) {
			return -1; /* FDT_END or corrupt */
		}
	}
	if (!match || depth < 1)
		return -1;
	node->props = props;
	node->end = end;
	node->strings = strings;
	node->address_cells = acells[depth - 1];
	node->size_cells = scells[depth - 1];
	return 0;
}

uintptr_t fdt_node_prop(const struct fdt_node *node, const char *name, uint32_t *len)
{
	uintptr_t p = node->props;

	while (p && p + 4 <= node->end) {
		uint32_t tok = fdt_be32(p);
		const char *pname;
		uintptr_t val;

		p += 4;
		if (tok == FDT_NOP)
			continue;
		if (tok != FDT_PROP)
			break; /* its properties end where a child or its end begins */
		p = fdt_prop_at(p, node->end, node->strings, &pname, &val, len);
		if (p && fdt_streq(pname, name))
			return val;
	}
	*len = 0;
	return 0;
}

uint32_t fdt_node_u32(const struct fdt_node *node, const char *name, uint32_t dflt)
{
	uint32_t len;
	uintptr_t val = fdt_node_prop(node, name, &len);

	return val && len == 4 ? fdt_be32(val) : dflt;
}

uint64_t fdt_node_u64(const struct fdt_node *node, const char *name, uint64_t dflt)
{
	uint32_t len;
	uintptr_t val = fdt_node_prop(node, name, &len);

	return val && len == 8 ? (uint64_t)fdt_be32(val) << 32 | fdt_be32(val + 4) : dflt;
}

int fdt_node_str_is(const struct fdt_node *node, const char *name, const char *want)
{
	uint32_t len;
	uintptr_t val = fdt_node_prop(node, name, &len);

	/* the value must hold its NUL: never read past it */
	return val && len && *(const volatile char *)(val + len - 1) == '\0' &&
	       fdt_streq((const char *)val, want);
}

unsigned fdt_node_reg(const struct fdt_node *node, struct fdt_reg *reg, unsigned max)
{
	unsigned ac = node->address_cells, sc = node->size_cells, n = 0;
	uint32_t len, entry = 4 * (ac + sc);
	uintptr_t val = fdt_node_prop(node, "reg", &len);

	if (!val || ac < 1 || ac > 2 || sc > 2)
		return 0;
	for (; n < max && len >= entry; n++, len -= entry) {
		reg[n].base = fdt_cells(val, ac);
		reg[n].size = sc ? fdt_cells(val + 4 * ac, sc) : 0;
		val += entry;
	}
	return n;
}

unsigned fdt_find_reg(uintptr_t fdt, const char *compat, struct fdt_reg *reg, unsigned max)
{
	struct fdt_node node;

	return fdt_find_node(fdt, compat, 0, &node) ? 0 : fdt_node_reg(&node, reg, max);
}
