// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * The virtual CPU interface side of the vGIC: list registers.  Only the core
 * running a vCPU touches its list registers; other cores mark an interrupt
 * pending in the model and kick that core, which then flushes.
 */
#include "cell.h"
#include "gic.h"
#include "printk.h"
#include "sched.h"
#include "sysreg.h"
#include "vcpu.h"
#include "vgic.h"
#include "vgic_lr.h"

unsigned int nr_lrs;
static uint32_t lrs_all; /* a bit for each list register */

void vgic_cpu_init(void)
{
	vgic_if_init();
	nr_lrs = (unsigned int)(read_ich_vtr() & 0x1f) + 1;
	lrs_all = (uint32_t)BIT(nr_lrs) - 1;
	for (unsigned int n = 0; n < nr_lrs; n++) /* their reset value is unknown */
		lr_write(n, 0);
	vgic_posted_cpu_init();
	write_ich_hcr(ICH_HCR_EN);
	isb();
}

struct vgic_irq *irq_of(struct vcpu *v, uint32_t intid)
{
	if (intid < VGIC_NR_PRIVATE)
		return &v->arch.vgic.priv[intid];
	return &v->cell->arch.vgic.spi[intid - VGIC_NR_PRIVATE];
}

/* The vCPU an interrupt waits for: its own for private ones, the target for SPIs. */
static struct vcpu *owner_of(struct vcpu *v, uint32_t intid)
{
	if (intid < VGIC_NR_PRIVATE)
		return v;
	struct cell *c = v->cell;
	uint16_t t = c->arch.vgic.spi[intid - VGIC_NR_PRIVATE].target;
	return &c->vcpus[t < c->cfg->num_vcpus ? t : 0];
}

void vgic_waiting_sync(struct vcpu *v, uint32_t intid)
{
	const struct vgic_irq *irq = irq_of(v, intid);
	uint32_t *word = &owner_of(v, intid)->arch.vgic.waiting[intid / 32];
	uint32_t bit = 1u << (intid % 32);
	if (irq->pending && irq->enabled)
		*word |= bit;
	else
		*word &= ~bit;
}

void vgic_waiting_signal(struct vcpu *v, uint32_t intid)
{
	struct vcpu *owner = owner_of(v, intid);
	if ((owner->arch.vgic.waiting[intid / 32] & (1u << (intid % 32))) &&
	    owner != vcpu_current() && READ_ONCE(owner->state) == VCPU_RUNNABLE)
		sched_kick(owner->pcpu); /* it may sleep in WFI, which we do not trap */
}

/* A pending list-register entry; pintid != 0 links it to that physical interrupt. */
static uint64_t lr_value(const struct vgic_irq *irq, uint32_t intid, uint32_t pintid)
{
	uint64_t lr = LR_PENDING | LR_GROUP1 | ((uint64_t)irq->priority << LR_PRIORITY_SHIFT) |
		      intid;
	if (pintid)
		lr |= LR_HW | ((uint64_t)pintid << LR_PINTID_SHIFT);
	return lr;
}

/* Put one interrupt into a list register of the running vCPU; false if
 * every list register is busy. */
static bool lr_deliver(struct vgic_irq *irq, uint32_t intid, uint32_t pintid)
{
	uint64_t free = read_ich_elrsr();
	unsigned int n = lr_find(free, intid);
	if (n < nr_lrs) {
		/* Already there: a new edge while active becomes pending+active. */
		uint64_t lr = lr_read(n);
		if (!(lr & LR_PENDING) && !(lr & LR_HW))
			lr_write(n, lr | LR_PENDING);
		return true;
	}
	n = lr_free(free);
	if (n == nr_lrs)
		return false;
	lr_write(n, lr_value(irq, intid, pintid));
	return true;
}

/*
 * Which maintenance interrupt tells us a list register is free for what
 * waits.  "No pending entry" (NPIE) only while some entry is pending and not
 * active: the GIC counts an entry that is both as not pending (MISR.NP), so
 * with every entry active, or active and pending, NPIE would fire again at
 * once, forever (a guest that sets its interrupts active did that on a
 * GICv2).  Then wait for underflow (UIE: at most one valid entry), i.e. for
 * the guest's EOIs.
 */
