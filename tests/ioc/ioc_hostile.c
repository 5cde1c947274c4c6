// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * A hostile peer.  End 0 is the victim; end 1 is driven by the attacker, who
 * also writes whatever it likes into the region, its half and ours.  The
 * region and every buffer handed to the victim are allocations of their own,
 * so ASan sees any access outside them.
 *
 *   cases   each protocol violation on its own (indices beyond the ring or
 *           unaligned, lengths too big, wrong seq, on the read side and on
 *           the write side): the victim goes BROKEN, stays so, and comes back
 *           with tioc_reset
 *   fuzz    a fixed-seed loop of valid traffic, resets, re-opens and random
 *           writes into the region; in clean phases (no writes) every message
 *           must arrive intact and the victim never breaks
 *
 * Built with -DIOC_MUTATE, every value the victim reads from the attacker's
 * half may change right after it was read (the memory primitives of the
 * header are replaced): a second read of anything would see another value.
 *
 * Output: one "ok" line per part, then "PASS".
 */
#include <stdint.h>

#ifdef IOC_MUTATE
#include <stddef.h>
#include <string.h>
static uint32_t mutate_read(const volatile uint32_t *p);
static void *mutate_memcpy(void *dst, const void *src, size_t n);
#define TIOC_READ_ONCE(x) mutate_read(&(x))
#define TIOC_LOAD_ACQUIRE(p) mutate_read(p)
#define TIOC_MEMCPY(dst, src, n) mutate_memcpy((dst), (src), (n))
#endif

#include "ioc_test.h"

#ifndef FUZZ_ITERATIONS
#define FUZZ_ITERATIONS 100000 /* per run; two runs */
#endif
#define PHASE 2000 /* iterations per phase: a quarter of each is clean */

static const volatile uint8_t *hostile_lo, *hostile_hi; /* the attacker's half */
static bool mutating; /* in the fuzz's dirty phases */

#ifdef IOC_MUTATE
static struct rng mut_rng = { 99 };

static bool hostile(const volatile void *p)
{
	const volatile uint8_t *b = p;

	return mutating && b >= hostile_lo && b < hostile_hi;
}

/* After the read, the attacker changes the word: to anything, or to
 * something just out of range for an index or a length.  Indices and ring
 * words half the time, the rest of the block seldom (else the victim would
 * hardly ever be UP). */
static uint32_t mutate_read(const volatile uint32_t *p)
{
	uint32_t v = *p;
	size_t off = (size_t)((const volatile uint8_t *)p - hostile_lo);
	bool index = off == offsetof(struct tioc_block, tx_head) ||
		     off == offsetof(struct tioc_block, rx_tail);

	if (hostile(p) && rng_below(&mut_rng, off >= TIOC_BLOCK_SIZE || index ? 2 : 64) == 0) {
		uint32_t k = rng_below(&mut_rng, 4);

		*(volatile uint32_t *)(uintptr_t)p = k == 0   ? (uint32_t)rng_next(&mut_rng)
						     : k == 1 ? v + 0x100000u
						     : k == 2 ? 0xffffffffu
							      : v + 8;
	}
	return v;
}

static void *mutate_memcpy(void *dst, const void *src, size_t n)
{
	memcpy(dst, src, n);
	if (n && hostile(src))
		memset((void *)(uintptr_t)src, (int)rng_below(&mut_rng, 256), n);
	return dst;
}
#endif

struct pair {
	void *region;
	size_t size;
	struct tioc_end v, h; /* victim (end 0), attacker's valid end (end 1) */
	volatile struct tioc_block *hb; /* the attacker's block, for its writes */
};

static void pair_open(struct pair *p, size_t size)
{
	p->size = size;
	p->region = region_new(size, 0);
	CHECK(tioc_open(&p->v, p->region, size, 0, 1) == 0, "open victim");
	CHECK(tioc_open(&p->h, p->region, size, 1, 2) == 0, "open attacker");
	p->hb = p->h.me;
	hostile_lo = (const volatile uint8_t *)p->region + size / 2;
	hostile_hi = (const volatile uint8_t *)p->region + size;
	ioc_connect(&p->v, &p->h);
}

static void pair_close(struct pair *p)
{
	hostile_lo = hostile_hi = NULL;
	free(p->region);
}

