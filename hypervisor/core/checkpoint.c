// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Checkpoint layout in the cell's area, as the generator sized it for this
 * cell: this header with the cell's device state and every vCPU's state,
 * then, at cfg->checkpoint_dirty_offset, a bit per 4 KiB page of its RAM,
 * then, at cfg->checkpoint_ram_offset, its RAM regions one after the other.
 */
#include "checkpoint.h"
#include "cell.h"
#include "printk.h"
#include "sched.h"
#include "stage2.h"
#include "string.h"
#include "uapi/tessera.h"
#include "vcpu.h"

#define CHECKPOINT_MAGIC 0x54504b4353534554ull /* "TESSCKPT" */

struct checkpoint_vcpu {
	struct arch_vcpu arch;
	uint32_t state;
};

struct checkpoint {
	uint64_t magic; /* written last: a torn checkpoint is never restored */
	uint64_t taken_at_ns;
	struct arch_cell arch;
	struct vuart uart;
	bool all_dirty; /* RAM rewritten behind the tracking (a cold start): copy it all */
	struct checkpoint_vcpu vcpu[]; /* cfg->num_vcpus of them */
};

/* The generator puts the dirty-page map no lower than CELL_BYTES +
 * num_vcpus * VCPU_BYTES (sysconfig.c asserts it): with each part within its
 * share, this header and its vCPUs end before the map. */
_Static_assert(sizeof(struct checkpoint) <= SYSCONFIG_CHECKPOINT_CELL_BYTES,
	       "a checkpoint's cell-wide state outgrew CHECKPOINT_CELL_BYTES: raise it in "
	       "generator/spec/model.py");
_Static_assert(sizeof(struct checkpoint_vcpu) <= SYSCONFIG_CHECKPOINT_VCPU_BYTES,
	       "a checkpoint's per-vCPU state outgrew CHECKPOINT_VCPU_BYTES: raise it in "
	       "generator/spec/model.py");

static struct checkpoint *area_of(const struct cell *c)
{
	return (struct checkpoint *)c->cfg->checkpoint_pa;
}

static uint64_t ram_bytes(const struct cell *c)
{
	uint64_t bytes = 0;
	for (uint32_t i = 0; i < c->cfg->num_regions; i++)
		if (c->cfg->regions[i].kind == MEM_KIND_RAM)
			bytes += c->cfg->regions[i].size;
	return bytes;
}

/* A bit for each page of the cell's RAM, in the order of its regions. */
static uint64_t *dirty_map(const struct cell *c)
{
	return (uint64_t *)(c->cfg->checkpoint_pa + c->cfg->checkpoint_dirty_offset);
}

static uint64_t dirty_map_bytes(const struct cell *c)
{
	return (ram_bytes(c) / SZ_4K + 63) / 64 * sizeof(uint64_t);
}

static bool page_dirty(const struct cell *c, uint64_t page)
{
	return area_of(c)->all_dirty || (dirty_map(c)[page / 64] & (1ull << (page % 64)));
}

/* Copy the cell's RAM regions to the area (save), or back (restore): only
 * the pages written since, when they are tracked.  Returns the pages copied. */
static uint64_t copy_ram(struct cell *c, bool save)
{
	uint64_t copied = 0;
	uint8_t *image = (uint8_t *)c->cfg->checkpoint_pa + c->cfg->checkpoint_ram_offset;
	uint64_t page = 0;
	for (uint32_t i = 0; i < c->cfg->num_regions; i++) {
		const struct mem_region *r = &c->cfg->regions[i];
		if (r->kind != MEM_KIND_RAM)
			continue;
		if (save) {
			memcpy(image, (const void *)r->pa, r->size);
			copied += r->size / SZ_4K;
		} else if (!c->tracking) {
			memcpy((void *)r->pa, image, r->size);
			arch_dcache_clean(r->pa, r->size);
			copied += r->size / SZ_4K;
		} else {
			for (uint64_t off = 0; off < r->size; off += SZ_4K) {
				if (!page_dirty(c, page + off / SZ_4K))
					continue;
				memcpy((void *)(r->pa + off), image + off, SZ_4K);
				arch_dcache_clean(r->pa + off, SZ_4K);
				copied++;
			}
		}
		image += r->size;
		page += r->size / SZ_4K;
	}
	return copied;
}

/* From now on every write to the cell's RAM is noted: all of it read-only
 * in stage 2, nothing dirty.  The first time, its RAM is split into pages
 * (all its vCPUs are off their cores); without table pages left, every
 * restore copies the whole RAM instead. */
static void track_from_now(struct cell *c)
{
	struct checkpoint *cp = area_of(c);
	for (uint32_t i = 0; i < c->cfg->num_regions; i++) {
		const struct mem_region *r = &c->cfg->regions[i];
		if (r->kind != MEM_KIND_RAM)
			continue;
		if (!c->tracking && !stage2_split_pages(c->vttbr, r->ipa, r->size))
			return;
	}
	memset(dirty_map(c), 0, dirty_map_bytes(c));
	cp->all_dirty = false;
	for (uint32_t i = 0; i < c->cfg->num_regions; i++) {
		const struct mem_region *r = &c->cfg->regions[i];
		if (r->kind == MEM_KIND_RAM)
			stage2_set_writable(c->vttbr, r->ipa, r->size, false);
	}
	stage2_flush(c->vttbr);
	c->tracking = true;
}

