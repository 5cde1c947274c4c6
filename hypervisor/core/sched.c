// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Run queues.  Each core runs the first vCPU of its queue that may run:
 * realtime vCPUs first, by rank, while they have budget; then the
 * general-purpose vCPU whose turn it is.  The queue order is the turn
 * order: a general-purpose vCPU whose slice is used up goes behind the
 * others of its class.  One that blocked in WFI and wakes with slice left
 * takes its core back at once, which keeps guest IPIs quick, and can never
 * hold the core longer than its slice.
 *
 * Every decision arms this core's EL2 timer for the next one: the running
 * vCPU's budget or slice end, a throttled vCPU's replenishment, and the
 * timers of the vCPUs that wait here put away.
 *
 * A budget is charged in samples of at most one budget tick: while a
 * realtime vCPU runs on a shared core the timer looks at it every tick, and
 * a longer gap between two looks (the core was taken away from the
 * hypervisor: firmware, or an emulator running its other cores) counts as
 * one tick.  Time never seen running is never charged.
 */
#include "sched.h"
#include "cell.h"
#include "hvtimer.h"
#include "pcpu.h"
#include "power.h"
#include "printk.h"
#include "vcpu.h"

#define SLICE_NS ((uint64_t)CONFIG_SCHED_SLICE_US * 1000u)
#define BUDGET_TICKS 8u /* looks per budget */
#define BUDGET_TICK_MIN_NS 10000u
#define MOVE_RETRY_NS 100000u

static inline bool is_realtime(const struct vcpu *v)
{
	return v->cfg->priority != SYSCONFIG_NONE;
}

void sched_set_shared(struct pcpu *p, bool shared)
{
	p->sched.shared = shared;
	arch_cpu_trap_waits(shared || sys_config.power.policy == POWER_ONDEMAND);
}

uint64_t sched_core_busy_ns(const struct pcpu *p, uint64_t now)
{
	const struct vcpu *v = READ_ONCE(p->current);
	uint64_t busy = READ_ONCE(p->sched.acct.busy_ns);
	uint64_t since = v ? READ_ONCE(v->sched.since_ns) : 0;
	return busy + (since && since < now ? now - since : 0);
}

void sched_init_cpu(struct pcpu *p)
{
	p->timer = (struct hvtimer){ 0 }; /* after a CPU_OFF, nothing of it is armed */
	sched_set_shared(p, sys_config.power_states[power_target()].shared_cpus & BIT(p->index));
}

void sched_vcpu_reset(struct vcpu *v)
{
	struct vcpu_account acct = v->sched.acct;
	v->sched = (struct vcpu_sched){ .acct = acct, .slice_ns = SLICE_NS };
}

static void insert(struct runqueue *rq, struct vcpu *v)
{
	struct vcpu **pp = &rq->head;
	/* realtime vCPUs (lower rank) first; behind its equals: its turn is last */
	while (*pp && (*pp)->cfg->priority <= v->cfg->priority)
		pp = &(*pp)->rq_next;
	v->rq_next = *pp;
	*pp = v;
}

static void unlink(struct runqueue *rq, struct vcpu *v)
{
	for (struct vcpu **pp = &rq->head; *pp; pp = &(*pp)->rq_next) {
		if (*pp == v) {
			*pp = v->rq_next;
			break;
		}
	}
	v->rq_next = NULL;
}

void sched_enqueue(unsigned int cpu, struct vcpu *v)
{
	struct runqueue *rq = &pcpus[cpu].rq;
	spin_lock(&rq->lock);
	if (!v->queued) {
		v->queued = true;
		v->sched.blocked = false;
		insert(rq, v);
	}
	spin_unlock(&rq->lock);
}

void sched_dequeue(struct vcpu *v)
{
	struct runqueue *rq = &pcpus[v->pcpu].rq;
	spin_lock(&rq->lock);
	if (v->queued) {
		v->queued = false;
		unlink(rq, v);
	}
	spin_unlock(&rq->lock);
}

void sched_kick(unsigned int cpu)
{
	arch_kick_cpu(cpu);
}

/* A realtime vCPU's budget comes back at each multiple of its period. */
static void replenish(struct vcpu *v, uint64_t now)
{
	struct vcpu_sched *s = &v->sched;
	if (now < s->period_end_ns)
		return;
	uint64_t period = v->cfg->period_ns;
	s->period_end_ns = now - now % period + period;
	s->budget_ns = v->cfg->budget_ns;
	s->throttled = false;
}

