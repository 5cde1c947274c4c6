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

#include <stdint.h>

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

/** Rings the peer's doorbell; the hypervisor's answer (TESSERA_*). */
long ioc_ring(struct ioc *ch);

/** TIOC_UP, TIOC_CONNECTING or TIOC_BROKEN, after the handshake rule (rings
 *  the peer when it must). */
int ioc_state(struct ioc *ch);

/** tioc_send, ringing the doorbell when the peer asked for it. */
int ioc_send(struct ioc *ch, const void *buf, uint32_t len);

/** tioc_recv, ringing the doorbell when the peer waits for room. */
int ioc_recv(struct ioc *ch, void *buf, uint32_t cap);

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
 * Polls for the next message: ioc_recv once the peer published something new
 * (a cheap look between tries, ioc_poll_pause after each), until it says
 * anything but TIOC_EAGAIN.  Never sleeps on the doorbell.
 */
int ioc_poll_recv(struct ioc *ch, void *buf, uint32_t cap);

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
