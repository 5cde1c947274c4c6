/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Per-core run queues of vCPUs.  Today each core runs the vCPUs the
 * generator assigned to it in the boot power state, one at a time; the queue
 * is the seam where priority scheduling and migration plug in.
 */
#ifndef SCHED_H
#define SCHED_H

#include "spinlock.h"
#include "types.h"

struct vcpu;

struct runqueue {
	spinlock_t lock;
	struct vcpu *head; /* linked through vcpu->rq_next, priority order */
};

void sched_enqueue(unsigned int cpu, struct vcpu *v);
void sched_dequeue(struct vcpu *v);
/* Run the best runnable vCPU of this core, or wait for one.  Never returns. */
void __noreturn sched_run(void);
/* Ask a core to reconsider what it runs (after a vCPU state change). */
void sched_kick(unsigned int cpu);

#endif /* SCHED_H */
