// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * A hostile end of channel "link" (tests/test_ioc.py, tests/specs/ioc-hostile.yaml).
 * It opens its end properly, so the reader connects, then in phases, each
 * announced by a line:
 *   1. behaves: sends messages and takes the reader's echoes;
 *   2. writes bad values into its own control block and ring, one attack at
 *      a time: indices out of range, misaligned or behind, a header with a
 *      huge length or a wrong seq.  Each must make the reader go BROKEN
 *      and reset its end; then this end re-opens and shows that the channel
 *      carries messages again;
 *   3. scribbles random bytes over its whole half, many times, some with a
 *      handshake that looks UP, then re-opens;
 *   4. spins quietly (the reader's baseline), rings the doorbell as fast as
 *      it can for HOSTILE_STORM_MS, spins quietly again;
 *   5. behaves again.
 * The Linux variant (ioctest-hostile-linux, tests/test_linux_ioc.py) first
 * waits, without a limit, for one message from its reader (`tessera ioc
 * victim` sends it when it starts, long after this cell), and gives the
 * reader HOSTILE_WAIT_MS = 10 s per step instead of 2 s, and storms for 4 s:
 * Linux runs without -icount, on a loaded host.
 * Lines:
 *   hostile: <phase or attack>
 *   hostile: waiting for the reader's first message   (Linux variant)
 *   hostile: the reader is there                      (Linux variant)
 *   hostile: attack <i> (<what>): reader reset its end | NOT NOTICED
 *   hostile: channel up again: <n> messages echoed
 *   hostile: storm over: <n> doorbells in <us> us, <ns> ns each, <d> denied
 *   hostile: done
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "hvc.h"
#include "ioc.h"
#include "message.h"
#include "prng.h"
#include "timer.h"

#ifndef HOSTILE_STORM_MS
#define HOSTILE_STORM_MS 300
#endif
#define HOSTILE_BEHAVE 300 /* messages in phases 1 and 5 */
#define HOSTILE_PROOF 20 /* messages that show the channel up again */
#define HOSTILE_SCRIBBLES 600
#define HOSTILE_CALM_MS 300
#ifndef HOSTILE_WAIT_MS
#define HOSTILE_WAIT_MS 2000 /* for the reader, per step */
#endif

static struct ioc link;
static uint8_t out[2048], in[2048];
static struct prng rng;

/* The connection, as the reader's track_connection sees it: our epoch and
 * the reader's, and the number of our next message in it. */
static struct {
	uint32_t epoch, peer_epoch, next;
} conn;

/* CNTKCTL_EL1: an event every 512 counter ticks (bit 8 rising), so a WFE
 * never waits longer than that. */
#define CNTKCTL_EVNTEN (1u << 2)
#define CNTKCTL_EVNTI(bit) ((uint64_t)(bit) << 4)

static void events_on(void)
{
	uint64_t v;

	asm volatile("mrs %0, cntkctl_el1" : "=r"(v));
	v = (v & ~(0xful << 4)) | CNTKCTL_EVNTI(8) | CNTKCTL_EVNTEN;
	asm volatile("msr cntkctl_el1, %0\n\tisb" : : "r"(v));
}

/* A pause while the reader looks (a few microseconds).  Under -icount, QEMU
 * takes a WFE as the end of this core's turn, so the reader sees each step. */
static void let_reader_look(void)
{
	asm volatile("wfe" ::: "memory");
}

static uint64_t deadline_ms(uint64_t ms)
{
	return timer_now() + timer_us_to_ticks(ms * 1000);
}

static int before(uint64_t deadline)
{
	return (int64_t)(timer_now() - deadline) < 0;
}

/* True when either end re-opened since the last call: numbering restarts. */
static int new_connection(void)
{
	if (link.end.epoch == conn.epoch && link.end.peer_epoch == conn.peer_epoch)
		return 0;
	conn.epoch = link.end.epoch;
	conn.peer_epoch = link.end.peer_epoch;
	conn.next = 1;
	return 1;
}

static uint32_t max_message(void)
{
	uint32_t max = tioc_max_payload(&link.end);

	return max < sizeof(out) ? max : sizeof(out);
}

struct exchange {
	uint32_t sent, echoed, len; /* len: the next message, once built */
};

/* One message out if there is room, the echoes back; true if anything moved. */
static int exchange_step(struct exchange *x, uint32_t n)
{
	int moved = 0;

	if (new_connection())
		*x = (struct exchange){ 0 };
	if (x->sent < n && !x->len)
		x->len = message_build(out, conn.next, max_message());
	if (x->sent < n && ioc_send(&link, out, x->len) == 0) {
		x->sent++;
		conn.next++;
		x->len = 0;
		moved = 1;
	}
	for (; ioc_recv(&link, in, sizeof(in)) == MESSAGE_HEAD; moved = 1)
		x->echoed++;
	return moved;
}

/* Sends n good messages and waits until the reader echoed them all; the
 * number echoed. */
static uint32_t exchange(uint32_t n)
{
	struct exchange x = { 0 };
	uint64_t until = deadline_ms(HOSTILE_WAIT_MS);

	while (x.echoed < n && before(until)) {
		int state = ioc_state(&link);
		if (state == TIOC_BROKEN)
			ioc_reset(&link); /* the reader is honest: cannot happen */
		if (state != TIOC_UP || !exchange_step(&x, n))
			let_reader_look();
	}
	return x.echoed;
}

static void behave(uint32_t n, const char *when)
{
	console_printf("hostile: %s: sending %u messages\n", when, n);
	console_printf("hostile: %s: %u messages echoed\n", when, exchange(n));
}

#ifdef HOSTILE_WAIT_FOR_READER
/* A reader that starts after this cell (a command typed at Linux's shell)
 * says so with one message, of any content. */
static void wait_for_reader(void)
{
	console_puts("hostile: waiting for the reader's first message\n");
	for (;;) {
		int state = ioc_state(&link);
		if (state == TIOC_BROKEN)
			ioc_reset(&link);
		if (state == TIOC_UP && ioc_recv(&link, in, sizeof(in)) >= 0)
			break;
		let_reader_look();
	}
	console_puts("hostile: the reader is there\n");
}
#else
static void wait_for_reader(void)
{
}
#endif

/* --- phase 2: one bad value at a time ------------------------------------- */

static void publish_tx_head(uint32_t delta)
{
	TIOC_STORE_RELEASE(&link.end.me->tx_head, link.end.tx_head + delta);
	ioc_ring(&link);
}

static void tx_head_far(void)
{
	publish_tx_head(0x40000000u);
}

static void tx_head_misaligned(void)
{
	publish_tx_head(4);
}

static void tx_head_behind(void)
{
	publish_tx_head(-8u);
}

/* A header where the reader reads next, then a head 16 bytes on. */
static void fake_header(uint32_t len, uint32_t seq)
{
	volatile struct tioc_hdr *h = (volatile void *)(link.end.tx + link.end.tx_pos);

	TIOC_WRITE_ONCE(h->len, len);
	TIOC_WRITE_ONCE(h->seq, seq);
	publish_tx_head(16);
}

static void header_len_huge(void)
{
	fake_header(0xfffffff0u, link.end.tx_seq);
}

static void header_len_past_head(void)
{
	fake_header(512, link.end.tx_seq);
}

static void header_seq_wrong(void)
{
	fake_header(8, link.end.tx_seq + 7);
}

/* A bad rx_tail, then a good message: the reader's echo finds it. */
static void publish_rx_tail(uint32_t delta)
{
	TIOC_STORE_RELEASE(&link.end.me->rx_tail, link.end.rx_tail + delta);
	uint32_t len = message_build(out, conn.next++, max_message());
	ioc_send(&link, out, len);
	ioc_ring(&link);
}

static void rx_tail_ahead(void)
{
	publish_rx_tail(64);
}

static void rx_tail_misaligned(void)
{
	publish_rx_tail(-4u);
}

static const struct attack {
	const char *what;
	void (*run)(void);
} attacks[] = {
	{ "tx_head 1 GiB beyond the ring", tx_head_far },
	{ "tx_head misaligned", tx_head_misaligned },
	{ "tx_head behind the reader's rx_tail", tx_head_behind },
	{ "header length 0xfffffff0", header_len_huge },
	{ "header length past tx_head", header_len_past_head },
	{ "header with a wrong seq", header_seq_wrong },
	{ "rx_tail ahead of the reader's tx_head", rx_tail_ahead },
	{ "rx_tail misaligned", rx_tail_misaligned },
};

/* The reader resets its end when it sees BROKEN: its epoch changes. */
static int reader_reset(uint32_t epoch)
{
	uint64_t until = deadline_ms(HOSTILE_WAIT_MS);

	while (before(until)) {
		if (TIOC_READ_ONCE(link.end.peer->epoch) != epoch)
			return 1;
		let_reader_look();
	}
	return 0;
}

static void reopen_and_prove(void)
{
	ioc_reset(&link);
	console_printf("hostile: channel up again: %u messages echoed\n", exchange(HOSTILE_PROOF));
}

static void attack_all(void)
{
	for (unsigned int i = 0; i < sizeof(attacks) / sizeof(attacks[0]); i++) {
		uint32_t epoch = TIOC_READ_ONCE(link.end.peer->epoch);
		console_printf("hostile: attack %u (%s)\n", i + 1, attacks[i].what);
		attacks[i].run();
		console_printf("hostile: attack %u (%s): %s\n", i + 1, attacks[i].what,
			       reader_reset(epoch) ? "reader reset its end" : "NOT NOTICED");
		reopen_and_prove();
	}
}

/* --- phase 3: random bytes ------------------------------------------------ */

static void scribble_bytes(volatile uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i += 8)
		*(volatile uint64_t *)(p + i) = prng_next(&rng);
}

