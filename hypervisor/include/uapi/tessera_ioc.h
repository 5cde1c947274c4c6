/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* Copyright (c) 2026 The Tessera authors */
/*
 * IOC channels: the message protocol over a channel's shared region, defined
 * once for both kinds of end, bare-metal cells (freestanding C) and the Linux
 * module.  Header only: every function is static inline and all the state of
 * an end is in a struct tioc_end that its caller owns.  docs/guest-contract.md,
 * "IOC channels: the ring protocol", has the layout, the handshake and the
 * ordering rules.
 *
 * Layout, derived by each end from the region size S and its end index e;
 * nothing of it is read from shared memory:
 *
 *   half e = [e * S/2, (e + 1) * S/2) = control block (64 bytes) + TX ring (R = S/2 - 64)
 *
 * An end writes only its own half and reads only the peer's.  The peer is not
 * trusted: it (or a bug in it) may write anything anywhere in the region at any
 * time, our half included, since both ends map all of it.  So an end keeps the
 * authoritative copy of what it publishes in its struct tioc_end and never
 * reads its own half back (but for its old epoch, a mere number, at open and
 * reset);
 * it reads each peer value once into a local, validates it before use, and on
 * any violation goes BROKEN until tioc_reset().  No loop depends on a shared
 * value, so every call takes a bounded number of steps and touches only the
 * region and the caller's buffer.
 *
 * Calls on one end must not run concurrently (the caller serialises them, e.g.
 * under one lock); the two ends run independently.  *ring, an output of most
 * calls, means: ring the peer's doorbell now, whatever the return value.
 * After tioc_open() and tioc_reset(), ring it once.
 */
#ifndef TESSERA_IOC_H
#define TESSERA_IOC_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#endif

/*
 * Memory access primitives.  An includer may define any of them first (the
 * Linux module: smp_load_acquire, smp_store_release, smp_mb, READ_ONCE,
 * WRITE_ONCE, memcpy).  The defaults are GCC builtins: on AArch64, LDAR, STLR
 * and DMB ISH.  TIOC_LOAD_ACQUIRE and TIOC_STORE_RELEASE take a pointer,
 * TIOC_READ_ONCE and TIOC_WRITE_ONCE an lvalue; all act on uint32_t only.
 */
#ifndef TIOC_LOAD_ACQUIRE
#define TIOC_LOAD_ACQUIRE(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#endif
#ifndef TIOC_STORE_RELEASE
#define TIOC_STORE_RELEASE(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#endif
#ifndef TIOC_FULL_BARRIER
#define TIOC_FULL_BARRIER() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif
#ifndef TIOC_READ_ONCE
#define TIOC_READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#endif
#ifndef TIOC_WRITE_ONCE
#define TIOC_WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#endif
#ifndef TIOC_MEMCPY
#define TIOC_MEMCPY(dst, src, n) __builtin_memcpy((dst), (src), (n))
#endif

/* The hot path of a send or a receive: inlined whatever the optimiser thinks. */
#ifndef TIOC_HOT
#define TIOC_HOT inline __attribute__((always_inline))
#endif
/* The rest of a call, for the cases the hot path leaves: kept out of line. */
#ifndef TIOC_COLD
#define TIOC_COLD __attribute__((__noinline__, __unused__))
#endif

#define TIOC_MAGIC 0x434f4954u /* "TIOC" in memory (little-endian) */
#define TIOC_VERSION 1u

#define TIOC_BLOCK_SIZE 64u /* control block at the start of each half */
#define TIOC_HDR_SIZE 8u /* message header: {u32 len; u32 seq} */
#define TIOC_ALIGN 8u /* every ring offset and message size is a multiple of it */
#define TIOC_SIZE_MIN 4096u /* region size S: a multiple of 4096 in [MIN, MAX] */
#define TIOC_SIZE_MAX 0x40000000u /* 1 GiB: message lengths fit an int */
#define TIOC_SIZE_ALIGN 4096u

/* Connection states (tioc_state) */
#define TIOC_CONNECTING 0 /* the peer has not opened, or not acknowledged us yet */
#define TIOC_UP 1 /* both ends acknowledged each other's epoch: data flows */
#define TIOC_BROKEN 2 /* the peer broke the protocol; sticky until tioc_reset */

