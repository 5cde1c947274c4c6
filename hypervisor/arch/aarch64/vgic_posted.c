// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Doorbells posted from one core to a vCPU running on another, without the
 * cell's vGIC lock.  The ringing core writes a ready list-register value
 * into the target vCPU's one-entry mailbox and sends SGI_DOORBELL; the
 * target's core moves it into a list register in the IRQ vector itself
 * (vectors.S), a few dozen instructions from ring to the guest's vector.
 * Anything unusual (the mailbox holds another interrupt, the model has this
 * one pending, the list registers are busy) goes the model's way instead.
 *
 * A mailbox also counts its resets in bits 47:42 (RES0 in a list register):
 * a cell reset or restore bumps the count, so a ringing core that read the
 * old model (its enable and priority) cannot post into the new one.
 */
#include "arch.h"
#include "asm.h"
#include "cell.h"
#include "gic.h"
#include "irq.h"
#include "pcpu.h"
#include "sysconfig.h"
#include "vcpu.h"
#include "vgic.h"
#include "vgic_lr.h"

#define POSTED_GEN POSTED_GEN_MASK
#define POSTED_GEN_ONE (1ull << POSTED_GEN_SHIFT)
_Static_assert((POSTED_GEN & (LR_STATE | LR_HW | LR_GROUP1 | (0xffull << LR_PRIORITY_SHIFT) |
			      (0x3ffull << LR_PINTID_SHIFT) | LR_VINTID_MASK)) == 0,
	       "the reset count sits in bits a list register leaves RES0");
_Static_assert(offsetof(struct pcpu, arch.posted) == PCPU_POSTED,
	       "vectors.S reads pcpu.arch.posted");
_Static_assert(offsetof(struct pcpu, arch.posted_lrs) == PCPU_POSTED_LRS,
	       "vectors.S reads pcpu.arch.posted_lrs");
_Static_assert(SGI_DOORBELL == SGI_DOORBELL_ASM, "vectors.S takes SGI_DOORBELL");

/* One per vCPU, by vcpu.id; outside struct vcpu so that a checkpoint
 * (a copy of the vCPU's state) never brings an old one back. */
static uint64_t posted[SYSCONFIG_NUM_VCPUS];
static uint64_t posted_none; /* what a core with no vCPU loaded points at: always empty */

/* The ICC_SGI1R_EL1 value that sends SGI_DOORBELL to each core, set by
 * the core itself when it starts (a core not started yet gets nothing:
 * what was posted for its vCPU waits for that vCPU's first flush). */
static uint64_t doorbell_sgi[SYSCONFIG_NUM_PCPUS];

void vgic_posted_cpu_init(void)
{
	unsigned int cpu = arch_this_cpu();
	struct arch_pcpu *p = &this_pcpu()->arch;
	doorbell_sgi[cpu] = gic_sgi_value(sys_config.pcpus[cpu].mpidr, SGI_DOORBELL);
	p->posted = &posted_none;
	/* Every list register but LR0 (the virtual timer's fast path) must be
	 * free for the vector to post into LR1, and LR0 hold at most the
	 * timer: then no list register holds the same INTID.  All ones (never
	 * free) when there is no LR1. */
	p->posted_lrs = nr_lrs >= 2 ? ((1ull << nr_lrs) - 1) & ~1ull : ~0ull;
}

void vgic_posted_load(struct vcpu *v)
{
	this_pcpu()->arch.posted = &posted[v->id];
}

static inline uint64_t lr_of(uint64_t slot)
{
	return slot & ~POSTED_GEN;
}

/* True if 'intid' is posted for 't' (or already was) and its core told;
 * false if the model must take it. */
static bool post(struct vcpu *t, const struct vgic_irq *irq, uint32_t intid)
{
	uint64_t *slot = &posted[t->id];
	uint64_t seen = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
	if (lr_of(seen))
		return (lr_of(seen) & LR_VINTID_MASK) == intid; /* the same one waits: coalesced */
	struct vgic_irq now = *(volatile const struct vgic_irq *)irq; /* read once */
	if (!now.enabled || now.pending)
		return false;
	uint64_t lr = LR_PENDING | LR_GROUP1 | ((uint64_t)now.priority << LR_PRIORITY_SHIFT) |
		      intid;
	/* seq_cst: the read of t->pcpu below comes after the post, as a
	 * migration's write of it comes before its look at the mailbox */
	if (!__atomic_compare_exchange_n(slot, &seen, lr | (seen & POSTED_GEN), false,
					 __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
		return false;
	if (READ_ONCE(t->state) == VCPU_RUNNABLE)
		gic_sgi_write(doorbell_sgi[READ_ONCE(t->pcpu)]);
	return true;
}

/* 'intid' comes from the generated tables, never from a guest: the
 * generator asserts every channel's doorbell is an SPI in range (32 <=
 * peer_intid < SYSCONFIG_CELL_INTIDS, static_assert in sysconfig.c). */
void vgic_raise(struct cell *c, uint32_t intid)
{
	struct vgic_irq *irq = &c->arch.vgic.spi[intid - VGIC_NR_PRIVATE];
	struct vcpu *t = &c->vcpus[irq->target]; /* < num_vcpus: IROUTER writes check it */
	if (!post(t, irq, intid))
		vgic_raise_in_model(c, t, irq, intid);
}

/* arch.h's raise is this function itself: a doorbell's path (core/ioc.c)
 * reaches the post without a call in between. */
void arch_cell_raise_irq(struct cell *c, uint32_t intid) __attribute__((alias("vgic_raise")));

static uint32_t take(struct vcpu *v)
{
	uint64_t *slot = &posted[v->id];
	uint64_t seen = __atomic_load_n(slot, __ATOMIC_RELAXED);
	while (lr_of(seen) && !__atomic_compare_exchange_n(slot, &seen, seen & POSTED_GEN, false,
							   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		;
	return (uint32_t)(lr_of(seen) & LR_VINTID_MASK);
}

void vgic_posted_deliver(struct vcpu *v)
{
	uint32_t intid = take(v);
	if (intid)
		vgic_inject(v, intid, 0);
}

bool vgic_posted_waiting(const struct vcpu *v)
{
	return lr_of(__atomic_load_n(&posted[v->id], __ATOMIC_ACQUIRE)) != 0;
}

static __attribute__((noinline)) void into_model(struct vcpu *v, uint32_t intid)
{
	spin_lock(&v->cell->arch.vgic.lock);
	struct vgic_irq *irq = irq_of(v, intid);
	if (!irq->pending)
		irq->hw = 0;
	irq->pending = 1;
	vgic_waiting_sync(v, intid);
	spin_unlock(&v->cell->arch.vgic.lock);
}

/* On every switch: the empty mailbox is the case to make short. */
void vgic_posted_to_model(struct vcpu *v)
{
	this_pcpu()->arch.posted = &posted_none;
	uint32_t intid = take(v);
	if (intid)
		into_model(v, intid);
}

void vgic_posted_reset(struct vcpu *v)
{
	uint64_t *slot = &posted[v->id];
	uint64_t gen = (__atomic_load_n(slot, __ATOMIC_RELAXED) + POSTED_GEN_ONE) & POSTED_GEN;
	__atomic_store_n(slot, gen, __ATOMIC_RELEASE);
}
