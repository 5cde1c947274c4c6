// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
#include "spinlock.h"
#include "sysreg.h"

void spin_lock(spinlock_t *lock)
{
	uint16_t ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);
	uint16_t owner;
	/* Arm the exclusive monitor on 'owner' before WFE, so the holder's
	 * release store wakes us. */
	for (;;) {
		__asm__ volatile("ldaxrh %w0, [%1]" : "=&r"(owner) : "r"(&lock->owner) : "memory");
		if (owner == ticket)
			return;
		wfe();
	}
}

bool spin_trylock(spinlock_t *lock)
{
	spinlock_t seen = { .word = __atomic_load_n(&lock->word, __ATOMIC_RELAXED) };
	if (seen.owner != seen.next)
		return false;
	spinlock_t taken = seen;
	taken.next++;
	return __atomic_compare_exchange_n(&lock->word, &seen.word, taken.word, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->owner, (uint16_t)(lock->owner + 1), __ATOMIC_RELEASE);
	sev();
}
