// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Doorbells.  A cell names one of its own channels by its index in its
 * channel list (the generator's tables, as its device tree lists them), so
 * it can ring nothing else.  The other end's interrupt controller coalesces
 * a doorbell that is already pending: a cell ringing as fast as it can costs
 * the other end's core no more than the interrupts it takes.
 */
#include "ioc.h"
#include "arch.h"
#include "cell.h"
#include "uapi/tessera.h"

int64_t ioc_ring(struct cell *c, uint64_t index)
{
	if (index >= c->cfg->num_channels)
		return TESSERA_INVALID_PARAMETER;
	const struct cell_channel *mine = &c->cfg->channels[index];
	const struct channel_config *ch = &sys_config.channels[mine->channel];
	unsigned int peer_end = 1u - mine->end;
	struct cell *peer = &cells[ch->cell[peer_end]];
	/* A peer being (re)started has its interrupt controller reset; it
	 * looks at the channel when it opens it. */
	if (READ_ONCE(peer->state) != CELL_RUNNING)
		return TESSERA_DENIED;
	arch_cell_raise_irq(peer, ch->doorbell_intid[peer_end]);
	return TESSERA_OK;
}
