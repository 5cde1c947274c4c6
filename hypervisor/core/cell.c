// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
#include "cell.h"
#include "arch.h"
#include "printk.h"
#include "stage2.h"
#include "string.h"
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
		vgic_cell_init(c);
		console_line_register(&c->line, c->cfg->name);
	}
	__asm__ volatile("tlbi alle1is\n\tdsb ish" ::: "memory");
}

void cell_start(struct cell *c)
{
	spin_lock(&c->lock);
	c->state = CELL_STARTING;
	spin_unlock(&c->lock);
	/* Secondary vCPUs wait, off, for the guest's PSCI CPU_ON. */
	for (unsigned int i = 1; i < c->cfg->num_vcpus; i++)
		vcpu_set_state(&c->vcpus[i], VCPU_OFF);
	vcpu_power_on(&c->vcpus[0], c->cfg->entry_ipa, c->cfg->dtb_ipa);
}

/* Clean the copied payload to the point of coherency: the guest starts
 * with its MMU and caches off. */
static void dcache_clean(uint64_t start, uint64_t size)
{
	for (uint64_t a = start & ~63ull; a < start + size; a += 64)
		__asm__ volatile("dc cvac, %0" ::"r"(a) : "memory");
	__asm__ volatile("dsb sy\n\tic iallu\n\tdsb sy\n\tisb" ::: "memory");
}

void cell_load_if_starting(struct cell *c)
{
	if (READ_ONCE(c->state) != CELL_STARTING)
		return;
	spin_lock(&c->lock);
	if (c->state == CELL_STARTING) {
		for (uint32_t i = 0; i < c->cfg->num_payloads; i++) {
			const struct payload *p = &c->cfg->payloads[i];
			memcpy((void *)p->load_pa, (const void *)p->store_pa, p->size);
			dcache_clean(p->load_pa, p->size);
		}
		c->state = CELL_RUNNING;
	}
	spin_unlock(&c->lock);
}

void cell_stop(struct cell *c, enum cell_state why)
{
	spin_lock(&c->lock);
	c->state = why;
	spin_unlock(&c->lock);
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++)
		vcpu_set_state(&c->vcpus[i], VCPU_STOPPED);
}

void cell_reset_request(struct cell *c)
{
	cell_stop(c, CELL_STOPPED);
	if (c->cfg->recovery == RECOVERY_NONE) {
		printk("cell %s: reset requested, recovery 'none' — stopped", c->cfg->name);
		return;
	}
	printk("cell %s: restarting", c->cfg->name);
	vuart_reset(&c->uart);
	vgic_cell_init(c);
	cell_start(c);
}
