/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * List registers and the virtual interface control: shared by the vGIC's
 * own files only.  The vGIC works on GICv3 list-register values (LR_*); on
 * a GICv2 board (SYSCONFIG_GIC_V2) the accessors below reach the GICH
 * registers instead and vgic_lr_regs.c converts each value.
 */
#ifndef VGIC_LR_H
#define VGIC_LR_H

#include "pcpu.h"
#include "sysconfig_gen.h"
#include "sysreg.h"
#include "types.h"

#define ICH_HCR_EN BIT(0)
#define ICH_HCR_UIE BIT(1)
#define ICH_HCR_NPIE BIT(3)

#define LR_STATE_SHIFT 62
#define LR_PENDING (1ull << 62)
#define LR_ACTIVE (2ull << 62)
#define LR_STATE (3ull << 62)
#define LR_HW BIT(61)
#define LR_GROUP1 BIT(60)
#define LR_PRIORITY_SHIFT 48
#define LR_PINTID_SHIFT 32
#define LR_VINTID_MASK 0xffffffffull

extern unsigned int nr_lrs;
#define ICH_HCR_TALL1 BIT(12) /* trap the guest's group-1 CPU interface accesses */

#if SYSCONFIG_GIC_V3
#define read_ich_vtr() sysreg_read(S3_4_C12_C11_1)
#define read_ich_elrsr() sysreg_read(S3_4_C12_C11_5)
#define read_ich_vmcr() sysreg_read(S3_4_C12_C11_7)
#define write_ich_vmcr(v) sysreg_write(S3_4_C12_C11_7, v)
#define read_ich_ap0r() sysreg_read(S3_4_C12_C8_0)
#define write_ich_ap0r(v) sysreg_write(S3_4_C12_C8_0, v)
#define read_ich_ap1r() sysreg_read(S3_4_C12_C9_0)
#define write_ich_ap1r(v) sysreg_write(S3_4_C12_C9_0, v)

static inline uint64_t read_ich_hcr(void)
{
	return sysreg_read(S3_4_C12_C11_0);
}

/* Every write keeps the resample trap while one is due on this core. */
static inline void write_ich_hcr(uint64_t v)
{
	sysreg_write(S3_4_C12_C11_0, v | (this_pcpu()->arch.resample_due ? ICH_HCR_TALL1 : 0));
}
#else /* GICv2: GICH, this core's view (vgic_lr_regs.c) */
extern volatile uint32_t *gich;
#define GICH_HCR 0x000
#define GICH_VTR 0x004
#define GICH_VMCR 0x008
#define GICH_ELRSR0 0x030
#define GICH_APR 0x0f0
#define GICH_LR0 0x100
#define gich_read(off) ((uint64_t)gich[(off) / 4])
#define gich_write(off, v) (gich[(off) / 4] = (uint32_t)(v))
#define read_ich_vtr() gich_read(GICH_VTR)
#define read_ich_elrsr() gich_read(GICH_ELRSR0)
#define read_ich_vmcr() gich_read(GICH_VMCR)
#define write_ich_vmcr(v) gich_write(GICH_VMCR, v)
/* One active-priority register: guests use group 0 on a GICv2 */
#define read_ich_ap0r() gich_read(GICH_APR)
#define write_ich_ap0r(v) gich_write(GICH_APR, v)
#define read_ich_ap1r() ((uint64_t)0)
#define write_ich_ap1r(v) ((void)(v))
#define read_ich_hcr() gich_read(GICH_HCR)
/* No trap bits: a GICv2's virtual CPU interface is memory the guest reaches directly. */
#define write_ich_hcr(v) gich_write(GICH_HCR, (v) & ~ICH_HCR_TALL1)
#endif

/* This core's way to its virtual interface (GICv2: where GICH is). */
void vgic_if_init(void);
uint64_t lr_read(unsigned int n);
void lr_write(unsigned int n, uint64_t v);
/* The list register that holds 'intid' (in 'free', ICH_ELRSR_EL2, as read
 * by the caller), or nr_lrs if none does. */
unsigned int lr_find(uint64_t free, uint32_t intid);
/* A free list register in 'free', or nr_lrs if every one is busy. */
static inline unsigned int lr_free(uint64_t free)
{
	return free & ((1ull << nr_lrs) - 1) ? (unsigned int)__builtin_ctzll(free) : nr_lrs;
}

struct vcpu;
struct vgic_irq *irq_of(struct vcpu *v, uint32_t intid);

#endif /* VGIC_LR_H */
