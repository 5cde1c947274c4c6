/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* Per physical core state.  TPIDR_EL2 points at this core's struct pcpu. */
#ifndef PCPU_H
#define PCPU_H

#include "arch.h"
#include "hvtimer.h"
#include "sched.h"
#include "types.h"

struct vcpu;

struct pcpu {
	uint64_t stack_top; /* must stay first: arch_guest_enter reads it */
	struct arch_pcpu arch; /* next: vectors.S reads it */
	unsigned int index;
	bool online;
	struct vcpu *current; /* vCPU whose context is loaded, or NULL */
	struct runqueue rq;
	struct pcpu_sched sched;
	struct hvtimer timer;
	volatile bool power_work; /* a power switch needs this core's part (core/power.c) */
	uint64_t online_since_ns, online_ns; /* time online, for core-seconds */
};

extern struct pcpu pcpus[];

static inline struct pcpu *this_pcpu(void)
{
	return (struct pcpu *)arch_this_pcpu_ptr();
}

#endif /* PCPU_H */
