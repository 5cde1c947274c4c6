/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * IOC channels between cells: the hypervisor's part is the doorbell and,
 * for control channels, the lifecycle requests.  The messages themselves
 * travel through the shared region, by the protocol in uapi/tessera_ioc.h,
 * which the hypervisor never reads.
 */
#ifndef IOC_H
#define IOC_H

#include "types.h"

struct cell;

/* Raise the doorbell of the caller's channel 'index' (its place in the
 * cell's channel list) in the other end: TESSERA_OK, or a TESSERA_* error
 * for an index the cell does not have or a peer that is not running. */
int64_t ioc_ring(struct cell *c, uint64_t index);

/* Apply lifecycle operation 'op' (TESSERA_CONTROL_*) to the other end of the
 * caller's channel 'index', if the channel's control rights allow it: a
 * TESSERA_* code (TESSERA_DENIED, and a console line, without the right). */
int64_t ioc_control(struct cell *c, uint64_t index, uint64_t op);

#endif /* IOC_H */
