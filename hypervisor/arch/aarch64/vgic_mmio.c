// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Trap-and-emulate distributor of a cell: the register banks every GIC
 * version shares (enable, pending, active, group, priority, trigger), and
 * the entry from the trap path.  What differs by version (identification,
 * routing, SGI generation, redistributors) is in vgic_dist_v3.c and
 * vgic_dist_v2.c, one built per board.  A cell configures only its own
 * interrupts: private ones of its vCPUs, the virtual SPIs of its emulated
 * devices, and the physical SPIs the spec gave it, whose enable, priority,
 * trigger and routing are written through.
 */
#include "cell.h"
#include "gic.h"
#include "sched.h"
#include "string.h"
#include "sysconfig.h"
#include "vcpu.h"
#include "vgic.h"
#include "vgic_dist.h"

/* Which interrupts a register range covers, and how many bits each takes. */
struct irq_range {
	uint32_t first; /* INTID of bit 0 of the access */
	unsigned int bits;
};

/* The cell may touch INTID 'i' through its distributor: an SPI in range. */
bool vgic_spi_valid(uint32_t i)
{
	return i >= VGIC_NR_PRIVATE && i < VGIC_NR_INTIDS;
}

bool vgic_is_hw_spi(const struct cell *c, uint32_t intid)
{
	for (uint32_t i = 0; i < c->cfg->num_irqs; i++)
		if (c->cfg->irqs[i] == intid)
			return true;
	return false;
}

/* Delivered linked to a physical interrupt: the timers, the PMU, passthrough SPIs. */
static bool is_hw_linked(const struct cell *c, uint32_t intid)
{
	return vgic_is_hw_ppi(intid) || (intid >= VGIC_NR_PRIVATE && vgic_is_hw_spi(c, intid));
}

static struct vgic_irq *irq_get(struct vcpu *v, uint32_t intid)
{
	if (intid < VGIC_NR_PRIVATE)
		return &v->arch.vgic.priv[intid];
	return &v->cell->arch.vgic.spi[intid - VGIC_NR_PRIVATE];
}

static struct vcpu *spi_target(struct cell *c, struct vgic_irq *irq)
{
	return &c->vcpus[irq->target < c->cfg->num_vcpus ? irq->target : 0];
}

/* --- bit-per-interrupt registers, shared by GICD (SPIs) and GICR (private) --- */

static uint32_t bits_read(struct vcpu *v, uint32_t first, uint32_t reg)
{
	uint32_t val = 0, lr_pending, lr_active;
	struct vcpu *me = vcpu_current();
	vgic_lr_bits(me, first, &lr_pending, &lr_active);
	for (uint32_t b = 0; b < 32; b++) {
		struct vgic_irq *irq = irq_get(v, first + b);
		/* what the running vCPU holds in list registers counts too */
		struct vcpu *t = first + b < VGIC_NR_PRIVATE ? v : spi_target(v->cell, irq);
		uint32_t in_lr = t == me ? (reg == GICD_ISACTIVER || reg == GICD_ICACTIVER
						    ? lr_active
						    : lr_pending)
					 : 0;
		bool set = in_lr & BIT(b);
		switch (reg) {
		case GICD_IGROUPR:
			set = irq->group1;
			break;
		case GICD_ISENABLER:
		case GICD_ICENABLER:
			set = irq->enabled;
			break;
		case GICD_ISPENDR:
		case GICD_ICPENDR:
			set |= irq->pending;
			if (first + b < VGIC_NR_PRIVATE && vgic_is_hw_ppi(first + b))
				set |= vgic_hw_ppi_line(v, first + b);
			break;
		default: /* active: list registers, or the physical interrupt */
			if (t == me && !set && is_hw_linked(v->cell, first + b))
				set = vgic_hw_active(t, first + b);
			break;
		}
		val |= (uint32_t)set << b;
	}
	return val;
}

/* 'v's enable or priority of a hardware PPI changed: its core follows at once, or on
 * the kick if another vCPU of the cell wrote 'v's redistributor. */
static void timer_config_changed(struct vcpu *v)
{
	if (v == vcpu_current())
		vgic_sync_hw_ppis(v);
	else if (v->state == VCPU_RUNNABLE)
		sched_kick(v->pcpu);
}

static void enable_changed(struct vcpu *v, uint32_t intid, bool on)
{
	struct cell *c = v->cell;
	if (intid >= VGIC_NR_PRIVATE && vgic_is_hw_spi(c, intid)) {
		gic_spi_set_enabled(intid, on);
		return;
	}
	if (vgic_is_hw_ppi(intid))
		timer_config_changed(v);
}

