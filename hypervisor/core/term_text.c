// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/* The terminal's text rules (term_text.h): RFC 3629's well-formed UTF-8. */
#include "term_text.h"

/* Out of line, not inlined into their callers here and in console.c: smaller,
 * and none of them is on a measured path. */
__attribute__((noinline)) unsigned int utf8_length(uint8_t lead)
{
	if (lead >= 0xc2 && lead <= 0xdf)
		return 2;
	if (lead >= 0xe0 && lead <= 0xef)
		return 3;
	if (lead >= 0xf0 && lead <= 0xf4)
		return 4;
	return 0;
}

__attribute__((noinline)) bool utf8_continues(const uint8_t *seq, unsigned int len, uint8_t b)
{
	uint8_t lo = 0x80, hi = 0xbf, lead = seq[0];
	if (len == 1) {
		if (lead == 0xe0)
			lo = 0xa0;
		else if (lead == 0xed)
			hi = 0x9f;
		else if (lead == 0xf0)
			lo = 0x90;
		else if (lead == 0xf4)
			hi = 0x8f;
	}
	return b >= lo && b <= hi;
}

unsigned int utf8_printable_at(const char *s, unsigned int i, unsigned int len)
{
	const uint8_t *seq = (const uint8_t *)s + i;
	unsigned int n = utf8_length(seq[0]);
	if (!n || i + n > len || utf8_is_c1(seq))
		return 0;
	for (unsigned int k = 1; k < n; k++)
		if (!utf8_continues(seq, k, seq[k]))
			return 0;
	return n;
}