/* Calls recv with a buffer of exactly cap bytes: ASan catches a byte more. */
static int recv_exact(struct tioc_end *e, size_t cap, uint8_t *copy)
{
	static unsigned int calls;
	uint8_t *buf = malloc(cap ? cap : 1);
	bool ring;
	int r;

	CHECK(buf, "malloc");
	if (calls++ % 2) /* every other receive in place */
		r = recv_by_peek(e, cap ? buf : NULL, cap, &ring);
	else
		r = tioc_recv(e, cap ? buf : NULL, cap, &ring);
	CHECK(r < 0 || (size_t)r <= cap, "recv returned %d > cap %zu", r, cap);
	if (copy && r > 0)
		memcpy(copy, buf, (size_t)r);
	free(buf);
	return r;
}

static int send_exact(struct tioc_end *e, size_t len, uint64_t key)
{
	uint8_t *buf = malloc(len ? len : 1);
	bool ring;
	int r;

	CHECK(buf, "malloc");
	msg_fill(buf, (uint32_t)len, key);
	r = tioc_send(e, len ? buf : NULL, len, &ring);
	free(buf);
	return r;
}

/* Valid traffic both ways, so that indices and ring offsets are anywhere. */
static void warm_up(struct pair *p, struct rng *r)
{
	uint32_t i, n = rng_below(r, 40);

	for (i = 0; i < n; i++) {
		CHECK(send_exact(&p->h, rng_below(r, 300), i) == 0, "warm-up send");
		CHECK(send_exact(&p->v, rng_below(r, 300), i) == 0, "warm-up send");
		CHECK(recv_exact(&p->v, 4096, NULL) >= 0, "warm-up recv");
		CHECK(recv_exact(&p->h, 4096, NULL) >= 0, "warm-up recv");
	}
}

static void expect_broken(struct pair *p, const char *what)
{
	bool ring;

	CHECK(tioc_state(&p->v, &ring) == TIOC_BROKEN, "%s: not BROKEN", what);
	CHECK(recv_exact(&p->v, 4096, NULL) == TIOC_EBROKEN, "%s: recv", what);
	CHECK(send_exact(&p->v, 8, 0) == TIOC_EBROKEN, "%s: send", what);
	CHECK(!tioc_prepare_wait_rx(&p->v) && !tioc_prepare_wait_tx(&p->v, 8), "%s: wait", what);
	/* back with a reset: the attacker's end sees a restart, traffic flows */
	tioc_reset(&p->v);
	CHECK(tioc_state(&p->h, &ring) == TIOC_CONNECTING && ring, "%s: after reset", what);
	CHECK(tioc_peer_restarted(&p->h), "%s: restart not seen", what);
	ioc_connect(&p->v, &p->h);
	CHECK(send_exact(&p->h, 100, 7) == 0 && recv_exact(&p->v, 100, NULL) == 100, "%s: again",
	      what);
	CHECK(send_exact(&p->v, 100, 7) == 0 && recv_exact(&p->h, 100, NULL) == 100, "%s: again",
	      what);
}

enum which { HEAD, HEAD_AFTER_MSG, HDR_LEN, HDR_SEQ, TAIL };

struct bad {
	const char *name;
	enum which which;
	int64_t delta; /* added to the valid value; or, with absolute, the value */
	bool absolute;
};

/* (4) and (5): each violation, constructed on purpose, breaks the victim. */
static const struct bad bad_cases[] = {
	{ "tx_head beyond the ring", HEAD, 8, false }, /* + R below */
	{ "tx_head unaligned", HEAD, 4, false },
	{ "tx_head behind rx_tail", HEAD, -8, false },
	{ "tx_head far away", HEAD, 0x80000000, false },
	{ "tx_head unaligned after a valid message", HEAD_AFTER_MSG, 4, false },
	{ "len above max payload", HDR_LEN, 1, false }, /* + max below */
	{ "len 0xffffffff", HDR_LEN, 0xffffffff, true },
	{ "len beyond what is available", HDR_LEN, 17, true }, /* the message has 16 */
	{ "len 2^31", HDR_LEN, 0x80000000, true },
	{ "seq ahead", HDR_SEQ, 1, false },
	{ "seq behind", HDR_SEQ, -1, false },
	{ "seq 0", HDR_SEQ, 0, true },
	{ "rx_tail ahead of tx_head", TAIL, 8, false },
	{ "rx_tail more than R behind", TAIL, -8, false }, /* - R below */
	{ "rx_tail unaligned", TAIL, -4, false },
};

