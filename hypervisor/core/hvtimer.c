// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
#include "hvtimer.h"
#include "arch.h"
#include "pcpu.h"

static void program(struct hvtimer *t)
{
	uint64_t next = 0;
	for (unsigned int k = 0; k < HVTIMER_KINDS; k++)
		if (t->at_ns[k] && (!next || t->at_ns[k] < next))
			next = t->at_ns[k];
	if (next == t->armed_ns)
		return;
	t->armed_ns = next;
	arch_hyp_timer_program(next);
}

void hvtimer_set(enum hvtimer_kind kind, uint64_t at_ns)
{
	struct hvtimer *t = &this_pcpu()->timer;
	t->at_ns[kind] = at_ns;
	program(t);
}

void hvtimer_set_once_after(enum hvtimer_kind kind, uint64_t ns)
{
	struct hvtimer *t = &this_pcpu()->timer;
	if (!t->at_ns[kind])
		hvtimer_set(kind, arch_now_ns() + ns);
}

uint32_t hvtimer_expired(void)
{
	struct hvtimer *t = &this_pcpu()->timer;
	uint64_t now = arch_now_ns();
	uint32_t kinds = 0;
	for (unsigned int k = 0; k < HVTIMER_KINDS; k++) {
		if (t->at_ns[k] && t->at_ns[k] <= now) {
			t->at_ns[k] = 0;
			kinds |= 1u << k;
		}
	}
	t->armed_ns = ~0ull; /* the hardware fired: program it again whatever it holds */
	program(t);
	return kinds;
}
