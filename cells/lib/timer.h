// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// The generic timer's virtual counter: reading it and busy-waiting on it.
#ifndef CELLS_LIB_TIMER_H
#define CELLS_LIB_TIMER_H

#include <stdint.h>

/** Current virtual count; the isb keeps the read in program order. */
static inline uint64_t timer_now(void)
{
	uint64_t v;

	asm volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

/** Counter frequency in Hz (62.5 MHz on QEMU virt). */
static inline uint64_t timer_freq(void)
{
	uint64_t v;

	asm volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

/** Converts counter ticks to units of 1/per_sec seconds, without overflow
 *  for any tick count as long as per_sec * freq fits in 64 bits. */
static inline uint64_t timer_ticks_to(uint64_t ticks, uint64_t per_sec)
{
	uint64_t f = timer_freq();

	return ticks / f * per_sec + ticks % f * per_sec / f;
}

static inline uint64_t timer_us_to_ticks(uint64_t us)
{
	return us * timer_freq() / 1000000;
}

/** Waits until the counter reaches deadline (plain polling). */
static inline void timer_wait_until(uint64_t deadline)
{
	while ((int64_t)(timer_now() - deadline) < 0)
		;
}

static inline void timer_delay_us(uint64_t us)
{
	timer_wait_until(timer_now() + timer_us_to_ticks(us));
}

#endif /* CELLS_LIB_TIMER_H */
