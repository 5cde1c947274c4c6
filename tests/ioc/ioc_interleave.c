// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * Every interleaving of an honest restart with the other end's calls.  The
 * memory primitives of the header are replaced: writes are logged, and a
 * read can be preceded by some of the logged writes.  For each writer action
 * (an end re-opens, or acknowledges the other), its writes are recorded,
 * then replayed around one call of the other end in every split: writes
 * [0, i) before the call, [i, k) just before the call's j-th shared read,
 * [k, n) after it.  In none may the call go BROKEN or deliver a message of
 * another connection, and afterwards both ends must come UP again, the
 * survivor having seen exactly one restart.  (Sequentially consistent
 * interleavings: what the load-acquire/store-release pairs guarantee on
 * Arm.)
 *
 * Output: one "ok" line per scenario, then "PASS".
 */
#include <stdbool.h>
#include <stdint.h>

static uint32_t hook_read(const volatile uint32_t *p);
static void hook_write(volatile uint32_t *p, uint32_t v);
#define TIOC_READ_ONCE(x) hook_read(&(x))
#define TIOC_LOAD_ACQUIRE(p) hook_read(p)
#define TIOC_WRITE_ONCE(x, v) hook_write(&(x), (v))
#define TIOC_STORE_RELEASE(p, v) hook_write((p), (v))

#include "ioc_test.h"

#define SIZE 4096
#define MAX_WRITES 64

static struct {
	volatile uint32_t *p;
	uint32_t v;
} wlog[MAX_WRITES];
static int nlog;
static bool recording;
static int reads, inject_at = -1, inj_from, inj_to;

static void apply(int from, int to)
{
	for (; from < to; from++)
		*wlog[from].p = wlog[from].v;
}

static void hook_write(volatile uint32_t *p, uint32_t v)
{
	if (recording) {
		CHECK(nlog < MAX_WRITES, "too many writes");
		wlog[nlog].p = p;
		wlog[nlog++].v = v;
	}
	*p = v;
}

static uint32_t hook_read(const volatile uint32_t *p)
{
	if (reads++ == inject_at)
		apply(inj_from, inj_to);
	return *p;
}

/* e[0] and e[1]: the two ends; the scenario says which writes and which calls. */
struct world {
	uint8_t *region;
	struct tioc_end e[2];
};

static uint32_t msg(const struct tioc_end *e, uint8_t *buf)
{
	uint32_t hdr[2] = { e->epoch, e->peer_epoch };

	memcpy(buf, hdr, sizeof(hdr));
	return sizeof(hdr);
}

/* A message may only be delivered to the connection it was sent in. */
static void check_msg(const struct tioc_end *e, const uint8_t *buf, int len, const char *what)
{
	uint32_t hdr[2];

	CHECK(len == 8, "%s: %d bytes", what, len);
	memcpy(hdr, buf, sizeof(hdr));
	CHECK(hdr[0] == e->peer_epoch && hdr[1] == e->epoch,
	      "%s: message of connection %u->%u delivered in %u->%u", what, hdr[0], hdr[1],
	      e->peer_epoch, e->epoch);
}

static void connect(struct world *w, const char *what)
{
	bool ring;
	int i, s0 = 0, s1 = 0;

	for (i = 0; i < 4 && (s0 != TIOC_UP || s1 != TIOC_UP); i++) {
		s0 = tioc_state(&w->e[0], &ring);
		s1 = tioc_state(&w->e[1], &ring);
	}
	CHECK(s0 == TIOC_UP && s1 == TIOC_UP, "%s: states %d %d afterwards", what, s0, s1);
}

/* Messages queued both ways: what an end must never see after a restart. */
static void queue(struct world *w)
{
	uint8_t buf[8];
	bool ring;
	int i;

	for (i = 0; i < 3; i++) {
		CHECK(tioc_send(&w->e[0], buf, msg(&w->e[0], buf), &ring) == 0, "queue");
		CHECK(tioc_send(&w->e[1], buf, msg(&w->e[1], buf), &ring) == 0, "queue");
	}
}

static void reopen_reset(struct tioc_end *e, uint8_t *region)
{
	(void)region;
	tioc_reset(e);
}

static void reopen_fresh(struct tioc_end *e, uint8_t *region)
{
	memset(e, 0, sizeof(*e));
	CHECK(tioc_open(e, region, SIZE, 1, 9) == 0, "open");
}

static void look(struct tioc_end *e, uint8_t *region)
{
	bool ring;

	(void)region;
	tioc_state(e, &ring);
}

enum call { RECV, PEEK, SEND, STATE, NCALLS };
static const char *const call_names[] = { "recv", "peek", "send", "state" };

static int do_call(struct tioc_end *e, enum call c, const char *what)
{
	uint8_t buf[64];
	bool ring;
	int r;

	switch (c) {
	case RECV:
		r = tioc_recv(e, buf, sizeof(buf), &ring);
		if (r >= 0)
			check_msg(e, buf, r, what);
		return r;
	case PEEK:
		r = recv_by_peek(e, buf, sizeof(buf), &ring);
		if (r >= 0)
			check_msg(e, buf, r, what);
		return r;
	case SEND:
		return tioc_send(e, buf, msg(e, buf), &ring);
	default:
		return tioc_state(e, &ring) == TIOC_BROKEN ? TIOC_EBROKEN : 0;
	}
}

struct scenario {
	const char *name;
	/* brings the world to where the writer acts */
	void (*setup)(struct world *w);
	int writer; /* which end acts */
	void (*action)(struct tioc_end *e, uint8_t *region);
	int survivor; /* the end that must see one restart, or -1 */
};

