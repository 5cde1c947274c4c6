// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Switching power states.  The cores the new state adds are started first
 * (PSCI CPU_ON); each move of the table is done by the core the vCPU leaves,
 * at its next scheduling pass (it parks the vCPU there, a safe point); each
 * core the new state leaves out switches itself off (PSCI CPU_OFF) once
 * its queue is empty.  The last of these steps completes the switch and
 * reports it.  Nothing here chooses a core: the table did.
 */
#include "power.h"
#include "arch.h"
#include "cell.h"
#include "console.h"
#include "pcpu.h"
#include "printk.h"
#include "sched.h"
#include "spinlock.h"
#include "string.h"
#include "vcpu.h"

static struct {
	spinlock_t lock;
	volatile uint32_t now; /* in force; during a switch, the state being left */
	volatile uint32_t target; /* == now unless a switch is under way */
	uint32_t steps; /* moves and core-offs still to do */
	uint64_t began_ns; /* of the switch under way */
	uint64_t entered_ns; /* when 'now' came into force */
	uint64_t state_ns[SYSCONFIG_NUM_POWER_STATES]; /* time in each, before 'now' */
	uint32_t switches;
} power;

static const struct power_state *state(unsigned int i)
{
	return &sys_config.power_states[i];
}

void power_init(void)
{
	power.now = power.target = sys_config.power.boot_state;
}

unsigned int power_target(void)
{
	return READ_ONCE(power.target);
}

unsigned int power_now(void)
{
	return READ_ONCE(power.now);
}

int power_state_by_name(const char *name)
{
	for (unsigned int i = 0; i < SYSCONFIG_NUM_POWER_STATES; i++)
		if (streq(state(i)->name, name))
			return (int)i;
	return -1;
}

static const struct power_transition *transition(unsigned int from, unsigned int to)
{
	for (unsigned int i = 0; i < sys_config.num_transitions; i++) {
		const struct power_transition *t = &sys_config.transitions[i];
		if (t->from == from && t->to == to)
			return t;
	}
	return NULL;
}

static void finish(void)
{
	uint64_t now = arch_now_ns();
	spin_lock(&power.lock);
	unsigned int from = power.now, to = power.target;
	power.state_ns[from] += now - power.entered_ns;
	power.entered_ns = now;
	power.switches++;
	WRITE_ONCE(power.now, to);
	spin_unlock(&power.lock);
	const struct power_transition *t = transition(from, to);
	printk("power: state '%s' (from '%s') in %lu us, %u vCPU moves", state(to)->name,
	       state(from)->name, (now - power.began_ns) / 1000, t->num_moves);
	for (uint32_t i = 0; i < t->num_moves; i++) {
		const struct vcpu *v = &vcpus[t->moves[i].vcpu];
		printk("power:   moved %s.vcpu%u cpu %u -> %u", v->cell->cfg->name, v->cfg->index,
		       t->moves[i].from_pcpu, t->moves[i].to_pcpu);
	}
}

static void step_done(void)
{
	if (__atomic_sub_fetch(&power.steps, 1, __ATOMIC_ACQ_REL) == 0)
		finish();
}

