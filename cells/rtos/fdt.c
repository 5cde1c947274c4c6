// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * A linear walk of the structure block (devicetree spec v0.4, chapter 5).
 * With the MMU off all memory is Device memory, where unaligned accesses
 * fault, so everything is read as aligned big-endian words or as bytes.
 */
#include "fdt.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u
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

unsigned fdt_find_reg(uintptr_t fdt, const char *compat, struct fdt_reg *reg, unsigned max)
{
	/* #address-cells/#size-cells each node declares for its children;
	 * [0] holds the defaults the spec gives the root's parent. */
	uint8_t acells[FDT_MAX_DEPTH + 1] = { 2 };
	uint8_t scells[FDT_MAX_DEPTH + 1] = { 1 };
	uintptr_t p, end, strings, reg_val = 0;
	uint32_t reg_len = 0;
	int depth = 0, match = 0;
	unsigned n = 0;

	if (!fdt || fdt % 8 || fdt_be32(fdt) != FDT_MAGIC)
		return 0;
	p = fdt + fdt_be32(fdt + 8); /* off_dt_struct */
	strings = fdt + fdt_be32(fdt + 12); /* off_dt_strings */
	end = p + fdt_be32(fdt + 36); /* size_dt_struct */

	while (p + 4 <= end) {
		uint32_t tok = fdt_be32(p), len;
		const char *name;

		p += 4;
		if (tok == FDT_BEGIN_NODE || tok == FDT_END_NODE) {
			/* A node's properties precede its children, so a
			 * matching node is complete at either token. */
			if (match)
				break;
			if (tok == FDT_END_NODE) {
				if (--depth < 0)
					return 0;
				continue;
			}
			if (++depth > FDT_MAX_DEPTH)
				return 0;
			acells[depth] = 2; /* the spec's defaults */
			scells[depth] = 1;
			reg_len = 0;
			while (p < end && *(const volatile char *)p)
				p++;
			p = (p + 4) & ~(uintptr_t)3; /* past the NUL, aligned */
		} else if (tok == FDT_PROP) {
			if (p + 8 > end)
				return 0;
			len = fdt_be32(p);
			name = (const char *)(strings + fdt_be32(p + 4));
			p += 8;
			if (len > end - p)
				return 0;
			if (fdt_streq(name, "compatible"))
				match = fdt_list_has((const char *)p, len, compat);
			else if (fdt_streq(name, "reg"))
				reg_val = p, reg_len = len;
			else if (fdt_streq(name, "#address-cells") && len == 4)
				acells[depth] = (uint8_t)fdt_be32(p);
			else if (fdt_streq(name, "#size-cells") && len == 4)
				scells[depth] = (uint8_t)fdt_be32(p);
			p = (p + len + 3) & ~(uintptr_t)3;
		} else if (tok != FDT_NOP) {
			return 0; /* FDT_END or corrupt */
		}
	}
	if (!match || depth < 1)
		return 0;

	unsigned ac = acells[depth - 1], sc = scells[depth - 1];
	uint32_t entry = 4 * (ac + sc);

	if (ac < 1 || ac > 2 || sc > 2)
		return 0;
	for (; n < max && reg_len >= entry; n++, reg_len -= entry) {
		reg[n].base = fdt_cells(reg_val, ac);
		reg[n].size = sc ? fdt_cells(reg_val + 4 * ac, sc) : 0;
		reg_val += entry;
	}
	return n;
}
