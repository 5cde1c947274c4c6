// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * Release bookkeeping, interrupt dispatch and latency statistics.  The timer
 * always holds the earliest pending release in CNTV_CVAL_EL0; deadlines are
 * absolute (next += period), so late handling never makes the releases drift.
 */
#include <stdint.h>

#include "gic.h"
#include "rtos.h"
#include "timer.h"

#define RTOS_CNTV_ENABLE 1ul /* CNTV_CTL_EL0: ENABLE=1, IMASK=0 */

extern char rtos_vectors[];

static struct {
	struct rtos_task *tasks;
	unsigned ntasks;
	uint64_t deadline; /* what CNTV_CVAL_EL0 holds */
	struct rtos_lat window, total;
	rtos_irq_fn *handlers[RTOS_MAX_INTID];
} rtos;

static void rtos_lat_reset(struct rtos_lat *l)
{
	*l = (struct rtos_lat){ .min = UINT64_MAX };
}

static void rtos_lat_add(struct rtos_lat *l, uint64_t v)
{
	if (v < l->min)
		l->min = v;
	if (v > l->max)
		l->max = v;
	l->sum += v;
	l->samples++;
}

static void rtos_set_deadline(uint64_t t)
{
	rtos.deadline = t;
	/* The isb makes the timer drop its level before we EOI, so the same
	 * expiry is not signalled twice. */
	asm volatile("msr cntv_cval_el0, %0\n\tisb" : : "r"(t) : "memory");
}

/** Serves one task if due; returns its next release. */
static uint64_t rtos_release(struct rtos_task *t, uint64_t now)
{
	uint64_t late = now - t->next;

	if ((int64_t)late < 0)
		return t->next;
	if (late > t->period) {
		/* Releases next, next+P, ... found more than P late: the
		 * count of those is (late - 1) / P.  Skip them; serve the
		 * latest. */
		uint64_t k = (late - 1) / t->period;

		t->missed += k;
		t->next += k * t->period;
	}
	t->next += t->period;
	t->runs++;
	t->run(t, now);
	return t->next;
}

static void rtos_timer_irq(uint64_t now)
{
	uint64_t next = UINT64_MAX;
	unsigned i;

	/* The line can still look raised just after CVAL moved on: nothing
	 * is due then, and it is no sample. */
	if ((int64_t)(now - rtos.deadline) < 0)
		return;
	rtos_lat_add(&rtos.window, now - rtos.deadline);
	rtos_lat_add(&rtos.total, now - rtos.deadline);
	for (i = 0; i < rtos.ntasks; i++) {
		uint64_t t = rtos_release(&rtos.tasks[i], now);

		if (t < next)
			next = t;
	}
	rtos_set_deadline(next);
}

/** Called by the IRQ vector; now was read first thing on entry. */
void rtos_irq(uint64_t now);
void rtos_irq(uint64_t now)
{
	uint32_t intid = gic_ack();

	if (intid >= GIC_INTID_SPURIOUS)
		return;
	if (intid < RTOS_MAX_INTID && rtos.handlers[intid])
		rtos.handlers[intid](now);
	gic_eoi(intid);
}

int rtos_init(uintptr_t dtb)
{
	asm volatile("msr vbar_el1, %0\n\tisb" : : "r"(rtos_vectors));
	rtos_lat_reset(&rtos.window);
	rtos_lat_reset(&rtos.total);
	return gic_init(dtb);
}

int rtos_irq_attach(unsigned intid, rtos_irq_fn *fn)
{
	if (intid >= RTOS_MAX_INTID)
		return -1;
	rtos.handlers[intid] = fn;
	return intid < 32 ? gic_enable_private(intid, RTOS_IRQ_PRIO)
			  : gic_enable_spi(intid, RTOS_IRQ_PRIO, 1);
}

int rtos_start(struct rtos_task *tasks, unsigned ntasks)
{
	uint64_t now = timer_now(), first = UINT64_MAX;
	unsigned i;

	for (i = 0; i < ntasks; i++) {
		struct rtos_task *t = &tasks[i];

		t->period = timer_us_to_ticks(t->period_us);
		if (!t->period)
			return -1;
		t->next = now + t->period;
		if (t->next < first)
			first = t->next;
	}
	rtos.tasks = tasks;
	rtos.ntasks = ntasks;
	if (rtos_irq_attach(RTOS_TIMER_INTID, rtos_timer_irq))
		return -1;
	rtos_set_deadline(first);
	asm volatile("msr cntv_ctl_el0, %0\n\tisb\n\tmsr daifclr, #2"
		     :
		     : "r"(RTOS_CNTV_ENABLE)
		     : "memory");
	return 0;
}

void rtos_lat_take(struct rtos_lat *out)
{
	*out = rtos.window;
	rtos_lat_reset(&rtos.window);
}

void rtos_lat_total(struct rtos_lat *out)
{
	*out = rtos.total;
}

uint64_t rtos_missed(void)
{
	uint64_t m = 0;
	unsigned i;

	for (i = 0; i < rtos.ntasks; i++)
		m += rtos.tasks[i].missed;
	return m;
}
