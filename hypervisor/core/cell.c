// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
#include "cell.h"
#include "arch.h"
#include "pcpu.h"
#include "printk.h"
#include "stage2.h"
#include "string.h"
#include "sched.h"
#include "vcpu.h"

struct cell cells[SYSCONFIG_NUM_CELLS];

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
		console_line_register(&c->line, c->cfg->name);
	}
	arch_guest_tlb_flush_all();
}

/*
 * Lifecycle operations hold the cell's lock from start to end, so two of them
 * (a SYSTEM_RESET from each of two vCPUs, a CPU_ON racing a fault) never
 * interleave.  Lock order: cell -> run queue, interrupt state, uart.
 */
static void stop_locked(struct cell *c, enum cell_state why)
{
	c->state = why;
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++)
		vcpu_set_state(&c->vcpus[i], VCPU_STOPPED);
	arch_cell_quiesce(c); /* its devices' interrupts: off, not pending, not active */
}

static void start_locked(struct cell *c)
{
	c->state = CELL_STARTING;
	vuart_reset(&c->uart);
	arch_cell_reset(c);
	console_line_reset(&c->line);
	/* Secondary vCPUs wait, off, for the guest's PSCI CPU_ON. */
	for (unsigned int i = 1; i < c->cfg->num_vcpus; i++)
		vcpu_set_state(&c->vcpus[i], VCPU_OFF);
	vcpu_power_on(&c->vcpus[0], c->cfg->entry_ipa, c->cfg->dtb_ipa);
}

void cell_start(struct cell *c)
{
	spin_lock(&c->lock);
	start_locked(c);
	spin_unlock(&c->lock);
}

/* Every cell powered itself off (none faulted: a fault report stays on the
 * console for the operator): nothing can run again, so turn the board off. */
static void power_off_if_all_stopped(void)
{
	for (unsigned int i = 0; i < SYSCONFIG_NUM_CELLS; i++)
		if (READ_ONCE(cells[i].state) != CELL_STOPPED)
			return;
	printk("all cells have stopped: powering off");
	arch_system_off();
}

void cell_stop(struct cell *c, enum cell_state why)
{
	spin_lock(&c->lock);
	stop_locked(c, why);
	spin_unlock(&c->lock);
	power_off_if_all_stopped();
}

void cell_reset_request(struct cell *c)
{
	spin_lock(&c->lock);
	stop_locked(c, CELL_STOPPED);
	bool stopped = c->cfg->recovery == RECOVERY_NONE;
	if (stopped) {
		printk("cell %s: reset requested, recovery 'none' — stopped", c->cfg->name);
	} else {
		printk("cell %s: restarting", c->cfg->name);
		start_locked(c);
	}
	spin_unlock(&c->lock);
	if (stopped)
		power_off_if_all_stopped();
}

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

static void wait_until_parked(struct cell *c, const struct vcpu *self)
{
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++) {
		const struct vcpu *v = &c->vcpus[i];
		for (unsigned int n = 1; v != self && READ_ONCE(pcpus[v->pcpu].current) == v; n++) {
			if (n % PARK_REKICK_WAITS == 0)
				sched_kick(v->pcpu);
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
	if (READ_ONCE(c->state) != CELL_STARTING)
		return;
	wait_until_parked(c, self);
	spin_lock(&c->lock);
	if (c->state == CELL_STARTING) {
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
