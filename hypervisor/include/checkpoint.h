/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Checkpoints of a cell (recovery: restore): its RAM, every vCPU's whole
 * state, its virtual GIC and UART, kept in the cell's checkpoint area, which
 * no cell maps.  Taken when the cell asks (TESSERA_HVC_CHECKPOINT), with
 * every other vCPU of the cell paused; restored by the loader of a cell
 * restarted with ACTION_RESTORE.
 */
#ifndef CHECKPOINT_H
#define CHECKPOINT_H

#include "arch.h"

struct cell;
struct vcpu;

/* The caller's cell, from a hypercall: 0, TESSERA_NOT_SUPPORTED (no area)
 * or TESSERA_DENIED (not running, or a checkpoint already under way). */
int64_t checkpoint_take(struct vcpu *self, struct trap_frame *f);
/* Put the checkpoint back into the cell (caller holds its lock; every old
 * vCPU is off its core): RAM, vGIC, UART and every vCPU's context, and
 * each vCPU's state as it was. */
void checkpoint_restore(struct cell *c);

#endif /* CHECKPOINT_H */