static __attribute__((noinline)) uint64_t maintenance_bits(void)
{
	uint64_t free = read_ich_elrsr();
	for (unsigned int n = 0; n < nr_lrs; n++)
		if (!(free & BIT(n)) && (lr_read(n) & LR_STATE) == LR_PENDING)
			return ICH_HCR_NPIE;
	return ICH_HCR_UIE;
}

static void request_maintenance(struct vcpu *v)
{
	v->arch.vgic.npie = true;
	write_ich_hcr(ICH_HCR_EN | maintenance_bits());
}

/*
 * Every list register is busy: give up the least urgent one that is only
 * pending (not being handled) if it is less urgent than 'irq', so a
 * higher-priority interrupt (the real-time timer) never waits behind it.
 * The evicted interrupt goes back to the model.  Caller holds the lock.
 */
static bool lr_evict_for(struct vcpu *v, const struct vgic_irq *irq, uint32_t intid,
			 uint32_t pintid)
{
	unsigned int victim = nr_lrs;
	uint8_t worst = irq->priority;
	for (unsigned int n = 0; n < nr_lrs; n++) {
		uint64_t lr = lr_read(n);
		uint8_t prio = (uint8_t)(lr >> LR_PRIORITY_SHIFT);
		if ((lr & LR_STATE) == LR_PENDING && prio > worst) {
			worst = prio;
			victim = n;
		}
	}
	if (victim == nr_lrs)
		return false;
	uint64_t old = lr_read(victim);
	struct vgic_irq *back = irq_of(v, (uint32_t)(old & LR_VINTID_MASK));
	back->pending = 1;
	back->hw = !!(old & LR_HW);
	vgic_waiting_sync(v, (uint32_t)(old & LR_VINTID_MASK));
	vgic_waiting_signal(v, (uint32_t)(old & LR_VINTID_MASK)); /* an SPI retargeted meanwhile */
	lr_write(victim, lr_value(irq, intid, pintid));
	request_maintenance(v);
	return true;
}

/* Caller holds the cell's vgic lock. */
void vgic_inject_locked(struct vcpu *v, uint32_t intid, uint32_t pintid)
{
	struct vgic_irq *irq = irq_of(v, intid);
	if (v == vcpu_current() && irq->enabled &&
	    (lr_deliver(irq, intid, pintid) || lr_evict_for(v, irq, intid, pintid))) {
		irq->pending = 0; /* the list register holds it now */
		vgic_waiting_sync(v, intid);
		return;
	}
	/* A physical link stays until delivered: a virtual re-pend must not
	 * drop it (the physical interrupt would stay active for good). */
	if (pintid)
		irq->hw = 1;
	else if (!irq->pending)
		irq->hw = 0;
	irq->pending = 1;
	vgic_waiting_sync(v, intid);
	if (!irq->enabled)
		return;
	if (v == vcpu_current())
		request_maintenance(v);
	else if (v->state == VCPU_RUNNABLE)
		sched_kick(v->pcpu); /* others find it when they next run */
}

void vgic_inject(struct vcpu *v, uint32_t intid, uint32_t pintid)
{
	struct vgic_irq *irq = irq_of(v, intid);
	/* Hot path (virtual timer, own vCPU): list registers are this core's
	 * alone, so no lock is needed to deliver. */
	if (v == vcpu_current() && irq->enabled && lr_deliver(irq, intid, pintid))
		return;
	spin_lock(&v->cell->arch.vgic.lock);
	vgic_inject_locked(v, intid, pintid);
	spin_unlock(&v->cell->arch.vgic.lock);
}

/* Take back the pending state of a level interrupt whose line fell: a
 * pending-only entry goes, one being handled stays active only. */
