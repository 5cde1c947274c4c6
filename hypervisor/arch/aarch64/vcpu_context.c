// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Moving a vCPU's context between its save area and the CPU.  General
 * registers go through this core's trap frame; EL1 system registers are
 * loaded directly.  Only needed when a core changes the vCPU it runs.
 */
#include "arch.h"
#include "gicv3.h"
#include "pcpu.h"
#include "string.h"
#include "sysreg.h"
#include "vcpu.h"
#include "vgic.h"
#include "vcpu_state.h"
#include "cell.h"

#include "asm.h"

struct trap_frame *arch_trap_frame(void)
{
	return (struct trap_frame *)(this_pcpu()->stack_top - FRAME_SIZE);
}

static void context_reset(struct vcpu_context *ctx, uint64_t entry, uint64_t arg, uint64_t vmpidr)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->x[0] = arg;
	ctx->elr_el2 = entry;
	ctx->spsr_el2 = SPSR_EL1H_MASKED;
	ctx->sctlr = SCTLR_EL1_RESET;
	ctx->vmpidr = vmpidr | BIT(31);
}

static void context_save(struct vcpu_context *ctx)
{
	memcpy(ctx->x, arch_trap_frame()->x, sizeof(ctx->x));
	ctx->elr_el2 = sysreg_read(elr_el2);
	ctx->spsr_el2 = sysreg_read(spsr_el2);
	ctx->sp_el0 = sysreg_read(sp_el0);
	ctx->sp_el1 = sysreg_read(sp_el1);
	ctx->elr_el1 = sysreg_read(elr_el1);
	ctx->spsr_el1 = sysreg_read(spsr_el1);
	ctx->sctlr = sysreg_read(sctlr_el1);
	ctx->ttbr0 = sysreg_read(ttbr0_el1);
	ctx->ttbr1 = sysreg_read(ttbr1_el1);
	ctx->tcr = sysreg_read(tcr_el1);
	ctx->mair = sysreg_read(mair_el1);
	ctx->amair = sysreg_read(amair_el1);
	ctx->vbar = sysreg_read(vbar_el1);
	ctx->contextidr = sysreg_read(contextidr_el1);
	ctx->tpidr_el0 = sysreg_read(tpidr_el0);
	ctx->tpidrro_el0 = sysreg_read(tpidrro_el0);
	ctx->tpidr_el1 = sysreg_read(tpidr_el1);
	ctx->esr = sysreg_read(esr_el1);
	ctx->far = sysreg_read(far_el1);
	ctx->afsr0 = sysreg_read(afsr0_el1);
	ctx->afsr1 = sysreg_read(afsr1_el1);
	ctx->par = sysreg_read(par_el1);
	ctx->cpacr = sysreg_read(cpacr_el1);
	ctx->csselr = sysreg_read(csselr_el1);
	ctx->cntkctl = sysreg_read(cntkctl_el1);
	ctx->cntv_ctl = sysreg_read(cntv_ctl_el0);
	ctx->cntv_cval = sysreg_read(cntv_cval_el0);
	ctx->cntp_ctl = sysreg_read(cntp_ctl_el0);
	ctx->cntp_cval = sysreg_read(cntp_cval_el0);
	ctx->vmpidr = sysreg_read(vmpidr_el2);
}

static void context_load(const struct vcpu_context *ctx, uint64_t vttbr)
{
	memcpy(arch_trap_frame()->x, ctx->x, sizeof(ctx->x));
	sysreg_write(elr_el2, ctx->elr_el2);
	sysreg_write(spsr_el2, ctx->spsr_el2);
	sysreg_write(sp_el0, ctx->sp_el0);
	sysreg_write(sp_el1, ctx->sp_el1);
	sysreg_write(elr_el1, ctx->elr_el1);
	sysreg_write(spsr_el1, ctx->spsr_el1);
	sysreg_write(sctlr_el1, ctx->sctlr);
	sysreg_write(ttbr0_el1, ctx->ttbr0);
	sysreg_write(ttbr1_el1, ctx->ttbr1);
	sysreg_write(tcr_el1, ctx->tcr);
	sysreg_write(mair_el1, ctx->mair);
	sysreg_write(amair_el1, ctx->amair);
	sysreg_write(vbar_el1, ctx->vbar);
	sysreg_write(contextidr_el1, ctx->contextidr);
	sysreg_write(tpidr_el0, ctx->tpidr_el0);
	sysreg_write(tpidrro_el0, ctx->tpidrro_el0);
	sysreg_write(tpidr_el1, ctx->tpidr_el1);
	sysreg_write(esr_el1, ctx->esr);
	sysreg_write(far_el1, ctx->far);
	sysreg_write(afsr0_el1, ctx->afsr0);
	sysreg_write(afsr1_el1, ctx->afsr1);
	sysreg_write(par_el1, ctx->par);
	sysreg_write(cpacr_el1, ctx->cpacr);
	sysreg_write(csselr_el1, ctx->csselr);
	sysreg_write(cntkctl_el1, ctx->cntkctl);
	sysreg_write(cntv_cval_el0, ctx->cntv_cval);
	sysreg_write(cntv_ctl_el0, ctx->cntv_ctl);
	sysreg_write(cntp_cval_el0, ctx->cntp_cval);
	sysreg_write(cntp_ctl_el0, ctx->cntp_ctl);
	sysreg_write(vmpidr_el2, ctx->vmpidr);
	sysreg_write(vttbr_el2, vttbr);
	isb();
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
	context_save(&v->arch.ctx);
	fp_put_away(&v->arch.ctx);
	pmu_save(&v->arch.ctx.pmu);
	debug_save(&v->arch.ctx.debug);
	vgic_posted_to_model(v);
	vgic_save(&v->arch.vgic);
	sysreg_write(cntv_ctl_el0, 0);
	sysreg_write(cntp_ctl_el0, 0);
	vgic_discard();
	vgic_park_hw_ppis();
}

void arch_vcpu_load(struct vcpu *v)
{
	context_load(&v->arch.ctx, v->cell->vttbr);
	fp_disable(); /* its FP state comes in on its first FP access */
	pmu_load(&v->arch.ctx.pmu);
	debug_load(&v->arch.ctx.debug);
	vgic_load(&v->arch.vgic);
	vgic_posted_load(v);
	this_pcpu()->arch.timer_irqs = &v->activity.timer_irqs;
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
