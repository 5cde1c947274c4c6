// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * What a cell's virtual GICv2 has of its own: one distributor whose first
 * word of each bank (SGIs and PPIs) is banked per vCPU, CPU-interface
 * targets (ITARGETSR) instead of affinity routing, SGIs generated through
 * GICD_SGIR, and no redistributors.  Its CPU interface is the board's
 * virtual one (GICV), mapped at the GICC address by the generator.
 */
#include "cell.h"
#include "gic.h"
#include "sysconfig.h"
#include "vcpu.h"
#include "vgic.h"
#include "vgic_dist.h"

#if SYSCONFIG_GIC_V2

#define GICD_ITARGETSR 0x0800
#define GICD_SGIR 0x0f00
#define GICD_SGIR_FILTER(v) (((v) >> 24) & 3)
#define GICD_SGIR_TARGETS(v) (((v) >> 16) & 0xff)
#define SGIR_TO_LIST 0
#define SGIR_TO_OTHERS 1
#define SGIR_TO_SELF 2

/* The first INTID a bank register at 'off' covers, or VGIC_NR_INTIDS if
 * 'off' is in no bank. */
static uint32_t bank_first(uint64_t off)
{
	if (off >= GICD_IGROUPR && off < GICD_IPRIORITYR)
		return (uint32_t)(off % 0x80) * 8;
	if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + VGIC_NR_INTIDS)
		return (uint32_t)(off - GICD_IPRIORITYR);
	if (off >= GICD_ICFGR && off < GICD_ICFGR + VGIC_NR_INTIDS / 4)
		return (uint32_t)(off - GICD_ICFGR) * 4;
	return VGIC_NR_INTIDS;
}

/* A vCPU's CPU interface number is its index in the cell. */
static void targets_access(struct vcpu *v, uint32_t first, struct mmio_access *a)
{
	struct cell *c = v->cell;
	if (!a->write) {
		a->value = 0;
		for (unsigned int i = 0; i < a->size; i++) {
			uint32_t intid = first + i;
			unsigned int t = intid < VGIC_NR_PRIVATE
						 ? v->cfg->index
						 : c->arch.vgic.spi[intid - VGIC_NR_PRIVATE].target;
			a->value |= (uint64_t)(1u << t) << (8 * i);
		}
		return;
	}
	for (unsigned int i = 0; i < a->size; i++) {
		uint32_t intid = first + i;
		uint32_t mask = (uint32_t)(a->value >> (8 * i)) & 0xff;
		if (intid < VGIC_NR_PRIVATE || !mask || !vgic_spi_valid(intid))
			continue; /* the private ones read only; no target: ignored */
		unsigned int t = (unsigned int)__builtin_ctz(mask);
		if (t >= c->cfg->num_vcpus)
			continue;
		vgic_spi_retarget(v, intid, t);
	}
}

static void sgi_write(struct vcpu *v, uint32_t val)
{
	struct cell *c = v->cell;
	uint32_t intid = val & 0xf, targets = GICD_SGIR_TARGETS(val);
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++) {
		struct vcpu *t = &c->vcpus[i];
		bool hit;
		switch (GICD_SGIR_FILTER(val)) {
		case SGIR_TO_LIST:
			hit = targets & (1u << i);
			break;
		case SGIR_TO_OTHERS:
			hit = t != v;
			break;
		case SGIR_TO_SELF:
			hit = t == v;
			break;
		default:
			hit = false;
			break;
		}
		if (hit && t->state == VCPU_RUNNABLE)
			vgic_inject_locked(t, intid, 0);
	}
}

uint32_t vgic_typer_of(const struct vcpu *v)
{
	return vgic_typer(v->cell);
}

void vgic_dist_access(struct vcpu *v, uint64_t off, struct mmio_access *a)
{
	uint32_t first = bank_first(off);
	if (first < VGIC_NR_INTIDS) {
		/* the first word of each bank is the accessing vCPU's own */
		vgic_irq_regs(v, off, a, first < VGIC_NR_PRIVATE);
		return;
	}
	if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + VGIC_NR_INTIDS &&
	    (a->size == 1 || a->size == 4) && !(off & (a->size - 1))) {
		targets_access(v, (uint32_t)(off - GICD_ITARGETSR), a);
		return;
	}
	if (off == GICD_SGIR && a->write && a->size == 4) {
		sgi_write(v, (uint32_t)a->value);
		return;
	}
	if (!a->write)
		a->value = 0; /* everything else reads as zero, writes are ignored */
}

void vgic_redist_access(struct vcpu *v, struct vcpu *owner, uint64_t off, struct mmio_access *a)
{
	(void)v;
	(void)owner;
	(void)off;
	(void)a;
}

#endif /* SYSCONFIG_GIC_V2 */
