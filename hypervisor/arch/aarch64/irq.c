// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Physical interrupts taken at EL2 (EOI mode 1: priority drop here,
 * deactivation either here or by the guest's EOI of the linked virtual
 * interrupt).  Each one is either the hypervisor's own (kick, maintenance,
 * console input) or forwarded to the vCPU it belongs to.
 */
#include "irq.h"
#include "arch.h"
#include "cell.h"
#include "checkpoint.h"
#include "console.h"
#include "gic.h"
#include "hvtimer.h"
#include "monitor.h"
#include "pcpu.h"
#include "power.h"
#include "printk.h"
#include "sched.h"
#include "sysconfig.h"
#include "sysreg.h"
#include "vcpu.h"
#include "vgic.h"

static struct gic_layout gic_layout(void)
{
	return (struct gic_layout){
		.gicd = sys_config.gicd_pa,
		.gicr = sys_config.gicr_pa,
		.gicr_stride = sys_config.gicr_stride,
		.gicc = sys_config.gicc_pa,
	};
}

void arch_irq_init(void)
{
	struct gic_layout layout = gic_layout();
	gic_dist_init(&layout);
}

/* (On the boot core this comes before arch_irq_init.) */
void arch_irq_cpu_init(unsigned int cpu)
{
	struct gic_layout layout = gic_layout();
	gic_cpu_init(&layout, cpu, sys_config.pcpus[cpu].mpidr);
	gic_enable_private(cpu, SGI_KICK);
	gic_enable_private(cpu, SGI_DOORBELL);
	gic_enable_private(cpu, INTID_MAINTENANCE);
	gic_enable_private(cpu, INTID_HYP_TIMER);
	for (uint32_t intid = 0; intid < 32; intid++)
		if (vgic_is_hw_ppi(intid))
			gic_enable_private(cpu, intid);
	gic_ppis_set_enabled(cpu, 0, VGIC_HW_PPIS); /* they follow the guest's own enables */
	vgic_cpu_init();
}

void arch_irq_route_init(void)
{
	for (unsigned int c = 0; c < sys_config.num_cells; c++) {
		const struct cell_config *cc = &sys_config.cells[c];
		for (uint32_t i = 0; i < cc->num_irqs; i++)
			gic_spi_route(cc->irqs[i], sys_config.pcpus[cc->irq_pcpu].mpidr);
	}
	/* Console input belongs to the hypervisor and arrives on the boot core. */
	gic_spi_route(sys_config.console_intid, sys_config.pcpus[0].mpidr);
	gic_spi_set_enabled(sys_config.console_intid, true);
}

void arch_vcpu_moved(const struct vcpu *v)
{
	const struct cell *c = v->cell;
	const struct cell_config *cc = c->cfg;
	for (uint32_t i = 0; i < cc->num_irqs; i++) {
		uint32_t intid = cc->irqs[i];
		if (c->arch.vgic.spi[intid - 32].target % cc->num_vcpus == v->cfg->index)
			gic_spi_route(intid, sys_config.pcpus[v->pcpu].mpidr);
	}
}

static void forward_spi(struct vcpu *v, uint32_t intid)
{
	struct cell *c = &cells[sys_config.spi_owner[intid] - 1];
	const struct vgic_irq *irq = &c->arch.vgic.spi[intid - 32];
	struct vcpu *t = &c->vcpus[irq->target % c->cfg->num_vcpus];
	if (t == v && t->state == VCPU_RUNNABLE) {
		vgic_inject_hw(t, intid, !irq->edge); /* the guest's EOI deactivates it */
		return;
	}
	if (t->state != VCPU_RUNNABLE) {
		/* Nobody will handle it (cell stopped, vCPU off): silence the
		 * source; the guest's next ISENABLER turns it on again. */
		gic_deactivate(intid);
		gic_spi_set_enabled(intid, false);
		spin_lock(&c->arch.vgic.lock);
		c->arch.vgic.spi[intid - 32].enabled = 0;
		vgic_waiting_sync(t, intid);
		spin_unlock(&c->arch.vgic.lock);
		return;
	}
	/*
	 * Its vCPU does not run here (the route raced with an IROUTER write,
	 * or the core runs another vCPU).  Hand it over hardware-linked: it
	 * stays active, so a level line that stays high cannot fire again,
	 * on any core, before that vCPU has taken it and its EOI deactivated
	 * it.  One source thus costs at most one hypervisor entry per guest
	 * EOI.  Later ones go straight to the vCPU's core.
	 */
	__atomic_fetch_add(&c->arch.spi_handovers, 1, __ATOMIC_RELAXED);
	gic_spi_route(intid, sys_config.pcpus[t->pcpu].mpidr);
	vgic_inject(t, intid, intid);
}

