/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Cells: every lifecycle operation on a cell goes through this module.
 * A cell is STOPPED, STARTING (payloads still to copy), RUNNING or FAULTED.
 */
#ifndef CELL_H
#define CELL_H

#include "console.h"
#include "spinlock.h"
#include "sysconfig.h"
#include "sysconfig_gen.h"
#include "arch.h"
#include "vuart.h"

enum cell_state {
	CELL_STOPPED = 0,
	CELL_STARTING = 1,
	CELL_RUNNING = 2,
	CELL_FAULTED = 3,
};

struct vcpu;

struct cell {
	const struct cell_config *cfg;
	unsigned int id;
	uint64_t vttbr;
	volatile uint32_t state; /* enum cell_state */
	spinlock_t lock;
	struct vcpu *vcpus; /* cfg->num_vcpus entries */
	struct console_line line;
	struct vuart uart;
	struct arch_cell arch; /* virtual interrupt controller */
};

extern struct cell cells[SYSCONFIG_NUM_CELLS];

void cell_init_all(void);
/* Reset the cell's vCPU 0 to its entry point; the core that runs it copies
 * the payloads first (cell_load_if_starting). */
void cell_start(struct cell *c);
void cell_load_if_starting(struct cell *c, const struct vcpu *self);
/* Stop every vCPU of the cell (state CELL_STOPPED or CELL_FAULTED). */
void cell_stop(struct cell *c, enum cell_state why);
/* PSCI SYSTEM_RESET from a guest: restart or stop per its recovery policy. */
void cell_reset_request(struct cell *c);

#endif /* CELL_H */
