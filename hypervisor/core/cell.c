// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Cells: every lifecycle operation on a cell goes through this module.
 *
 *   STARTING --(vCPU 0 loaded it)--> RUNNING --stop--> STOPPED
 *      ^                               |  \--fault, recovery none--> FAULTED
 *      |                               |  \--restart limit hit----> FAILED
 *      +------- restart (cold) --------+
 *
 * What a trigger (a fault, PSCI SYSTEM_RESET or SYSTEM_OFF) does is decided
 * in one place, action_for(), from the cell's recovery policy; the restart
 * limit turns a restart into FAILED.  Every operation holds the cell's lock
 * from start to end, so two triggers (a fault on one vCPU while another
 * requests a reset) never interleave.  Lock order: cell -> run queue,
 * interrupt state, uart.
 *
 * The heavy part of a (re)start, clearing and loading RAM, runs on the
 * cell's own vCPU-0 core (cell_load.c); an operation asked for from another
 * core only changes states and kicks.  That bound is measured: every public
 * operation notes how long it took when it ran on another cell's core.
 */
#include "cell.h"
#include "arch.h"
#include "printk.h"
#include "sched.h"
#include "stage2.h"
#include "vcpu.h"

struct cell cells[SYSCONFIG_NUM_CELLS];

enum cell_action {
	ACTION_NONE,
	ACTION_STOP,
	ACTION_FAULT,
	ACTION_RESTART,
	ACTION_RESTORE,
	ACTION_FAIL,
	ACTION_START,
};

void cell_init_all(void)
{
	for (unsigned int i = 0; i < SYSCONFIG_NUM_CELLS; i++) {
		struct cell *c = &cells[i];
		c->cfg = &sys_config.cells[i];
		c->id = i;
		c->vcpus = &vcpus[c->cfg->first_vcpu];
		c->vttbr = stage2_build(c->cfg->vmid, c->cfg->regions, c->cfg->num_regions);
		if (!c->vttbr)
			panic("stage-2 table pool exhausted building cell %s", c->cfg->name);
		vuart_reset(&c->uart);
		arch_cell_init(c);
		console_line_register(&c->line, c->cfg->name, &c->log, c->cfg->console_always);
	}
	arch_guest_tlb_flush_all();
}

static void stop_locked(struct cell *c, enum cell_state why)
{
	c->state = why;
	c->checkpoint_asked = false;
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++)
		vcpu_set_state(&c->vcpus[i], VCPU_STOPPED);
	arch_cell_quiesce(c); /* its devices' interrupts: off, not pending, not active */
}

static void start_locked(struct cell *c)
{
	c->state =
		CELL_STARTING; /* the interrupt controller, UART and console are reset by the loader */
	c->started_at = arch_now_ns();
	/* Secondary vCPUs wait, off, for the guest's PSCI CPU_ON. */
	for (unsigned int i = 1; i < c->cfg->num_vcpus; i++)
		vcpu_set_state(&c->vcpus[i], VCPU_OFF);
	vcpu_power_on(&c->vcpus[0], c->cfg->entry_ipa, c->cfg->dtb_ipa);
}

/* Like start_locked, but the loader puts the checkpoint back instead of the
 * payloads, every vCPU's context included. */
static void restore_locked(struct cell *c)
{
	c->state = CELL_STARTING;
	c->restoring = true;
	c->started_at = arch_now_ns();
	for (unsigned int i = 1; i < c->cfg->num_vcpus; i++)
		vcpu_set_state(&c->vcpus[i], VCPU_OFF);
	vcpu_power_on_restored(&c->vcpus[0]);
}

void cell_boot(struct cell *c)
{
	spin_lock(&c->lock);
	start_locked(c);
	spin_unlock(&c->lock);
}

/* Every cell powered itself off (none faulted or failed: a fault report
 * stays on the console for the operator): nothing can run again, so turn
 * the board off. */
static void power_off_if_all_stopped(void)
{
	for (unsigned int i = 0; i < SYSCONFIG_NUM_CELLS; i++) {
		spin_lock(&cells[i].lock); /* a cell being restarted is STARTING throughout */
		bool stopped = cells[i].state == CELL_STOPPED;
		spin_unlock(&cells[i].lock);
		if (!stopped)
			return;
	}
	printk("all cells have stopped: powering off");
	arch_system_off();
}

static bool is_down(const struct cell *c)
{
	return c->state == CELL_STOPPED || c->state == CELL_FAULTED || c->state == CELL_FAILED;
}

/* A restart from its checkpoint if it has one to go back to, else cold. */
static enum cell_action restart_kind(const struct cell *c)
{
	return c->cfg->recovery == RECOVERY_RESTORE && c->has_checkpoint ? ACTION_RESTORE
									 : ACTION_RESTART;
}

/* The cell's recovery policy, applied to one trigger.  A control request
 * was allowed by the spec: it is done whatever the policy. */