static inline uint64_t budget_tick(const struct vcpu *v)
{
	uint64_t tick = v->cfg->budget_ns / BUDGET_TICKS;
	return tick > BUDGET_TICK_MIN_NS ? tick : BUDGET_TICK_MIN_NS;
}

static void overrun(struct vcpu *v)
{
	struct vcpu_sched *s = &v->sched;
	s->throttled = true;
	s->acct.overruns++;
	if (!s->reported) {
		s->reported = true;
		printk("cell %s: vCPU %u used its budget of %lu us per %lu us: throttled to its "
		       "next period",
		       v->cell->cfg->name, v->cfg->index, v->cfg->budget_ns / 1000,
		       v->cfg->period_ns / 1000);
	}
}

/* The vCPU this core ran leaves its guest at 'now': count its time. */
static void charge(struct pcpu *p, uint64_t now)
{
	struct vcpu *v = p->current;
	if (!v || !v->sched.since_ns)
		return;
	struct vcpu_sched *s = &v->sched;
	uint64_t ran = now - s->since_ns;
	s->since_ns = 0;
	s->acct.used_ns += ran;
	p->sched.acct.busy_ns += ran;
	if (!p->sched.shared)
		return;
	if (is_realtime(v)) {
		uint64_t tick = budget_tick(v);
		if (ran > tick)
			ran = tick;
		s->budget_ns -= ran < s->budget_ns ? ran : s->budget_ns;
		if (!s->budget_ns && now < s->period_end_ns)
			overrun(v);
		return;
	}
	s->slice_ns -= ran < s->slice_ns ? ran : s->slice_ns;
	if (!s->slice_ns) { /* its turn is over: behind the others of its class */
		s->slice_ns = SLICE_NS;
		spin_lock(&p->rq.lock);
		if (v->queued) {
			unlink(&p->rq, v);
			insert(&p->rq, v);
		}
		spin_unlock(&p->rq.lock);
	}
}

/* A blocked vCPU for which an interrupt came is ready again. */
static void wake_if_pending(struct vcpu *v, uint64_t now)
{
	if (v->sched.blocked && cell_vcpu_may_run(v) && arch_vcpu_wake_pending(v)) {
		v->sched.blocked = false;
		if (!v->sched.ready_at_ns)
			v->sched.ready_at_ns = now;
	}
}

/* May 'v' have the core now? */
static bool eligible(const struct pcpu *p, struct vcpu *v, uint64_t now)
{
	if (!cell_vcpu_may_run(v) || v->sched.blocked)
		return false;
	if (is_realtime(v) && p->sched.shared) {
		replenish(v, now);
		return !v->sched.throttled;
	}
	return true;
}

static struct vcpu *pick_next(struct pcpu *p, uint64_t now)
{
	struct vcpu *pick = NULL;
	spin_lock(&p->rq.lock);
	/* every one is looked at: a woken vCPU behind the pick needs no timer */
	for (struct vcpu *v = p->rq.head; v; v = v->rq_next) {
		wake_if_pending(v, now);
		if (!pick && eligible(p, v, now))
			pick = v;
	}
	spin_unlock(&p->rq.lock);
	return pick;
}

static inline void earliest(uint64_t *at, uint64_t t)
{
	if (t && (!*at || t < *at))
		*at = t;
}

/* A deadline already passed changes nothing more (its vCPU was woken, or
 * its interrupt is disabled): arming for it would fire at once, forever. */
static inline void earliest_ahead(uint64_t *at, uint64_t t, uint64_t now)
{
	if (t > now)
		earliest(at, t);
}

/* When this core must decide again, 'next' running (or nothing): 0 if only
 * an interrupt can change its mind. */
