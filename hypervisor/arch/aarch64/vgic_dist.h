/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Between the shared distributor emulation (vgic_mmio.c) and the part of it
 * that depends on the GIC version (vgic_dist_v3.c or vgic_dist_v2.c, the
 * board's built in): each side's calls (register offsets: gic.h).
 */
#ifndef VGIC_DIST_H
#define VGIC_DIST_H

#include "cell.h"
#include "gic.h"
#include "mmio.h"
#include "sysconfig.h"
#include "types.h"
#include "vgic.h"

#define GICD_CTLR_ENABLES 0x3

/* GICR_WAKER.ProcessorSleep as a vCPU's redistributor starts (GICv3). */
#define VGIC_WAKER_ASLEEP_AT_RESET BIT(1)

struct cell;
struct vcpu;

/* vgic_mmio.c: the enable/pending/active/group/priority/trigger banks at
 * their distributor offsets, for 'v''s private interrupts ('private') or
 * the cell's SPIs; false if 'off' is none of them. */
bool vgic_irq_regs(struct vcpu *v, uint64_t off, struct mmio_access *a, bool private);
bool vgic_spi_valid(uint32_t intid);
bool vgic_is_hw_spi(const struct cell *c, uint32_t intid);
/* SPI 'intid' of v's cell now targets the cell's vCPU 't' (under the lock). */
void vgic_spi_retarget(struct vcpu *v, uint32_t intid, unsigned int t);

/* The identification and control words by version: GICD_CTLR's fixed bits,
 * GICD_TYPER, GICD_PIDR2. */
#if SYSCONFIG_GIC_V3
#define VGIC_CTLR_FIXED (BIT(4) | BIT(6)) /* ARE, DS: affinity routing, one security state */
#define VGIC_PIDR2 GIC_PIDR2_V3
static inline uint32_t vgic_typer(const struct cell *c)
{
	(void)c;
	return GICD_TYPER_VALUE;
}
#else
#define VGIC_CTLR_FIXED 0u
#define VGIC_PIDR2 GIC_PIDR2_V2
/* ITLinesNumber, CPUNumber; no security extensions */
static inline uint32_t vgic_typer(const struct cell *c)
{
	return (VGIC_NR_INTIDS / 32 - 1) | ((c->cfg->num_vcpus - 1u) << 5);
}
#endif

/* vgic_dist_v<n>.c: any distributor access but the identification and
 * control words, under the cell's vGIC lock. */
void vgic_dist_access(struct vcpu *v, uint64_t off, struct mmio_access *a);
/* 'ipa' in a vCPU's redistributor (GICv3; a GICv2 has none): its owner and
 * the offset in it.  Inline: every emulated access asks. */
static inline bool vgic_redist_at(const struct cell *c, uint64_t ipa, struct vcpu **owner,
				  uint64_t *off)
{
#if SYSCONFIG_GIC_V3
	uint64_t at = ipa - sys_config.gicr_pa;
	if (ipa < sys_config.gicr_pa || at >= (uint64_t)SYSCONFIG_GICR_FRAME * c->cfg->num_vcpus)
		return false;
	*owner = &c->vcpus[at / SYSCONFIG_GICR_FRAME];
	*off = at % SYSCONFIG_GICR_FRAME;
	return true;
#else
	(void)c, (void)ipa, (void)owner, (void)off;
	return false;
#endif
}
void vgic_redist_access(struct vcpu *v, struct vcpu *owner, uint64_t off, struct mmio_access *a);

#endif /* VGIC_DIST_H */