static void lr_retract(uint32_t intid)
{
	uint64_t free = read_ich_elrsr();
	for (unsigned int n = 0; n < nr_lrs; n++) {
		if (free & BIT(n))
			continue;
		uint64_t lr = lr_read(n);
		if ((lr & LR_VINTID_MASK) != intid || !(lr & LR_PENDING))
			continue;
		lr_write(n, (lr & LR_ACTIVE) ? lr & ~LR_PENDING : 0);
	}
}

void vgic_retract(struct vcpu *v, uint32_t intid)
{
	if (v == vcpu_current())
		lr_retract(intid);
}

void vgic_lr_bits(struct vcpu *v, uint32_t first, uint32_t *pending, uint32_t *active)
{
	*pending = *active = 0;
	if (v != vcpu_current())
		return; /* another core's list registers: only the model is known */
	uint64_t free = read_ich_elrsr();
	for (unsigned int n = 0; n < nr_lrs; n++) {
		if (free & BIT(n))
			continue;
		uint64_t lr = lr_read(n);
		uint32_t intid = (uint32_t)(lr & LR_VINTID_MASK);
		if (intid < first || intid - first >= 32)
			continue;
		if (lr & LR_PENDING)
			*pending |= 1u << (intid - first);
		if (lr & LR_ACTIVE)
			*active |= 1u << (intid - first);
	}
}

void vgic_set_level(struct cell *c, uint32_t intid, bool level)
{
	if (intid < VGIC_NR_PRIVATE || intid >= VGIC_NR_INTIDS)
		return;
	spin_lock(&c->arch.vgic.lock);
	struct vgic_irq *irq = &c->arch.vgic.spi[intid - VGIC_NR_PRIVATE];
	struct vcpu *t = &c->vcpus[irq->target < c->cfg->num_vcpus ? irq->target : 0];
	/* A line that stays high stays pending: re-assert on every update, the
	 * list register dedups (and re-pends an interrupt being handled). */
	if (level) {
		vgic_inject_locked(t, intid, 0);
	} else if (irq->level) {
		irq->pending = 0;
		vgic_waiting_sync(t, intid);
		if (t == vcpu_current())
			lr_retract(intid);
	}
	irq->level = level;
	spin_unlock(&c->arch.vgic.lock);
}

void vgic_raise_in_model(struct cell *c, struct vcpu *t, struct vgic_irq *irq, uint32_t intid)
{
	spin_lock(&c->arch.vgic.lock);
	if (!irq->pending) /* one pending already: its target has been kicked */
		vgic_inject_locked(t, intid, 0);
	spin_unlock(&c->arch.vgic.lock);
}

/* The most urgent interrupt waiting in the model for 'v', or
 * VGIC_NR_INTIDS if none: only the set bits of its waiting map are looked at. */
static uint32_t most_urgent_waiting(struct vcpu *v)
{
	uint32_t best = VGIC_NR_INTIDS;
	unsigned int best_prio = 0x100;
	for (uint32_t w = 0; w < ARRAY_SIZE(v->arch.vgic.waiting); w++) {
		for (uint32_t bits = v->arch.vgic.waiting[w]; bits; bits &= bits - 1) {
			uint32_t i = w * 32 + (uint32_t)__builtin_ctz(bits);
			unsigned int prio = irq_of(v, i)->priority;
			if (prio < best_prio) {
				best = i;
				best_prio = prio;
			}
		}
	}
	return best;
}

/* Deliver what waits, most urgent first, while list registers take it. */
void vgic_flush(struct vcpu *v)
{
	struct cell *c = v->cell;
	bool all = true;
	vgic_posted_deliver(v);
	spin_lock(&c->arch.vgic.lock);
	for (;;) {
		uint32_t intid = most_urgent_waiting(v);
		if (intid == VGIC_NR_INTIDS)
			break;
		struct vgic_irq *irq = irq_of(v, intid);
		uint32_t pintid = irq->hw ? intid : 0;
		if (!lr_deliver(irq, intid, pintid) && !lr_evict_for(v, irq, intid, pintid)) {
			all = false;
			break;
		}
		irq->pending = 0;
		vgic_waiting_sync(v, intid);
	}
	spin_unlock(&c->arch.vgic.lock);
	v->arch.vgic.npie = !all;
	write_ich_hcr(ICH_HCR_EN | (all ? 0 : maintenance_bits()));
}