bool checkpoint_write_fault(struct cell *c, uint64_t ipa)
{
	if (!READ_ONCE(c->tracking))
		return false;
	uint64_t page = 0;
	for (uint32_t i = 0; i < c->cfg->num_regions; i++) {
		const struct mem_region *r = &c->cfg->regions[i];
		if (r->kind != MEM_KIND_RAM)
			continue;
		if (ipa - r->ipa < r->size) { /* unsigned: also false below it */
			page += (ipa - r->ipa) / SZ_4K; /* the map has a bit for every page */
			__atomic_or_fetch(&dirty_map(c)[page / 64], 1ull << (page % 64),
					  __ATOMIC_RELAXED);
			return stage2_write_fault(c->vttbr, ipa);
		}
		page += r->size / SZ_4K;
	}
	return false; /* not RAM: a read-only window, say; a fault */
}

void checkpoint_ram_rewritten(struct cell *c)
{
	if (c->tracking)
		area_of(c)->all_dirty = true;
}

/* A struct with a lock inside, copied whole but for the lock. */
static void copy_keeping_lock(void *dst, const void *src, size_t size, spinlock_t *lock)
{
	spinlock_t held = *lock;
	memcpy(dst, src, size);
	*lock = held;
}

/* Taken on the core of 'self', one of the cell's vCPUs, from a trap: a
 * run restored from it resumes where that trap left the guest, 'f'
 * returning 0 from the hypercall if it is one, with x1 saying "restored"
 * (the caller's view of anything it shares is stale then, and only this
 * return can tell it so). */
static int64_t take(struct vcpu *self, struct trap_frame *f)
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
	if (f) { /* what a run restored from this checkpoint sees */
		f->x[0] = TESSERA_OK;
		f->x[1] = TESSERA_CHECKPOINT_RESTORED;
	}
	arch_vcpu_save(self);

	spin_lock(&c->lock);
	/* Not stopped or restarted meanwhile, and no vCPU just started by a
	 * CPU_ON that raced the pause (its context is not in place yet). */
	bool ok = c->state == CELL_RUNNING;
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++)
		ok &= !c->vcpus[i].ctx_pending;
	if (ok) {
		cp->magic = 0;
		cp->taken_at_ns = arch_now_ns();
		for (unsigned int i = 0; i < c->cfg->num_vcpus; i++) {
			cp->vcpu[i].state = c->vcpus[i].state;
			cp->vcpu[i].arch = c->vcpus[i].arch;
		}
		arch_cell_save(c, &cp->arch);
		spin_lock(&c->uart.lock);
		copy_keeping_lock(&cp->uart, &c->uart, sizeof(cp->uart), &cp->uart.lock);
		spin_unlock(&c->uart.lock);
		copy_ram(c, true);
		track_from_now(c);
		WRITE_ONCE(cp->magic, CHECKPOINT_MAGIC);
		c->has_checkpoint = true;
	}
	WRITE_ONCE(c->pausing, false);
	spin_unlock(&c->lock);
	if (f) /* f is self's saved frame: only the copy in the area says "restored" */
		f->x[1] = TESSERA_CHECKPOINT_TAKEN;

	arch_vcpu_load(self);
	arch_vcpu_resume(self);
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++)
		if (&c->vcpus[i] != self && READ_ONCE(c->vcpus[i].state) == VCPU_RUNNABLE)
			sched_kick(c->vcpus[i].pcpu);
	return ok ? TESSERA_OK : TESSERA_DENIED;
}

int64_t checkpoint_take(struct vcpu *self, struct trap_frame *f)
{
	return take(self, f);
}

void checkpoint_if_asked(struct vcpu *v)
{
	struct cell *c = v->cell;
	if (!READ_ONCE(c->checkpoint_asked) ||
	    !__atomic_exchange_n(&c->checkpoint_asked, false, __ATOMIC_ACQUIRE))
		return;
	uint64_t t0 = arch_now_ns();
	int64_t ret = take(v, NULL);
	if (ret == TESSERA_OK)
		printk("cell %s: checkpoint taken (operator), %lu KiB of RAM in %lu us",
		       c->cfg->name, ram_bytes(c) / 1024, (arch_now_ns() - t0) / 1000);
	else
		printk("cell %s: no checkpoint taken (operator): the cell was busy; try again",
		       c->cfg->name);
}

void checkpoint_restore(struct cell *c)
{
	const struct checkpoint *cp = area_of(c);
	arch_cell_load(c, &cp->arch);
	spin_lock(&c->uart.lock);
	copy_keeping_lock(&c->uart, &cp->uart, sizeof(c->uart), &c->uart.lock);
	spin_unlock(&c->uart.lock);
	uint64_t pages = copy_ram(c, false);
	printk("cell %s: %lu pages of RAM copied back (%s)", c->cfg->name, pages,
	       c->tracking ? "those written since the checkpoint" : "all of it");
	if (c->tracking)
		track_from_now(c);
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++) {
		struct vcpu *v = &c->vcpus[i];
		v->arch = cp->vcpu[i].arch;
		v->ctx_pending = false;
		vcpu_set_state(v, cp->vcpu[i].state == VCPU_RUNNABLE ? VCPU_RUNNABLE : VCPU_OFF);
	}
}