static enum cell_action action_for(const struct cell *c, enum cell_trigger t)
{
	if (t == TRIGGER_CONTROL_RESTART)
		return restart_kind(c);
	if (t == TRIGGER_CONTROL_STOP)
		return is_down(c) ? ACTION_NONE : ACTION_STOP;
	if (t == TRIGGER_MONITOR_RESTART)
		return is_down(c) ? ACTION_NONE : ACTION_RESTART;
	if (t == TRIGGER_MONITOR_RESTORE)
		return is_down(c)	   ? ACTION_NONE
		       : c->has_checkpoint ? ACTION_RESTORE
					   : ACTION_RESTART;
	if (t == TRIGGER_CONTROL_START)
		return is_down(c) ? ACTION_START : ACTION_NONE;
	if (t == TRIGGER_OFF)
		return ACTION_STOP;
	if (t == TRIGGER_WATCHDOG && c->state != CELL_RUNNING)
		return ACTION_NONE;
	if (c->cfg->recovery == RECOVERY_NONE)
		return t == TRIGGER_FAULT || t == TRIGGER_WATCHDOG ? ACTION_FAULT : ACTION_STOP;
	return restart_kind(c); /* restore without a checkpoint yet: cold */
}

/*
 * The crash-loop limit: a restart at 'now' that would be more than
 * restart_limit of them within restart_window_ns fails the cell instead.
 * Otherwise it is recorded.  The generator bounds the limit by the history.
 */
static bool restart_allowed(struct cell *c, uint64_t now)
{
	uint32_t within = 0;
	for (uint32_t i = 0; i < c->recent; i++)
		if (now - c->restart_at[i] < c->cfg->restart_window_ns)
			within++;
	if (within >= c->cfg->restart_limit)
		return false;
	uint32_t slot = 0;
	if (c->recent < CELL_RESTART_HISTORY) {
		slot = c->recent++;
	} else {
		for (uint32_t i = 1; i < CELL_RESTART_HISTORY; i++)
			if (c->restart_at[i] < c->restart_at[slot])
				slot = i; /* full: the oldest goes */
	}
	c->restart_at[slot] = now;
	c->restarts++;
	return true;
}

/* One console line for what happened and what follows from it. */
static void report(const struct cell *c, enum cell_trigger t, enum cell_action a, const char *what)
{
	static const char *const outcome[] = {
		[ACTION_STOP] = "stopped",	 [ACTION_FAULT] = "stopped",
		[ACTION_RESTART] = "restarting", [ACTION_RESTORE] = "restoring from its checkpoint",
		[ACTION_FAIL] = "failed",	 [ACTION_START] = "started",
	};
	const char *name = c->cfg->name;
	bool control = t >= TRIGGER_CONTROL_RESTART;
	if (a == ACTION_FAIL)
		printk("cell %s: %s — failed: more than %u restarts within %lu ms", name, what,
		       c->cfg->restart_limit, c->cfg->restart_window_ns / 1000000);
	else if (control)
		printk("cell %s: %s (%s)", name, outcome[a], what);
	else if (t == TRIGGER_OFF)
		printk("cell %s: powered off", name);
	else if (t == TRIGGER_RESET && (a == ACTION_RESTART || a == ACTION_RESTORE))
		printk("cell %s: %s", name, outcome[a]);
	else if (t == TRIGGER_RESET)
		printk("cell %s: reset requested, recovery 'none' — stopped", name);
	else
		printk("cell %s: %s — %s", name, what, outcome[a]);
}

const char *cell_state_name(const struct cell *c)
{
	static const char *const name[] = {
		[CELL_STOPPED] = "stopped", [CELL_STARTING] = "starting",
		[CELL_RUNNING] = "running", [CELL_FAULTED] = "faulted",
		[CELL_FAILED] = "failed",
	};
	uint32_t s = READ_ONCE(c->state);
	return s < ARRAY_SIZE(name) ? name[s] : "?";
}

bool cell_owns_this_core(const struct cell *c)
{
	const struct vcpu *v = vcpu_current();
	return v && v->cell == c;
}

/* An operation that began at 'since' ends: account it if it ran on a core
 * that is not one of the cell's. */
