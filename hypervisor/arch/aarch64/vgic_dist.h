/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Between the shared distributor emulation (vgic_mmio.c) and the part of it
 * that depends on the GIC version (vgic_dist_v3.c or vgic_dist_v2.c, the
 * board's built in): register offsets both use, and each side's calls.
 */
#ifndef VGIC_DIST_H
#define VGIC_DIST_H

#include "cell.h"
#include "mmio.h"
#include "sysconfig.h"
#include "types.h"

#define GICD_CTLR 0x0000
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICPENDR 0x0280
#define GICD_ISACTIVER 0x0300
#define GICD_ICACTIVER 0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR 0x0c00
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

/* vgic_dist_v<n>.c: identification and control words (no lock taken);
 * false if 'off' is not one. */
bool vgic_dist_id_access(struct cell *c, uint64_t off, struct mmio_access *a);
/* Any other distributor access, under the cell's vGIC lock. */
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