/* Handle one interrupt; true if this core must look at its run queue again. */
static bool irq_dispatch(uint32_t intid)
{
	struct vcpu *v = vcpu_current();
	gic_eoi(intid);
	if (vgic_is_hw_ppi(intid)) {
		if (v && v->state == VCPU_RUNNABLE) {
			/* (the vector's fast path counts its own) */
			if (intid == INTID_VTIMER)
				v->activity.timer_irqs++;
			vgic_inject_hw(v, intid, true); /* the guest's EOI deactivates it */
			return false;
		}
		gic_ppis_set_enabled(arch_this_cpu(), 0, 1u << intid);
		this_pcpu()->arch.hw_ppis_enabled &= ~(1u << intid);
	} else if (intid == SGI_KICK) {
		gic_deactivate(intid);
		return true;
	} else if (intid == SGI_DOORBELL) { /* one vectors.S did not deliver */
		gic_deactivate(intid);
		if (v && v->state == VCPU_RUNNABLE)
			vgic_posted_deliver(v);
		return this_pcpu()->sched.shared; /* it may be for a vCPU put away here */
	} else if (intid == INTID_MAINTENANCE) {
		vgic_maintenance(v && v->state == VCPU_RUNNABLE ? v : NULL);
	} else if (intid == INTID_HYP_TIMER) {
		uint32_t expired = hvtimer_expired();
		if (expired & BIT(HVTIMER_FLUSH))
			console_flush_timer();
		if (expired & BIT(HVTIMER_POLICY))
			power_policy_window();
		if (expired & BIT(HVTIMER_WATCHDOG))
			monitor_watchdog();
		gic_deactivate(intid);
		return expired & BIT(HVTIMER_SCHED);
	} else if (intid == sys_config.console_intid) {
		console_input_irq();
	} else if (intid < VGIC_NR_INTIDS && sys_config.spi_owner[intid]) {
		forward_spi(v, intid);
		return false;
	}
	gic_deactivate(intid);
	return false;
}

/* Handle 'intid' (already acknowledged) and everything else pending. */
/* Handle 'intid' (already acknowledged) and what else is pending, but at
 * most IRQ_BATCH at a time: whatever a guest does, the core comes back to
 * its run queue (a level interrupt that never drops cannot hold it). */
#define IRQ_BATCH 64

static bool handle_from(uint32_t intid)
{
	bool kicked = false;
	for (unsigned int n = 0; intid < GIC_INTID_SPURIOUS; n++) {
		kicked |= irq_dispatch(intid);
		if (n == IRQ_BATCH)
			return true;
		intid = gic_ack();
	}
	return kicked;
}

static volatile uint32_t dump_requests;

void arch_kick_cpu(unsigned int cpu)
{
	gic_send_sgi(sys_config.pcpus[cpu].mpidr, SGI_KICK);
}

void arch_dump_request(void)
{
	__atomic_or_fetch(&dump_requests, (1u << SYSCONFIG_NUM_PCPUS) - 1, __ATOMIC_SEQ_CST);
	for (unsigned int cpu = 0; cpu < SYSCONFIG_NUM_PCPUS; cpu++)
		if (pcpus[cpu].online)
			sched_kick(cpu);
}

static void dump_if_requested(struct vcpu *v)
{
	unsigned int cpu = arch_this_cpu();
	if (!(dump_requests & (1u << cpu)))
		return;
	__atomic_and_fetch(&dump_requests, ~(1u << cpu), __ATOMIC_SEQ_CST);
	if (v) {
		const struct vgic_cpu *g = &v->arch.vgic;
		uint32_t en = 0, pend = 0;
		for (unsigned int i = 0; i < VGIC_NR_PRIVATE; i++) {
			en |= (uint32_t)g->priv[i].enabled << i;
			pend |= (uint32_t)g->priv[i].pending << i;
		}
		printk("core %u: %s vcpu %u state %u%s PC 0x%lx private en 0x%x pend 0x%x", cpu,
		       v->cell->cfg->name, v->cfg->index, v->state,
		       v->sched.blocked ? " (in WFI)" : "", arch_vcpu_pc(), en, pend);
		printk("  core %u: cntv ctl 0x%lx cval 0x%lx now 0x%lx; vtimer PPI en %d pend %d "
		       "active %d",
		       cpu, sysreg_read(cntv_ctl_el0), sysreg_read(cntv_cval_el0),
		       sysreg_read(cntvct_el0),
		       !!(this_pcpu()->arch.hw_ppis_enabled & BIT(INTID_VTIMER)),
		       gic_is_pending(cpu, INTID_VTIMER), gic_is_active(cpu, INTID_VTIMER));
	} else {
		printk("core %u: no vCPU loaded", cpu);
	}
	vgic_dump_lrs();
}

bool arch_irq_handle_pending(void)
{
	bool kicked = handle_from(gic_ack());
	if (kicked) /* an idle core answers the diagnostics too */
		dump_if_requested(this_pcpu()->current);
	return kicked;
}

void trap_guest_irq(uint32_t intid)
{
	vcpu_current()->activity.exits++;
	bool kicked = handle_from(intid & 0xffffff);
	struct pcpu *p = this_pcpu();
	struct vcpu *v = p->current;
	if (kicked) {
		dump_if_requested(v);
		if (v)
			checkpoint_if_asked(v);
	}
	/* kicked: another core left something for us, or a deadline passed */
	if (kicked || !v || !cell_vcpu_may_run(v) || v->ctx_pending)
		sched_run();
}
