/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Per-core run queues of vCPUs.  Realtime vCPUs are fixed-priority periodic
 * servers (rank from the generator's rate-monotonic order, budget and
 * period from the spec); they always outrank general-purpose vCPUs, which
 * share what is left round-robin in slices of CONFIG_SCHED_SLICE_US.  A vCPU
 * that waits for an interrupt (WFI) gives its core up until one comes.
 *
 * Budgets are enforced on cores the generator gave more than one vCPU: a
 * vCPU alone on its core delays nobody, keeps its WFI untrapped and pays
 * nothing for the scheduler.
 */
#ifndef SCHED_H
#define SCHED_H

#include "spinlock.h"
#include "types.h"

struct vcpu;
struct pcpu;

struct runqueue {
	spinlock_t lock;
	struct vcpu *head; /* linked through vcpu->rq_next: priority order, then turn */
};

/* What the hypervisor counts for a vCPU (hv> stats). */
struct vcpu_account {
	uint64_t used_ns; /* in its guest, hypervisor work on its behalf included */
	uint64_t waited_ns; /* ready, while another vCPU had its core */
	uint64_t switches; /* times loaded onto a core in place of another */
	uint32_t overruns; /* realtime: periods whose budget it used up */
	uint32_t migrations;
};

/* A vCPU's scheduling state: its core's lock or its own core only. */
struct vcpu_sched {
	bool blocked; /* in WFI with nothing pending: ready again on an interrupt */
	bool throttled; /* realtime: its budget of this period is used up */
	bool reported; /* an overrun of this instance was printed */
	uint64_t budget_ns; /* realtime: what is left of this period's budget */
	uint64_t period_end_ns; /* realtime: when the budget is next replenished */
	uint64_t slice_ns; /* general purpose: what is left of its turn */
	uint64_t since_ns; /* when it last went into its guest; 0 while it is out */
	uint64_t ready_at_ns; /* when it became ready without its core; 0 if not */
	struct vcpu_account acct;
};

/* What a core did (hv> stats). */
struct pcpu_account {
	uint64_t busy_ns; /* running some vCPU */
	uint64_t switches; /* vCPU changes */
	uint64_t switch_ns; /* in them: parking one vCPU and loading the other */
};

/* A core's scheduling state, in its struct pcpu. */
struct pcpu_sched {
	bool shared; /* the generator put more than one vCPU on it */
	struct pcpu_account acct;
};

void sched_init_cpu(struct pcpu *p);
/* Core 'p''s time running vCPUs up to 'now', read from any core (the run in
 * progress included; a policy's estimate, not an account). */
uint64_t sched_core_busy_ns(const struct pcpu *p, uint64_t now);
/* The core runs more than one vCPU (trap WFI, enforce budgets) or not.  Under
 * the ondemand policy every core traps WFI: its idle time must be seen. */
void sched_set_shared(struct pcpu *p, bool shared);
/* Move 'v' from this core (queued, loaded or off) to core 'to', parking it
 * first if it runs here; false if its cell is busy (try again later). */
bool sched_migrate(struct pcpu *p, struct vcpu *v, unsigned int to);
void sched_enqueue(unsigned int cpu, struct vcpu *v);
void sched_dequeue(struct vcpu *v);
/* Run the best runnable vCPU of this core, or wait for one.  Never returns. */
void __noreturn sched_run(void);
/* Ask a core to reconsider what it runs (after a vCPU state change). */
void sched_kick(unsigned int cpu);
/* The running vCPU executed WFI (wfe: WFE): give the core up if nothing
 * is pending for it.  Returns only when it goes on at once. */
void sched_wait_for_interrupt(struct vcpu *v, bool wfe);
/* A cell (re)starts: its vCPUs' budgets, turns and reports begin afresh. */
void sched_vcpu_reset(struct vcpu *v);

#endif /* SCHED_H */
