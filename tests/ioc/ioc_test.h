// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * Helpers shared by the host tests of the IOC ring protocol
 * (hypervisor/include/uapi/tessera_ioc.h), run by tests/test_ioc_protocol.py.
 */
#ifndef TESTS_IOC_TEST_H
#define TESTS_IOC_TEST_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tessera_ioc.h"

/* Every failed check ends the program with its line: the pytest shows stderr. */
#define CHECK(cond, ...)                                                  \
	do {                                                              \
		if (!(cond))                                              \
			ioc_fail(__FILE__, __LINE__, #cond, __VA_ARGS__); \
	} while (0)

__attribute__((noreturn, format(printf, 4, 5))) static void
ioc_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: check failed: %s: ", file, line, cond);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* Applies the handshake rule on both ends until both are UP (a few rounds). */
static inline void ioc_connect(struct tioc_end *a, struct tioc_end *b)
{
	bool ring;
	int i, sa = 0, sb = 0;

	for (i = 0; i < 4 && (sa != TIOC_UP || sb != TIOC_UP); i++) {
		sa = tioc_state(a, &ring);
		sb = tioc_state(b, &ring);
	}
	CHECK(sa == TIOC_UP && sb == TIOC_UP, "states %d %d", sa, sb);
}

/* splitmix64: repeatable, seeded per test. */
static inline uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

struct rng {
	uint64_t state;
};

static inline uint64_t rng_next(struct rng *r)
{
	r->state += 0x9e3779b97f4a7c15ull;
	return mix64(r->state);
}

static inline uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(rng_next(r) % n);
}

/* A message's length from its key: half small, a quarter up to 1/8 of max, a
 * quarter anything up to max (so some fill the ring alone), at least @min. */
static inline uint32_t msg_len(uint64_t key, uint32_t min, uint32_t max)
{
	uint64_t h = mix64(key ^ 0x5bd1e995ull);
	uint32_t span = max - min + 1;

	switch (h & 3) {
	case 0:
	case 1:
		span = span < 65 ? span : 65;
		break;
	case 2:
		span = span / 8 + 1;
		break;
	}
	return min + (uint32_t)((h >> 2) % span);
}

/* The bytes of a message, from its key: a mismatch anywhere is found. */
static inline void msg_fill(uint8_t *buf, uint32_t len, uint64_t key)
{
	uint64_t x = mix64(key);
	uint32_t i;

	for (i = 0; i < len; i += 8) {
		x = mix64(x);
		memcpy(buf + i, &x, len - i < 8 ? len - i : 8);
	}
}

static inline int msg_check(const uint8_t *buf, uint32_t len, uint64_t key)
{
	uint8_t want[65536];

	if (len > sizeof(want))
		return 0;
	msg_fill(want, len, key);
	return memcmp(buf, want, len) == 0;
}

/* The region of a channel in its own allocation, so that ASan sees any access past it. */
static inline void *region_new(size_t size, uint8_t fill)
{
	void *p = aligned_alloc(4096, size);

	CHECK(p, "aligned_alloc(%zu)", size);
	memset(p, fill, size);
	return p;
}

/* tioc_recv done by hand with tioc_recv_peek and tioc_recv_done: the same
 * answers, and the view never reaches outside the peer's ring. */
static inline int recv_by_peek(struct tioc_end *e, void *buf, size_t cap, bool *ring)
{
	const volatile uint8_t *lo = e->rx, *hi = e->rx + e->ring;
	struct tioc_view v;
	int len = tioc_recv_peek(e, &v, ring);

	if (len < 0)
		return len;
	CHECK(v.n[0] + v.n[1] == (uint32_t)len, "view of %u + %u bytes for %d", v.n[0], v.n[1],
	      len);
	CHECK(v.p[0] >= lo && v.p[0] + v.n[0] <= hi && v.p[1] == lo && v.n[1] <= e->ring,
	      "view outside the ring");
	CHECK(!v.n[1] || v.p[0] + v.n[0] == hi, "a view that wraps before the ring's end");
	if ((size_t)len > cap)
		return TIOC_EMSGSIZE;
	if (v.n[0])
		memcpy(buf, (const void *)(uintptr_t)v.p[0], v.n[0]);
	if (v.n[1])
		memcpy((uint8_t *)buf + v.n[0], (const void *)(uintptr_t)v.p[1], v.n[1]);
	tioc_recv_done(e, ring);
	return len;
}

static inline const char *tioc_err(int r)
{
	switch (r) {
	case TIOC_EINVAL:
		return "EINVAL";
	case TIOC_EAGAIN:
		return "EAGAIN";
	case TIOC_EMSGSIZE:
		return "EMSGSIZE";
	case TIOC_ENOTCONN:
		return "ENOTCONN";
	case TIOC_EBROKEN:
		return "EBROKEN";
	}
	return r >= 0 ? "ok" : "?";
}

#endif /* TESTS_IOC_TEST_H */