static void bits_write(struct vcpu *v, uint32_t first, uint32_t reg, uint32_t val)
{
	struct cell *c = v->cell;
	for (uint32_t b = 0; b < 32; b++) {
		if (!(val & BIT(b)))
			continue;
		uint32_t intid = first + b;
		struct vgic_irq *irq = irq_get(v, intid);
		struct vcpu *t = intid < VGIC_NR_PRIVATE ? v : spi_target(c, irq);
		switch (reg) {
		case GICD_IGROUPR:
			break; /* handled below: a whole-word store */
		case GICD_ISENABLER:
			if (!irq->enabled) {
				irq->enabled = 1;
				enable_changed(v, intid, true);
				vgic_waiting_sync(t, intid);
				if (irq->pending)
					vgic_inject_locked(t, intid, irq->hw ? intid : 0);
			}
			break;
		case GICD_ICENABLER:
			if (irq->enabled) {
				irq->enabled = 0;
				vgic_waiting_sync(t, intid);
				enable_changed(v, intid, false);
				vgic_retract(t, intid); /* a disabled interrupt is not signalled */
			}
			break;
		case GICD_ISPENDR:
		case GICD_ICPENDR:
			/* Hardware-linked interrupts (the timer, passthrough SPIs)
			 * follow their physical line: set/clear-pending is ignored. */
			if (vgic_is_hw_ppi(intid) ||
			    (intid >= VGIC_NR_PRIVATE && vgic_is_hw_spi(c, intid)))
				break;
			if (reg == GICD_ISPENDR) {
				vgic_inject_locked(t, intid, 0);
			} else {
				irq->pending = 0;
				vgic_waiting_sync(t, intid);
				vgic_retract(t, intid);
			}
			break;
		case GICD_ISACTIVER:
		case GICD_ICACTIVER:
			vgic_set_active(t, intid, reg == GICD_ISACTIVER, is_hw_linked(c, intid));
			break;
		default:
			break;
		}
	}
	if (reg == GICD_IGROUPR)
		for (uint32_t b = 0; b < 32; b++)
			irq_get(v, first + b)->group1 = !!(val & BIT(b));
}

static void priority_access(struct vcpu *v, uint32_t first, struct mmio_access *a)
{
	struct cell *c = v->cell;
	if (!a->write) {
		a->value = 0;
		for (unsigned int i = 0; i < a->size; i++)
			a->value |= (uint64_t)irq_get(v, first + i)->priority << (8 * i);
		return;
	}
	for (unsigned int i = 0; i < a->size; i++) {
		uint8_t prio = (uint8_t)(a->value >> (8 * i));
		irq_get(v, first + i)->priority = prio;
		if (first + i >= VGIC_NR_PRIVATE && vgic_is_hw_spi(c, first + i))
			gic_spi_set_priority(first + i, prio);
		if (vgic_is_hw_ppi(first + i))
			timer_config_changed(v);
	}
}

static void config_access(struct vcpu *v, uint32_t first, struct mmio_access *a)
{
	struct cell *c = v->cell;
	if (!a->write) {
		a->value = 0;
		for (uint32_t i = 0; i < 16; i++)
			a->value |= (uint64_t)irq_get(v, first + i)->edge << (2 * i + 1);
		return;
	}
	for (uint32_t i = 0; i < 16; i++) {
		uint32_t intid = first + i;
		if (intid < 16)
			continue; /* SGIs are always edge */
		bool edge = (a->value >> (2 * i + 1)) & 1;
		irq_get(v, intid)->edge = edge;
		if (intid >= VGIC_NR_PRIVATE && vgic_is_hw_spi(c, intid))
			gic_spi_set_edge(intid, edge);
	}
}

/* Register ranges common to GICD (SPIs, offsets from GICD) and GICR SGI frame
 * (private, same offsets).  'base' is INTID 0's position for the range. */
bool vgic_irq_regs(struct vcpu *v, uint64_t off, struct mmio_access *a, bool private)
{
	static const uint32_t bitregs[] = { GICD_IGROUPR,  GICD_ISENABLER, GICD_ICENABLER,
					    GICD_ISPENDR,  GICD_ICPENDR,   GICD_ISACTIVER,
					    GICD_ICACTIVER };
	uint32_t limit = private ? VGIC_NR_PRIVATE : VGIC_NR_INTIDS;
	for (unsigned int r = 0; r < ARRAY_SIZE(bitregs); r++) {
		uint32_t reg = bitregs[r];
		if (off < reg || off >= reg + 0x80)
			continue;
		uint32_t first = (uint32_t)(off - reg) * 8;
		/* whole, aligned words only (the trap path rejects unaligned ones):
		 * INTIDs first..first+31 must all exist */
		bool ok = a->size == 4 && !(off & 3) && first + 32 <= limit &&
			  (private ? first == 0 : vgic_spi_valid(first));
		if (!ok)
			a->value = 0; /* RAZ/WI: SGIs/PPIs in GICD, beyond our INTIDs */
		else if (a->write)
			bits_write(v, first, reg, (uint32_t)a->value);
		else
			a->value = bits_read(v, first, reg);
		return true;
	}
	if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + VGIC_NR_INTIDS) {
		uint32_t first = (uint32_t)(off - GICD_IPRIORITYR);
		bool ok = (a->size == 1 || a->size == 4) && !(off & (a->size - 1)) &&
			  (private ? first < VGIC_NR_PRIVATE : vgic_spi_valid(first)) &&
			  first + a->size <= limit;
		if (ok)
			priority_access(v, first, a);
		else
			a->value = 0;
		return true;
	}
	if (off >= GICD_ICFGR && off < GICD_ICFGR + VGIC_NR_INTIDS / 4) {
		uint32_t first = (uint32_t)(off - GICD_ICFGR) * 4;
		bool ok = a->size == 4 && !(off & 3) && first + 16 <= limit &&
			  (private || vgic_spi_valid(first));
		if (ok)
			config_access(v, first, a);
		else
			a->value = 0;
		return true;
	}
	return false;
}

