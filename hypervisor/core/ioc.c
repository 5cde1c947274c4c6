// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Doorbells and control requests.  A cell names one of its own channels by
 * its index in its channel list (the generator's tables, as its device tree
 * lists them), so it can ring nothing else.  The other end's interrupt
 * controller coalesces a doorbell that is already pending: a cell ringing as
 * fast as it can costs the other end's core no more than the interrupts it
 * takes.  A control request is checked against the channel's rights in the
 * tables and goes to the lifecycle module as a trigger (core/cell.c).
 */
#include "ioc.h"
#include "arch.h"
#include "cell.h"
#include "printk.h"
#include "uapi/tessera.h"

/* The caller's channel 'index', or NULL if it has none there. */
static const struct cell_channel *own_channel(const struct cell *c, uint64_t index)
{
	return index < c->cfg->num_channels ? &c->cfg->channels[index] : NULL;
}

static const struct channel_config *config_of(const struct cell_channel *mine)
{
	return &sys_config.channels[mine->channel];
}

int64_t ioc_ring(struct cell *c, uint64_t index)
{
	if (index >= c->cfg->num_channels)
		return TESSERA_INVALID_PARAMETER;
	const struct cell_channel *mine = &c->cfg->channels[index];
	struct cell *peer = &cells[mine->peer];
	/* A peer being (re)started has its interrupt controller reset; it
	 * looks at the channel when it opens it. */
	if (READ_ONCE(peer->state) != CELL_RUNNING)
		return TESSERA_DENIED;
	arch_cell_raise_irq(peer, mine->peer_intid);
	return TESSERA_OK;
}

static const struct control_op {
	const char *name;
	uint16_t right; /* CONTROL_ALLOW_* */
	enum cell_trigger trigger;
} control_ops[] = {
	[TESSERA_CONTROL_RESTART] = { "restart", CONTROL_ALLOW_RESTART, TRIGGER_CONTROL_RESTART },
	[TESSERA_CONTROL_STOP] = { "stop", CONTROL_ALLOW_STOP, TRIGGER_CONTROL_STOP },
	[TESSERA_CONTROL_START] = { "start", CONTROL_ALLOW_START, TRIGGER_CONTROL_START },
};

/* Refusals per cell, so that one that asks in a loop prints a line only at
 * the 1st, 2nd, 4th, 8th, ... refusal, not one per request. */
static uint32_t refusals[SYSCONFIG_NUM_CELLS];

static void report_refusal(const struct cell *c, const struct control_op *op,
			   const struct channel_config *ch)
{
	uint32_t n = __atomic_add_fetch(&refusals[c->id], 1, __ATOMIC_RELAXED);
	if (n & (n - 1))
		return;
	printk("cell %s: control request '%s' on channel '%s' refused: no such right in the spec "
	       "(%u refused so far)",
	       c->cfg->name, op->name, ch->name, n);
}

int64_t ioc_control(struct cell *c, uint64_t index, uint64_t op_code)
{
	const struct cell_channel *mine = own_channel(c, index);
	if (!mine || op_code >= ARRAY_SIZE(control_ops) || !control_ops[op_code].name)
		return TESSERA_INVALID_PARAMETER;
	const struct control_op *op = &control_ops[op_code];
	const struct channel_config *ch = config_of(mine);
	if (ch->control_from != mine->end || !(ch->control_allow & op->right)) {
		report_refusal(c, op, ch);
		return TESSERA_DENIED;
	}
	char what[SYSCONFIG_NAME_LEN + 24] = "control from '";
	unsigned int n = 14;
	for (const char *p = c->cfg->name; *p && n < sizeof(what) - 2; p++)
		what[n++] = *p;
	what[n++] = '\'';
	what[n] = '\0';
	struct cell *peer = &cells[ch->cell[1u - mine->end]];
	return cell_request(peer, op->trigger, what) == CELL_OP_BUSY ? TESSERA_BUSY : TESSERA_OK;
}
