// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * IOC benchmark cell (bench/ioc_bench.py, under -icount): cell "ping" drives,
 * cell "pong" answers, over channel "link", each on a core of its own and
 * each sleeping in WFI on the doorbell when it waits, but in the polled round
 * trip.  Messages in bench.h.  Figures, read from the virtual counter both
 * cells share:
 *   doorbell: ping reads the counter, rings and halts at once (under -icount
 *     QEMU runs the cores in turn: a sender that went on would delay the
 *     receiver, which real cores would not); pong's doorbell handler reads the
 *     counter at its IRQ vector's first instruction and sends it back;
 *   rtt64: a 64-byte message to pong and its 64-byte answer back;
 *   rtt64_polled: the same with both ends polling (WFE between tries);
 *   throughput: IOCBENCH_BULK messages of 4 KiB to pong, until pong's answer
 *     that it has them all, against a plain memcpy of the same bytes; and the
 *     time each end spent in its channel calls (send_ns, recv_ns);
 *   throughput_in_place: the same with pong taking each message where it lies
 *     (ioc_recv_peek, ioc_recv_done) instead of copying it out: the bytes
 *     cross from ping's buffer to memory pong reads in one copy.
 * Lines (ping):
 *   iocbench: doorbell rounds=<n> min_ns=<a> avg_ns=<b> max_ns=<c>
 *   iocbench: rtt64 rounds=<n> min_ns=<a> avg_ns=<b> max_ns=<c>
 *   iocbench: rtt64_polled rounds=<n> min_ns=<a> avg_ns=<b> max_ns=<c>
 *   iocbench: throughput bytes=<n> ioc_ns=<t> memcpy_ns=<m> send_ns=<s> recv_ns=<r>
 *   iocbench: throughput_in_place bytes=<n> ioc_ns=<t> memcpy_ns=<m> send_ns=<s> recv_ns=<r>
 *   iocbench: done
 */
#include <stdbool.h>
#include <stdint.h>

#include "../rtos/rtos.h"
#include "cell.h"
#include "console.h"
#include "ioc.h"
#include "string.h"
#include "timer.h"

#include "bench.h"

static struct ioc link;
static char me[CELL_NAME_LEN + 1];
static uint8_t msg[IOCBENCH_BULK_SIZE] __attribute__((aligned(16))),
	copy[IOCBENCH_BULK_SIZE] __attribute__((aligned(16)));
static volatile uint64_t rung_at; /* pong: the counter at the doorbell's vector */

static void add(struct iocbench_figure *f, uint64_t ticks)
{
	iocbench_add(f, timer_ticks_to(ticks, 1000000000ull));
}

static void print(const char *name, const struct iocbench_figure *f)
{
	console_printf("iocbench: %s rounds=%lu min_ns=%lu avg_ns=%lu max_ns=%lu\n", name, f->n,
		       f->min, f->sum / f->n, f->max);
}

static void doorbell(uint64_t now)
{
	rung_at = now;
	ioc_doorbell(&link);
}

static void send_all(const void *buf, uint32_t len)
{
	int r;

	while ((r = ioc_send(&link, buf, len)) == TIOC_EAGAIN)
		ioc_wait(&link, len);
	if (r)
		console_printf("iocbench: %s: send failed: %d\n", me, r);
}

static int recv_one(void *buf, uint32_t cap)
{
	int r;

	while ((r = ioc_recv(&link, buf, cap)) == TIOC_EAGAIN)
		ioc_wait(&link, 0);
	return r;
}

static void connect(void)
{
	while (ioc_state(&link) != TIOC_UP)
		ioc_wait(&link, 0);
}

/* pong: one more of the bulk is in, after ticks in the channel's calls; at
 * the last one say so, with the time they all took. */