/* Errors (negative; the protocol's own, not errno values) */
#define TIOC_EINVAL (-1) /* tioc_open: bad region, size or end index */
#define TIOC_EAGAIN (-2) /* send: no room now; recv: nothing to receive */
#define TIOC_EMSGSIZE (-3) /* send: len > max payload; recv: message > cap, it stays */
#define TIOC_ENOTCONN (-4) /* not UP */
#define TIOC_EBROKEN (-5) /* BROKEN */

/* The control block of each end, at the start of its half.  Naturally aligned u32s. */
struct tioc_block {
	uint32_t magic; /* TIOC_MAGIC once opened */
	uint32_t version; /* TIOC_VERSION */
	uint32_t epoch; /* this end's incarnation, nonzero */
	uint32_t peer_epoch; /* the peer incarnation our indices refer to; 0: none */
	uint32_t tx_head; /* bytes ever written to our TX ring, mod 2^32 */
	uint32_t rx_tail; /* bytes ever consumed from the peer's TX ring, mod 2^32 */
	uint32_t rx_wait; /* nonzero: we may sleep for data, ring us after sending */
	uint32_t tx_wait; /* nonzero: we may sleep for room, ring us after consuming */
	uint32_t reserved[8]; /* zero */
};

/* Each message in a ring: this header, then len bytes, padded to TIOC_ALIGN. */
struct tioc_hdr {
	uint32_t len;
	uint32_t seq; /* 1 for the first message of a connection, then +1 each */
};

_Static_assert(sizeof(struct tioc_block) == TIOC_BLOCK_SIZE, "control block is 64 bytes");
_Static_assert(sizeof(struct tioc_hdr) == TIOC_HDR_SIZE, "message header is 8 bytes");

/* One end of a channel.  Private to its owner; only tioc_* functions change it.
 * In the order a send and a receive read it, so that they read pairs. */
struct tioc_end {
	volatile uint8_t *tx; /* our TX ring */
	volatile struct tioc_block *me; /* written, never read back */
	const volatile struct tioc_block *peer; /* read, never trusted */
	const volatile uint8_t *rx; /* the peer's TX ring */
	uint32_t epoch; /* our incarnation, nonzero */
	uint32_t peer_epoch; /* the peer incarnation acknowledged; 0: none since open, or BROKEN */
	uint32_t ring; /* R, the size of each ring: a multiple of 8 */
	uint32_t tx_head; /* what we published last */
	uint32_t tx_pos; /* ring offset, < ring: R need not divide 2^32 */
	uint32_t tx_seq; /* seq of the next message to send */
	uint32_t rx_tail, rx_pos, rx_seq; /* as tx_head, tx_pos, tx_seq, for the peer's ring */
	uint32_t rx_size; /* ring bytes of the message tioc_recv_peek shows; 0: none */
	bool broken; /* sticky until tioc_reset */
	bool restarted; /* the peer restarted since tioc_peer_restarted() last said so */
	bool rx_waiting, tx_waiting; /* our rx_wait, tx_wait as published */
};

static inline bool tioc_size_ok(size_t size)
{
	return size >= TIOC_SIZE_MIN && size <= TIOC_SIZE_MAX && size % TIOC_SIZE_ALIGN == 0;
}

/** The largest message this channel carries: R - 8 bytes. */
static inline uint32_t tioc_max_payload(const struct tioc_end *e)
{
	return e->ring - TIOC_HDR_SIZE;
}

/* Only for n <= ring, so it cannot overflow. */
static inline uint32_t tioc_round8(uint32_t n)
{
	return (n + TIOC_ALIGN - 1) & ~(TIOC_ALIGN - 1);
}

/* pos < ring and n <= ring, so one subtraction wraps. */
static inline uint32_t tioc_advance(const struct tioc_end *e, uint32_t pos, uint32_t n)
{
	pos += n;
	return pos >= e->ring ? pos - e->ring : pos;
}

/* BROKEN also forgets the peer incarnation acknowledged (our block still
 * shows it until tioc_reset): so peer_epoch != 0 alone says "maybe UP", the
 * one test the hot paths make. */
static inline int tioc_break(struct tioc_end *e)
{
	e->broken = true;
	e->peer_epoch = 0;
	e->rx_size = 0; /* a message tioc_recv_peek showed is not consumed */
	return TIOC_EBROKEN;
}

