// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * The power policy, as the generator decided it (sys_config.power):
 * performance and powersave only chose the boot state, so they do nothing
 * here.  Ondemand measures, at the end of every window, the share of the
 * cores on that ran vCPUs (every core traps WFI under it, so idle time is
 * seen) and switches one step of the generator's ladder: up when the load
 * is above 'up_pct', down when it is below 'down_pct' and would stay at or
 * under 'up_pct' on the fewer cores (no switch back at the next window).
 * It runs in the boot core's timer interrupt, like a console command.
 */
#include "arch.h"
#include "hvtimer.h"
#include "pcpu.h"
#include "power.h"
#include "printk.h"
#include "sched.h"

static struct {
	uint64_t since_ns; /* the window began */
	uint64_t busy_ns[SYSCONFIG_NUM_PCPUS]; /* each core's busy time then */
	uint64_t on; /* the cores on then */
} window;

const char *power_policy_name(void)
{
	switch (sys_config.power.policy) {
	case POWER_PERFORMANCE:
		return "performance";
	case POWER_POWERSAVE:
		return "powersave";
	default:
		return "ondemand";
	}
}

static void begin_window(uint64_t now)
{
	window.since_ns = now;
	window.on = 0;
	for (unsigned int cpu = 0; cpu < SYSCONFIG_NUM_PCPUS; cpu++) {
		if (READ_ONCE(pcpus[cpu].online))
			window.on |= BIT(cpu);
		window.busy_ns[cpu] = sched_core_busy_ns(&pcpus[cpu], now);
	}
	hvtimer_set(HVTIMER_POLICY, now + sys_config.power.window_ns);
}

void power_policy_start(void)
{
	if (sys_config.power.policy == POWER_ONDEMAND && SYSCONFIG_NUM_POWER_STATES > 1)
		begin_window(arch_now_ns());
}

/* Percent of 'cores' cores that 'busy' of 'span' fills. */
static uint64_t load_pct(uint64_t busy, uint64_t span, unsigned int cores)
{
	return span && cores ? busy * 100 / (span * cores) : 0;
}

static void decide(uint64_t busy, uint64_t span, unsigned int cores)
{
	const struct power_state *in_force = &sys_config.power_states[power_now()];
	uint64_t load = load_pct(busy, span, cores);
	uint16_t to = SYSCONFIG_NONE;
	if (load > sys_config.power.up_pct)
		to = in_force->up;
	else if (load < sys_config.power.down_pct && in_force->down != SYSCONFIG_NONE &&
		 load_pct(busy, span, sys_config.power_states[in_force->down].num_run_cpus) <=
			 sys_config.power.up_pct)
		to = in_force->down;
	if (to == SYSCONFIG_NONE)
		return;
	printk("power: ondemand: load %lu%% of %u cores over %lu ms: to '%s'", load, cores,
	       span / 1000000, sys_config.power_states[to].name);
	power_switch(to);
}

void power_policy_window(void)
{
	uint64_t now = arch_now_ns(), busy = 0;
	unsigned int cores = 0;
	bool steady = power_target() == power_now();
	for (unsigned int cpu = 0; cpu < SYSCONFIG_NUM_PCPUS; cpu++) {
		bool on = READ_ONCE(pcpus[cpu].online);
		/* a core switched on or off in the window: its share is not known */
		steady &= on == !!(window.on & BIT(cpu));
		if (on) {
			uint64_t b = sched_core_busy_ns(&pcpus[cpu], now);
			cores++;
			busy += b > window.busy_ns[cpu] ? b - window.busy_ns[cpu] : 0;
		}
	}
	if (steady)
		decide(busy, now - window.since_ns, cores);
	begin_window(now);
}
