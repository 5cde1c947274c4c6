// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * The IOC protocol's copies in bare-metal cells, in and out of a ring
 * (TIOC_MEMCPY in ioc.h).  Its own header so that the host can test it
 * (tests/ioc/ioc_copy.c): it needs nothing but memcpy.
 */
#ifndef CELLS_LIB_IOC_COPY_H
#define CELLS_LIB_IOC_COPY_H

#include <stddef.h>
#include <stdint.h>

#include "string.h"

/*
 * A message of 16 to 64 bytes between 8-byte aligned buffers (a ring always
 * is) moves inline in two overlapping halves, each up to four 8-byte loads
 * then as many stores (gcc pairs them); a call to memcpy cost twice that in
 * frame, spills and tests (bench/ioc_bench.py).  Anything else is memcpy's.
 * A hostile peer may change the ring between the two halves' loads: the copy
 * then holds what was read, as any copy of shared memory does.
 */
static inline __attribute__((always_inline)) void ioc_copy(void *dst, const void *src, size_t n)
{
	typedef uint64_t __attribute__((may_alias)) word_t;

	if (n < 16 || n > 64 || (((uintptr_t)dst | (uintptr_t)src | n) & 7)) {
		memcpy(dst, src, n);
		return;
	}
	/* only now are these word pointers: the bytes are aligned */
	const word_t *s = src, *s_end = (const word_t *)((const char *)src + n);
	word_t *d = dst, *d_end = (word_t *)((char *)dst + n);

	if (n > 32) {
		word_t a = s[0], b = s[1], c = s[2], e = s[3];
		word_t w = s_end[-4], x = s_end[-3], y = s_end[-2], z = s_end[-1];

		d[0] = a, d[1] = b, d[2] = c, d[3] = e;
		d_end[-4] = w, d_end[-3] = x, d_end[-2] = y, d_end[-1] = z;
	} else {
		word_t a = s[0], b = s[1], y = s_end[-2], z = s_end[-1];

		d[0] = a, d[1] = b;
		d_end[-2] = y, d_end[-1] = z;
	}
}

#endif /* CELLS_LIB_IOC_COPY_H */
