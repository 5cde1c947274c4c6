// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * With the MMU off all memory is Device memory, where an unaligned access
 * faults: memcpy moves 64 bytes a step only when both ends are 8-byte aligned
 * (IOC rings and their payloads always are), and a byte at a time otherwise.
 * Built with -fno-tree-loop-distribute-patterns so gcc does not turn these
 * loops back into calls to themselves.
 */
#include "string.h"

#include <stdint.h>

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

typedef uint64_t __attribute__((may_alias)) word_t;

/* 64 bytes a step, then the rest by its bits: a 64-byte IOC message takes
 * one step and four tests.  Loads before stores, so gcc pairs them. */
void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (!(((uintptr_t)d | (uintptr_t)s) & 7)) {
		word_t *to = (word_t *)d;
		const word_t *from = (const word_t *)s;

		for (; n >= 64; n -= 64, to += 8, from += 8) {
			word_t a = from[0], b = from[1], c = from[2], e = from[3];
			word_t f = from[4], g = from[5], h = from[6], i = from[7];

			to[0] = a, to[1] = b, to[2] = c, to[3] = e;
			to[4] = f, to[5] = g, to[6] = h, to[7] = i;
		}
		if (n & 32) {
			word_t a = from[0], b = from[1], c = from[2], e = from[3];

			to[0] = a, to[1] = b, to[2] = c, to[3] = e;
			to += 4, from += 4;
		}
		if (n & 16) {
			word_t a = from[0], b = from[1];

			to[0] = a, to[1] = b;
			to += 2, from += 2;
		}
		if (n & 8)
			*to++ = *from++;
		d = (unsigned char *)to;
		s = (const unsigned char *)from;
		n &= 7;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}
