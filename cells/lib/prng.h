// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// xorshift64 (Marsaglia 2003): small, fast, repeatable; not for secrets.
#ifndef CELLS_LIB_PRNG_H
#define CELLS_LIB_PRNG_H

#include <stdint.h>

struct prng {
	uint64_t state;
};

/** A zero seed would stick at zero, so it is replaced. */
static inline void prng_seed(struct prng *p, uint64_t seed)
{
	p->state = seed ? seed : 0x9e3779b97f4a7c15ull;
}

static inline uint64_t prng_next(struct prng *p)
{
	uint64_t x = p->state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	p->state = x;
	return x;
}

/** Uniform enough in [0, n) for n much smaller than 2^64; n must be > 0. */
static inline uint64_t prng_below(struct prng *p, uint64_t n)
{
	return prng_next(p) % n;
}

#endif /* CELLS_LIB_PRNG_H */