static void run_bad_case(const struct bad *b, uint64_t seed)
{
	struct pair p;
	struct rng r = { seed };
	volatile struct tioc_hdr *hdr;
	uint32_t valid;
	int ret;

	pair_open(&p, rng_below(&r, 2) ? 4096 : 8192);
	warm_up(&p, &r);
	switch (b->which) {
	case HEAD:
		valid = p.v.rx_tail + (b->delta == 8 ? p.v.ring : 0);
		p.hb->tx_head = valid + (uint32_t)b->delta;
		ret = recv_exact(&p.v, 4096, NULL);
		break;
	case HEAD_AFTER_MSG:
		/* a message that fits is not delivered either: the whole index is wrong */
		CHECK(send_exact(&p.h, 16, 1) == 0, "send");
		p.hb->tx_head = p.h.tx_head + (uint32_t)b->delta;
		ret = recv_exact(&p.v, 4096, NULL);
		break;
	case HDR_LEN:
	case HDR_SEQ:
		/* a valid 16-byte message, then its header rewritten */
		hdr = (volatile struct tioc_hdr *)(p.h.tx + p.h.tx_pos);
		CHECK(send_exact(&p.h, 16, 1) == 0, "send");
		if (b->which == HDR_LEN)
			hdr->len = b->absolute ? (uint32_t)b->delta
					       : tioc_max_payload(&p.v) + (uint32_t)b->delta;
		else
			hdr->seq = b->absolute ? (uint32_t)b->delta
					       : p.v.rx_seq + (uint32_t)b->delta;
		ret = recv_exact(&p.v, 1 << 20, NULL);
		break;
	default:
		valid = p.v.tx_head - (b->delta == -8 ? p.v.ring : 0);
		p.hb->rx_tail = valid + (uint32_t)b->delta;
		ret = send_exact(&p.v, 8, 0);
		break;
	}
	CHECK(ret == TIOC_EBROKEN, "%s: %s instead of EBROKEN", b->name, tioc_err(ret));
	expect_broken(&p, b->name);
	pair_close(&p);
}

/* The limits themselves are valid: a full ring, the longest message. */
static void run_limits(void)
{
	struct pair p;
	uint8_t *copy = malloc(8192);
	int ret;

	pair_open(&p, 8192);
	CHECK(send_exact(&p.h, tioc_max_payload(&p.h), 5) == 0, "longest message");
	CHECK(p.hb->tx_head - p.v.rx_tail == p.v.ring, "the ring is full");
	ret = recv_exact(&p.v, tioc_max_payload(&p.v) - 1, NULL);
	CHECK(ret == TIOC_EMSGSIZE, "cap one short: %s", tioc_err(ret));
	ret = recv_exact(&p.v, tioc_max_payload(&p.v), copy);
	CHECK(ret == (int)tioc_max_payload(&p.v) && msg_check(copy, (uint32_t)ret, 5), "%d", ret);
	pair_close(&p);
	free(copy);
}

static void test_cases(void)
{
	size_t i;
	int seed;

	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++)
		for (seed = 1; seed <= 20; seed++)
			run_bad_case(&bad_cases[i], (uint64_t)(i * 100 + (size_t)seed));
	run_limits();
	printf("cases: ok %zu violations x 20 ring positions, each BROKEN until reset\n",
	       sizeof(bad_cases) / sizeof(bad_cases[0]));
}

struct fuzz {
	struct pair p;
	struct rng r;
	bool clean; /* no attacker writes: everything must work */
	uint64_t h_sent, v_received, v_sent, h_received; /* clean phase message counters */
	uint64_t phase;
	uint64_t broken, deliberate, recv_ok, dirty_ok, send_ok, emsgsize, clean_msgs, reopens;
};

/* A random value for an index or a length: anything, or close to a valid one. */
static uint32_t nasty(struct fuzz *f)
{
	uint32_t base = rng_below(&f->r, 2) ? f->p.v.rx_tail : f->p.v.tx_head;
	int32_t near = (int32_t)rng_below(&f->r, 64) - 32;

	switch (rng_below(&f->r, 6)) {
	case 0:
		return (uint32_t)rng_next(&f->r);
	case 1:
		return base + (uint32_t)near;
	case 2:
		return base + f->p.v.ring + (uint32_t)near;
	case 3:
		return base - f->p.v.ring + (uint32_t)near;
	case 4:
		return rng_below(&f->r, 2) ? 0 : 0xffffffffu;
	}
	return rng_below(&f->r, 2) ? f->p.v.epoch : f->p.v.peer_epoch + (uint32_t)near;
}

