/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* Virtual CPUs: schedulable entities with their whole context in one place. */
#ifndef VCPU_H
#define VCPU_H

#include "arch.h"
#include "pcpu.h"
#include "sched.h"
#include "sysconfig.h"
#include "sysconfig_gen.h"

enum vcpu_state {
	VCPU_OFF = 0, /* not started (PSCI) or switched off by its cell */
	VCPU_RUNNABLE = 1, /* on its core's run queue */
	VCPU_STOPPED = 2, /* its cell was stopped */
};

struct cell;

/* What a monitor sees of a vCPU (TESSERA_HVC_WATCH_ACTIVITY), kept by the
 * hypervisor: a kernel that spins with interrupts off stops taking its timer
 * interrupts, whatever its own code does. */
struct vcpu_activity {
	uint64_t timer_irqs; /* virtual-timer interrupts delivered after the guest completed the last */
	uint64_t exits; /* entries into the hypervisor's C code */
};

struct vcpu {
	const struct vcpu_config *cfg;
	struct cell *cell;
	unsigned int id; /* index in sys_config.vcpus */
	uint16_t pcpu; /* core it is queued on (its cell's lock to change) */
	volatile uint16_t move_to; /* a power switch moves it there; SYSCONFIG_NONE if not */
	bool ctx_pending; /* reset to reset_entry/reset_arg before it next runs */
	bool ctx_restored; /* ... or rather to what the checkpoint holds */
	bool queued; /* on its core's run queue (rq lock) */
	uint64_t reset_entry, reset_arg;
	volatile uint32_t state; /* enum vcpu_state */
	struct vcpu *rq_next;
	struct vcpu_activity activity;
	struct vcpu_sched sched;
	struct arch_vcpu arch; /* registers, virtual interrupt state */
};

extern struct vcpu vcpus[SYSCONFIG_NUM_VCPUS];

void vcpu_init_all(void);
/* Queue a vCPU to run from 'entry' with x0 = arg.  The reset itself is done
 * by the core that runs it, after it has put away the old context.  Caller
 * holds the cell's lock, as for every vCPU state change. */
void vcpu_power_on(struct vcpu *v, uint64_t entry, uint64_t arg);
void vcpu_set_state(struct vcpu *v, enum vcpu_state state);
/* Queue vCPU 0 of a cell being restored: its context comes from the
 * checkpoint, put in place by the loader. */
void vcpu_power_on_restored(struct vcpu *v);
/* The vCPU whose trap is being handled on this core. */
static inline struct vcpu *vcpu_current(void)
{
	return this_pcpu()->current;
}

#endif /* VCPU_H */
