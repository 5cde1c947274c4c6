/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Cells: every lifecycle operation on a cell goes through this module.
 * A cell is STOPPED, STARTING (payloads still to copy), RUNNING or FAULTED.
 */
#ifndef CELL_H
#define CELL_H

#include "console.h"
#include "monitor.h"
#include "spinlock.h"
#include "sysconfig.h"
#include "sysconfig_gen.h"
#include "arch.h"
#include "vuart.h"

enum cell_state {
	CELL_STOPPED = 0, /* by request: SYSTEM_OFF, a reset with recovery 'none' */
	CELL_STARTING = 1, /* (re)starting: vCPU 0's core still has to load it */
	CELL_RUNNING = 2,
	CELL_FAULTED = 3, /* a fault stopped it (recovery 'none') */
	CELL_FAILED = 4, /* more restarts than its restart limit allows */
};

/* What asks a cell to change state; its recovery policy decides what happens. */
enum cell_trigger {
	TRIGGER_FAULT, /* a vCPU did what the hypervisor does not allow */
	TRIGGER_RESET, /* PSCI SYSTEM_RESET (a Linux panic with panic=-1 too) */
	TRIGGER_OFF, /* PSCI SYSTEM_OFF */
	/* The hypervisor's watch on the monitor cell (core/monitor.c): as a fault,
	 * but only for a running cell (the operator may have stopped it) */
	TRIGGER_WATCHDOG,
	/* From the other end of a control channel that has the right (core/ioc.c) */
	TRIGGER_CONTROL_RESTART, /* cold, or from its checkpoint; counts towards the limit */
	TRIGGER_CONTROL_STOP,
	TRIGGER_CONTROL_START, /* a stopped, faulted or failed cell, afresh */
	/* From the monitor cell, as the watch's on_failure says (core/monitor.c) */
	TRIGGER_MONITOR_RESTART, /* cold; counts towards the limit */
	TRIGGER_MONITOR_RESTORE, /* from its checkpoint, cold without one; counts towards the limit */
};

/* Restart times kept for the restart limit (the generator keeps
 * restart_limit within it). */
#define CELL_RESTART_HISTORY 16
#define CELL_FAULT_TEXT 128

struct vcpu;

struct cell {
	const struct cell_config *cfg;
	unsigned int id;
	uint64_t vttbr;
	volatile uint32_t state; /* enum cell_state */
	spinlock_t lock;
	struct vcpu *vcpus; /* cfg->num_vcpus entries */
	struct console_line line;
	struct console_log log; /* its lines, kept across restarts (hv> log) */
	struct vuart uart;
	struct arch_cell arch; /* virtual interrupt controller */
	uint32_t restarts; /* automatic restarts since boot */
	uint32_t recent; /* of them, how many restart_at holds (the operator clears it) */
	uint64_t restart_at[CELL_RESTART_HISTORY]; /* the latest ones' times (ns) */
	uint64_t started_at; /* ns, when the current instance began */
	char last_fault[CELL_FAULT_TEXT];
	volatile bool pausing; /* a checkpoint is being taken: its other vCPUs stay off their cores */
	bool has_checkpoint; /* its area holds a complete checkpoint */
	bool restoring; /* STARTING from the checkpoint rather than the payloads */
	volatile bool tracking; /* its RAM is under dirty-page tracking (core/checkpoint.c) */
	volatile bool checkpoint_asked; /* by the operator: the first of its cores kicked takes it */
	/* Its lifecycle operations run on a core that is not one of its own
	 * (the operator's prompt), and the longest one: what it cost others. */
	uint32_t foreign_ops;
	uint64_t foreign_longest_ns;
	/* As a watched cell (core/monitor.c): when the monitor last read its
	 * activity, and how many recoveries it asked for. */
	uint64_t watched_at_ns;
	uint32_t monitor_recoveries;
	struct watched_kernel kernel;
};

extern struct cell cells[SYSCONFIG_NUM_CELLS];

void cell_init_all(void);
/* Start the cell at boot: vCPU 0 at its entry point; the core that runs it
 * loads the cell first (cell_load_if_starting). */
void cell_boot(struct cell *c);
void cell_load_if_starting(struct cell *c, const struct vcpu *self);
/* Wait until every vCPU of the cell but 'self' is off its core (they were
 * kicked); it depends on no guest. */
void cell_wait_parked(struct cell *c, const struct vcpu *self);
/* May the vCPU run now (runnable, its cell not pausing for a checkpoint)?
 * Inline: every interrupt taken from a guest asks. */
static inline bool cell_vcpu_may_run(const struct vcpu *v);
/* A trigger, from one of the cell's vCPUs ('from') or from outside (NULL):
 * one console line, then stop, restart or fail it per its recovery policy
 * and restart limit.  'what' describes a fault.  A trigger from a vCPU of
 * an instance already being torn down is ignored.  The caller's vCPU may no
 * longer be runnable afterwards: call sched_run(). */
void cell_trigger(struct cell *c, const struct vcpu *from, enum cell_trigger t, const char *what);
/* A trigger from another cell's core (a control channel): like cell_trigger
 * from outside, but it never waits for the cell's lock (CELL_OP_BUSY while a
 * checkpoint holds it).  CELL_OP_WRONG_STATE if there was nothing to do. */
int cell_request(struct cell *c, enum cell_trigger t, const char *what);

/* What an operator's operation (the hv> prompt) answers. */
enum cell_op_result {
	CELL_OP_DONE = 0,
	CELL_OP_WRONG_STATE = -1, /* not in a state the operation applies to */
	CELL_OP_BUSY = -2, /* a checkpoint of it is being taken: try again */
	CELL_OP_NO_CHECKPOINT = -3, /* restore: none taken; checkpoint: no area */
};

/* The operator's operations.  They never wait for a cell's lock (a
 * checkpoint may hold it for a while, and the prompt runs on a core of its
 * own).  Operator restarts do not count towards the restart limit, and a
 * start clears the cell's restart history. */
int cell_stop(struct cell *c);
int cell_start(struct cell *c);
int cell_restart(struct cell *c);
int cell_restore(struct cell *c);
/* A checkpoint taken by one of the cell's own cores, as soon as it is
 * kicked (checkpoint_if_asked), with the cell unaware of it. */
int cell_checkpoint(struct cell *c);
const char *cell_state_name(const struct cell *c);
/* Is this core one of the cell's own (running, or last running, its vCPU)? */
bool cell_owns_this_core(const struct cell *c);

#include "vcpu.h"

static inline bool cell_vcpu_may_run(const struct vcpu *v)
{
	return READ_ONCE(v->state) == VCPU_RUNNABLE && !READ_ONCE(v->cell->pausing);
}

#endif /* CELL_H */
