// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * Both ends of one channel in one thread, against a model of what must be in
 * each ring: random traffic both ways (every length from 0 to the maximum,
 * wrap-around of the rings and of the u32 indices, the doorbell flags), then
 * restarts of either end with messages queued both ways.
 *
 * Output: one "ok" line per part, then "PASS".
 */
#include "ioc_test.h"

/* One direction of traffic, and what the model says is in its ring. */
struct flow {
	struct tioc_end *tx, *rx;
	uint64_t dir;
	uint64_t sent, received; /* messages of this connection */
	uint32_t bytes, msgs; /* in the ring */
	int rx_waits, tx_waits; /* the model of the doorbell flags */
	uint32_t tx_epoch, tx_peer, rx_epoch, rx_peer; /* the connection the counters are for */
};

struct stats {
	uint64_t messages, bytes, wrapped, full, emsgsize, rings;
};

static uint32_t need(uint32_t len)
{
	return TIOC_HDR_SIZE + ((len + 7) & ~7u);
}

/* Starts a connection's counters anywhere, e.g. just below 2^32: white-box, with the ring empty. */
static void shift_indices(struct flow *f, uint32_t start)
{
	CHECK(f->bytes == 0, "ring not empty");
	f->tx->tx_head = start;
	f->tx->me->tx_head = start;
	f->rx->rx_tail = start;
	f->rx->me->rx_tail = start;
}

/* A message: {sender epoch, receiver epoch, n}, then bytes from all three. */
static uint32_t make_msg(struct flow *f, uint8_t *buf, uint32_t min)
{
	uint32_t hdr[3] = { f->tx->epoch, f->tx->peer_epoch, (uint32_t)f->sent };
	uint64_t key = f->dir << 62 ^ (uint64_t)hdr[0] << 40 ^ (uint64_t)hdr[1] << 20 ^ f->sent;
	uint32_t len = msg_len(key, min, tioc_max_payload(f->tx));

	msg_fill(buf, len, key);
	if (len >= sizeof(hdr))
		memcpy(buf, hdr, sizeof(hdr));
	return len;
}

/* A new connection on either side restarts that side's counter and empties
 * the ring; an end's open (a new epoch) also clears its doorbell flags, an
 * acknowledgment keeps them (the end may still be waiting). */
static void follow_connection(struct flow *f)
{
	if (f->tx->epoch != f->tx_epoch || f->tx->peer_epoch != f->tx_peer) {
		if (f->tx->epoch != f->tx_epoch)
			f->tx_waits = 0;
		f->tx_epoch = f->tx->epoch;
		f->tx_peer = f->tx->peer_epoch;
		f->sent = 0;
		f->bytes = f->msgs = 0;
	}
	if (f->rx->epoch != f->rx_epoch || f->rx->peer_epoch != f->rx_peer) {
		if (f->rx->epoch != f->rx_epoch)
			f->rx_waits = 0;
		f->rx_epoch = f->rx->epoch;
		f->rx_peer = f->rx->peer_epoch;
		f->received = 0;
	}
}

static void do_send(struct flow *f, struct rng *r, struct stats *st, uint32_t min)
{
	static uint8_t buf[65536];
	uint32_t len, pos = f->tx->tx_pos, ring_size = f->tx->ring;
	bool ring;
	int ret;

	follow_connection(f);
	len = make_msg(f, buf, min);
	if (rng_below(r, 8) == 0) {
		/* may it sleep for room?  Exactly when the message does not fit. */
		bool wait = tioc_prepare_wait_tx(f->tx, len);

		CHECK(wait == (f->bytes + need(len) > ring_size), "prepare_wait_tx %d", wait);
		f->tx_waits = 1;
	}
	ret = tioc_send(f->tx, buf, len, &ring);
	if (ret == TIOC_EAGAIN) {
		CHECK(f->bytes + need(len) > ring_size, "EAGAIN with %u of %u used, len %u",
		      f->bytes, ring_size, len);
		CHECK(!ring, "ring on EAGAIN");
		st->full++;
		return;
	}
	CHECK(ret == 0, "send: %s", tioc_err(ret));
	CHECK(ring == (f->rx_waits != 0), "send ring %d, receiver waits %d", ring, f->rx_waits);
	st->rings += ring;
	f->tx_waits = 0;
	if (pos + need(len) > ring_size)
		st->wrapped++;
	f->bytes += need(len);
	f->msgs++;
	f->sent++;
}

