// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * What a cell's virtual GICv3 has of its own: affinity routing (GICD_CTLR.ARE,
 * IROUTER), the identification words, and a redistributor frame per vCPU
 * (GICR_TYPER, WAKER, its SGI frame with the private interrupts' banks).
 * SGIs are generated through ICC_SGI1R_EL1 (trapped, vgic_lr.c).
 */
#include "cell.h"
#include "gic.h"
#include "sysconfig.h"
#include "vcpu.h"
#include "vgic.h"
#include "vgic_dist.h"

#if SYSCONFIG_GIC_V3

#define GICR_FRAME SYSCONFIG_GICR_FRAME /* the generator's, as in the cell's DT */
#define GICR_SGI 0x10000

#define GICD_IROUTER 0x6100

#define GICR_CTLR 0x0000
#define GICR_IIDR 0x0004
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014
#define GICR_PIDR2 0xffe8
#define GICR_TYPER_LAST BIT(4)
#define GICR_WAKER_SLEEP BIT(1)
#define GICR_WAKER_ASLEEP BIT(2)
_Static_assert(VGIC_WAKER_ASLEEP_AT_RESET == GICR_WAKER_SLEEP, "a redistributor starts asleep");

static void irouter_access(struct vcpu *v, uint32_t intid, struct mmio_access *a)
{
	struct cell *c = v->cell;
	struct vgic_irq *irq = &c->arch.vgic.spi[intid - VGIC_NR_PRIVATE];
	if (!a->write) {
		a->value = c->vcpus[irq->target].cfg->vmpidr;
		return;
	}
	uint64_t aff = a->value & 0xff00ffffffull;
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++) {
		if (c->vcpus[i].cfg->vmpidr != aff)
			continue;
		vgic_spi_retarget(v, intid, i);
	}
}

void vgic_dist_access(struct vcpu *v, uint64_t off, struct mmio_access *a)
{
	if (vgic_irq_regs(v, off, a, false))
		return;
	if (off >= GICD_IROUTER && off < GICD_IROUTER + 8 * VGIC_NR_SPIS && a->size == 8) {
		irouter_access(v, (uint32_t)(off - GICD_IROUTER) / 8 + VGIC_NR_PRIVATE, a);
		return;
	}
	if (!a->write)
		a->value = 0; /* everything else reads as zero, writes are ignored */
}

void vgic_redist_access(struct vcpu *v, struct vcpu *owner, uint64_t off, struct mmio_access *a)
{
	if (off >= GICR_SGI) {
		if (!vgic_irq_regs(owner, off - GICR_SGI, a, true) && !a->write)
			a->value = 0;
		return;
	}
	uint64_t val = 0;
	struct cell *c = v->cell;
	switch (off) {
	case GICR_TYPER:
		val = (owner->cfg->vmpidr << 32) | ((uint64_t)owner->cfg->index << 8) |
		      (owner->cfg->index + 1u == c->cfg->num_vcpus ? GICR_TYPER_LAST : 0);
		break;
	case GICR_TYPER + 4: /* upper half read as a word */
		val = owner->cfg->vmpidr & 0xffffffff;
		break;
	case GICR_IIDR:
		val = GIC_IIDR_TESSERA;
		break;
	case GICR_WAKER:
		if (a->write)
			owner->arch.vgic.waker = (uint32_t)a->value & GICR_WAKER_SLEEP;
		val = owner->arch.vgic.waker ? GICR_WAKER_SLEEP | GICR_WAKER_ASLEEP : 0;
		break;
	case GICR_PIDR2:
		val = GIC_PIDR2_V3;
		break;
	default:
		break; /* CTLR (no LPIs), STATUSR, ...: zero */
	}
	if (!a->write)
		a->value = val;
}

#endif /* SYSCONFIG_GIC_V3 */