static inline int tioc_not_up(int state)
{
	return state == TIOC_BROKEN ? TIOC_EBROKEN : TIOC_ENOTCONN;
}

static inline void tioc_set_flag(bool *mine, volatile uint32_t *shared, bool on)
{
	if (*mine != on) {
		TIOC_WRITE_ONCE(*shared, on ? 1u : 0u);
		*mine = on;
	}
}

/* A new connection: both directions start empty, seq at 1.  Store-release so
 * that whatever we wrote before (a withdrawn acknowledgment) is seen first. */
static inline void tioc_reset_indices(struct tioc_end *e)
{
	e->tx_head = e->rx_tail = 0;
	e->tx_pos = e->rx_pos = 0;
	e->tx_seq = e->rx_seq = 1;
	e->rx_size = 0;
	TIOC_STORE_RELEASE(&e->me->tx_head, 0u);
	TIOC_STORE_RELEASE(&e->me->rx_tail, 0u);
}

/* Publishes a fresh incarnation (e->epoch).  The old acknowledgment goes
 * first: a peer that sees our indices reset also sees it withdrawn, and one
 * that sees the new epoch sees both (see tioc_peer_index). */
static inline void tioc_publish_open(struct tioc_end *e)
{
	volatile struct tioc_block *me = e->me;
	unsigned int i;

	e->peer_epoch = 0;
	e->broken = false;
	e->restarted = false;
	e->rx_waiting = e->tx_waiting = false;
	TIOC_WRITE_ONCE(me->peer_epoch, 0u);
	TIOC_WRITE_ONCE(me->rx_wait, 0u);
	TIOC_WRITE_ONCE(me->tx_wait, 0u);
	for (i = 0; i < sizeof(me->reserved) / sizeof(me->reserved[0]); i++)
		TIOC_WRITE_ONCE(me->reserved[i], 0u);
	tioc_reset_indices(e);
	TIOC_WRITE_ONCE(me->version, TIOC_VERSION);
	TIOC_STORE_RELEASE(&me->epoch, e->epoch);
	TIOC_STORE_RELEASE(&me->magic, TIOC_MAGIC);
}

/**
 * Opens end @end (0 or 1) of the channel at @region (8-byte aligned, @size
 * bytes, mapped by both ends).  The new epoch is the old one + 1 if our block
 * holds one (a restarted cell: the region survives it), else @seed (say, a
 * counter reading); never 0.  Returns 0 (then ring the peer's doorbell), or
 * TIOC_EINVAL.  The channel is CONNECTING until the peer acknowledges.
 */
static inline int tioc_open(struct tioc_end *e, void *region, size_t size, unsigned int end,
			    uint32_t seed)
{
	volatile uint8_t *base = (volatile uint8_t *)region;
	size_t half = size / 2;
	uint32_t magic, version, old;

	if (!region || (uintptr_t)region % TIOC_ALIGN || !tioc_size_ok(size) || end > 1)
		return TIOC_EINVAL;
	/* via void *: the alignment is checked above, not known to the compiler */
	e->me = (volatile void *)(base + end * half);
	e->peer = (const volatile void *)(base + (1 - end) * half);
	e->tx = base + end * half + TIOC_BLOCK_SIZE;
	e->rx = base + (1 - end) * half + TIOC_BLOCK_SIZE;
	e->ring = (uint32_t)(half - TIOC_BLOCK_SIZE);
	magic = TIOC_READ_ONCE(e->me->magic);
	version = TIOC_READ_ONCE(e->me->version);
	old = TIOC_READ_ONCE(e->me->epoch);
	e->epoch = magic == TIOC_MAGIC && version == TIOC_VERSION ? old + 1 : seed;
	if (!e->epoch)
		e->epoch = 1;
	tioc_publish_open(e);
	return 0;
}

/* The later of two epochs in serial-number arithmetic (mod 2^32): epochs
 * wrap, so "later" is "less than 2^31 ahead". */
static inline uint32_t tioc_epoch_later(uint32_t a, uint32_t b)
{
	return (int32_t)(b - a) > 0 ? b : a;
}

