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
#include "types.h"

struct cell;
struct vcpu;

/* The caller's cell, from a hypercall: 0, TESSERA_NOT_SUPPORTED (no area)
 * or TESSERA_DENIED (not running, or a checkpoint already under way). */
int64_t checkpoint_take(struct vcpu *self, struct trap_frame *f);
/* The current vCPU 'v' was kicked: take the checkpoint the operator asked
 * for (cell_checkpoint), if it is still to be taken.  The guest's
 * registers are left as they are: it resumes where the kick found it. */
void checkpoint_if_asked(struct vcpu *v);
/* Put the checkpoint back into the cell (caller holds its lock; every old
 * vCPU is off its core): RAM, vGIC, UART and every vCPU's context, and
 * each vCPU's state as it was. */
void checkpoint_restore(struct cell *c);
/* A write to a read-only page of the cell's stage 2: if it is RAM under
 * dirty-page tracking, note it and make it writable (true: run the access
 * again).  Any core, no lock. */
bool checkpoint_write_fault(struct cell *c, uint64_t ipa);
/* The hypervisor rewrote the cell's RAM behind the tracking (a cold start). */
void checkpoint_ram_rewritten(struct cell *c);

#endif /* CHECKPOINT_H */