/* A block the reader takes for UP (its own epoch acknowledged, ours the one
 * it acknowledged), so that it goes on to read the indices and the ring.
 * Once it reset, it acknowledged none: a new epoch, which it will. */
static void look_up(volatile struct tioc_block *b)
{
	const volatile struct tioc_block *reader = link.end.peer;
	uint32_t acked = TIOC_READ_ONCE(reader->peer_epoch);

	b->epoch = acked ? acked : (uint32_t)prng_next(&rng) | 1;
	b->peer_epoch = TIOC_READ_ONCE(reader->epoch);
	b->version = TIOC_VERSION;
	b->magic = TIOC_MAGIC;
}

/* Indices near the reader's own, and a header where it reads next. */
static void plausible(volatile struct tioc_block *b)
{
	const volatile struct tioc_block *reader = link.end.peer;
	uint32_t tail = TIOC_READ_ONCE(reader->rx_tail);
	volatile struct tioc_hdr *h = (volatile void *)(link.end.tx + tail % link.end.ring);

	b->tx_head = tail + 8 * (uint32_t)prng_below(&rng, link.end.ring / 8 + 2);
	b->rx_tail = TIOC_READ_ONCE(reader->tx_head) - 8 + 4 * (uint32_t)prng_below(&rng, 5);
	h->len = (uint32_t)prng_below(&rng, 2 * link.end.ring);
	h->seq = 1 + (uint32_t)prng_below(&rng, 3);
}

