/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* List registers and the virtual interface control: shared by the vGIC's own files only. */
#ifndef VGIC_LR_H
#define VGIC_LR_H

#include "pcpu.h"
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

#define read_ich_vtr() sysreg_read(S3_4_C12_C11_1)
#define read_ich_elrsr() sysreg_read(S3_4_C12_C11_5)

extern unsigned int nr_lrs;
#define ICH_HCR_TALL1 BIT(12) /* trap the guest's group-1 CPU interface accesses */

static inline uint64_t read_ich_hcr(void)
{
	return sysreg_read(S3_4_C12_C11_0);
}

/* Every write keeps the resample trap while one is due on this core. */
static inline void write_ich_hcr(uint64_t v)
{
	sysreg_write(S3_4_C12_C11_0, v | (this_pcpu()->arch.resample_due ? ICH_HCR_TALL1 : 0));
}

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
