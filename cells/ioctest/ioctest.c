// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * IOC channel test cell (tests/test_ioc.py): both ends of channel "link" run
 * this image.  Per connection each end sends IOCTEST_MESSAGES messages of
 * random sizes, each [u32 number][u32 checksum][bytes from a PRNG seeded by
 * the number], while receiving the peer's, and checks at the receiver that
 * they come complete, in order, none lost or twice.  It sleeps on the
 * channel's doorbell when it can neither send nor receive.  Built with
 * -DIOCTEST_RESTART_AT=n, an end restarts itself (PSCI SYSTEM_RESET) once,
 * when it has received n messages; the survivor reports the peer's restart
 * and both start a new connection.  Lines:
 *   ioctest: <cell>: channel 'link' to '<peer>' up (connection <c>)
 *   ioctest: <cell>: peer restarted after <n> messages received
 *   ioctest: <cell>: connection <c>: sent <n>, received <n> in order, checksums ok, <d> doorbells
 *   ioctest: <cell>: FAILED <what>
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "hvc.h"
#include "ioc.h"
#include "message.h"
#include "../rtos/rtos.h"

#ifndef IOCTEST_MESSAGES
#define IOCTEST_MESSAGES 3000
#endif
#define IOCTEST_MAX 2048 /* the largest message a 4 KiB channel takes is 1976 bytes */
#define PSCI_SYSTEM_RESET 0x84000009u

static struct ioc link;
static char me[CELL_NAME_LEN + 1];
static uint8_t out[IOCTEST_MAX], in[IOCTEST_MAX];

struct stream {
	uint32_t peer_epoch; /* the peer incarnation of this connection */
	uint32_t connection; /* 1, 2, ... */
	uint32_t sent, received, out_len; /* out_len: the next message, once built */
	int reported;
};

static uint32_t max_message(void)
{
	uint32_t max = tioc_max_payload(&link.end);

	return max < IOCTEST_MAX ? max : IOCTEST_MAX;
}

static void fail(const char *what, long a, long b)
{
	console_printf("ioctest: %s: FAILED %s (%ld, %ld)\n", me, what, a, b);
	for (;;)
		asm volatile("wfi");
}

static void check(const uint8_t *buf, int len, struct stream *s)
{
	uint32_t n = s->received + 1, got = message_check(buf, len);

	if (!got)
		fail("short message or checksum: message, length", n, len);
	if (got != n)
		fail("message out of order: got, expected", got, n);
	s->received = n;
}

static void new_connection(struct stream *s)
{
	*s = (struct stream){ .peer_epoch = link.end.peer_epoch, .connection = s->connection + 1 };
	console_printf("ioctest: %s: channel 'link' to '%s' up (connection %u)\n", me, link.peer,
		       s->connection);
}

static void maybe_restart(const struct stream *s)
{
#ifdef IOCTEST_RESTART_AT
	if (!link.reopened && s->received == IOCTEST_RESTART_AT) {
		console_printf("ioctest: %s: restarting itself\n", me);
		hvc_call(PSCI_SYSTEM_RESET, 0, 0, 0, 0, 0);
	}
#else
	(void)s;
#endif
}

/* A send and a receive, whichever can go; true if either did. */
static int transfer(struct stream *s)
{
	int moved = 0, r;

	if (s->sent < IOCTEST_MESSAGES) {
		if (!s->out_len)
			s->out_len = message_build(out, s->sent + 1, max_message());
		r = ioc_send(&link, out, s->out_len);
		if (r == 0) {
			s->sent++;
			s->out_len = 0;
			moved = 1;
		} else if (r != TIOC_EAGAIN && r != TIOC_ENOTCONN) {
			fail("send", r, s->sent + 1);
		}
	}
	r = ioc_recv(&link, in, sizeof(in));
	if (r >= 0) {
		check(in, r, s);
		maybe_restart(s);
		moved = 1;
	} else if (r != TIOC_EAGAIN && r != TIOC_ENOTCONN) {
		fail("receive", r, s->received + 1);
	}
	return moved;
}

static void report(struct stream *s)
{
	if (s->reported || s->sent < IOCTEST_MESSAGES || s->received < IOCTEST_MESSAGES)
		return;
	s->reported = 1;
	console_printf("ioctest: %s: connection %u: sent %u, received %u in order, checksums ok, "
		       "%u doorbells\n",
		       me, s->connection, s->sent, s->received, link.doorbells);
}

static void run(void)
{
	struct stream s = { 0 };

	for (;;) {
		int state = ioc_state(&link);

		if (tioc_peer_restarted(&link.end))
			console_printf("ioctest: %s: peer restarted after %u messages received\n",
				       me, s.received);
		if (state == TIOC_BROKEN)
			fail("channel broken", 0, 0);
		if (state != TIOC_UP) {
			ioc_wait(&link, 0);
			continue;
		}
		if (link.end.peer_epoch != s.peer_epoch)
			new_connection(&s);
		int moved = transfer(&s);
		report(&s);
		if (!moved)
			ioc_wait(&link, s.sent < IOCTEST_MESSAGES ? s.out_len : 0);
	}
}

static void doorbell(uint64_t now)
{
	(void)now;
	ioc_doorbell(&link);
}

/* Other work, going on meanwhile: the real-time runtime's 10 ms task. */
static void tick(struct rtos_task *t, uint64_t now)
{
	(void)t;
	(void)now;
}

static struct rtos_task tasks[] = { { .name = "tick", .period_us = 10000, .run = tick } };

void cell_main(uintptr_t dtb)
{
	cell_id(me);
	if (rtos_init(dtb) || ioc_open(&link, dtb, "link") ||
	    rtos_irq_attach(link.intid, doorbell) || rtos_start(tasks, 1))
		fail("set-up", 0, 0);
	console_printf("ioctest: %s: opened 'link' (doorbell %u%s)\n", me, link.intid,
		       link.reopened ? ", after a restart" : "");
	run();
}
