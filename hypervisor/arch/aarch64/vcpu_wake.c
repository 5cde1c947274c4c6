// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * When a vCPU that waits for an interrupt (WFI) must run again.  WFI may
 * complete early (the architecture allows it), so this errs towards waking:
 * anything pending for the vCPU, in the model, its doorbell mailbox or its
 * list registers, or one of its timers firing while its PPI is enabled.
 */
#include "arch.h"
#include "pcpu.h"
#include "sysreg.h"
#include "vcpu.h"
#include "vgic.h"
#include "vgic_lr.h"

static bool lr_pending(const struct vcpu *v)
{
	if (v == vcpu_current()) {
		uint64_t free = read_ich_elrsr();
		for (unsigned int n = 0; n < nr_lrs; n++)
			if (!(free & BIT(n)) && (lr_read(n) & LR_PENDING))
				return true;
		return false;
	}
	for (uint32_t used = v->arch.vgic.lr_used; used; used &= used - 1)
		if (v->arch.vgic.lr[__builtin_ctz(used)] & LR_PENDING)
			return true;
	return false;
}

static bool model_waiting(const struct vcpu *v)
{
	for (unsigned int w = 0; w < ARRAY_SIZE(v->arch.vgic.waiting); w++)
		if (READ_ONCE(v->arch.vgic.waiting[w]))
			return true;
	return false;
}

bool arch_vcpu_wake_pending(struct vcpu *v)
{
	const struct vgic_irq *priv = v->arch.vgic.priv;
	return model_waiting(v) || vgic_posted_waiting(v) || lr_pending(v) ||
	       (priv[INTID_VTIMER].enabled && vgic_hw_ppi_line(v, INTID_VTIMER)) ||
	       (priv[INTID_PTIMER].enabled && vgic_hw_ppi_line(v, INTID_PTIMER));
}

static uint64_t timer_deadline(uint64_t ctl, uint64_t cval, bool enabled)
{
	if (!enabled || (ctl & (CNT_CTL_ENABLE | CNT_CTL_IMASK)) != CNT_CTL_ENABLE)
		return 0;
	/* exactly the tick the timer fires at (CNTHP then fires with it): an
	 * ns later would take a second interrupt to see it due */
	uint64_t ns = arch_ticks_to_ns(cval);
	return ns ? ns : 1; /* never 0: that means none */
}

uint64_t arch_vcpu_timer_deadline(const struct vcpu *v)
{
	const struct vcpu_context *ctx = &v->arch.ctx;
	const struct vgic_irq *priv = v->arch.vgic.priv;
	bool live = v == vcpu_current(); /* still loaded: its registers are the truth */
	uint64_t vt = timer_deadline(live ? sysreg_read(cntv_ctl_el0) : ctx->cntv_ctl,
				     live ? sysreg_read(cntv_cval_el0) : ctx->cntv_cval,
				     priv[INTID_VTIMER].enabled);
	uint64_t pt = timer_deadline(live ? sysreg_read(cntp_ctl_el0) : ctx->cntp_ctl,
				     live ? sysreg_read(cntp_cval_el0) : ctx->cntp_cval,
				     priv[INTID_PTIMER].enabled);
	if (!vt || (pt && pt < vt))
		return pt;
	return vt;
}

void arch_cpu_trap_waits(bool trap)
{
	struct arch_pcpu *a = &this_pcpu()->arch;
	if (a->trap_waits == trap)
		return;
	a->trap_waits = trap;
	uint64_t hcr = sysreg_read(hcr_el2);
	sysreg_write(hcr_el2, trap ? hcr | HCR_TWI | HCR_TWE : hcr & ~(HCR_TWI | HCR_TWE));
	isb();
}