static void scribble_once(uint32_t i)
{
	volatile uint8_t *half = (volatile uint8_t *)link.end.me;

	scribble_bytes(half, TIOC_BLOCK_SIZE + link.end.ring);
	if (i % 3 >= 1)
		look_up(link.end.me);
	if (i % 3 == 2)
		plausible(link.end.me);
	ioc_ring(&link);
	let_reader_look();
}

static void scribble(void)
{
	console_printf("hostile: scribbling random bytes over its half, %u times\n",
		       HOSTILE_SCRIBBLES);
	for (uint32_t i = 0; i < HOSTILE_SCRIBBLES; i++)
		scribble_once(i);
	console_puts("hostile: scribbling done, re-opening\n");
	reopen_and_prove();
}

/* --- phase 4: the doorbell storm ------------------------------------------ */

static void calm(const char *when)
{
	console_printf("hostile: calm %s: spinning %u ms without a doorbell\n", when,
		       HOSTILE_CALM_MS);
	timer_wait_until(deadline_ms(HOSTILE_CALM_MS));
	console_printf("hostile: calm %s: over\n", when);
}

static void storm(void)
{
	uint32_t denied = 0, rung = 0;

	console_printf("hostile: storm: doorbells as fast as it can for %u ms\n", HOSTILE_STORM_MS);
	uint64_t t0 = timer_now(), end = deadline_ms(HOSTILE_STORM_MS);
	do {
		for (uint32_t i = 0; i < 256; i++, rung++) /* the clock read once in a while */
			if (hvc_call(TESSERA_HVC_DOORBELL, link.index, 0, 0, 0, 0))
				denied++;
	} while (timer_now() < end);
	uint64_t ns = timer_ticks_to(timer_now() - t0, 1000000000);
	console_printf("hostile: storm over: %u doorbells in %lu us, %lu ns each, %u denied\n",
		       rung, (unsigned long)(ns / 1000), (unsigned long)(ns / rung), denied);
}

void cell_main(uintptr_t dtb)
{
	char me[CELL_NAME_LEN + 1];

	cell_id(me);
	prng_seed(&rng, 0x4057117eull);
	events_on();
	if (ioc_open(&link, dtb, "link")) {
		console_puts("hostile: FAILED to open 'link'\n");
		for (;;)
			asm volatile("wfi");
	}
	console_printf("hostile: cell '%s' opened 'link' to '%s'\n", me, link.peer);
	wait_for_reader();
	behave(HOSTILE_BEHAVE, "behaving");
	attack_all();
	scribble();
	calm("before the storm");
	storm();
	calm("after the storm");
	behave(HOSTILE_BEHAVE, "behaving again");
	console_puts("hostile: done\n");
	for (;;)
		asm volatile("wfi");
}
