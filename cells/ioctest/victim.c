// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * The reader of a channel whose other end is hostile (tests/test_ioc.py,
 * tests/specs/ioc-hostile.yaml).  It keeps receiving the peer's messages and
 * echoes each good one (its number and checksum, 8 bytes), so that both of
 * the peer's indices are in use.  When the channel goes BROKEN it says so
 * once, resets its end and carries on.  Between messages it sleeps on the
 * doorbell, as a reader does.
 *
 * Its other work: every millisecond the real-time runtime's task releases a
 * batch of VICTIM_BATCH work units, which the main loop runs with IRQs
 * masked (a short job that must not be torn), timing it on the counter.
 * Every VICTIM_WINDOW batches the task closes a window, and the main loop
 * prints it: the batches run and their mean and longest time.  So the lines
 * go on only while the timer, the main loop and the work all make progress,
 * and a batch that takes longer shows what the hypervisor took from this
 * core meanwhile: say, for doorbells rung while the last one waits in a list
 * register behind the masked IRQs.  It never stops on purpose: an exception
 * prints "exception:" and halts.  Lines:
 *   ioctest: <cell>: opened 'link' (doorbell <intid>) as the reader of a hostile peer
 *   ioctest: <cell>: channel 'link' broken
 *   ioctest: <cell>: window <w>: <n> batches, <mean> ns mean, <max> ns max, <d> doorbells;
 *                    <m> messages, <g> garbled, <r> peer restarts, <b> broken
 *   ioctest: <cell>: FAILED <what>   (set-up only)
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "ioc.h"
#include "message.h"
#include "timer.h"
#include "../rtos/rtos.h"

#define VICTIM_PERIOD_US 1000 /* a batch released every millisecond */
#define VICTIM_BATCH 50 /* work units per batch: 64 us under -icount */
#define VICTIM_WINDOW 10 /* batches per window: 10 ms */
#define VICTIM_WINDOWS 16 /* closed but not yet printed: the main loop may lag */
#define VICTIM_RECV_BURST 4 /* messages per look, so the other work goes on */
#define VICTIM_WORK_BYTES 256

static struct ioc link;
static char me[CELL_NAME_LEN + 1];
static uint8_t in[2048]; /* the largest message of a 4 KiB channel is 1976 bytes */

/* The connection: our incarnation and the peer's, as acknowledged.  Either
 * changes when one end resets or re-opens; numbering starts again at 1. */
static struct {
	uint32_t epoch, peer_epoch;
	uint32_t expected; /* the next message number */
} conn;

static struct {
	uint32_t messages, garbled, restarts, broken;
} count;

/* Batches run so far, in counter ticks; the main loop writes them with IRQs
 * masked, the task reads them in its interrupt. */
struct batches {
	uint64_t runs, ticks, max;
};
static struct batches done;
static volatile int batch_due;

/* Closed windows, written by the task, printed by the main loop. */
struct window {
	struct batches batches;
	uint32_t doorbells;
};
static struct window windows[VICTIM_WINDOWS];
static volatile uint32_t windows_closed;

static void fail(const char *what)
{
	console_printf("ioctest: %s: FAILED %s\n", me, what);
	for (;;)
		asm volatile("wfi");
}

/* One unit of other work: a checksum over a buffer that changes each time. */
static void work_unit(void)
{
	static uint8_t buf[VICTIM_WORK_BYTES];
	uint32_t h = 2166136261u;

	for (unsigned int i = 0; i < sizeof(buf); i++)
		h = (h ^ buf[i]) * 16777619u;
	buf[h % sizeof(buf)] = (uint8_t)h;
}

static void run_batch(void)
{
	asm volatile("msr daifset, #2" ::: "memory");
	uint64_t t0 = timer_now();
	for (int i = 0; i < VICTIM_BATCH; i++)
		work_unit();
	uint64_t t = timer_now() - t0;
	done.runs++;
	done.ticks += t;
	if (t > done.max)
		done.max = t;
	batch_due = 0;
	asm volatile("msr daifclr, #2" ::: "memory");
}

/* One line per breakage: this end resets at once, so the next call sees a
 * fresh connection and not the same BROKEN again. */