static uint64_t next_decision(struct pcpu *p, const struct vcpu *next, uint64_t now)
{
	uint64_t at = 0;
	if (p->power_work) /* a move waits for a busy cell */
		earliest(&at, now + MOVE_RETRY_NS);
	if (!p->sched.shared) {
		/* alone: no budget or slice; the vCPU may still wait put away,
		 * e.g. parked here while the others moved off */
	} else if (next && is_realtime(next)) {
		uint64_t tick = budget_tick(next);
		earliest(&at, now + (next->sched.budget_ns < tick ? next->sched.budget_ns : tick));
		earliest(&at, next->sched.period_end_ns);
	} else if (next) {
		earliest(&at, now + next->sched.slice_ns);
	}
	spin_lock(&p->rq.lock);
	for (const struct vcpu *v = p->rq.head; v; v = v->rq_next) {
		if (v == next || !cell_vcpu_may_run(v))
			continue;
		/* a blocked vCPU left loaded has its timers live in hardware */
		if (v->sched.blocked && !(v == p->current && !next))
			earliest_ahead(&at, arch_vcpu_timer_deadline(v), now);
		if (v->sched.throttled)
			earliest_ahead(&at, v->sched.period_end_ns, now);
	}
	spin_unlock(&p->rq.lock);
	return at;
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
	/* the common case, without the lock: one set after this look is seen
	 * by run()'s look once the context is in */
	if (!READ_ONCE(v->ctx_pending))
		return;
	spin_lock(&c->lock);
	bool pending = v->ctx_pending;
	bool reset = pending && !v->ctx_restored; /* the loader restores it */
	uint64_t entry = v->reset_entry, arg = v->reset_arg;
	v->ctx_pending = false;
	v->ctx_restored = false;
	spin_unlock(&c->lock);
	if (pending)
		sched_vcpu_reset(v);
	if (reset)
		arch_vcpu_reset(v, entry, arg);
}

static void switch_to(struct pcpu *p, struct vcpu *v, uint64_t now)
{
	struct vcpu *prev = p->current;
	uint64_t began = arch_ticks(); /* converted after: the switch pays for no division */
	if (prev) {
		if (!prev->sched.blocked && cell_vcpu_may_run(prev))
			prev->sched.ready_at_ns = now; /* preempted: it waits from now */
		park_current(p);
	}
	apply_pending_reset(v);
	/* before the context goes in: a restore puts it in place */
	cell_load_if_starting(v->cell, v);
	arch_vcpu_load(v);
	p->current = v;
	if (prev && prev != v) {
		v->sched.acct.switches++;
		p->sched.acct.switches++;
		p->sched.acct.switch_ns += arch_ticks_to_ns(arch_ticks() - began);
	}
}

/*
 * Enter 'v', unless it stopped being runnable meanwhile (its cell was
 * stopped or restarted while this core waited for the cell's lock): then
 * return, and the caller parks it.  Again if the cell was restarted once
 * more while this core loaded it: the vCPU must not run a single
 * instruction of the old start.
 */
static void run(struct pcpu *p, struct vcpu *v, uint64_t now)
{
	for (;;) {
		if (p->current != v || v->ctx_pending)
			switch_to(p, v, now);
		if (!cell_vcpu_may_run(v))
			return;
		if (!READ_ONCE(v->ctx_pending))
			break;
	}
	struct vcpu_sched *s = &v->sched;
	s->since_ns = arch_now_ns();
	if (s->ready_at_ns) {
		s->acct.waited_ns += s->since_ns - s->ready_at_ns;
		s->ready_at_ns = 0;
	}
	arch_vcpu_resume(v);
	arch_guest_enter();
}

void __noreturn sched_run(void)
{
	struct pcpu *p = this_pcpu();
	for (;;) {
		uint64_t now = arch_now_ns();
		charge(p, now);
		if (p->current && !cell_vcpu_may_run(p->current))
			park_current(p);
		if (READ_ONCE(p->power_work))
			power_core_work(p);
		struct vcpu *v = pick_next(p, now);
		hvtimer_set(HVTIMER_SCHED, next_decision(p, v, now));
		if (v)
			run(p, v, now);
		arch_idle_wait();
		arch_irq_handle_pending();
	}
}

bool sched_migrate(struct pcpu *p, struct vcpu *v, unsigned int to)
{
	struct cell *c = v->cell;
	if (!spin_trylock(&c->lock))
		return false; /* a checkpoint holds it: this core must not wait */
	if (p->current == v)
		park_current(p);
	bool queued = v->queued;
	if (queued)
		sched_dequeue(v);
	WRITE_ONCE(v->pcpu, to);
	/* A doorbell posted meanwhile either sees the new core, or was posted
	 * before this and is found by that core's look after the kick. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (queued)
		sched_enqueue(to, v);
	spin_unlock(&c->lock);
	arch_vcpu_moved(v);
	v->sched.acct.migrations++;
	sched_kick(to);
	return true;
}

void sched_wait_for_interrupt(struct vcpu *v, bool wfe)
{
	if (wfe) {
		/* a spin-wait: whoever it waits for may need this core */
		if (is_realtime(v))
			return;
		v->sched.slice_ns = 0;
		sched_run();
	}
	if (arch_vcpu_wake_pending(v))
		return;
	v->sched.blocked = true;
	sched_run();
}