static void account(struct cell *c, uint64_t since)
{
	if (cell_owns_this_core(c))
		return;
	uint64_t took = arch_now_ns() - since;
	__atomic_fetch_add(&c->foreign_ops, 1, __ATOMIC_RELAXED);
	uint64_t seen = __atomic_load_n(&c->foreign_longest_ns, __ATOMIC_RELAXED);
	while (took > seen &&
	       !__atomic_compare_exchange_n(&c->foreign_longest_ns, &seen, took, true,
					    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

static int stop_op(struct cell *c)
{
	if (!spin_trylock(&c->lock))
		return CELL_OP_BUSY;
	int ret = is_down(c) ? CELL_OP_WRONG_STATE : CELL_OP_DONE;
	if (!ret) {
		printk("cell %s: stopped by the operator", c->cfg->name);
		stop_locked(c, CELL_STOPPED);
	}
	spin_unlock(&c->lock);
	return ret;
}

static int start_op(struct cell *c)
{
	if (!spin_trylock(&c->lock))
		return CELL_OP_BUSY;
	int ret = is_down(c) ? CELL_OP_DONE : CELL_OP_WRONG_STATE;
	if (!ret) {
		printk("cell %s: started by the operator", c->cfg->name);
		c->recent = 0;
		start_locked(c);
	}
	spin_unlock(&c->lock);
	return ret;
}

static int restore_op(struct cell *c)
{
	if (!spin_trylock(&c->lock))
		return CELL_OP_BUSY;
	int ret = c->has_checkpoint ? CELL_OP_DONE : CELL_OP_NO_CHECKPOINT;
	if (!ret) {
		printk("cell %s: restoring from its checkpoint (operator)", c->cfg->name);
		c->recent = 0;
		stop_locked(c, CELL_STARTING);
		restore_locked(c);
	}
	spin_unlock(&c->lock);
	return ret;
}

static int restart_op(struct cell *c)
{
	if (!spin_trylock(&c->lock))
		return CELL_OP_BUSY;
	printk("cell %s: restarting (operator)", c->cfg->name);
	c->recent = 0;
	stop_locked(c, CELL_STARTING);
	start_locked(c);
	spin_unlock(&c->lock);
	return CELL_OP_DONE;
}

static int checkpoint_op(struct cell *c)
{
	if (!c->cfg->checkpoint_pa)
		return CELL_OP_NO_CHECKPOINT;
	if (!spin_trylock(&c->lock))
		return CELL_OP_BUSY;
	int ret = CELL_OP_WRONG_STATE;
	for (unsigned int i = 0; i < c->cfg->num_vcpus && c->state == CELL_RUNNING; i++) {
		const struct vcpu *v = &c->vcpus[i];
		if (v->state == VCPU_RUNNABLE && !v->ctx_pending) {
			WRITE_ONCE(c->checkpoint_asked, true);
			sched_kick(v->pcpu); /* it runs there: its core takes it at once */
			ret = CELL_OP_DONE;
			break;
		}
	}
	spin_unlock(&c->lock);
	return ret;
}

static int accounted(struct cell *c, int (*op)(struct cell *))
{
	uint64_t since = arch_now_ns();
	int ret = op(c);
	account(c, since);
	return ret;
}

int cell_stop(struct cell *c)
{
	return accounted(c, stop_op);
}

int cell_start(struct cell *c)
{
	return accounted(c, start_op);
}

int cell_restore(struct cell *c)
{
	return accounted(c, restore_op);
}

int cell_restart(struct cell *c)
{
	return accounted(c, restart_op);
}

int cell_checkpoint(struct cell *c)
{
	return accounted(c, checkpoint_op);
}

/* What a trigger does, with the cell's lock held: one console line, then
 * the action its policy decides. */
static enum cell_action apply_locked(struct cell *c, enum cell_trigger t, const char *what)
{
	enum cell_action a = action_for(c, t);
	if (a == ACTION_NONE)
		return a;
	if ((a == ACTION_RESTART || a == ACTION_RESTORE) && !restart_allowed(c, arch_now_ns()))
		a = ACTION_FAIL;
	if (t == TRIGGER_FAULT || t == TRIGGER_WATCHDOG) { /* kept for the operator */
		size_t n = 0;
		for (; what[n] && n < sizeof(c->last_fault) - 1; n++)
			c->last_fault[n] = what[n];
		c->last_fault[n] = '\0';
	}
	report(c, t, a, t == TRIGGER_RESET ? "reset requested" : what);
	if (a == ACTION_START) {
		c->recent = 0; /* like the operator's start: a fresh history */
		start_locked(c);
		return a;
	}
	static const enum cell_state stopped_as[] = {
		[ACTION_STOP] = CELL_STOPPED,	  [ACTION_FAULT] = CELL_FAULTED,
		[ACTION_RESTART] = CELL_STARTING, /* never seen as stopped on the way */
		[ACTION_RESTORE] = CELL_STARTING, [ACTION_FAIL] = CELL_FAILED,
	};
	stop_locked(c, stopped_as[a]);
	if (a == ACTION_RESTART)
		start_locked(c);
	else if (a == ACTION_RESTORE)
		restore_locked(c);
	return a;
}

void cell_trigger(struct cell *c, const struct vcpu *from, enum cell_trigger t, const char *what)
{
	uint64_t since = arch_now_ns();
	spin_lock(&c->lock);
	/* A vCPU of an instance already being torn down speaks for nobody. */
	bool stale = from && (READ_ONCE(from->state) != VCPU_RUNNABLE || from->ctx_pending);
	enum cell_action a = stale ? ACTION_NONE : apply_locked(c, t, what);
	spin_unlock(&c->lock);
	account(c, since);
	if (a == ACTION_STOP)
		power_off_if_all_stopped();
}

int cell_request(struct cell *c, enum cell_trigger t, const char *what)
{
	uint64_t since = arch_now_ns();
	if (!spin_trylock(&c->lock))
		return CELL_OP_BUSY;
	enum cell_action a = apply_locked(c, t, what);
	spin_unlock(&c->lock);
	account(c, since);
	/* No power-off check: the cell that asked is still running. */
	return a == ACTION_NONE ? CELL_OP_WRONG_STATE : CELL_OP_DONE;
}