static void broken(void)
{
	count.broken++;
	console_printf("ioctest: %s: channel 'link' broken\n", me);
	ioc_reset(&link);
}

static void echo(const uint8_t *msg)
{
	int r = ioc_send(&link, msg, MESSAGE_HEAD);

	if (r == TIOC_EBROKEN)
		broken();
	/* TIOC_EAGAIN: the peer does not consume; the echo is dropped. */
}

/* A message that passes the protocol's checks may still be garbage the peer
 * made up: the application's own check decides. */
static void accept(int len)
{
	uint32_t n = message_check(in, len);

	if (!n || n != conn.expected) {
		count.garbled++;
		return;
	}
	count.messages++;
	conn.expected++;
	echo(in);
}

static void track_connection(void)
{
	if (link.end.epoch == conn.epoch && link.end.peer_epoch == conn.peer_epoch)
		return;
	conn.epoch = link.end.epoch;
	conn.peer_epoch = link.end.peer_epoch;
	conn.expected = 1;
}

/* A bounded look at the channel: the state, then a few messages. */
static void serve(void)
{
	int state = ioc_state(&link);

	if (tioc_peer_restarted(&link.end))
		count.restarts++;
	if (state == TIOC_BROKEN) {
		broken();
		return;
	}
	if (state != TIOC_UP)
		return;
	track_connection();
	for (int i = 0; i < VICTIM_RECV_BURST; i++) {
		int r = ioc_recv(&link, in, sizeof(in));
		if (r == TIOC_EBROKEN) {
			broken();
			return;
		}
		if (r < 0)
			return; /* TIOC_EAGAIN, or not UP any more */
		accept(r);
	}
}

static uint64_t ns(uint64_t ticks)
{
	return timer_ticks_to(ticks, 1000000000);
}

static void print_windows(void)
{
	static uint32_t printed;

	for (; printed != windows_closed; printed++) {
		const struct window *w = &windows[printed % VICTIM_WINDOWS];
		uint64_t runs = w->batches.runs ? w->batches.runs : 1;
		console_printf(
			"ioctest: %s: window %u: %lu batches, %lu ns mean, %lu ns max, "
			"%u doorbells; %u messages, %u garbled, %u peer restarts, %u broken\n",
			me, printed + 1, (unsigned long)w->batches.runs,
			(unsigned long)ns(w->batches.ticks / runs),
			(unsigned long)ns(w->batches.max), w->doorbells, count.messages,
			count.garbled, count.restarts, count.broken);
	}
}

/* Sleeps until the doorbell or the next batch, unless either is there. */
static void idle(void)
{
	asm volatile("msr daifset, #2" ::: "memory");
	if (!batch_due && tioc_prepare_wait_rx(&link.end))
		asm volatile("wfi" ::: "memory");
	asm volatile("msr daifclr, #2" ::: "memory");
}

static void doorbell(uint64_t now)
{
	(void)now;
	ioc_doorbell(&link);
}

/* Releases a batch; every VICTIM_WINDOW, closes a window. */
static void release(struct rtos_task *t, uint64_t now)
{
	static struct batches then;
	static uint32_t doorbells_then;

	(void)now;
	batch_due = 1;
	if (t->runs % VICTIM_WINDOW)
		return;
	struct window *w = &windows[windows_closed % VICTIM_WINDOWS];
	w->batches = (struct batches){ .runs = done.runs - then.runs,
				       .ticks = done.ticks - then.ticks,
				       .max = done.max };
	w->doorbells = link.doorbells - doorbells_then;
	then = done;
	done.max = 0;
	doorbells_then = link.doorbells;
	windows_closed = windows_closed + 1;
}

static struct rtos_task tasks[] = {
	{ .name = "batch", .period_us = VICTIM_PERIOD_US, .run = release },
};

void cell_main(uintptr_t dtb)
{
	cell_id(me);
	if (rtos_init(dtb) || ioc_open(&link, dtb, "link") ||
	    rtos_irq_attach(link.intid, doorbell) || rtos_start(tasks, 1))
		fail("set-up");
	console_printf("ioctest: %s: opened 'link' (doorbell %u) as the reader of a hostile peer\n",
		       me, link.intid);
	for (;;) {
		if (batch_due)
			run_batch();
		serve();
		print_windows();
		idle();
	}
}
