// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
#include "string.h"

void *memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;
	if (IS_ALIGNED((uintptr_t)d | (uintptr_t)s, 16)) {
		for (; n >= 16; n -= 16, d += 16, s += 16)
			__asm__ volatile("ldp x9, x10, [%0]\n\tstp x9, x10, [%1]"
					 :
					 : "r"(s), "r"(d)
					 : "x9", "x10", "memory");
	}
	/* Words, aligned or not: SCTLR_EL2.A is clear and memcpy only ever
	 * copies Normal memory (console lines into their logs, cell state). */
	for (; n >= 8; n -= 8, d += 8, s += 8)
		__asm__ volatile("ldr x9, [%0]\n\tstr x9, [%1]"
				 :
				 : "r"(s), "r"(d)
				 : "x9", "memory");
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;
	if (c == 0 && IS_ALIGNED((uintptr_t)d, 16)) {
		for (; n >= 16; n -= 16, d += 16)
			__asm__ volatile("stp xzr, xzr, [%0]" : : "r"(d) : "memory");
	}
	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

bool streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}
