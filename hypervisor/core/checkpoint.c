// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Checkpoint layout in the cell's area: this header with every vCPU's state
 * and the cell's device state, then, at SYSCONFIG_CHECKPOINT_OVERHEAD, its
 * RAM regions one after the other.  The generator sizes the area for that.
 */
#include "checkpoint.h"
#include "cell.h"
#include "sched.h"
#include "string.h"
#include "uapi/tessera.h"
#include "vcpu.h"

#define CHECKPOINT_MAGIC 0x54504b4353534554ull /* "TESSCKPT" */

struct checkpoint {
	uint64_t magic; /* written last: a torn checkpoint is never restored */
	uint64_t taken_at_ns;
	uint32_t vcpu_state[SYSCONFIG_MAX_VCPUS_PER_CELL];
	struct arch_vcpu vcpu[SYSCONFIG_MAX_VCPUS_PER_CELL];
	struct arch_cell arch;
	struct vuart uart;
};

_Static_assert(sizeof(struct checkpoint) <= SYSCONFIG_CHECKPOINT_OVERHEAD,
	       "the generator's checkpoint overhead holds every vCPU's state");

static struct checkpoint *area_of(const struct cell *c)
{
	return (struct checkpoint *)c->cfg->checkpoint_pa;
}

/* Copy the cell's RAM regions to the area (save) or back (restore). */
static void copy_ram(struct cell *c, bool save)
{
	uint8_t *image = (uint8_t *)c->cfg->checkpoint_pa + SYSCONFIG_CHECKPOINT_OVERHEAD;
	for (uint32_t i = 0; i < c->cfg->num_regions; i++) {
		const struct mem_region *r = &c->cfg->regions[i];
		if (r->kind != MEM_KIND_RAM)
			continue;
		if (save) {
			memcpy(image, (const void *)r->pa, r->size);
		} else {
			memcpy((void *)r->pa, image, r->size);
			arch_dcache_clean(r->pa, r->size);
		}
		image += r->size;
	}
}

/* A struct with a lock inside, copied whole but for the lock. */
static void copy_keeping_lock(void *dst, const void *src, size_t size, spinlock_t *lock)
{
	spinlock_t held = *lock;
	memcpy(dst, src, size);
	*lock = held;
}

int64_t checkpoint_take(struct vcpu *self, struct trap_frame *f)
{
	struct cell *c = self->cell;
	struct checkpoint *cp = area_of(c);
	if (!cp)
		return TESSERA_NOT_SUPPORTED;
	spin_lock(&c->lock);
	bool busy = c->state != CELL_RUNNING || c->pausing;
	if (!busy)
		WRITE_ONCE(c->pausing, true);
	spin_unlock(&c->lock);
	if (busy)
		return TESSERA_DENIED;

	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++)
		if (&c->vcpus[i] != self && READ_ONCE(c->vcpus[i].state) == VCPU_RUNNABLE)
			sched_kick(c->vcpus[i].pcpu);
	cell_wait_parked(c, self);
	f->x[0] = TESSERA_OK; /* what a run restored from this checkpoint sees */
	arch_vcpu_save(self);

	spin_lock(&c->lock);
	bool ok = c->state == CELL_RUNNING; /* not stopped or restarted meanwhile */
	if (ok) {
		cp->magic = 0;
		cp->taken_at_ns = arch_now_ns();
		for (unsigned int i = 0; i < c->cfg->num_vcpus; i++) {
			cp->vcpu_state[i] = c->vcpus[i].state;
			cp->vcpu[i] = c->vcpus[i].arch;
		}
		arch_cell_save(c, &cp->arch);
		spin_lock(&c->uart.lock);
		copy_keeping_lock(&cp->uart, &c->uart, sizeof(cp->uart), &cp->uart.lock);
		spin_unlock(&c->uart.lock);
		copy_ram(c, true);
		WRITE_ONCE(cp->magic, CHECKPOINT_MAGIC);
		c->has_checkpoint = true;
	}
	WRITE_ONCE(c->pausing, false);
	spin_unlock(&c->lock);

	arch_vcpu_load(self);
	arch_vcpu_resume(self);
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++)
		if (&c->vcpus[i] != self && READ_ONCE(c->vcpus[i].state) == VCPU_RUNNABLE)
			sched_kick(c->vcpus[i].pcpu);
	return ok ? TESSERA_OK : TESSERA_DENIED;
}

void checkpoint_restore(struct cell *c)
{
	const struct checkpoint *cp = area_of(c);
	arch_cell_load(c, &cp->arch);
	spin_lock(&c->uart.lock);
	copy_keeping_lock(&c->uart, &cp->uart, sizeof(c->uart), &c->uart.lock);
	spin_unlock(&c->uart.lock);
	copy_ram(c, false);
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++) {
		struct vcpu *v = &c->vcpus[i];
		v->arch = cp->vcpu[i];
		v->ctx_pending = false;
		vcpu_set_state(v, cp->vcpu_state[i] == VCPU_RUNNABLE ? VCPU_RUNNABLE : VCPU_OFF);
	}
}