static void scribble_block(struct fuzz *f, volatile struct tioc_block *b)
{
	volatile uint32_t *w = (volatile uint32_t *)b;

	w[rng_below(&f->r, TIOC_BLOCK_SIZE / 4)] = nasty(f);
}

static void scribble_ring(struct fuzz *f, volatile uint8_t *ring)
{
	uint32_t n = 1 + rng_below(&f->r, 64);
	uint32_t off = rng_below(&f->r, f->p.v.ring - n + 1), i;

	for (i = 0; i < n; i++)
		ring[off + i] = (uint8_t)rng_next(&f->r);
}

/* A plausible header where the victim reads next, with a bad length or seq. */
static void forge_header(struct fuzz *f)
{
	volatile struct tioc_hdr *hdr = (volatile struct tioc_hdr *)(f->p.h.tx + f->p.v.rx_pos);

	hdr->len = rng_below(&f->r, 2) ? nasty(f) : rng_below(&f->r, f->p.v.ring + 64);
	hdr->seq = f->p.v.rx_seq + (uint32_t)rng_below(&f->r, 3) - 1;
	if (rng_below(&f->r, 2))
		f->p.hb->tx_head = f->p.v.rx_tail + 8 * rng_below(&f->r, f->p.v.ring / 8 + 2);
}

/* While the victim is UP, one certain violation must break it at once. */
static void deliberate(struct fuzz *f)
{
	bool ring;
	int ret;

	if (tioc_state(&f->p.v, &ring) != TIOC_UP)
		return;
	switch (rng_below(&f->r, 3)) {
	case 0:
		f->p.hb->tx_head = f->p.v.rx_tail + f->p.v.ring + 8 * (1 + rng_below(&f->r, 100));
		ret = recv_exact(&f->p.v, 100, NULL);
		break;
	case 1:
		f->p.hb->tx_head = f->p.v.rx_tail + 4;
		ret = recv_exact(&f->p.v, 100, NULL);
		break;
	default:
		f->p.hb->rx_tail = f->p.v.tx_head + 8 * (1 + rng_below(&f->r, 100));
		ret = send_exact(&f->p.v, 8, 0);
	}
#ifdef IOC_MUTATE
	(void)ret; /* a mutated epoch may make it ENOTCONN first */
#else
	CHECK(ret == TIOC_EBROKEN, "deliberate violation: %s", tioc_err(ret));
#endif
	f->deliberate++;
}

/* Clean phases start from a fresh connection; both sides count messages. */
static void start_phase(struct fuzz *f, bool clean)
{
	f->clean = clean;
	mutating = !clean;
	f->phase++;
	if (!clean)
		return;
	tioc_reset(&f->p.v);
	memset(&f->p.h, 0, sizeof(f->p.h));
	CHECK(tioc_open(&f->p.h, f->p.region, f->p.size, 1, 3) == 0, "reopen attacker");
	ioc_connect(&f->p.v, &f->p.h);
	tioc_peer_restarted(&f->p.v);
	tioc_peer_restarted(&f->p.h);
	f->h_sent = f->v_received = f->v_sent = f->h_received = 0;
}

static uint64_t key_of(struct fuzz *f, int dir, uint64_t n)
{
	return f->phase << 40 ^ (uint64_t)dir << 39 ^ n;
}

static void victim_recv(struct fuzz *f)
{
	static uint8_t copy[65536];
	uint32_t pick = rng_below(&f->r, 4);
	size_t cap = pick == 0	 ? 0
		     : pick == 1 ? rng_below(&f->r, 64)
		     : pick == 2 ? tioc_max_payload(&f->p.v)
				 : rng_below(&f->r, tioc_max_payload(&f->p.v) + 64);
	int r = recv_exact(&f->p.v, cap, copy);

	f->broken += r == TIOC_EBROKEN;
	f->emsgsize += r == TIOC_EMSGSIZE;
	if (r < 0)
		return;
	f->recv_ok++;
	if (!f->clean) {
		f->dirty_ok++; /* whatever the attacker made of it, within cap */
		return;
	}
	CHECK(msg_check(copy, (uint32_t)r, key_of(f, 1, f->v_received)), "clean message garbled");
	f->v_received++;
	f->clean_msgs++;
}