static void do_recv(struct flow *f, struct rng *r, struct stats *st, uint32_t min)
{
	static uint8_t buf[65536], want[65536];
	uint32_t len = 0, hdr[3];
	size_t cap = tioc_max_payload(f->rx);
	bool ring, wait;
	int ret;

	follow_connection(f);
	if (f->msgs) {
		/* the next message, as its sender made it */
		struct flow copy = *f;

		copy.sent = f->received;
		len = make_msg(&copy, want, min);
		if (rng_below(r, 8) == 0)
			cap = len ? len - 1 : 0;
		else if (rng_below(r, 2))
			cap = len;
	}
	if (rng_below(r, 8) == 0) {
		wait = tioc_prepare_wait_rx(f->rx);
		CHECK(wait == (f->msgs == 0), "prepare_wait_rx %d with %u messages", wait, f->msgs);
		f->rx_waits = 1;
	}
	if (rng_below(r, 3) == 0)
		ret = recv_by_peek(f->rx, buf, cap, &ring);
	else
		ret = tioc_recv(f->rx, buf, cap, &ring);
	if (!f->msgs) {
		CHECK(ret == TIOC_EAGAIN && !ring, "empty ring: recv %s ring %d", tioc_err(ret),
		      ring);
		return;
	}
	if (cap < len) {
		CHECK(ret == TIOC_EMSGSIZE && !ring, "cap %zu < %u: %s", cap, len, tioc_err(ret));
		st->emsgsize++;
		return;
	}
	CHECK(ret >= 0 && (uint32_t)ret == len, "recv %d (%s), expected %u", ret, tioc_err(ret),
	      len);
	CHECK(ring == (f->tx_waits != 0), "recv ring %d, sender waits %d", ring, f->tx_waits);
	st->rings += ring;
	f->rx_waits = 0;
	hdr[0] = f->rx->peer_epoch;
	hdr[1] = f->rx->epoch;
	hdr[2] = (uint32_t)f->received;
	if (len >= sizeof(hdr))
		CHECK(!memcmp(buf, hdr, sizeof(hdr)), "message names another connection");
	CHECK(!memcmp(buf, want, len), "message %lu garbled", (unsigned long)f->received);
	f->bytes -= need(len);
	f->msgs--;
	f->received++;
	st->messages++;
	st->bytes += len;
}

static void random_ops(struct flow *fl, struct rng *r, struct stats *st, long ops, uint32_t min)
{
	long i;

	for (i = 0; i < ops; i++) {
		struct flow *f = &fl[rng_below(r, 2)];

		if (rng_below(r, 2))
			do_send(f, r, st, min);
		else
			do_recv(f, r, st, min);
	}
}

static void drain(struct flow *fl, struct rng *r, struct stats *st, uint32_t min)
{
	int i;

	for (i = 0; i < 2; i++)
		while (fl[i].msgs)
			do_recv(&fl[i], r, st, min);
}

static void flows_init(struct flow *fl, struct tioc_end *a, struct tioc_end *b)
{
	memset(fl, 0, 2 * sizeof(*fl));
	fl[0].tx = a;
	fl[0].rx = b;
	fl[0].dir = 0;
	fl[1].tx = b;
	fl[1].rx = a;
	fl[1].dir = 1;
}

