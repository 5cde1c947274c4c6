// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * A linear walk of the structure block (devicetree spec v0.4, chapter 5),
 * as in cells/rtos/fdt.c, for one node's "interrupts".  Aligned big-endian
 * words and bytes only: with the MMU off all memory is Device memory.
 */
#include "fdt_irq.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u

static uint32_t be32(uintptr_t p)
{
	return __builtin_bswap32(*(const volatile uint32_t *)p);
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/** Index in compat[] of a string in the list [s, s + len), or -1. */
static int list_match(const char *s, uint32_t len, const char *const *compat, unsigned n)
{
	const char *end = s + len;

	for (; s < end; s++) {
		for (unsigned i = 0; i < n; i++)
			if (streq(s, compat[i]))
				return (int)i;
		while (s < end && *s)
			s++;
	}
	return -1;
}

int fdt_find_interrupt(uintptr_t fdt, const char *const *compat, unsigned n, uint32_t irq[3])
{
	uintptr_t p, end, strings, irq_val = 0;
	uint32_t irq_len = 0;
	int match = -1;

	if (!fdt || fdt % 8 || be32(fdt) != FDT_MAGIC)
		return -1;
	p = fdt + be32(fdt + 8);
	strings = fdt + be32(fdt + 12);
	end = p + be32(fdt + 36);
	while (p + 4 <= end) {
		uint32_t tok = be32(p), len;

		p += 4;
		if (tok == FDT_BEGIN_NODE || tok == FDT_END_NODE) {
			if (match >= 0) /* its properties are all behind us */
				break;
			irq_len = 0;
			if (tok == FDT_BEGIN_NODE) {
				while (p < end && *(const volatile char *)p)
					p++;
				p = (p + 4) & ~(uintptr_t)3;
			}
		} else if (tok == FDT_PROP) {
			const char *name;

			if (p + 8 > end)
				return -1;
			len = be32(p);
			name = (const char *)(strings + be32(p + 4));
			p += 8;
			if (len > end - p)
				return -1;
			if (streq(name, "compatible"))
				match = list_match((const char *)p, len, compat, n);
			else if (streq(name, "interrupts"))
				irq_val = p, irq_len = len;
			p = (p + len + 3) & ~(uintptr_t)3;
		} else if (tok != FDT_NOP) {
			break; /* FDT_END or corrupt */
		}
	}
	if (match < 0 || irq_len < 12)
		return -1;
	for (unsigned i = 0; i < 3; i++)
		irq[i] = be32(irq_val + 4 * i);
	return match;
}
