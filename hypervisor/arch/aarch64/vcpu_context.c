// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Moving a vCPU's context between its save area and the CPU, when a core
 * changes the vCPU it runs.  The general registers stay where every trap
 * saves them, in the context itself: loading a vCPU points this core's
 * entry at them.  System registers move through context.S; FP, PMU and
 * debug state come in lazily.
 */
#include "arch.h"
#include "gic.h"
#include "pcpu.h"
#include "string.h"
#include "sysreg.h"
#include "vcpu.h"
#include "vgic.h"
#include "vcpu_state.h"
#include "cell.h"

#include "asm.h"

static void context_reset(struct vcpu_context *ctx, uint64_t entry, uint64_t arg, uint64_t vmpidr)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->gprs.x[0] = arg;
	ctx->elr_el2 = entry;
	ctx->spsr_el2 = SPSR_EL1H_MASKED;
	ctx->sctlr = SCTLR_EL1_RESET;
	ctx->vmpidr = vmpidr | BIT(31);
}

/* context.S */
void context_save(struct vcpu_context *ctx);
void context_load(const struct vcpu_context *ctx);

#define CTX_AT(field, n) \
	_Static_assert(offsetof(struct vcpu_context, field) == CTX_EL1 + 8 * (n), #field)
_Static_assert(offsetof(struct vcpu_context, gprs) == 0, "SP_EL2 points at the save area");
_Static_assert(offsetof(struct vcpu_context, elr_el2) == CTX_ELR_EL2, "elr_el2");
_Static_assert(offsetof(struct vcpu_context, spsr_el2) == CTX_ELR_EL2 + 8, "spsr_el2");
CTX_AT(sp_el0, 0);
CTX_AT(sp_el1, 1);
CTX_AT(elr_el1, 2);
CTX_AT(spsr_el1, 3);
CTX_AT(sctlr, 4);
CTX_AT(ttbr0, 5);
CTX_AT(ttbr1, 6);
CTX_AT(tcr, 7);
CTX_AT(mair, 8);
CTX_AT(amair, 9);
CTX_AT(vbar, 10);
CTX_AT(contextidr, 11);
CTX_AT(tpidr_el0, 12);
CTX_AT(tpidrro_el0, 13);
CTX_AT(tpidr_el1, 14);
CTX_AT(esr, 15);
CTX_AT(far, 16);
CTX_AT(afsr0, 17);
CTX_AT(afsr1, 18);
CTX_AT(par, 19);
CTX_AT(cpacr, 20);
CTX_AT(csselr, 21);
CTX_AT(cntkctl, 22);
CTX_AT(cntv_cval, 23);
CTX_AT(cntv_ctl, 24);
CTX_AT(cntp_cval, 25);
CTX_AT(cntp_ctl, 26);
CTX_AT(vmpidr, 27);

static void mdcr_write(struct arch_pcpu *a, uint64_t mdcr)
{
	if (mdcr != a->mdcr) {
		sysreg_write(mdcr_el2, mdcr);
		a->mdcr = mdcr;
	}
}

/* Only a vCPU that had them loaded can have changed them. */
static __attribute__((noinline)) void pmu_debug_save(struct arch_pcpu *a, struct vcpu_context *ctx)
{
	if (a->pmu_live)
		pmu_save(&ctx->pmu);
	if (a->debug_live)
		debug_save(&ctx->debug);
	ctx->pmu_debug_in_use = pmu_in_use(&ctx->pmu) || debug_in_use(&ctx->debug);
	a->pmu_live = a->debug_live = false;
}

/* The PMU and the debug registers, like FP, come in with a vCPU only if
 * they are in use; else on its first access to one (lazy_state_trap).
 * Most vCPUs use neither: both stay trapped, nothing is loaded. */
static void pmu_debug_load(struct arch_pcpu *a, const struct vcpu_context *ctx)
{
	if (likely(!ctx->pmu_debug_in_use)) {
		mdcr_write(a, a->mdcr | MDCR_EL2_TPM | MDCR_EL2_TDA);
		return;
	}
	uint64_t mdcr = a->mdcr & ~(MDCR_EL2_TPM | MDCR_EL2_TDA);
	a->pmu_live = pmu_in_use(&ctx->pmu);
	if (a->pmu_live)
		pmu_load(&ctx->pmu);
	else
		mdcr |= MDCR_EL2_TPM;
	a->debug_live = debug_in_use(&ctx->debug);
	if (a->debug_live)
		debug_load(&ctx->debug);
	else
		mdcr |= MDCR_EL2_TDA;
	mdcr_write(a, mdcr);
}

/* Op0 3, CRn 9, CRm 12..14: PMCR_EL0 to PMOVSSET_EL0; Op0 3, Op1 3, CRn 14,
 * CRm 8..15: the event counters and types.  Op0 2: the debug registers. */
static bool is_pmu_reg(uint32_t op0, uint32_t op1, uint32_t crn, uint32_t crm)
{
	return op0 == 3 &&
	       ((crn == 9 && crm >= 12 && crm <= 14) || (crn == 14 && op1 == 3 && crm >= 8));
}

bool lazy_state_trap(struct vcpu_context *ctx, uint32_t reg)
{
	struct arch_pcpu *a = &this_pcpu()->arch;
	uint32_t op0 = (reg >> 20) & 3, op1 = (reg >> 14) & 7;
	uint32_t crn = (reg >> 10) & 0xf, crm = (reg >> 1) & 0xf;
	if (!a->pmu_live && is_pmu_reg(op0, op1, crn, crm)) {
		pmu_load(&ctx->pmu);
		a->pmu_live = true;
		mdcr_write(a, a->mdcr & ~MDCR_EL2_TPM);
	} else if (!a->debug_live && op0 == 2) {
		debug_load(&ctx->debug);
		a->debug_live = true;
		mdcr_write(a, a->mdcr & ~MDCR_EL2_TDA);
	} else {
		return false;
	}
	isb();
	return true;
}

void arch_vcpu_reset(struct vcpu *v, uint64_t entry, uint64_t arg)
{
	context_reset(&v->arch.ctx, entry, arg, v->cfg->vmpidr);
	vgic_vcpu_reset(v);
}

/* Put away the vCPU this core ran, and stop what it left running here: its
 * timers and PMU, its list registers and a hardware interrupt handed over
 * but still waiting in the model. */
void arch_vcpu_save(struct vcpu *v)
{
	struct arch_pcpu *a = &this_pcpu()->arch;
	context_save(&v->arch.ctx);
	fp_put_away(&v->arch.ctx);
	if (unlikely(a->pmu_live | a->debug_live))
		pmu_debug_save(a, &v->arch.ctx);
	vgic_posted_to_model(v);
	sysreg_write(cntv_ctl_el0, 0);
	sysreg_write(cntp_ctl_el0, 0);
	vgic_put_away(&v->arch.vgic);
	vgic_park_hw_ppis();
}

void arch_vcpu_load(struct vcpu *v)
{
	struct arch_pcpu *a = &this_pcpu()->arch;
	context_load(&v->arch.ctx);
	a->frame = &v->arch.ctx.gprs; /* its general registers: entry loads them */
	sysreg_write(vttbr_el2, v->cell->vttbr);
	/* its FP state comes in on its first FP access (put away left it trapped) */
	pmu_debug_load(a, &v->arch.ctx);
	vgic_load(&v->arch.vgic);
	vgic_posted_load(v);
	a->timer_irqs = &v->activity.timer_irqs;
}

/* Just before entering the guest: the timer follows the vCPU's own
 * configuration, and what waits goes into the list registers. */
void arch_vcpu_resume(struct vcpu *v)
{
	vgic_sync_hw_ppis(v);
	vgic_flush(v);
}

void arch_vcpu_skip_insn(void)
{
	sysreg_write(elr_el2, sysreg_read(elr_el2) + 4);
}

uint64_t arch_vcpu_pc(void)
{
	return sysreg_read(elr_el2);
}
