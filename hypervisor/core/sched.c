// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Run queues.  A core runs the first runnable vCPU of its queue and keeps it
 * until that vCPU stops; time slicing and priorities come with the dynamic
 * multicore work and slot in here.
 */
#include "sched.h"
#include "cell.h"
#include "gicv3.h"
#include "irq.h"
#include "pcpu.h"
#include "vcpu.h"

void sched_enqueue(unsigned int cpu, struct vcpu *v)
{
	struct runqueue *rq = &pcpus[cpu].rq;
	spin_lock(&rq->lock);
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
	gicv3_send_sgi(sys_config.pcpus[cpu].mpidr, SGI_KICK);
}

static struct vcpu *pick_next(struct pcpu *p)
{
	spin_lock(&p->rq.lock);
	struct vcpu *v = p->rq.head;
	spin_unlock(&p->rq.lock);
	return v;
}

static void __noreturn run(struct pcpu *p, struct vcpu *v)
{
	if (p->current != v || v->ctx_pending) {
		if (p->current && !p->current->ctx_pending)
			arch_vcpu_save(&p->current->ctx);
		arch_vcpu_load(&v->ctx, v->cell->vttbr);
		v->ctx_pending = false;
		p->current = v;
	}
	cell_load_if_starting(v->cell);
	arch_guest_enter();
}

void __noreturn sched_run(void)
{
	struct pcpu *p = this_pcpu();
	for (;;) {
		struct vcpu *v = pick_next(p);
		if (v)
			run(p, v);
		arch_idle_wait();
		irq_handle_pending();
	}
}
