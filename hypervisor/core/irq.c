// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
#include "irq.h"
#include "arch.h"
#include "gicv3.h"
#include "pcpu.h"
#include "printk.h"
#include "sysconfig.h"
#include "vcpu.h"

void irq_cpu_init(unsigned int cpu)
{
	gicv3_cpu_init(cpu, sys_config.gicr_pa, sys_config.gicr_stride, sys_config.pcpus[cpu].mpidr);
	gicv3_enable_sgi(cpu, SGI_KICK);
}

void irq_handle_pending(void)
{
	for (;;) {
		uint32_t intid = gicv3_ack();
		if (intid >= GIC_INTID_SPURIOUS)
			return;
		/* SGI_KICK carries no data: the caller re-reads its run queue. */
		gicv3_eoi(intid);
	}
}

/* A physical interrupt arrived while a guest ran. */
void trap_guest_irq(void)
{
	irq_handle_pending();
	struct pcpu *p = this_pcpu();
	struct vcpu *v = p->current;
	if (!v || v->state != VCPU_RUNNABLE || v->ctx_pending || p->rq.head != v)
		sched_run();
}