void vgic_maintenance(struct vcpu *v)
{
	if (v)
		vgic_flush(v);
	else
		write_ich_hcr(ICH_HCR_EN);
}

void vgic_sgi_write(struct vcpu *v, uint64_t val)
{
	struct cell *c = v->cell;
	uint32_t intid = (val >> 24) & 0xf;
	bool all_but_self = val & BIT(40);
	uint64_t aff = ((val >> 16) & 0xff) << 8 | ((val >> 32) & 0xff) << 16 |
		       ((val >> 48) & 0xff) << 32;
	unsigned int range = (val >> 44) & 0xf;
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++) {
		struct vcpu *t = &c->vcpus[i];
		uint64_t m = t->cfg->vmpidr;
		bool hit;
		if (all_but_self)
			hit = t != v;
		else
			hit = (m & ~0xffull) == aff && (m & 0xff) / 16 == range &&
			      (val & BIT((m & 0xff) % 16));
		if (hit && t->state == VCPU_RUNNABLE)
			vgic_inject(t, intid, 0);
	}
}

void vgic_dump_lrs(void)
{
	printk("  core %u: ich_hcr 0x%lx elrsr 0x%lx vmcr 0x%lx ap1r0 0x%lx", arch_this_cpu(),
	       read_ich_hcr(), read_ich_elrsr(), read_ich_vmcr(), read_ich_ap1r());
	for (unsigned int n = 0; n < nr_lrs; n++)
		printk("  lr%u 0x%lx", n, lr_read(n));
}

/*
 * Only the list registers in use (not in ELRSR) are read and emptied: an
 * empty one may keep another vCPU's stale value, which nothing reads (every
 * reader looks at ELRSR first) and no guest can.  A hardware interrupt
 * handed over but not finished is deactivated: the guest's EOI will not
 * reach it from the saved copy.
 */
static __attribute__((noinline)) void lrs_put_away(struct vgic_cpu *g, uint32_t used)
{
	for (; used; used &= used - 1) {
		unsigned int n = (unsigned int)__builtin_ctz(used);
		uint64_t lr = lr_read(n);
		if ((lr & LR_HW) && (lr & LR_STATE))
			gic_deactivate((uint32_t)(lr >> LR_PINTID_SHIFT) & 0x3ff);
		lr_write(n, 0);
		g->lr[n] = lr;
	}
}

static __attribute__((noinline)) void lrs_load(const struct vgic_cpu *g)
{
	for (uint32_t used = g->lr_used; used; used &= used - 1) {
		unsigned int n = (unsigned int)__builtin_ctz(used);
		lr_write(n, g->lr[n]);
	}
}

void vgic_put_away(struct vgic_cpu *g)
{
	this_pcpu()->arch.resample_due = false; /* (vgic_resample_cancel) */
	g->vmcr = read_ich_vmcr();
	g->ap0r = read_ich_ap0r();
	g->ap1r = read_ich_ap1r();
	uint32_t used = (uint32_t)~read_ich_elrsr() & lrs_all;
	g->lr_used = used;
	if (used)
		lrs_put_away(g, used);
	if (g->ap0r)
		write_ich_ap0r(0);
	if (g->ap1r)
		write_ich_ap1r(0);
	write_ich_hcr(ICH_HCR_EN);
	isb();
}

/* Into the empty interface vgic_put_away() left. */
void vgic_load(const struct vgic_cpu *g)
{
	write_ich_vmcr(g->vmcr);
	if (g->ap0r)
		write_ich_ap0r(g->ap0r);
	if (g->ap1r)
		write_ich_ap1r(g->ap1r);
	if (g->lr_used)
		lrs_load(g);
	write_ich_hcr(ICH_HCR_EN | (g->npie ? maintenance_bits() : 0));
}