/**
 * Re-opens the end with the next epoch (after BROKEN, to drop the connection,
 * or because our struct tioc_end went back in time: a cell restored from a
 * checkpoint): the peer sees a restart, both rings start empty.  Then ring
 * the doorbell.  An epoch must never repeat, or the peer would take the new
 * incarnation for one it has acknowledged already; our private copy alone
 * cannot promise that once it was restored from a checkpoint the region
 * outlived, so the new epoch follows the later of it and the one our block
 * holds.  A hostile peer can write that one too, but that only makes us skip
 * epochs, which confuses no one but that peer.
 */
static inline void tioc_reset(struct tioc_end *e)
{
	uint32_t epoch = tioc_epoch_later(e->epoch, TIOC_READ_ONCE(e->me->epoch)) + 1;

	e->epoch = epoch ? epoch : 1;
	tioc_publish_open(e);
}

/* The peer's epoch if its block is a valid open end (else 0), and in *ack the
 * epoch it acknowledged.  Read in the reverse of the order tioc_publish_open
 * writes them, each load-acquire: a valid magic brings its epoch, a new epoch
 * brings its withdrawn acknowledgment. */
static inline uint32_t tioc_peer_epoch(const struct tioc_end *e, uint32_t *ack)
{
	const volatile struct tioc_block *p = e->peer;
	uint32_t magic = TIOC_LOAD_ACQUIRE(&p->magic);
	uint32_t version = TIOC_LOAD_ACQUIRE(&p->version);
	uint32_t epoch = TIOC_LOAD_ACQUIRE(&p->epoch);

	*ack = TIOC_LOAD_ACQUIRE(&p->peer_epoch);
	return magic == TIOC_MAGIC && version == TIOC_VERSION ? epoch : 0;
}

/* A new peer incarnation: drop everything of the old connection, then
 * acknowledge it (store-release after the reset indices: a peer that sees the
 * acknowledgment sees them too). */
static inline void tioc_acknowledge(struct tioc_end *e, uint32_t epoch, bool *ring)
{
	if (e->peer_epoch)
		e->restarted = true;
	tioc_reset_indices(e);
	e->peer_epoch = epoch;
	TIOC_STORE_RELEASE(&e->me->peer_epoch, epoch);
	*ring = true; /* the peer may sleep until it sees the acknowledgment */
}

/* The handshake rule, applied whenever the end looks at the channel.  The
 * call that acknowledges a new peer incarnation says CONNECTING, so no data
 * moves before the caller could see tioc_peer_restarted(). */
static inline int tioc_update(struct tioc_end *e, bool *ring)
{
	uint32_t ack, epoch;

	if (e->broken)
		return TIOC_BROKEN;
	epoch = tioc_peer_epoch(e, &ack);
	if (!epoch)
		return TIOC_CONNECTING;
	if (epoch != e->peer_epoch) {
		tioc_acknowledge(e, epoch, ring);
		return TIOC_CONNECTING;
	}
	return ack == e->epoch ? TIOC_UP : TIOC_CONNECTING;
}

/**
 * The connection state (TIOC_UP, TIOC_CONNECTING or TIOC_BROKEN), after
 * applying the handshake rule: a new peer incarnation is acknowledged (*ring
 * is set, and this call says CONNECTING) and all of the old connection's
 * messages, both ways, are dropped.
 */
static inline int tioc_state(struct tioc_end *e, bool *ring)
{
	*ring = false;
	return tioc_update(e, ring);
}

/** True once for each restart of the peer seen since the last call (not for
 *  the first connection after our own open or reset). */
static inline bool tioc_peer_restarted(struct tioc_end *e)
{
	bool restarted = e->restarted;

	e->restarted = false;
	return restarted;
}

/* After reading one of the peer's indices: is the connection it belongs to
 * still ours?  A peer that re-opens withdraws its acknowledgment, then resets
 * its indices, then publishes its new epoch, and acknowledges us only after
 * that; so an index read between an acknowledgment of us and these two loads
 * belongs to the connection they name (a seqlock of sorts). */
static inline bool tioc_index_current(const struct tioc_end *e)
{
	return TIOC_LOAD_ACQUIRE(&e->peer->peer_epoch) == e->epoch &&
	       TIOC_READ_ONCE(e->peer->epoch) == e->peer_epoch;
}

/* Reads one of the peer's indices (tx_head or rx_tail) for this connection:
 * the value counts only if the peer acknowledged us before it was read (its
 * indices were reset for us before that) and the connection is still UP
 * after, else an honest restart would look like a corrupt index.  The hot
 * path, once connected, is four loads: acknowledgment, index, acknowledgment,
 * epoch; anything else (a new peer epoch, a withdrawn acknowledgment) takes
 * the full handshake rule.  The second look only compares: the value used is
 * the one read once. */
