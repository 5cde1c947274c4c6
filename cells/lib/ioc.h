// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * IOC channels for bare-metal cells: the protocol of tessera_ioc.h over a
 * channel found by name in the cell's device tree, with the doorbell
 * hypercall.  Two ways to wait: poll (call ioc_recv until it has a message,
 * with ioc_poll_pause between tries) or sleep (route the channel's doorbell interrupt to a handler that calls
 * ioc_doorbell, then ioc_wait_rx between receives).  One caller per channel.
 */
#ifndef CELLS_LIB_IOC_H
#define CELLS_LIB_IOC_H

#include <stdbool.h>
#include <stdint.h>

#include "hvc.h"
#include "ioc_copy.h"

#define TIOC_MEMCPY(dst, src, n) ioc_copy((dst), (src), (n))
#include "tessera_ioc.h"

#define IOC_NAME_LEN 32

struct ioc {
	struct tioc_end end;
	uint32_t index; /* in the cell's channel list: what the doorbell hypercall names */
	uint32_t intid; /* the channel's doorbell interrupt in this cell */
	volatile uint32_t doorbells; /* taken so far (ioc_doorbell) */
	char name[IOC_NAME_LEN];
	char peer[IOC_NAME_LEN];
	int reopened; /* our end was open before: this cell restarted */
};

/**
 * Opens the channel labelled name in the device tree at dtb (its node
 * "tessera,ioc-channel"): maps nothing (the region is the node's reg, IPA =
 * PA for a cell), opens our end and rings the peer.  0, or -1 if there is no
 * such channel or its node is malformed.
 */
int ioc_open(struct ioc *ch, uintptr_t dtb, const char *name);

/** Rings the peer's doorbell; the hypervisor's answer (TESSERA_*).  Inline:
 *  the doorbell's cost is counted from here (bench/ioc_bench.py). */
static inline long ioc_ring(struct ioc *ch)
{
	return (long)hvc_call1(TESSERA_HVC_DOORBELL, ch->index);
}

/** TIOC_UP, TIOC_CONNECTING or TIOC_BROKEN, after the handshake rule (rings
 *  the peer when it must). */
int ioc_state(struct ioc *ch);

static inline void ioc_ring_if(struct ioc *ch, bool ring)
{
	if (ring)
		ioc_ring(ch);
}

/* What the protocol published (a head or a tail), a peer polling in WFE
 * (ioc_poll_pause) hears at once. */
static inline void ioc_wake_pollers(void)
{
	asm volatile("dsb ish\n\tsev" ::: "memory");
}

/*
 * ioc_send, ioc_recv and ioc_poll_recv are always inline: their hot path
 * (tessera_ioc.h) is a few dozen instructions; a call around it (frame,
 * saved registers, the ring flag through memory) cost 15 to 20 more
 * (bench/ioc_bench.py), and gcc made it a call once the copy was inline too.
 */
#define IOC_HOT inline __attribute__((always_inline))

/** tioc_send, ringing the doorbell when the peer asked for it. */
static IOC_HOT int ioc_send(struct ioc *ch, const void *buf, uint32_t len)
{
	bool ring;
	int ret = tioc_send(&ch->end, buf, len, &ring);

	if (!ret)
		ioc_wake_pollers();
	ioc_ring_if(ch, ring);
	return ret;
}

/** tioc_recv, ringing the doorbell when the peer waits for room. */
static IOC_HOT int ioc_recv(struct ioc *ch, void *buf, uint32_t cap)
{
	bool ring;
	int ret = tioc_recv(&ch->end, buf, cap, &ring);

	if (ret >= 0)
		ioc_wake_pollers();
	ioc_ring_if(ch, ring);
	return ret;
}

/** tioc_recv_peek: the next message's length and its bytes in place (*view),
 *  or an error as ioc_recv's; the message stays until ioc_recv_done.  What
 *  the view shows is the peer's memory: read it once, validate a copy. */
int ioc_recv_peek(struct ioc *ch, struct tioc_view *view);

/** tioc_recv_done: consumes the message ioc_recv_peek showed (waking a
 *  poller, ringing a peer that waits for room). */
void ioc_recv_done(struct ioc *ch);

/** Drops the connection (after TIOC_BROKEN): a new epoch, the peer rings. */
void ioc_reset(struct ioc *ch);

/**
 * Between two polls: WFE, which the peer's next ioc_send or ioc_recv (SEV),
 * an interrupt or the event stream ends.  Costs the hypervisor nothing: no
 * doorbell is rung for a poller (it never says it sleeps).
 */
static inline void ioc_poll_pause(void)
{
	asm volatile("wfe" ::: "memory");
}

/**
 * Polls for the next message: ioc_recv, with ioc_poll_pause between tries,
 * until it says anything but TIOC_EAGAIN.  Never sleeps on the doorbell.  An
 * empty try is the hot path's four loads of the peer's block, what a separate
 * cheaper look would cost too, and a try that finds a message reads them once.
 */
static IOC_HOT int ioc_poll_recv(struct ioc *ch, void *buf, uint32_t cap)
{
	int r;

	while ((r = ioc_recv(ch, buf, cap)) == TIOC_EAGAIN)
		ioc_poll_pause();
	return r;
}

/** The doorbell interrupt's handler calls this. */
void ioc_doorbell(struct ioc *ch);

/**
 * Sleeps (WFI) until the doorbell or another interrupt, or returns at once
 * if a message or a handshake step is already there, or (send_len > 0) room
 * for a message of send_len bytes.  Needs the doorbell routed to a handler;
 * IRQs are unmasked on return.  Call ioc_recv, ioc_send or ioc_state next.
 */
void ioc_wait(struct ioc *ch, uint32_t send_len);

#endif /* CELLS_LIB_IOC_H */
