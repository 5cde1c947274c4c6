// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Hardware-linked interrupts of the running vCPU: the PPIs it owns (timers,
 * PMU) follow its own enables, and level interrupts are resampled before
 * the guest takes them.
 */
#include "cell.h"
#include "gic.h"
#include "vcpu.h"
#include "vgic.h"
#include "vgic_lr.h"

void vgic_sync_hw_ppis(struct vcpu *v)
{
	struct pcpu *p = this_pcpu();
	const struct vgic_irq *priv = v->arch.vgic.priv;
	uint32_t want = (priv[INTID_PMU].enabled ? BIT(INTID_PMU) : 0) |
			(priv[INTID_VTIMER].enabled ? BIT(INTID_VTIMER) : 0) |
			(priv[INTID_PTIMER].enabled ? BIT(INTID_PTIMER) : 0);
	uint32_t have = p->arch.hw_ppis_enabled;
	if (want != have) { /* one redistributor write per change, none on a kick */
		gic_ppis_set_enabled(p->index, want & ~have, have & ~want);
		p->arch.hw_ppis_enabled = want;
	}
	const struct vgic_irq *t = &priv[INTID_VTIMER];
	p->arch.vtimer_lr = t->enabled ? LR_PENDING | LR_HW | LR_GROUP1 |
						 ((uint64_t)t->priority << LR_PRIORITY_SHIFT) |
						 ((uint64_t)INTID_VTIMER << LR_PINTID_SHIFT) |
						 INTID_VTIMER
				       : 0;
}

bool arch_vcpu_timer_waiting(const struct vcpu *v)
{
	/* Hardware-linked: the physical interrupt stays active from its
	 * delivery until the guest's EOI deactivates it. */
	return READ_ONCE(pcpus[v->pcpu].current) == v && gic_is_active(v->pcpu, INTID_VTIMER);
}

void vgic_park_hw_ppis(void)
{
	struct pcpu *p = this_pcpu();
	/* off, and deactivated: an interrupt handed over but still waiting in
	 * the model */
	gic_ppis_park(p->index, p->arch.hw_ppis_enabled, VGIC_HW_PPIS);
	p->arch.hw_ppis_enabled = 0;
	p->arch.vtimer_lr = 0;
}

/* A timer's output as the architecture defines it: enabled, condition met, not masked. */
static bool timer_fires(uint64_t ctl, uint64_t cval)
{
	if ((ctl & (CNT_CTL_ENABLE | CNT_CTL_IMASK)) != CNT_CTL_ENABLE)
		return false;
	return sysreg_read(cntvct_el0) >= cval; /* CNTVOFF_EL2 is 0: one count for both */
}

bool vgic_hw_active(struct vcpu *v, uint32_t intid)
{
	return v == vcpu_current() && lr_find(read_ich_elrsr(), intid) == nr_lrs &&
	       gic_is_active(arch_this_cpu(), intid);
}

bool vgic_hw_ppi_line(struct vcpu *v, uint32_t intid)
{
	const struct vcpu_context *ctx = &v->arch.ctx;
	bool live = v == vcpu_current();
	if (intid == INTID_VTIMER)
		return live ? timer_fires(sysreg_read(cntv_ctl_el0), sysreg_read(cntv_cval_el0))
			    : timer_fires(ctx->cntv_ctl, ctx->cntv_cval);
	if (intid == INTID_PTIMER)
		return live ? timer_fires(sysreg_read(cntp_ctl_el0), sysreg_read(cntp_cval_el0))
			    : timer_fires(ctx->cntp_ctl, ctx->cntp_cval);
	return false;
}

/* The guest runs with IRQs masked (PSTATE.I as it trapped): it is most
 * likely inside a handler that has just EOIed. */
static bool guest_irqs_masked(void)
{
	return sysreg_read(spsr_el2) & SPSR_I;
}

/*
 * A hardware interrupt for the running vCPU.  A level one that fires again
 * while the guest has IRQs masked is usually the same assertion: the
 * guest's EOI came before it cleared the device.  On hardware the line
 * then drops before the guest unmasks and it never sees a second
 * interrupt; here the list register would keep it pending.  So the next
 * time the guest touches its CPU interface (its acknowledge, typically),
 * that access traps and the line is resampled first (as KVM resamples
 * mapped level interrupts).
 */
void vgic_inject_hw(struct vcpu *v, uint32_t intid, bool level)
{
	vgic_inject(v, intid, intid);
	if (level && guest_irqs_masked() && !this_pcpu()->arch.resample_due) {
		this_pcpu()->arch.resample_due = true;
		write_ich_hcr(read_ich_hcr());
		isb();
	}
}

/* Drop list-register entries of level interrupts whose line fell since
 * they were delivered (still pending: the guest has not taken them), and
 * end the resample trap.  The physical interrupt is active (we took it), so
 * its pending bit is the line's level. */
static void resample(struct vcpu *v)
{
	unsigned int cpu = arch_this_cpu();
	uint64_t free = read_ich_elrsr();
	for (unsigned int n = 0; n < nr_lrs; n++) {
		if (free & BIT(n))
			continue;
		uint64_t lr = lr_read(n);
		uint32_t pintid = (uint32_t)(lr >> LR_PINTID_SHIFT) & 0x3ff;
		if (!(lr & LR_HW) || (lr & LR_STATE) != LR_PENDING)
			continue;
		if (irq_of(v, (uint32_t)(lr & LR_VINTID_MASK))->edge || gic_is_pending(cpu, pintid))
			continue;
		lr_write(n, 0);
		gic_deactivate(pintid);
	}
	this_pcpu()->arch.resample_due = false;
	write_ich_hcr(read_ich_hcr() & ~ICH_HCR_TALL1);
	isb();
}

bool vgic_resample_trap(struct vcpu *v)
{
	if (!this_pcpu()->arch.resample_due)
		return false;
	resample(v);
	return true; /* the access runs again, untrapped, on up-to-date list registers */
}

void vgic_resample_cancel(void)
{
	this_pcpu()->arch.resample_due = false;
}

/* GICD/GICR ISACTIVER and ICACTIVER of the running vCPU's own interrupts:
 * active state lives in its list registers, or, for a hardware-linked
 * interrupt not in one, in the physical interrupt (so it cannot fire while
 * the guest holds it active, as on hardware). */
void vgic_set_active(struct vcpu *v, uint32_t intid, bool active, bool hw)
{
	if (v != vcpu_current())
		return; /* another core's list registers: see the guest contract */
	uint64_t free = read_ich_elrsr();
	unsigned int n = lr_find(free, intid);
	if (n < nr_lrs) {
		uint64_t lr = lr_read(n);
		if (active) {
			if (!(lr & LR_HW)) /* never pending+active with a physical link */
				lr |= LR_ACTIVE;
		} else if (lr & LR_ACTIVE) {
			lr &= ~LR_ACTIVE;
			if ((lr & LR_HW) && !(lr & LR_STATE)) /* the guest's EOI will not come */
				gic_deactivate((uint32_t)(lr >> LR_PINTID_SHIFT) & 0x3ff);
		}
		lr_write(n, (lr & LR_STATE) ? lr : 0);
		return;
	}
	if (hw) {
		gic_set_active(arch_this_cpu(), intid, active);
		return;
	}
	n = lr_free(free);
	if (active && n < nr_lrs) {
		const struct vgic_irq *irq = irq_of(v, intid);
		lr_write(n, LR_ACTIVE | LR_GROUP1 | ((uint64_t)irq->priority << LR_PRIORITY_SHIFT) |
				    intid);
	}
}