static void bulk_in(uint64_t ticks)
{
	static uint32_t bulk;
	static uint64_t bulk_ticks;

	bulk_ticks += ticks;
	if (++bulk == IOCBENCH_BULK) {
		struct iocbench_done done = { KIND_BULK_DONE, bulk_ticks };

		bulk = 0;
		bulk_ticks = 0;
		send_all(&done, sizeof(done));
	}
}

/* pong, taking messages in place: a bulk message is counted where it lies;
 * anything else is left for ioc_recv.  True if it took one. */
static bool bulk_in_place(void)
{
	struct tioc_view view;
	uint64_t t0 = timer_now();
	int r = ioc_recv_peek(&link, &view);

	/* a message's first part holds at least 8 bytes or all of it */
	if (r <= 0 || view.p[0][0] != KIND_BULK)
		return false;
	ioc_recv_done(&link);
	bulk_in(timer_now() - t0);
	return true;
}

/* pong, polling: echo each small message at once, waiting in WFE for it and
 * for room; the first message that is no echo (or an error) is the caller's. */
static int echo_polled(void)
{
	int r;

	while ((r = ioc_poll_recv(&link, msg, sizeof(msg))) > 0 && msg[0] == KIND_ECHO) {
		int s;

		while ((s = ioc_send(&link, msg, (uint32_t)r)) == TIOC_EAGAIN)
			ioc_poll_pause();
		if (s)
			console_printf("iocbench: %s: send failed: %d\n", me, s);
	}
	return r;
}

/* pong: in the doorbell phase answer each doorbell-only round with the
 * time its vector saw; echo small messages, take the bulk and say when all
 * of it is in.  A doorbell that came with a message is no round. */
static void answer(void)
{
	int doorbell_phase = 0, polling = 0, in_place = 0;

	for (;;) {
		if (in_place && bulk_in_place())
			continue;
		uint64_t t0 = timer_now();
		int r = polling ? echo_polled() : ioc_recv(&link, msg, sizeof(msg));

		if (r >= 0)
			rung_at = 0;
		if (r > 0 && msg[0] == KIND_PHASE) {
			doorbell_phase = msg[1] == PHASE_DOORBELLS;
			polling = msg[1] == PHASE_POLLING;
			in_place = msg[1] == PHASE_IN_PLACE;
			send_all(msg, 2); /* the acknowledgment */
		} else if (r == TIOC_EAGAIN && rung_at && doorbell_phase) {
			uint64_t t[2] = { KIND_DOORBELL_TIME, rung_at };
			rung_at = 0;
			send_all(t, sizeof(t));
		} else if (r == TIOC_EAGAIN) {
			ioc_wait(&link, 0);
		} else if (r > 0 && msg[0] == KIND_ECHO) {
			send_all(msg, (uint32_t)r);
		} else if (r > 0 && msg[0] == KIND_BULK) {
			bulk_in(timer_now() - t0);
		}
	}
}

/* Tell pong how to wait and whether bare doorbells are rounds, and wait for its yes. */
static void phase(uint8_t how)
{
	uint8_t m[2] = { KIND_PHASE, how };

	send_all(m, sizeof(m));
	recv_one(m, sizeof(m));
}

static void bench_doorbell(void)
{
	struct iocbench_figure f = { 0 };
	uint64_t t[2];

	phase(PHASE_DOORBELLS);
	for (int i = 0; i < IOCBENCH_ROUNDS; i++) {
		timer_delay_us(20); /* pong is back in WFI */
		asm volatile("msr daifset, #2" ::: "memory");
		tioc_prepare_wait_rx(&link.end); /* pong's answer must ring us */
		uint64_t t0 = timer_now();
		ioc_ring(&link);
		asm volatile("wfi\n\tmsr daifclr, #2" ::: "memory"); /* woken by the answer */
		if (recv_one(t, sizeof(t)) == sizeof(t) && t[0] == KIND_DOORBELL_TIME)
			add(&f, t[1] - t0);
	}
	phase(PHASE_PLAIN);
	print("doorbell", &f);
}

