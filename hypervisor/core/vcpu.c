// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
#include "vcpu.h"
#include "cell.h"
#include "pcpu.h"
#include "sched.h"

struct vcpu vcpus[SYSCONFIG_NUM_VCPUS];

void vcpu_init_all(void)
{
	const struct power_state *boot = &sys_config.power_states[sys_config.power.boot_state];
	for (unsigned int i = 0; i < SYSCONFIG_NUM_VCPUS; i++) {
		struct vcpu *v = &vcpus[i];
		v->id = i;
		v->cfg = &sys_config.vcpus[i];
		v->cell = &cells[v->cfg->cell];
		v->pcpu = boot->vcpu_pcpu[i];
		v->state = VCPU_OFF;
		v->move_to = SYSCONFIG_NONE;
		sched_vcpu_reset(v);
	}
}

void vcpu_power_on_restored(struct vcpu *v)
{
	v->ctx_restored = true;
	v->ctx_pending = true;
	vcpu_set_state(v, VCPU_RUNNABLE);
}

void vcpu_power_on(struct vcpu *v, uint64_t entry, uint64_t arg)
{
	v->ctx_restored = false;
	v->reset_entry = entry;
	v->reset_arg = arg;
	v->ctx_pending = true;
	vcpu_set_state(v, VCPU_RUNNABLE);
}

void vcpu_set_state(struct vcpu *v, enum vcpu_state state)
{
	WRITE_ONCE(v->state, state);
	/* both idempotent: the run queue's 'queued' flag decides */
	if (state == VCPU_RUNNABLE)
		sched_enqueue(v->pcpu, v);
	else
		sched_dequeue(v);
	if (v->pcpu != arch_this_cpu())
		sched_kick(v->pcpu);
}