static void setup_up(struct world *w)
{
	bool ring;

	connect(w, "setup");
	queue(w);
	CHECK(tioc_recv(&w->e[0], (uint8_t[8]){ 0 }, 8, &ring) == 8, "setup recv");
}

/* end 1 re-opened and acknowledged end 0, which has not looked yet */
static void setup_restarted(struct world *w)
{
	setup_up(w);
	reopen_reset(&w->e[1], w->region);
	look(&w->e[1], w->region);
}

/* end 1 re-opened, end 0 acknowledged it, end 1 has not looked yet */
static void setup_acknowledged(struct world *w)
{
	setup_up(w);
	reopen_reset(&w->e[1], w->region);
	look(&w->e[0], w->region);
	tioc_peer_restarted(&w->e[0]);
}

/* end 1 never opened: its half is garbage */
static void setup_first(struct world *w)
{
	bool ring;

	memset(w->region + SIZE / 2, 0xa5, SIZE / 2);
	memset(&w->e[1], 0, sizeof(w->e[1]));
	CHECK(tioc_state(&w->e[0], &ring) == TIOC_CONNECTING, "end 1 not open yet");
}

/* re-opens and acknowledges the other end at once */
static void reopen_look(struct tioc_end *e, uint8_t *region)
{
	reopen_reset(e, region);
	look(e, region);
}

static const struct scenario scenarios[] = {
	{ "end 1 resets while end 0 works", setup_up, 1, reopen_reset, 0 },
	{ "end 1 restarts (fresh open) while end 0 works", setup_up, 1, reopen_fresh, 0 },
	{ "end 1 resets and acknowledges while end 0 works", setup_up, 1, reopen_look, 0 },
	{ "end 0 acknowledges while the restarted end 1 works", setup_restarted, 0, look, 0 },
	{ "the restarted end 1 acknowledges while end 0 works", setup_acknowledged, 1, look, -1 },
	{ "end 1 opens the first time while end 0 looks", setup_first, 1, reopen_fresh, -1 },
};

static void world_new(struct world *w)
{
	w->region = region_new(SIZE, 0);
	CHECK(tioc_open(&w->e[0], w->region, SIZE, 0, 1) == 0, "open 0");
	CHECK(tioc_open(&w->e[1], w->region, SIZE, 1, 2) == 0, "open 1");
}

/* After the interleaving: both come UP and talk, the survivor saw one restart. */
static void finish(struct world *w, const struct scenario *s, const char *what, bool reported)
{
	uint8_t buf[64];
	bool ring;
	int i, r;

	connect(w, what);
	for (i = 0; i < 2; i++) {
		reported |= i == s->survivor && tioc_peer_restarted(&w->e[i]);
		CHECK(!tioc_peer_restarted(&w->e[i]), "%s: end %d: another restart", what, i);
	}
	CHECK(reported == (s->survivor >= 0), "%s: restart reported %d", what, reported);
	for (i = 0; i < 2; i++) {
		r = tioc_send(&w->e[i], buf, msg(&w->e[i], buf), &ring);
		CHECK(r == 0, "%s: send afterwards: %s", what, tioc_err(r));
		r = tioc_recv(&w->e[!i], buf, sizeof(buf), &ring);
		check_msg(&w->e[!i], buf, r, what);
	}
}

static long run_scenario(const struct scenario *s)
{
	struct world w, snap;
	struct tioc_end after;
	int reader = !s->writer, i, k, j, n, calls;
	long runs = 0;
	enum call c;
	char what[200];

	world_new(&w);
	s->setup(&w);
	snap.region = region_new(SIZE, 0);
	memcpy(snap.region, w.region, SIZE);
	memcpy(snap.e, w.e, sizeof(w.e));
	/* record the writer's writes, and its state after them */
	nlog = 0;
	recording = true;
	s->action(&w.e[s->writer], w.region);
	recording = false;
	after = w.e[s->writer];
	n = nlog;
	CHECK(n > 0, "no writes recorded");
	for (c = 0; c < NCALLS; c++) {
		/* how many shared reads the call makes at most */
		memcpy(w.region, snap.region, SIZE);
		memcpy(w.e, snap.e, sizeof(w.e));
		reads = 0;
		do_call(&w.e[reader], c, "count");
		calls = reads + 1;
		for (i = 0; i <= n; i++)
			for (k = i; k <= n; k++)
				for (j = 0; j < calls; j++) {
					bool reported;
					int r;

					snprintf(what, sizeof(what),
						 "%s: %s, writes %d|%d|%d at read %d", s->name,
						 call_names[c], i, k, n, j);
					memcpy(w.region, snap.region, SIZE);
					memcpy(w.e, snap.e, sizeof(w.e));
					apply(0, i);
					reads = 0;
					inject_at = j;
					inj_from = i;
					inj_to = k;
					r = do_call(&w.e[reader], c, what);
					if (reads <= j)
						apply(i, k);
					inject_at = -1;
					apply(k, n);
					w.e[s->writer] = after;
					CHECK(r != TIOC_EBROKEN, "%s: BROKEN", what);
					reported = reader == s->survivor &&
						   tioc_peer_restarted(&w.e[reader]);
					if (s->writer == s->survivor)
						reported = after.restarted;
					w.e[s->writer].restarted = false;
					finish(&w, s, what, reported);
					runs++;
				}
	}
	free(snap.region);
	free(w.region);
	return runs;
}

int main(void)
{
	size_t i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		long runs = run_scenario(&scenarios[i]);

		printf("interleave: ok %s: %ld interleavings\n", scenarios[i].name, runs);
	}
	printf("PASS\n");
	return 0;
}