static void bench_rtt(void)
{
	struct iocbench_figure f = { 0 };

	memset(msg, 0x5a, IOCBENCH_SMALL);
	msg[0] = KIND_ECHO;
	for (int i = 0; i < IOCBENCH_ROUNDS; i++) {
		timer_delay_us(20);
		uint64_t t0 = timer_now();
		send_all(msg, IOCBENCH_SMALL);
		if (recv_one(copy, sizeof(copy)) == IOCBENCH_SMALL)
			add(&f, timer_now() - t0);
	}
	print("rtt64", &f);
}

/* Both ends poll: the round trip without a doorbell or an interrupt. */
static void bench_rtt_polled(void)
{
	struct iocbench_figure f = { 0 };

	memset(msg, 0x5a, IOCBENCH_SMALL);
	msg[0] = KIND_ECHO;
	phase(PHASE_POLLING);
	for (int i = 0; i < IOCBENCH_ROUNDS; i++) {
		uint64_t t0 = timer_now();
		while (ioc_send(&link, msg, IOCBENCH_SMALL) == TIOC_EAGAIN)
			ioc_poll_pause();
		if (ioc_poll_recv(&link, copy, sizeof(copy)) == IOCBENCH_SMALL)
			add(&f, timer_now() - t0);
	}
	phase(PHASE_PLAIN);
	print("rtt64_polled", &f);
}

/*
 * 1 MiB in 4 KiB messages until pong has it all, against a memcpy of the same
 * bytes.  Under -icount both ends' copies run one after the other on the one
 * clock; so each end also says how long its own channel calls took: on cores
 * that run at once, the busier end sets the pace.
 */
static void bench_throughput(const char *name, uint8_t how)
{
	struct iocbench_done done = { 0 };
	uint64_t send_ticks = 0;

	phase(how);
	memset(msg, 0xa5, sizeof(msg));
	msg[0] = KIND_BULK;
	uint64_t t0 = timer_now();
	for (int i = 0; i < IOCBENCH_BULK; i++) {
		int r;
		uint64_t s0 = timer_now();

		while ((r = ioc_send(&link, msg, sizeof(msg))) == TIOC_EAGAIN) {
			ioc_wait(&link, sizeof(msg));
			s0 = timer_now(); /* the wait is not the send */
		}
		send_ticks += timer_now() - s0;
	}
	recv_one(&done, sizeof(done));
	uint64_t t1 = timer_now();
	for (int i = 0; i < IOCBENCH_BULK; i++)
		memcpy(copy, msg, sizeof(msg));
	uint64_t t2 = timer_now();
	console_printf("iocbench: %s bytes=%u ioc_ns=%lu memcpy_ns=%lu send_ns=%lu "
		       "recv_ns=%lu\n",
		       name, IOCBENCH_BULK * IOCBENCH_BULK_SIZE,
		       timer_ticks_to(t1 - t0, 1000000000ull),
		       timer_ticks_to(t2 - t1, 1000000000ull),
		       timer_ticks_to(send_ticks, 1000000000ull),
		       timer_ticks_to(done.recv_ticks, 1000000000ull));
}

void cell_main(uintptr_t dtb)
{
	cell_id(me);
	if (rtos_init(dtb) || ioc_open(&link, dtb, "link") ||
	    rtos_irq_attach(link.intid, doorbell) || rtos_start(0, 0)) {
		console_printf("iocbench: %s: set-up failed\n", me);
		for (;;)
			asm volatile("wfi");
	}
	connect();
	if (me[1] == 'o' && me[2] == 'n') /* "pong" */
		answer();
	bench_doorbell();
	bench_rtt();
	bench_rtt_polled();
	bench_throughput("throughput", PHASE_PLAIN);
	bench_throughput("throughput_in_place", PHASE_IN_PLACE);
	phase(PHASE_PLAIN);
	console_puts("iocbench: done\n");
	for (;;)
		asm volatile("wfi");
}