static inline int tioc_peer_index_slow(struct tioc_end *e, const volatile uint32_t *index,
				       uint32_t *value, bool *ring)
{
	int state = tioc_update(e, ring);

	if (state != TIOC_UP)
		return state;
	*value = TIOC_LOAD_ACQUIRE(index);
	return tioc_index_current(e) ? TIOC_UP : TIOC_CONNECTING;
}

static TIOC_HOT int tioc_peer_index(struct tioc_end *e, const volatile uint32_t *index,
				    uint32_t *value, bool *ring)
{
	if (e->peer_epoch && !e->broken && TIOC_LOAD_ACQUIRE(&e->peer->peer_epoch) == e->epoch) {
		*value = TIOC_LOAD_ACQUIRE(index);
		if (tioc_index_current(e))
			return TIOC_UP;
	}
	return tioc_peer_index_slow(e, index, value, ring);
}

/* n <= ring bytes at ring offset pos, in two parts if they wrap. */
static inline void tioc_copy_in(struct tioc_end *e, uint32_t pos, const void *src, uint32_t n)
{
	uint32_t first = e->ring - pos;

	if (n <= first) {
		if (n) /* src may be NULL when n is 0 */
			TIOC_MEMCPY((void *)(uintptr_t)(e->tx + pos), src, n);
		return;
	}
	TIOC_MEMCPY((void *)(uintptr_t)(e->tx + pos), src, first);
	TIOC_MEMCPY((void *)(uintptr_t)e->tx, (const uint8_t *)src + first, n - first);
}

/* Header and payload first, then tx_head with store-release: a peer that sees
 * the head sees the message. */
static inline void tioc_put(struct tioc_end *e, const void *buf, uint32_t len)
{
	volatile struct tioc_hdr *hdr = (volatile void *)(e->tx + e->tx_pos);
	uint32_t size = TIOC_HDR_SIZE + tioc_round8(len);

	TIOC_WRITE_ONCE(hdr->len, len);
	TIOC_WRITE_ONCE(hdr->seq, e->tx_seq);
	tioc_copy_in(e, tioc_advance(e, e->tx_pos, TIOC_HDR_SIZE), buf, len);
	e->tx_pos = tioc_advance(e, e->tx_pos, size);
	e->tx_head += size;
	e->tx_seq++;
	TIOC_STORE_RELEASE(&e->me->tx_head, e->tx_head);
}

/* tioc_send, every case: the handshake, a message that wraps the ring, no
 * room, a bad index.  Reads and judges everything afresh. */
static TIOC_COLD int tioc_send_full(struct tioc_end *e, const void *buf, size_t len, bool *ring)
{
	uint32_t tail, used;
	int state;

	*ring = false;
	if (e->broken)
		return TIOC_EBROKEN;
	if (len > tioc_max_payload(e))
		return TIOC_EMSGSIZE;
	state = tioc_peer_index(e, &e->peer->rx_tail, &tail, ring);
	if (state != TIOC_UP)
		return tioc_not_up(state);
	used = e->tx_head - tail;
	if (used > e->ring || used % TIOC_ALIGN)
		return tioc_break(e);
	if (TIOC_HDR_SIZE + tioc_round8((uint32_t)len) > e->ring - used)
		return TIOC_EAGAIN;
	tioc_put(e, buf, (uint32_t)len);
	tioc_set_flag(&e->tx_waiting, &e->me->tx_wait, false);
	/* Dekker with the peer's tioc_prepare_wait_rx: our head before its flag. */
	TIOC_FULL_BARRIER();
	if (TIOC_READ_ONCE(e->peer->rx_wait))
		*ring = true;
	return 0;
}

/* The header of the next message, validated against avail (> 0, a multiple
 * of 8, <= ring): its length, or TIOC_EBROKEN. */
static inline int tioc_next_len(struct tioc_end *e, uint32_t avail)
{
	const volatile struct tioc_hdr *hdr = (const volatile void *)(e->rx + e->rx_pos);
	uint32_t len = TIOC_READ_ONCE(hdr->len);
	uint32_t seq = TIOC_READ_ONCE(hdr->seq);

	if (len > tioc_max_payload(e) || TIOC_HDR_SIZE + tioc_round8(len) > avail ||
	    seq != e->rx_seq)
		return tioc_break(e);
	return (int)len;
}

