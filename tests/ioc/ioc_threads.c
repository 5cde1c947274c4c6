// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * The two ends of a channel in two threads, each sending and receiving at
 * once, with a semaphore per end as its doorbell: a thread sleeps only when
 * tioc_prepare_wait_rx/_tx allow it, and the peer rings when *ring says so.
 *
 *   traffic   100k messages each way, content and order checked
 *   restart   one end re-opens itself every few thousand messages while the
 *             other keeps sending: the survivor never goes BROKEN, reports
 *             each restart once, and each connection's messages arrive from
 *             the first, in order, naming that connection
 *
 * A wake-up is lost if a sleep times out while there was something to do;
 * none may be.  Output: one "ok" line per part, then "PASS".
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <time.h>

#include "ioc_test.h"

#define SIZE 8192
#define MESSAGES 100000
#define RESTART_EVERY 3000 /* messages received by the restarting end per incarnation */
#define RESTARTS 12

struct side {
	struct tioc_end e;
	struct side *other;
	void *region;
	unsigned int idx;
	sem_t bell;
	atomic_int *done; /* restart: set by the restarting end when it is through */
	uint64_t sent, received, sleeps, lost, restarts, reopens, rings;
	unsigned int idle; /* rounds without progress */
	unsigned int steps; /* rounds with progress */
	uint32_t conn_epoch, conn_peer; /* the connection sent/received count */
};

static uint8_t *buf_of(struct side *s)
{
	static _Thread_local uint8_t buf[SIZE];

	(void)s;
	return buf;
}

static void ring_if(struct side *s, bool ring)
{
	if (ring) {
		sem_post(&s->other->bell);
		s->rings++;
	}
}

/* A message names its connection and its place in it, then bytes from both. */
static uint32_t make_msg(struct side *s, uint8_t *buf)
{
	uint32_t hdr[3] = { s->e.epoch, s->e.peer_epoch, (uint32_t)s->sent };
	uint64_t key = (uint64_t)s->idx << 62 ^ (uint64_t)hdr[0] << 40 ^ (uint64_t)hdr[1] << 20 ^
		       s->sent;
	uint32_t len = msg_len(key, 12, tioc_max_payload(&s->e));

	msg_fill(buf, len, key);
	memcpy(buf, hdr, sizeof(hdr));
	return len;
}

static void check_msg(struct side *s, const uint8_t *buf, int len)
{
	uint32_t hdr[3] = { s->e.peer_epoch, s->e.epoch, (uint32_t)s->received };
	uint64_t key = (uint64_t)!s->idx << 62 ^ (uint64_t)hdr[0] << 40 ^ (uint64_t)hdr[1] << 20 ^
		       s->received;
	uint8_t want[SIZE];

	CHECK(len >= 12, "end %u: message %lu of %d bytes", s->idx, (unsigned long)s->received,
	      len);
	CHECK(!memcmp(buf, hdr, sizeof(hdr)),
	      "end %u: message {%u %u %u}, expected {%u %u %u}: from another connection or "
	      "out of order",
	      s->idx, ((const uint32_t *)buf)[0], ((const uint32_t *)buf)[1],
	      ((const uint32_t *)buf)[2], hdr[0], hdr[1], hdr[2]);
	CHECK((uint32_t)len == msg_len(key, 12, tioc_max_payload(&s->e)), "end %u: length %d",
	      s->idx, len);
	msg_fill(want, (uint32_t)len, key);
	memcpy(want, hdr, sizeof(hdr));
	CHECK(!memcmp(buf, want, (size_t)len), "end %u: message %lu garbled", s->idx,
	      (unsigned long)s->received);
}

/* Counters are per connection: a new one (ours or the peer's) starts them again. */
static void follow_connection(struct side *s)
{
	if (tioc_peer_restarted(&s->e))
		s->restarts++;
	if (s->e.epoch != s->conn_epoch || s->e.peer_epoch != s->conn_peer) {
		s->conn_epoch = s->e.epoch;
		s->conn_peer = s->e.peer_epoch;
		s->sent = s->received = 0;
	}
}