void vgic_spi_retarget(struct vcpu *v, uint32_t intid, unsigned int t)
{
	struct cell *c = v->cell;
	struct vgic_irq *irq = &c->arch.vgic.spi[intid - VGIC_NR_PRIVATE];
	/* what waits moves with it, from the old target's map to the new */
	c->vcpus[irq->target].arch.vgic.waiting[intid / 32] &= ~(1u << (intid % 32));
	irq->target = (uint16_t)t;
	vgic_waiting_sync(v, intid);
	vgic_waiting_signal(v, intid);
	if (vgic_is_hw_spi(c, intid))
		gic_spi_route(intid, sys_config.pcpus[c->vcpus[t].pcpu].mpidr);
}

/* The distributor's identification and control words: no interrupt state,
 * so no lock (GICD_CTLR is one word written whole). */
static bool dist_id_access(struct cell *c, uint64_t off, struct mmio_access *a)
{
	uint32_t val;
	switch (off) {
	case GICD_CTLR:
		if (a->write)
			WRITE_ONCE(c->arch.vgic.ctlr, (uint32_t)a->value & GICD_CTLR_ENABLES);
		val = READ_ONCE(c->arch.vgic.ctlr) | VGIC_CTLR_FIXED;
		break;
	case GICD_TYPER:
		val = vgic_typer(c);
		break;
	case GICD_IIDR:
		val = GIC_IIDR_TESSERA;
		break;
	case GICD_PIDR2:
		val = VGIC_PIDR2;
		break;
	default:
		return false;
	}
	if (!a->write)
		a->value = val;
	return true;
}

static __attribute__((noinline)) bool vgic_mmio_locked(struct vcpu *v, struct mmio_access *a)
{
	struct cell *c = v->cell;
	struct vcpu *owner;
	uint64_t off = a->ipa - sys_config.gicd_pa;
	if (off < GICD_SIZE) { /* unsigned: also false below gicd */
		spin_lock(&c->arch.vgic.lock);
		vgic_dist_access(v, off, a);
		spin_unlock(&c->arch.vgic.lock);
		return true;
	}
	if (vgic_redist_at(c, a->ipa, &owner, &off)) {
		spin_lock(&c->arch.vgic.lock);
		vgic_redist_access(v, owner, off, a);
		spin_unlock(&c->arch.vgic.lock);
		return true;
	}
	return false;
}

bool vgic_window_at(const struct cell *c, uint64_t ipa)
{
	struct vcpu *owner;
	uint64_t off;
	return ipa - sys_config.gicd_pa < GICD_SIZE || vgic_redist_at(c, ipa, &owner, &off);
}

/* Identification registers answered first, in a leaf function with no frame:
 * drivers probe them often and they touch no interrupt state. */
bool vgic_mmio(struct vcpu *v, struct mmio_access *a)
{
	uint64_t off = a->ipa - sys_config.gicd_pa;
	if (off >= GICD_SIZE) /* another device's: a tail call, no frame */
		return vgic_mmio_locked(v, a);
	return dist_id_access(v->cell, off, a) || vgic_mmio_locked(v, a);
}

void vgic_cell_init(struct cell *c)
{
	spin_lock(&c->arch.vgic.lock);
	for (unsigned int i = 0; i < VGIC_NR_SPIS; i++)
		c->arch.vgic.spi[i] = (struct vgic_irq){ .priority = 0xa0 };
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++)
		memset(c->vcpus[i].arch.vgic.waiting, 0, sizeof(c->vcpus[i].arch.vgic.waiting));
	c->arch.vgic.ctlr = 0;
	spin_unlock(&c->arch.vgic.lock);
}

void vgic_vcpu_reset(struct vcpu *v)
{
	struct vgic_cpu *g = &v->arch.vgic;
	spin_lock(&v->cell->arch.vgic.lock); /* other vCPUs may raise SGIs meanwhile */
	for (unsigned int i = 0; i < VGIC_NR_PRIVATE; i++)
		g->priv[i] = (struct vgic_irq){ .priority = 0xa0, .edge = i < 16 };
	g->waker = VGIC_WAKER_ASLEEP_AT_RESET;
	g->npie = false;
	g->waiting[0] = 0; /* its private interrupts; SPIs keep their cell's state */
	g->vmcr = 0;
	g->ap0r = g->ap1r = 0;
	g->lr_used = 0;
	spin_unlock(&v->cell->arch.vgic.lock);
	vgic_posted_reset(v);
}