/* A message seen in place: n[0] bytes at p[0], then n[1] bytes at p[1] (0
 * unless it wraps the ring). */
struct tioc_view {
	const volatile uint8_t *p[2];
	uint32_t n[2];
};

/**
 * Shows the next message in place, without copying it: returns its length
 * and sets *view to its bytes in the peer's ring, or returns as tioc_recv
 * does (but never TIOC_EMSGSIZE).  The message stays until tioc_recv_done.
 * The bytes are the peer's shared memory until then: a hostile peer may
 * change them under the reader, so read each byte once and validate a
 * private copy of whatever decides anything.  Calling it again before
 * tioc_recv_done shows the same message.
 */
static TIOC_HOT int tioc_recv_peek(struct tioc_end *e, struct tioc_view *view, bool *ring)
{
	uint32_t head, avail, pos, first;
	int state, len;

	*ring = false;
	state = tioc_peer_index(e, &e->peer->tx_head, &head, ring);
	if (state != TIOC_UP)
		return tioc_not_up(state);
	avail = head - e->rx_tail;
	if (avail > e->ring || avail % TIOC_ALIGN)
		return tioc_break(e);
	if (!avail)
		return TIOC_EAGAIN;
	len = tioc_next_len(e, avail);
	if (len < 0)
		return len;
	pos = tioc_advance(e, e->rx_pos, TIOC_HDR_SIZE);
	first = e->ring - pos;
	view->p[0] = e->rx + pos;
	view->n[0] = (uint32_t)len < first ? (uint32_t)len : first;
	view->p[1] = e->rx;
	view->n[1] = (uint32_t)len - view->n[0];
	e->rx_size = TIOC_HDR_SIZE + tioc_round8((uint32_t)len);
	return len;
}

/**
 * Consumes the message tioc_recv_peek showed (nothing if it showed none, or
 * the connection changed since): its room goes back to the peer.
 * *ring: the peer waits for room: ring its doorbell.
 */
static TIOC_HOT void tioc_recv_done(struct tioc_end *e, bool *ring)
{
	*ring = false;
	if (!e->rx_size)
		return;
	e->rx_pos = tioc_advance(e, e->rx_pos, e->rx_size);
	e->rx_tail += e->rx_size;
	e->rx_seq++;
	e->rx_size = 0;
	/* Store-release after our reads: the peer reuses the room once it sees it. */
	TIOC_STORE_RELEASE(&e->me->rx_tail, e->rx_tail);
	tioc_set_flag(&e->rx_waiting, &e->me->rx_wait, false);
	/* Dekker with the peer's tioc_prepare_wait_tx: our tail before its flag. */
	TIOC_FULL_BARRIER();
	if (TIOC_READ_ONCE(e->peer->tx_wait))
		*ring = true;
}

/* tioc_recv, every case, as tioc_send_full is tioc_send's. */
static TIOC_COLD int tioc_recv_full(struct tioc_end *e, void *buf, size_t cap, bool *ring)
{
	struct tioc_view view;
	int len = tioc_recv_peek(e, &view, ring);

	if (len < 0)
		return len;
	if ((size_t)len > cap) {
		e->rx_size = 0;
		return TIOC_EMSGSIZE;
	}
	if (view.n[0]) /* buf may be NULL when cap is 0 */
		TIOC_MEMCPY(buf, (const void *)(uintptr_t)view.p[0], view.n[0]);
	if (view.n[1])
		TIOC_MEMCPY((uint8_t *)buf + view.n[0], (const void *)(uintptr_t)view.p[1],
			    view.n[1]);
	tioc_recv_done(e, ring);
	return len;
}

/*
 * The hot paths of tioc_send and tioc_recv: a connected end moving a message
 * that does not wrap the ring.  The same loads and checks as the full calls
 * (the peer's acknowledgment, its index, the acknowledgment and its epoch
 * again, then the index and header bounds and the sequence number), with the
 * end's own fields read once into locals: after an acquire load the compiler
 * would otherwise read each of them again.  Anything else (not UP, no room,
 * a wrap, a bad value) goes to the full call, which reads and judges
 * everything afresh; nothing is changed before that decision.
 */