/* (1) Random traffic both ways against the model. */
static void test_traffic(size_t size, uint64_t seed, long ops, uint32_t start)
{
	void *region = region_new(size, 0);
	struct tioc_end a, b;
	struct stats st = { 0 };
	struct flow fl[2];
	struct rng r = { seed };
	bool ring;
	uint8_t big[65536] = { 0 };

	CHECK(tioc_open(&a, region, size, 0, 100) == 0, "open a");
	CHECK(tioc_open(&b, region, size, 1, 200) == 0, "open b");
	CHECK(a.epoch == 100 && b.epoch == 200, "epochs from the seeds: %u %u", a.epoch, b.epoch);
	CHECK(tioc_send(&a, big, 1, &ring) == TIOC_ENOTCONN, "send before the handshake");
	CHECK(tioc_recv(&b, big, 1, &ring) == TIOC_ENOTCONN, "recv before the handshake");
	ioc_connect(&a, &b);
	CHECK(!tioc_peer_restarted(&a) && !tioc_peer_restarted(&b), "first connection: no restart");
	CHECK(tioc_send(&a, big, tioc_max_payload(&a) + 1, &ring) == TIOC_EMSGSIZE, "max + 1");
	flows_init(fl, &a, &b);
	follow_connection(&fl[0]);
	follow_connection(&fl[1]);
	if (start) {
		shift_indices(&fl[0], start);
		shift_indices(&fl[1], start - 0x800);
	}
	/* one message of the maximum size fills a ring exactly */
	CHECK(tioc_send(&a, big, tioc_max_payload(&a), &ring) == 0, "max");
	CHECK(tioc_send(&a, big, 0, &ring) == TIOC_EAGAIN, "full");
	CHECK(tioc_recv(&b, big, sizeof(big), &ring) == (int)tioc_max_payload(&a), "recv max");
	fl[0].sent = fl[0].received = 1;
	random_ops(fl, &r, &st, ops, 0);
	drain(fl, &r, &st, 0);
	CHECK(fl[0].sent == fl[0].received && fl[1].sent == fl[1].received, "counts");
	CHECK(st.wrapped > 0 && st.full > 0 && st.emsgsize > 0 && st.rings > 0, "coverage");
	CHECK(tioc_state(&a, &ring) == TIOC_UP && tioc_state(&b, &ring) == TIOC_UP, "still up");
	if (start)
		CHECK(a.tx_head < start && b.rx_tail < start, "u32 indices did not wrap");
	printf("traffic: ok size=%zu start=%#x messages=%lu bytes=%lu wrapped=%lu full=%lu "
	       "emsgsize=%lu doorbells=%lu\n",
	       size, start, (unsigned long)st.messages, (unsigned long)st.bytes,
	       (unsigned long)st.wrapped, (unsigned long)st.full, (unsigned long)st.emsgsize,
	       (unsigned long)st.rings);
	free(region);
}

/* Fills both rings a little, then brings the connection back after a restart. */
static void queue_some(struct flow *fl, struct rng *r, struct stats *st)
{
	int i;

	for (i = 0; i < 6; i++)
		do_send(&fl[i % 2], r, st, 12);
	CHECK(fl[0].msgs > 0 && fl[1].msgs > 0, "messages queued both ways");
}

/* After a restart: the survivor's first look acknowledges, moves no data, and
 * reports the restart once; the restarted end reports none. */
static void reconnect(struct tioc_end *survivor, struct tioc_end *restarted, struct rng *r)
{
	static uint8_t buf[65536];
	bool ring;
	int ret;

	switch (rng_below(r, 3)) {
	case 0:
		ret = tioc_state(survivor, &ring);
		CHECK(ret == TIOC_CONNECTING, "survivor's state %d", ret);
		break;
	case 1:
		ret = tioc_recv(survivor, buf, sizeof(buf), &ring);
		CHECK(ret == TIOC_ENOTCONN, "survivor's recv %s", tioc_err(ret));
		break;
	default:
		ret = tioc_send(survivor, buf, 12, &ring);
		CHECK(ret == TIOC_ENOTCONN, "survivor's send %s", tioc_err(ret));
	}
	CHECK(ring, "an acknowledgment rings the doorbell");
	CHECK(tioc_peer_restarted(survivor), "survivor reports the restart");
	CHECK(!tioc_peer_restarted(survivor), "once");
	ioc_connect(survivor, restarted);
	CHECK(!tioc_peer_restarted(survivor) && !tioc_peer_restarted(restarted), "no more reports");
}

