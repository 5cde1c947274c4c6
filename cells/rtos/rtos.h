// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * A tiny real-time runtime for one-vCPU bare-metal cells: periodic tasks
 * released by the EL1 virtual timer, private interrupt handlers, and a
 * measurement of its own timer-interrupt latency.
 *
 * Tasks run in the timer interrupt, in table order, to completion, with IRQs
 * masked: keep them short (no printing) and list them by increasing period, so
 * the order is rate-monotonic.  Background work goes in the idle loop.
 */
#ifndef CELLS_RTOS_RTOS_H
#define CELLS_RTOS_RTOS_H

#include <stdint.h>

/* The EL1 virtual timer's PPI: INTID 27 on every SBSA/QEMU virt system and in
 * the cell device trees Tessera generates. */
#define RTOS_TIMER_INTID 27
#define RTOS_IRQ_PRIO 0xa0 /* any priority above the mask (0xff) works */

struct rtos_task;
typedef void rtos_task_fn(struct rtos_task *task, uint64_t now);

struct rtos_task {
	const char *name;
	uint32_t period_us; /* set by the cell */
	rtos_task_fn *run; /* set by the cell; now = IRQ entry timestamp */
	uint64_t period; /* in counter ticks, from rtos_start() */
	uint64_t next; /* absolute release time, in counter ticks */
	uint64_t runs; /* releases served */
	uint64_t missed; /* releases found more than one period late */
};

/** Latency samples, in counter ticks. */
struct rtos_lat {
	uint64_t min, max, sum, samples;
};

/** Handler of a private interrupt; now = IRQ entry timestamp. */
typedef void rtos_irq_fn(uint64_t now);

/** Vectors and GIC (see gic_init); returns 0 or -1 after printing why. */
int rtos_init(uintptr_t dtb);

/* Handlers for the private interrupts and the first SPIs (where Tessera puts
 * a cell's doorbells and devices). */
#define RTOS_MAX_INTID 128

/** Routes interrupt intid to fn and enables it: a private one, or an SPI
 *  (edge-triggered, routed to this CPU). */
int rtos_irq_attach(unsigned intid, rtos_irq_fn *fn);

/**
 * Releases every task one period from now, starts the virtual timer and
 * unmasks IRQs.  tasks must stay valid for good.  Returns 0 or -1.
 */
int rtos_start(struct rtos_task *tasks, unsigned ntasks);

/** For tasks (IRQ context): the window since the last call, which restarts. */
void rtos_lat_take(struct rtos_lat *out);
/** For tasks (IRQ context): everything since rtos_start(). */
void rtos_lat_total(struct rtos_lat *out);
/** For tasks (IRQ context): missed releases over all tasks. */
uint64_t rtos_missed(void);

#endif /* CELLS_RTOS_RTOS_H */