/* The hot paths call the full ones through these: the caller's ring flag
 * never has its address taken, so once inlined it can stay in a register. */
static TIOC_HOT int tioc_send_cold(struct tioc_end *e, const void *buf, size_t len, bool *ring)
{
	bool cold_ring;
	int ret = tioc_send_full(e, buf, len, &cold_ring);

	*ring = cold_ring;
	return ret;
}

static TIOC_HOT int tioc_recv_cold(struct tioc_end *e, void *buf, size_t cap, bool *ring)
{
	bool cold_ring;
	int ret = tioc_recv_full(e, buf, cap, &cold_ring);

	*ring = cold_ring;
	return ret;
}

/* The peer's index for the connection we are UP in, or false: the full call
 * decides.  See tioc_peer_index for why four loads. */
static TIOC_HOT bool tioc_fast_index(const volatile struct tioc_block *peer,
				     const volatile uint32_t *index, uint32_t epoch,
				     uint32_t peer_epoch, uint32_t *value)
{
	if (!peer_epoch || TIOC_LOAD_ACQUIRE(&peer->peer_epoch) != epoch)
		return false;
	*value = TIOC_LOAD_ACQUIRE(index);
	return TIOC_LOAD_ACQUIRE(&peer->peer_epoch) == epoch &&
	       TIOC_READ_ONCE(peer->epoch) == peer_epoch;
}

/**
 * Sends @len bytes from @buf as one message.  Returns 0, TIOC_EAGAIN (no room
 * now: see tioc_prepare_wait_tx), TIOC_EMSGSIZE (len > tioc_max_payload),
 * TIOC_ENOTCONN (not UP, or this call acknowledged a restarted peer: see
 * tioc_peer_restarted, then send again) or TIOC_EBROKEN (the peer's rx_tail is
 * not within our ring, now or before).
 * *ring: the peer waits for data (or our acknowledgment): ring its doorbell.
 */
static TIOC_HOT int tioc_send(struct tioc_end *e, const void *buf, size_t len, bool *ring)
{
	const volatile struct tioc_block *peer = e->peer;
	const uint32_t ring_size = e->ring, head = e->tx_head, pos = e->tx_pos, seq = e->tx_seq;
	volatile struct tioc_hdr *hdr = (volatile void *)(e->tx + pos);
	uint32_t tail, used, size;

	if (len > ring_size - TIOC_HDR_SIZE ||
	    !tioc_fast_index(peer, &peer->rx_tail, e->epoch, e->peer_epoch, &tail))
		return tioc_send_cold(e, buf, len, ring);
	used = head - tail;
	size = TIOC_HDR_SIZE + tioc_round8((uint32_t)len);
	if (used > ring_size || used % TIOC_ALIGN || size > ring_size - used ||
	    size > ring_size - pos)
		return tioc_send_cold(e, buf, len, ring);
	TIOC_WRITE_ONCE(hdr->len, (uint32_t)len);
	TIOC_WRITE_ONCE(hdr->seq, seq);
	if (len)
		TIOC_MEMCPY((void *)(uintptr_t)(hdr + 1), buf, len);
	e->tx_pos = pos + size == ring_size ? 0 : pos + size;
	e->tx_head = head + size;
	e->tx_seq = seq + 1;
	TIOC_STORE_RELEASE(&e->me->tx_head, head + size);
	tioc_set_flag(&e->tx_waiting, &e->me->tx_wait, false);
	/* Dekker with the peer's tioc_prepare_wait_rx: our head before its flag. */
	TIOC_FULL_BARRIER();
	*ring = TIOC_READ_ONCE(peer->rx_wait) != 0;
	return 0;
}

/**
 * Receives the next message into @buf (@cap bytes), a private copy.  Returns
 * its length, or TIOC_EAGAIN (nothing yet: see tioc_prepare_wait_rx),
 * TIOC_EMSGSIZE (longer than cap: it stays), TIOC_ENOTCONN (as for tioc_send)
 * or TIOC_EBROKEN (a bad tx_head or message header, now or before).
 * *ring: the peer waits for room (or our acknowledgment): ring its doorbell.
 */