int power_switch(unsigned int to)
{
	if (to >= SYSCONFIG_NUM_POWER_STATES)
		return POWER_NO_STATE;
	spin_lock(&power.lock);
	unsigned int from = power.now;
	if (power.target != from) {
		spin_unlock(&power.lock);
		return POWER_BUSY;
	}
	if (to == from) {
		spin_unlock(&power.lock);
		return POWER_ALREADY;
	}
	const struct power_transition *t = transition(from, to);
	if (!t) { /* the generator emits every ordered pair: a table without one is not ours */
		spin_unlock(&power.lock);
		return POWER_NO_STATE;
	}
	uint64_t leaving = state(from)->run_cpus & ~state(to)->run_cpus;
	uint64_t coming = state(to)->run_cpus & ~state(from)->run_cpus;
	power.began_ns = arch_now_ns();
	uint32_t offs = 0;
	for (uint64_t m = leaving; m; m &= m - 1)
		offs++;
	power.steps = t->num_moves + offs + 1;
	for (uint32_t i = 0; i < t->num_moves; i++)
		WRITE_ONCE(vcpus[t->moves[i].vcpu].move_to, t->moves[i].to_pcpu);
	WRITE_ONCE(power.target, to);
	spin_unlock(&power.lock);

	for (unsigned int cpu = 0; cpu < SYSCONFIG_NUM_PCPUS; cpu++) {
		if ((coming & BIT(cpu)) && !READ_ONCE(pcpus[cpu].online)) {
			int ret = arch_cpu_start(cpu, sys_config.pcpus[cpu].mpidr);
			if (ret)
				printk("power: core %u: PSCI CPU_ON failed (%d)", cpu, ret);
		}
	}
	/* every core looks: the ones vCPUs leave, the ones that go off, and
	 * the ones whose sharing changes */
	for (unsigned int cpu = 0; cpu < SYSCONFIG_NUM_PCPUS; cpu++) {
		if (READ_ONCE(pcpus[cpu].online)) {
			WRITE_ONCE(pcpus[cpu].power_work, true);
			sched_kick(cpu);
		}
	}
	step_done(); /* the one that kept the count up while the steps were handed out */
	return POWER_STARTED;
}

static void core_off(struct pcpu *p)
{
	uint64_t now = arch_now_ns();
	p->online_ns += now - p->online_since_ns;
	WRITE_ONCE(p->online, false);
	console_flush_timer(); /* its timer will not fire: show unfinished lines now */
	step_done();
	arch_cpu_off();
}

void power_core_work(struct pcpu *p)
{
	unsigned int me = p->index;
	const struct power_state *target = state(power_target());
	WRITE_ONCE(p->power_work, false);
	sched_set_shared(p, target->shared_cpus & BIT(me));
	for (unsigned int i = 0; i < SYSCONFIG_NUM_VCPUS; i++) {
		struct vcpu *v = &vcpus[i];
		uint16_t to = READ_ONCE(v->move_to);
		if (to == SYSCONFIG_NONE || v->pcpu != me)
			continue;
		if (!sched_migrate(p, v, to)) {
			WRITE_ONCE(p->power_work,
				   true); /* its cell is busy: again at the next pass */
			continue;
		}
		WRITE_ONCE(v->move_to, SYSCONFIG_NONE);
		step_done();
	}
	if (!(target->run_cpus & BIT(me)) && !p->power_work && !p->current && !p->rq.head)
		core_off(p);
}

void power_core_online(struct pcpu *p)
{
	p->online_since_ns = arch_now_ns();
	if (p->index == 0) {
		power.entered_ns = p->online_since_ns;
		power_policy_start();
	}
}

static const char *const firmware_states[] = { "on", "off", "on pending" };

void power_print(void)
{
	uint64_t now = arch_now_ns();
	unsigned int cur = READ_ONCE(power.now);
	printk("power: state '%s'%s, policy %s, %u switches", state(cur)->name,
	       power_target() != cur ? " (switching)" : "", power_policy_name(), power.switches);
	for (unsigned int i = 0; i < SYSCONFIG_NUM_POWER_STATES; i++) {
		uint64_t ns = power.state_ns[i] + (i == cur ? now - power.entered_ns : 0);
		printk("power:   state '%s': %lu ms", state(i)->name, ns / 1000000);
	}
	for (unsigned int cpu = 0; cpu < SYSCONFIG_NUM_PCPUS; cpu++) {
		const struct pcpu *p = &pcpus[cpu];
		bool on = READ_ONCE(p->online);
		int fw = arch_cpu_firmware_state(sys_config.pcpus[cpu].mpidr);
		uint64_t ns = p->online_ns + (on ? now - p->online_since_ns : 0);
		printk("power:   core %u: %s (firmware: %s), online %lu ms", cpu, on ? "on" : "off",
		       fw >= 0 && fw <= 2 ? firmware_states[fw] : "?", ns / 1000000);
	}
	for (unsigned int i = 0; i < SYSCONFIG_NUM_VCPUS; i++) {
		const struct vcpu *v = &vcpus[i];
		printk("power:   %s.vcpu%u on cpu %u", v->cell->cfg->name, v->cfg->index,
		       READ_ONCE(v->pcpu));
	}
}
