// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
#include "vcpu.h"
#include "cell.h"
#include "pcpu.h"
#include "sched.h"

struct vcpu vcpus[SYSCONFIG_NUM_VCPUS];

void vcpu_init_all(void)
{
	const struct power_state *boot = &sys_config.power_states[0];
	for (unsigned int i = 0; i < SYSCONFIG_NUM_VCPUS; i++) {
		struct vcpu *v = &vcpus[i];
		v->id = i;
		v->cfg = &sys_config.vcpus[i];
		v->cell = &cells[v->cfg->cell];
		v->pcpu = boot->vcpu_pcpu[i];
		v->state = VCPU_OFF;
	}
}

void vcpu_power_on(struct vcpu *v, uint64_t entry, uint64_t arg)
{
	arch_vcpu_reset(&v->ctx, entry, arg, v->cfg->vmpidr);
	vgic_vcpu_reset(v);
	v->ctx_pending = true;
	vcpu_set_state(v, VCPU_RUNNABLE);
}

void vcpu_set_state(struct vcpu *v, enum vcpu_state state)
{
	uint32_t old = v->state;
	WRITE_ONCE(v->state, state);
	if (state == VCPU_RUNNABLE && old != VCPU_RUNNABLE)
		sched_enqueue(v->pcpu, v);
	else if (state != VCPU_RUNNABLE && old == VCPU_RUNNABLE)
		sched_dequeue(v);
	if (v->pcpu != arch_this_cpu())
		sched_kick(v->pcpu);
}
