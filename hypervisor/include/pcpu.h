/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* Per physical core state.  TPIDR_EL2 points at this core's struct pcpu. */
#ifndef PCPU_H
#define PCPU_H

#include "sched.h"
#include "types.h"

struct vcpu;

struct pcpu {
	uint64_t stack_top; /* must stay first: arch_guest_enter reads it */
	/* List-register value that delivers the running vCPU's virtual timer,
	 * or 0 when the vector's fast path must not (read by vectors.S). */
	uint64_t vtimer_lr;
	unsigned int index;
	bool online;
	struct vcpu *current; /* vCPU whose context is loaded, or NULL */
	struct runqueue rq;
};

extern struct pcpu pcpus[];

static inline struct pcpu *this_pcpu(void)
{
	struct pcpu *p;
	__asm__ volatile("mrs %0, tpidr_el2" : "=r"(p));
	return p;
}

#endif /* PCPU_H */