static bool try_send(struct side *s, uint64_t limit, uint32_t *len)
{
	uint8_t buf[SIZE];
	bool ring;
	int r;

	if (s->sent >= limit)
		return false;
	*len = make_msg(s, buf);
	r = tioc_send(&s->e, buf, *len, &ring);
	ring_if(s, ring);
	follow_connection(s);
	if (r == 0) {
		s->sent++;
		return true;
	}
	CHECK(r == TIOC_EAGAIN || r == TIOC_ENOTCONN, "end %u: send %s", s->idx, tioc_err(r));
	return false;
}

static bool try_recv(struct side *s)
{
	uint8_t *buf = buf_of(s);
	bool ring;
	int r;

	r = tioc_recv(&s->e, buf, SIZE, &ring);
	ring_if(s, ring);
	follow_connection(s);
	if (r >= 0) {
		check_msg(s, buf, r);
		s->received++;
		return true;
	}
	CHECK(r == TIOC_EAGAIN || r == TIOC_ENOTCONN, "end %u: recv %s", s->idx, tioc_err(r));
	return false;
}

/* Waits for our doorbell for up to @seconds: false on a timeout. */
static bool wait_bell(struct side *s, int seconds)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += seconds;
	while (sem_timedwait(&s->bell, &ts) == -1) {
		CHECK(errno == EINTR || errno == ETIMEDOUT, "sem_timedwait: %d", errno);
		if (errno == ETIMEDOUT)
			return false;
	}
	return true;
}

/* Sleeps on our doorbell if nothing can happen before it rings, after a few
 * idle rounds (as a driver polls briefly).  A wake-up is lost if, after a
 * second without a doorbell, there was something to do after all, and the
 * doorbell still does not come (the peer may just not have run). */
static void maybe_sleep(struct side *s, bool want_rx, bool want_tx, uint32_t len)
{
	bool rx, tx;

	if (++s->idle < 8) {
		sched_yield();
		return;
	}
	s->idle = 0;
	rx = !want_rx || tioc_prepare_wait_rx(&s->e);
	tx = !want_tx || tioc_prepare_wait_tx(&s->e, len);
	if (!rx || !tx)
		return;
	s->sleeps++;
	if (wait_bell(s, 1) || (s->done && atomic_load(s->done)))
		return;
	rx = !want_rx || tioc_prepare_wait_rx(&s->e);
	tx = !want_tx || tioc_prepare_wait_tx(&s->e, len);
	if ((!rx || !tx) && !wait_bell(s, 5))
		s->lost++;
}

/* After a round: now and then an end pauses for a moment, so that its peer
 * runs dry (nothing to receive, no room to send) and really sleeps, whatever
 * the machine's load. */
static void after_round(struct side *s, bool progress, bool want_rx, bool want_tx, uint32_t len)
{
	if (!progress) {
		maybe_sleep(s, want_rx, want_tx, len);
		return;
	}
	s->idle = 0;
	if (++s->steps % (300 + 100 * s->idx) == 0)
		nanosleep(&(struct timespec){ .tv_nsec = 300000 }, NULL);
}

static void open_end(struct side *s, uint32_t seed)
{
	CHECK(tioc_open(&s->e, s->region, SIZE, s->idx, seed) == 0, "open %u", s->idx);
	sem_post(&s->other->bell); /* an open rings the peer */
}

/* (2) Both send MESSAGES and receive MESSAGES. */
static void *traffic_thread(void *arg)
{
	struct side *s = arg;
	uint32_t len = 0;

	open_end(s, 1000 + s->idx);
	while (s->sent < MESSAGES || s->received < MESSAGES) {
		bool sent = try_send(s, MESSAGES, &len);
		bool received = try_recv(s);

		after_round(s, sent || received, s->received < MESSAGES, s->sent < MESSAGES, len);
	}
	return NULL;
}

