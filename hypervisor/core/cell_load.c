// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Loading a (re)started cell, on the core of its vCPU 0: wait for the old
 * instance to leave every core, zero the RAM, copy the pristine payloads.
 * It runs on the cell's own core, so no other cell waits for it.
 */
#include "arch.h"
#include "cell.h"
#include "checkpoint.h"
#include "pcpu.h"
#include "printk.h"
#include "sched.h"
#include "string.h"
#include "vcpu.h"

/*
 * Before fresh payloads go into RAM, every vCPU of the old instance must
 * have left its core.  A kicked core parks it within a few instructions of
 * its own, whatever the guest does (physical interrupts reach EL2 even when
 * the guest masks them), so this wait depends on no guest; the kick is
 * repeated in case the core was inside the hypervisor when the first came.
 * Only vCPU 0 loads (CPU_ON is refused until the cell runs), so two
 * loaders never wait for each other.
 */
#define PARK_REKICK_WAITS 64
#define PARK_REPORT_WAITS (1u << 20) /* about 17 s of the event stream: a bug */

void cell_wait_parked(struct cell *c, const struct vcpu *self)
{
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++) {
		const struct vcpu *v = &c->vcpus[i];
		for (unsigned int n = 1; v != self && READ_ONCE(pcpus[v->pcpu].current) == v; n++) {
			if (n % PARK_REKICK_WAITS == 0)
				sched_kick(v->pcpu);
			if (n == PARK_REPORT_WAITS)
				printk("cell %s: %s still waits for core %u to put away vCPU %u",
				       c->cfg->name, c->pausing ? "checkpoint" : "restart", v->pcpu,
				       v->cfg->index);
			arch_wait_event();
		}
	}
}

/* Zero [start, end) except where a payload will be copied. */
static void scrub_range(const struct cell_config *cc, uint64_t start, uint64_t end)
{
	uint64_t at = start;
	while (at < end) {
		uint64_t gap_end = end, skip_to = at;
		for (uint32_t i = 0; i < cc->num_payloads; i++) {
			const struct payload *p = &cc->payloads[i];
			uint64_t ps = p->load_pa, pe = p->load_pa + p->size;
			if (ps <= at && at < pe && pe > skip_to)
				skip_to = pe;
			else if (ps > at && ps < gap_end)
				gap_end = ps;
		}
		if (skip_to > at) {
			at = skip_to;
			continue;
		}
		arch_memory_zero(at, gap_end - at);
		at = gap_end;
	}
}

/* No byte of a previous instance, another owner or the boot firmware
 * survives into a (re)started cell. */
static void scrub_ram(const struct cell_config *cc)
{
	for (uint32_t i = 0; i < cc->num_regions; i++) {
		const struct mem_region *r = &cc->regions[i];
		if (r->kind == MEM_KIND_RAM)
			scrub_range(cc, r->pa, r->pa + r->size);
	}
}

void cell_load_if_starting(struct cell *c, const struct vcpu *self)
{
	/* Only vCPU 0 loads: no two cores ever wait for each other here. */
	if (READ_ONCE(c->state) != CELL_STARTING || self != &c->vcpus[0])
		return;
	cell_wait_parked(c, self);
	spin_lock(&c->lock);
	if (c->state == CELL_STARTING && c->restoring) {
		arch_cell_quiesce(c);
		console_line_reset(&c->line);
		checkpoint_restore(c);
		c->restoring = false;
		c->state = CELL_RUNNING;
	} else if (c->state == CELL_STARTING) {
		/* Only now has the old instance left every core: what it did on
		 * its way out (an interrupt enabled, a byte written) is undone
		 * here, not just at the restart request. */
		arch_cell_quiesce(c);
		arch_cell_reset(c);
		vuart_reset(&c->uart);
		console_line_reset(&c->line);
		checkpoint_ram_rewritten(c);
		monitor_cell_cold_start(c);
		scrub_ram(c->cfg);
		for (uint32_t i = 0; i < c->cfg->num_payloads; i++) {
			const struct payload *p = &c->cfg->payloads[i];
			memcpy((void *)p->load_pa, (const void *)p->store_pa, p->size);
			arch_dcache_clean(p->load_pa, p->size);
		}
		c->state = CELL_RUNNING;
	}
	spin_unlock(&c->lock);
}
