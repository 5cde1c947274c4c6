// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Run queues.  A core runs the first runnable vCPU of its queue and keeps it
 * until that vCPU stops; time slicing and priorities come with the dynamic
 * multicore work and slot in here.
 */
#include "sched.h"
#include "cell.h"
#include "pcpu.h"
#include "vcpu.h"

void sched_enqueue(unsigned int cpu, struct vcpu *v)
{
	struct runqueue *rq = &pcpus[cpu].rq;
	spin_lock(&rq->lock);
	if (v->queued) {
		spin_unlock(&rq->lock);
		return;
	}
	v->queued = true;
	struct vcpu **pp = &rq->head;
	/* keep realtime vCPUs (lower priority rank) first */
	while (*pp && (*pp)->cfg->priority <= v->cfg->priority)
		pp = &(*pp)->rq_next;
	v->rq_next = *pp;
	*pp = v;
	spin_unlock(&rq->lock);
}

void sched_dequeue(struct vcpu *v)
{
	struct runqueue *rq = &pcpus[v->pcpu].rq;
	spin_lock(&rq->lock);
	if (!v->queued) {
		spin_unlock(&rq->lock);
		return;
	}
	v->queued = false;
	for (struct vcpu **pp = &rq->head; *pp; pp = &(*pp)->rq_next) {
		if (*pp == v) {
			*pp = v->rq_next;
			break;
		}
	}
	v->rq_next = NULL;
	spin_unlock(&rq->lock);
}

void sched_kick(unsigned int cpu)
{
	arch_kick_cpu(cpu);
}

static struct vcpu *pick_next(struct pcpu *p)
{
	spin_lock(&p->rq.lock);
	struct vcpu *v = p->rq.head;
	while (v && !cell_vcpu_may_run(v))
		v = v->rq_next;
	spin_unlock(&p->rq.lock);
	return v;
}

/* The vCPU this core ran stopped or went off: keep its state, silence its timer. */
static void park_current(struct pcpu *p)
{
	struct vcpu *v = p->current;
	arch_vcpu_save(v); /* a pending reset is applied after this, in run() */
	WRITE_ONCE(p->current, NULL);
	arch_send_event(); /* a core loading this vCPU's cell afresh waits for this */
}

/* A reset asked for by another core (PSCI CPU_ON, cell restart) is done
 * here, on the vCPU's own core, once its old context is put away. */
static void apply_pending_reset(struct vcpu *v)
{
	struct cell *c = v->cell;
	spin_lock(&c->lock);
	bool reset = v->ctx_pending && !v->ctx_restored; /* the loader restores it */
	uint64_t entry = v->reset_entry, arg = v->reset_arg;
	v->ctx_pending = false;
	v->ctx_restored = false;
	spin_unlock(&c->lock);
	if (reset)
		arch_vcpu_reset(v, entry, arg);
}

/*
 * Enter 'v', unless it stopped being runnable meanwhile (its cell was
 * stopped or restarted while this core waited for the cell's lock): then
 * return, and the caller parks it.  Again if the cell was restarted once
 * more while this core loaded it: the vCPU must not run a single
 * instruction of the old start.
 */
static void run(struct pcpu *p, struct vcpu *v)
{
	for (;;) {
		if (p->current != v || v->ctx_pending) {
			if (p->current)
				park_current(p);
			apply_pending_reset(v);
			/* before the context goes in: a restore puts it in place */
			cell_load_if_starting(v->cell, v);
			arch_vcpu_load(v);
			p->current = v;
		}
		if (!cell_vcpu_may_run(v))
			return;
		if (!READ_ONCE(v->ctx_pending))
			break;
	}
	arch_vcpu_resume(v);
	arch_guest_enter();
}

void __noreturn sched_run(void)
{
	struct pcpu *p = this_pcpu();
	for (;;) {
		if (p->current && !cell_vcpu_may_run(p->current))
			park_current(p);
		struct vcpu *v = pick_next(p);
		if (v)
			run(p, v);
		arch_idle_wait();
		arch_irq_handle_pending();
	}
}
