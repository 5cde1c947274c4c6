// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * An end restored from a checkpoint: its struct tioc_end goes back in time
 * while the region and the peer go on, as a Linux cell's does in the default
 * demo (it checkpoints once booted, then asks rtcd over channel 'rtc').  The
 * rule under test: an end's epoch never repeats, whatever its private copy
 * says, so each reset is a new incarnation to the peer.
 *
 * Output: one "ok" line per part, then "PASS".
 */
#include "ioc_test.h"

#define SIZE 4096u
#define MAX_EPOCHS 64

/* The epochs end 0 has published so far. */
struct history {
	uint32_t epoch[MAX_EPOCHS];
	int n;
};

static void published(struct history *h, uint32_t epoch)
{
	for (int i = 0; i < h->n; i++)
		CHECK(h->epoch[i] != epoch, "epoch %u published again", epoch);
	CHECK(h->n < MAX_EPOCHS, "history full");
	h->epoch[h->n++] = epoch;
}

/* A request from a and its answer from b, as `tessera date` and rtcd. */
static void ask(struct tioc_end *a, struct tioc_end *b, uint32_t n)
{
	uint32_t got;
	bool ring;
	int r;

	CHECK((r = tioc_send(a, &n, sizeof(n), &ring)) == 0, "request %u: %s", n, tioc_err(r));
	CHECK((r = tioc_recv(b, &got, sizeof(got), &ring)) == sizeof(got) && got == n,
	      "request %u: %s", n, tioc_err(r));
	n = ~n;
	CHECK((r = tioc_send(b, &n, sizeof(n), &ring)) == 0, "answer %u: %s", ~n, tioc_err(r));
	CHECK((r = tioc_recv(a, &got, sizeof(got), &ring)) == sizeof(got) && got == n,
	      "answer %u: %s", ~n, tioc_err(r));
}

/* After a restore without the notice, the tool's way out: a send, and a reset
 * if that says BROKEN.  False if it says not connected: nothing to reset on,
 * and a restart of the peer (`tessera date`'s next step) changes nothing. */
static bool recover_untold(struct tioc_end *a, struct tioc_end *b, void *region, struct history *h,
			   uint32_t n)
{
	bool ring;
	int r = tioc_send(a, &n, sizeof(n), &ring);

	CHECK(r == TIOC_EBROKEN || r == TIOC_ENOTCONN, "a stale send: %s", tioc_err(r));
	if (r == TIOC_EBROKEN) {
		tioc_reset(a);
		published(h, a->epoch);
		return true;
	}
	CHECK(tioc_open(b, region, SIZE, 1, 0) == 0, "restart b");
	for (int i = 0; i < 4; i++) {
		tioc_state(b, &ring);
		CHECK(tioc_state(a, &ring) == TIOC_CONNECTING,
		      "stuck after the peer's restart too");
	}
	return false;
}

/* The demo's sequence: checkpoint after the first connection, traffic, then
 * restore after restore.  'told': the restored end resets at once (the Linux
 * module, told by the checkpoint hypercall); else only once it finds itself
 * BROKEN.  Returns the restores after which a request went through. */
static int restores(int rounds, bool told)
{
	void *region = region_new(SIZE, 0);
	struct tioc_end a, b, saved;
	struct history h = { .n = 0 };
	uint32_t n = 1;
	int round, answered = 0;

	CHECK(tioc_open(&a, region, SIZE, 0, 1000) == 0, "open a");
	CHECK(tioc_open(&b, region, SIZE, 1, 2000) == 0, "open b");
	published(&h, a.epoch);
	ioc_connect(&a, &b);
	ask(&a, &b, n++);
	saved = a; /* the checkpoint */
	for (round = 0; round < rounds; round++) {
		ask(&a, &b, n++);
		a = saved; /* the restore */
		if (told) {
			tioc_reset(&a);
			published(&h, a.epoch);
		} else if (!recover_untold(&a, &b, region, &h, n)) {
			continue;
		}
		ioc_connect(&a, &b);
		ask(&a, &b, n++);
		answered++;
	}
	free(region);
	return answered;
}

/* The epoch rule itself: tioc_reset on an end whose block holds 'block'. */
static uint32_t reset_from(uint32_t private, uint32_t block)
{
	void *region = region_new(SIZE, 0);
	struct tioc_end e;
	uint32_t epoch;

	CHECK(tioc_open(&e, region, SIZE, 0, 1) == 0, "open");
	e.epoch = private;
	e.me->epoch = block;
	tioc_reset(&e);
	epoch = e.epoch;
	CHECK(e.me->epoch == epoch, "published %u, kept %u", e.me->epoch, epoch);
	free(region);
	return epoch;
}

static void test_rule(void)
{
	static const struct {
		uint32_t private, block, want;
		const char *why;
	} cases[] = {
		{ 5, 5, 6, "honest: the block holds our epoch" },
		{ 5, 9, 10, "restored: the region is ahead of the private copy" },
		{ 0xfffffffeu, 3, 4, "ahead across the wrap of 2^32" },
		{ 9, 5, 10, "a block behind us (a hostile write): ours" },
		{ 3, 0xfffffffeu, 4, "behind across the wrap: ours" },
		{ 9, 9u + 0x80000000u, 10, "exactly half-way round: ours" },
		{ 9, 9u + 0x7fffffffu, 9u + 0x80000000u, "a hostile block far ahead: skipped" },
		{ 0xffffffffu, 0xffffffffu, 1, "wraps to 1, never 0" },
		{ 0xffffffffu, 0, 1, "a zeroed block: never 0" },
	};

	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t got = reset_from(cases[i].private, cases[i].block);

		CHECK(got == cases[i].want, "%s: private %#x, block %#x: %#x, want %#x",
		      cases[i].why, cases[i].private, cases[i].block, got, cases[i].want);
	}
	printf("rule: ok cases=%u\n", (unsigned int)(sizeof(cases) / sizeof(cases[0])));
}

int main(void)
{
	int told, untold;

	setvbuf(stdout, NULL, _IOLBF, 0);
	test_rule();
	told = restores(12, true);
	CHECK(told == 12, "reset at each restore: %d of 12 answered", told);
	printf("restores: ok told=%d answered=%d\n", 12, told);
	/* Without the notice the second restore finds the peer acknowledging an
	 * epoch the end no longer knows: CONNECTING, no error to reset on. */
	untold = restores(2, false);
	CHECK(untold == 1, "without the notice: %d of 2 answered", untold);
	printf("restores: ok untold=2 answered=%d (connecting after the second)\n", untold);
	printf("PASS\n");
	return 0;
}
