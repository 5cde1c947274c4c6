// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * The bare-metal cells' copy in and out of a ring (cells/lib/ioc_copy.h),
 * against memcpy: every size 0..160 at every pair of offsets 0..15, each
 * source its own allocation ending where its bytes end, so that ASan catches
 * a byte read past them; the bytes around the destination stay as they were.
 * Then the protocol with it as TIOC_MEMCPY, as the cells build it: messages
 * of every size 0..256, both ways, content checked.
 *
 * Output: one "ok" line per part, then "PASS".
 */
#include "../../cells/lib/ioc_copy.h"
#define TIOC_MEMCPY(dst, src, n) ioc_copy((dst), (src), (n))
#include "ioc_test.h"

#define MAX_N 160
#define MAX_OFFSET 16
#define GUARD 0xee

static unsigned long copy_cases(void)
{
	unsigned long cases = 0;

	for (size_t n = 0; n <= MAX_N; n++)
		for (size_t so = 0; so < MAX_OFFSET; so++)
			for (size_t d_o = 0; d_o < MAX_OFFSET; d_o++) {
				/* the source ends where its bytes do; the destination
				 * has one guard byte after them */
				uint8_t *src = malloc(so + n ? so + n : 1),
					*dst = malloc(d_o + n + 1);

				CHECK(src && dst, "malloc");
				for (size_t i = 0; i < so + n; i++)
					src[i] = (uint8_t)(i * 7 + n);
				memset(dst, GUARD, d_o + n + 1);
				ioc_copy(dst + d_o, src + so, n);
				for (size_t i = 0; i < d_o; i++)
					CHECK(dst[i] == GUARD,
					      "n=%zu so=%zu do=%zu: byte %zu before", n, so, d_o,
					      i);
				CHECK(!memcmp(dst + d_o, src + so, n), "n=%zu so=%zu do=%zu", n, so,
				      d_o);
				CHECK(dst[d_o + n] == GUARD, "n=%zu so=%zu do=%zu: byte after", n,
				      so, d_o);
				free(src);
				free(dst);
				cases++;
			}
	return cases;
}

static unsigned long channel_cases(void)
{
	static uint64_t region[4096 / 8];
	uint8_t out[257] __attribute__((aligned(8))), in[257] __attribute__((aligned(8)));
	struct tioc_end a, b;
	unsigned long messages = 0;
	bool ring;
	int r;

	CHECK(tioc_open(&a, region, sizeof(region), 0, 1) == 0, "open a");
	CHECK(tioc_open(&b, region, sizeof(region), 1, 2) == 0, "open b");
	ioc_connect(&a, &b);
	for (uint32_t n = 0; n <= 256; n++) {
		struct tioc_end *from = n & 1 ? &a : &b, *to = n & 1 ? &b : &a;

		for (uint32_t i = 0; i < n; i++)
			out[i] = (uint8_t)(i ^ n);
		CHECK((r = tioc_send(from, out, n, &ring)) == 0, "send %u: %d", n, r);
		memset(in, GUARD, sizeof(in));
		CHECK((r = tioc_recv(to, in, sizeof(in), &ring)) == (int)n, "recv %u: %d", n, r);
		CHECK(!memcmp(in, out, n) && in[n] == GUARD, "message of %u bytes", n);
		messages++;
	}
	return messages;
}

int main(void)
{
	printf("copy: ok cases=%lu\n", copy_cases());
	printf("channel: ok messages=%lu\n", channel_cases());
	puts("PASS");
	return 0;
}