/* (3) Restarts with messages queued both ways: nothing of the old connection
 * arrives in the new one (each message names its connection), and traffic
 * then flows in order again. */
static void test_restart(size_t size, uint64_t seed, int rounds)
{
	void *region = region_new(size, 0xa5);
	struct tioc_end end[2];
	struct stats st = { 0 };
	struct flow fl[2];
	struct rng r = { seed };
	int round, restarts = 0;

	CHECK(tioc_open(&end[0], region, size, 0, 0) == 0, "open 0");
	CHECK(end[0].epoch == 1, "seed 0 makes epoch 1");
	CHECK(tioc_open(&end[1], region, size, 1, 7) == 0, "open 1");
	ioc_connect(&end[0], &end[1]);
	flows_init(fl, &end[0], &end[1]);
	for (round = 0; round < rounds; round++) {
		int who = (int)rng_below(&r, 2), how = round % 3;
		uint32_t old = end[who].epoch;

		random_ops(fl, &r, &st, 2000, 12);
		queue_some(fl, &r, &st);
		if (how == 0) {
			/* a cell restart: all private state lost, the region kept */
			memset(&end[who], 0x5a, sizeof(end[who]));
			CHECK(tioc_open(&end[who], region, size, (unsigned)who, 12345) == 0,
			      "reopen");
		} else {
			tioc_reset(&end[who]);
		}
		CHECK(end[who].epoch == old + 1, "epoch %u after %u", end[who].epoch, old);
		if (how == 2) {
			/* twice before the survivor looks: seen as one restart */
			tioc_reset(&end[who]);
		}
		reconnect(&end[!who], &end[who], &r);
		restarts++;
	}
	random_ops(fl, &r, &st, 2000, 12);
	drain(fl, &r, &st, 12);
	printf("restart: ok size=%zu restarts=%d messages=%lu\n", size, restarts,
	       (unsigned long)st.messages);
	free(region);
}

static void test_open_errors(void)
{
	void *region = region_new(16384, 0);
	struct tioc_end e;

	CHECK(tioc_open(&e, NULL, 8192, 0, 1) == TIOC_EINVAL, "NULL");
	CHECK(tioc_open(&e, region, 0, 0, 1) == TIOC_EINVAL, "size 0");
	CHECK(tioc_open(&e, region, 2048, 0, 1) == TIOC_EINVAL, "size 2048");
	CHECK(tioc_open(&e, region, 4097, 0, 1) == TIOC_EINVAL, "size 4097");
	CHECK(tioc_open(&e, region, 6144, 0, 1) == TIOC_EINVAL, "size 6144");
	CHECK(tioc_open(&e, region, (size_t)TIOC_SIZE_MAX + 4096, 0, 1) == TIOC_EINVAL, "> max");
	CHECK(tioc_open(&e, (char *)region + 4, 4096, 0, 1) == TIOC_EINVAL, "misaligned");
	CHECK(tioc_open(&e, region, 4096, 2, 1) == TIOC_EINVAL, "end 2");
	CHECK(tioc_open(&e, region, 12288, 1, 1) == 0, "12 KiB");
	CHECK(tioc_max_payload(&e) == 12288 / 2 - 64 - 8, "max payload %u", tioc_max_payload(&e));
	CHECK((uint8_t *)e.me == (uint8_t *)region + 6144, "half 1 at S/2");
	/* the old epoch wraps to 1, never 0 */
	e.me->epoch = 0xffffffffu;
	CHECK(tioc_open(&e, region, 12288, 1, 1) == 0 && e.epoch == 1, "epoch %u", e.epoch);
	printf("open: ok\n");
	free(region);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_open_errors();
	test_traffic(4096, 1, 40000, 0);
	test_traffic(8192, 2, 40000, 0xfffff000u);
	test_traffic(65536, 3, 30000, 0xffffffc0u);
	test_restart(4096, 4, 12);
	test_restart(16384, 5, 12);
	printf("PASS\n");
	return 0;
}