static TIOC_HOT int tioc_recv(struct tioc_end *e, void *buf, size_t cap, bool *ring)
{
	const volatile struct tioc_block *peer = e->peer;
	const uint32_t ring_size = e->ring, tail = e->rx_tail, pos = e->rx_pos, seq = e->rx_seq;
	const volatile struct tioc_hdr *hdr = (const volatile void *)(e->rx + pos);
	uint32_t head, avail, len, size;

	if (!tioc_fast_index(peer, &peer->tx_head, e->epoch, e->peer_epoch, &head))
		return tioc_recv_cold(e, buf, cap, ring);
	avail = head - tail;
	if (!avail) {
		*ring = false;
		return TIOC_EAGAIN;
	}
	/* a header never wraps: pos and the ring size are multiples of 8 */
	len = TIOC_READ_ONCE(hdr->len);
	size = TIOC_HDR_SIZE + tioc_round8(len);
	if (avail > ring_size || avail % TIOC_ALIGN || len > ring_size - TIOC_HDR_SIZE ||
	    size > avail || size > ring_size - pos || len > cap || TIOC_READ_ONCE(hdr->seq) != seq)
		return tioc_recv_cold(e, buf, cap, ring);
	if (len)
		TIOC_MEMCPY(buf, (const void *)(uintptr_t)(hdr + 1), len);
	e->rx_pos = pos + size == ring_size ? 0 : pos + size;
	e->rx_tail = tail + size;
	e->rx_seq = seq + 1;
	e->rx_size = 0;
	/* Store-release after our reads: the peer reuses the room once it sees it. */
	TIOC_STORE_RELEASE(&e->me->rx_tail, tail + size);
	tioc_set_flag(&e->rx_waiting, &e->me->rx_wait, false);
	/* Dekker with the peer's tioc_prepare_wait_tx: our tail before its flag. */
	TIOC_FULL_BARRIER();
	*ring = TIOC_READ_ONCE(peer->tx_wait) != 0;
	return (int)len;
}

/* For a caller about to sleep, with its wait flag published: false if it must
 * not (BROKEN, or a new peer incarnation to acknowledge: call tioc_state or
 * tioc_recv/tioc_send); else *up says whether the answer depends on the
 * rings.  While CONNECTING it may sleep: the peer's open and its
 * acknowledgment ring the doorbell.  Changes nothing. */
static inline bool tioc_settled(const struct tioc_end *e, bool *up)
{
	uint32_t ack, epoch;

	if (e->broken)
		return false;
	epoch = tioc_peer_epoch(e, &ack);
	if (epoch && epoch != e->peer_epoch)
		return false;
	*up = epoch && ack == e->epoch;
	return true;
}

/**
 * Before sleeping for a message: publishes our rx_wait, so that the peer rings
 * after its next send, then looks again.  True: nothing arrived meanwhile, the
 * caller may sleep until the doorbell; false: call tioc_recv first.  The flag
 * stays until tioc_recv next receives a message.
 */
static inline bool tioc_prepare_wait_rx(struct tioc_end *e)
{
	bool up;

	tioc_set_flag(&e->rx_waiting, &e->me->rx_wait, true);
	/* Dekker with the peer's tioc_send: our flag before its head. */
	TIOC_FULL_BARRIER();
	if (!tioc_settled(e, &up))
		return false;
	return !up || TIOC_LOAD_ACQUIRE(&e->peer->tx_head) == e->rx_tail;
}

/**
 * Before sleeping for room to send @len bytes: publishes our tx_wait, so that
 * the peer rings after it next consumes, then looks again.  True: there is
 * still no room for the message, the caller may sleep until the doorbell;
 * false: call tioc_send first.  The flag stays until tioc_send next succeeds.
 */
static inline bool tioc_prepare_wait_tx(struct tioc_end *e, size_t len)
{
	uint32_t used;
	bool up;

	tioc_set_flag(&e->tx_waiting, &e->me->tx_wait, true);
	/* Dekker with the peer's tioc_recv: our flag before its tail. */
	TIOC_FULL_BARRIER();
	if (!tioc_settled(e, &up))
		return false;
	if (!up)
		return true;
	if (len > tioc_max_payload(e))
		return false;
	used = e->tx_head - TIOC_LOAD_ACQUIRE(&e->peer->rx_tail);
	/* A bad tail is tioc_send's to report: do not sleep on it. */
	return used <= e->ring && TIOC_HDR_SIZE + tioc_round8((uint32_t)len) > e->ring - used;
}

#endif /* TESSERA_IOC_H */