static void victim_send(struct fuzz *f)
{
	uint32_t len = rng_below(&f->r, tioc_max_payload(&f->p.v) + 16);
	int r = send_exact(&f->p.v, len, key_of(f, 0, f->v_sent));

	f->broken += r == TIOC_EBROKEN;
	if (r == 0) {
		f->send_ok++;
		f->v_sent++;
	}
}

static void attacker_traffic(struct fuzz *f)
{
	static uint8_t copy[65536];
	int r;

	if (rng_below(&f->r, 2)) {
		r = send_exact(&f->p.h, rng_below(&f->r, tioc_max_payload(&f->p.h) / 4),
			       key_of(f, 1, f->h_sent));
		f->h_sent += r == 0;
	} else {
		r = recv_exact(&f->p.h, sizeof(copy), copy);
		if (r >= 0 && f->clean) {
			CHECK(msg_check(copy, (uint32_t)r, key_of(f, 0, f->h_received)),
			      "victim's message");
			f->h_received++;
			f->clean_msgs++;
		}
	}
	if (r == TIOC_EBROKEN) /* we wrote into the victim's half too */
		tioc_reset(&f->p.h);
}

static void fuzz_step(struct fuzz *f)
{
	uint32_t a = rng_below(&f->r, 100);
	bool ring;

	if (a < 25)
		attacker_traffic(f);
	else if (a < 45)
		victim_recv(f);
	else if (a < 55)
		victim_send(f);
	else if (a < 58)
		f->broken += tioc_state(&f->p.v, &ring) == TIOC_BROKEN;
	else if (a < 59)
		tioc_prepare_wait_rx(&f->p.v);
	else if (a < 60)
		tioc_prepare_wait_tx(&f->p.v, rng_below(&f->r, 5000));
	else if (a < 66 && f->p.v.broken)
		tioc_reset(&f->p.v);
	else if (f->clean)
		return;
	else if (a < 72)
		scribble_block(f, f->p.hb);
	else if (a < 78)
		scribble_ring(f, f->p.h.tx);
	else if (a < 84)
		forge_header(f);
	else if (a < 85)
		scribble_block(f, f->p.v.me);
	else if (a < 87)
		scribble_ring(f, f->p.v.tx);
	else if (a < 90)
		deliberate(f);
	else if (a < 92) {
		f->reopens++;
		if (rng_below(&f->r, 2))
			tioc_reset(&f->p.h);
		else
			CHECK(tioc_open(&f->p.h, f->p.region, f->p.size, 1, a) == 0, "reopen");
	}
}

static void test_fuzz(uint64_t seed, size_t size)
{
	static struct fuzz f;
	long i;

	memset(&f, 0, sizeof(f));
	f.r.state = seed;
	pair_open(&f.p, size);
	for (i = 0; i < FUZZ_ITERATIONS; i++) {
		if (i % PHASE == 0)
			start_phase(&f, false);
		else if (i % PHASE == PHASE * 3 / 4)
			start_phase(&f, true);
		fuzz_step(&f);
		if (f.clean)
			CHECK(!f.p.v.broken && !f.p.h.broken, "BROKEN in a clean phase (step %ld)",
			      i);
	}
	CHECK(f.broken > 0 && f.recv_ok > 0 && f.clean_msgs > 0, "coverage");
#ifndef IOC_MUTATE
	CHECK(f.deliberate > 0, "coverage");
#endif
	printf("fuzz%s: ok seed=%lu size=%zu iterations=%d broken=%lu deliberate=%lu recv_ok=%lu "
	       "dirty_recv_ok=%lu send_ok=%lu emsgsize=%lu reopens=%lu clean_messages=%lu\n",
#ifdef IOC_MUTATE
	       " (mutating reads)",
#else
	       "",
#endif
	       (unsigned long)seed, size, FUZZ_ITERATIONS, (unsigned long)f.broken,
	       (unsigned long)f.deliberate, (unsigned long)f.recv_ok, (unsigned long)f.dirty_ok,
	       (unsigned long)f.send_ok, (unsigned long)f.emsgsize, (unsigned long)f.reopens,
	       (unsigned long)f.clean_msgs);
	pair_close(&f.p);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_cases();
	test_fuzz(0x7e55e7a, 4096);
	test_fuzz(0xbad5eed, 16384);
	printf("PASS\n");
	return 0;
}