/* The restarting end: RESTARTS re-opens, each after RESTART_EVERY messages received. */
static void *restarter_thread(void *arg)
{
	struct side *s = arg;
	uint32_t len = 0;

	open_end(s, 77);
	for (;;) {
		bool sent = try_send(s, UINT64_MAX, &len);
		bool received = try_recv(s);

		if (s->received >= RESTART_EVERY) {
			if (s->reopens == RESTARTS)
				break;
			s->reopens++;
			if (s->reopens % 2) {
				tioc_reset(&s->e);
				sem_post(&s->other->bell);
			} else {
				/* a cell restart: only the region stays */
				memset(&s->e, 0, sizeof(s->e));
				open_end(s, 1);
			}
			follow_connection(s);
			continue;
		}
		after_round(s, sent || received, true, true, len);
	}
	atomic_store(s->done, 1);
	sem_post(&s->other->bell);
	return NULL;
}

/* The survivor: sends and receives until the restarter is through. */
static void *survivor_thread(void *arg)
{
	struct side *s = arg;
	uint64_t total = 0;
	uint32_t len = 0;

	open_end(s, 55);
	while (!atomic_load(s->done)) {
		bool sent = try_send(s, UINT64_MAX, &len);
		bool received = try_recv(s);

		total += received;
		after_round(s, sent || received, true, true, len);
		CHECK(!s->e.broken, "the survivor went BROKEN");
	}
	s->received = total;
	return NULL;
}

static void run(void *(*fn0)(void *), void *(*fn1)(void *), struct side *sd, atomic_int *done)
{
	pthread_t t[2];
	int i;

	sd[0].region = sd[1].region = region_new(SIZE, 0);
	for (i = 0; i < 2; i++) {
		sd[i].idx = (unsigned)i;
		sd[i].other = &sd[!i];
		sd[i].done = done;
		CHECK(sem_init(&sd[i].bell, 0, 0) == 0, "sem_init");
	}
	CHECK(!pthread_create(&t[0], NULL, fn0, &sd[0]), "pthread_create");
	CHECK(!pthread_create(&t[1], NULL, fn1, &sd[1]), "pthread_create");
	pthread_join(t[0], NULL);
	pthread_join(t[1], NULL);
	for (i = 0; i < 2; i++)
		sem_destroy(&sd[i].bell);
	free(sd[0].region);
}

int main(void)
{
	static struct side sd[2], rs[2];
	atomic_int done = 0;
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	run(traffic_thread, traffic_thread, sd, NULL);
	for (i = 0; i < 2; i++) {
		CHECK(sd[i].sent == MESSAGES && sd[i].received == MESSAGES, "counts");
		CHECK(sd[i].lost == 0, "end %d: %lu lost wake-ups", i, (unsigned long)sd[i].lost);
		CHECK(sd[i].restarts == 0, "restarts reported");
	}
	printf("threads traffic: ok messages=%d each way, sleeps=%lu+%lu doorbells=%lu+%lu "
	       "lost=0\n",
	       MESSAGES, (unsigned long)sd[0].sleeps, (unsigned long)sd[1].sleeps,
	       (unsigned long)sd[0].rings, (unsigned long)sd[1].rings);

	run(survivor_thread, restarter_thread, rs, &done);
	CHECK(rs[1].reopens == RESTARTS, "reopens %lu", (unsigned long)rs[1].reopens);
	CHECK(rs[0].restarts == RESTARTS, "survivor saw %lu restarts of %d",
	      (unsigned long)rs[0].restarts, RESTARTS);
	CHECK(rs[1].restarts == 0, "the restarting end saw its peer restart");
	for (i = 0; i < 2; i++)
		CHECK(rs[i].lost == 0, "end %d: %lu lost wake-ups", i, (unsigned long)rs[i].lost);
	printf("threads restart: ok restarts=%d reported=%lu survivor received=%lu sleeps=%lu+%lu "
	       "lost=0\n",
	       RESTARTS, (unsigned long)rs[0].restarts, (unsigned long)rs[0].received,
	       (unsigned long)rs[0].sleeps, (unsigned long)rs[1].sleeps);
	printf("PASS\n");
	return 0;
}
