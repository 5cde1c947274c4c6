/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Ticket spinlock.  Waiters sleep in WFE rather than spin: under QEMU's
 * -icount round-robin a spinning core would burn its whole time slice while
 * the holder cannot run.  The release store clears the exclusive monitor,
 * which wakes the waiters' WFE.
 */
#ifndef SPINLOCK_H
#define SPINLOCK_H

#include "types.h"

typedef union {
	struct {
		uint16_t owner;
		uint16_t next;
	};
	uint32_t word; /* both at once, for spin_trylock */
} spinlock_t;

void spin_lock(spinlock_t *lock);
/* Take the lock only if nobody holds or waits for it. */
bool spin_trylock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);

#endif /* SPINLOCK_H */
