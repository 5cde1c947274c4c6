// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * The virtual interface's registers by number.  GICv3: ICH_LR<n>_EL2, named
 * in the instruction.  GICv2: GICH_LR<n>, 32 bits, converted to and from
 * the GICv3 values the vGIC works on.
 */
#include "sysconfig.h"
#include "sysreg.h"
#include "vgic_lr.h"

#if SYSCONFIG_GIC_V3
void vgic_if_init(void)
{
}

uint64_t lr_read(unsigned int n)
{
	switch (n) {
	case 0:
		return sysreg_read(S3_4_C12_C12_0);
	case 1:
		return sysreg_read(S3_4_C12_C12_1);
	case 2:
		return sysreg_read(S3_4_C12_C12_2);
	case 3:
		return sysreg_read(S3_4_C12_C12_3);
	case 4:
		return sysreg_read(S3_4_C12_C12_4);
	case 5:
		return sysreg_read(S3_4_C12_C12_5);
	case 6:
		return sysreg_read(S3_4_C12_C12_6);
	case 7:
		return sysreg_read(S3_4_C12_C12_7);
	case 8:
		return sysreg_read(S3_4_C12_C13_0);
	case 9:
		return sysreg_read(S3_4_C12_C13_1);
	case 10:
		return sysreg_read(S3_4_C12_C13_2);
	case 11:
		return sysreg_read(S3_4_C12_C13_3);
	case 12:
		return sysreg_read(S3_4_C12_C13_4);
	case 13:
		return sysreg_read(S3_4_C12_C13_5);
	case 14:
		return sysreg_read(S3_4_C12_C13_6);
	default:
		return sysreg_read(S3_4_C12_C13_7);
	}
}

void lr_write(unsigned int n, uint64_t v)
{
	switch (n) {
	case 0:
		sysreg_write(S3_4_C12_C12_0, v);
		break;
	case 1:
		sysreg_write(S3_4_C12_C12_1, v);
		break;
	case 2:
		sysreg_write(S3_4_C12_C12_2, v);
		break;
	case 3:
		sysreg_write(S3_4_C12_C12_3, v);
		break;
	case 4:
		sysreg_write(S3_4_C12_C12_4, v);
		break;
	case 5:
		sysreg_write(S3_4_C12_C12_5, v);
		break;
	case 6:
		sysreg_write(S3_4_C12_C12_6, v);
		break;
	case 7:
		sysreg_write(S3_4_C12_C12_7, v);
		break;
	case 8:
		sysreg_write(S3_4_C12_C13_0, v);
		break;
	case 9:
		sysreg_write(S3_4_C12_C13_1, v);
		break;
	case 10:
		sysreg_write(S3_4_C12_C13_2, v);
		break;
	case 11:
		sysreg_write(S3_4_C12_C13_3, v);
		break;
	case 12:
		sysreg_write(S3_4_C12_C13_4, v);
		break;
	case 13:
		sysreg_write(S3_4_C12_C13_5, v);
		break;
	case 14:
		sysreg_write(S3_4_C12_C13_6, v);
		break;
	default:
		sysreg_write(S3_4_C12_C13_7, v);
		break;
	}
}

#else
volatile uint32_t *gich;

void vgic_if_init(void)
{
	gich = (volatile uint32_t *)sys_config.gich_pa;
}

/* GICH_LR: vINTID [9:0], pINTID [19:10] (HW), priority [27:23], state
 * [29:28], group 1 [30], HW [31].  Guests on a GICv2 run group 0 (its
 * virtual CPU interface enables group 0 alone without the security
 * extensions), so every entry goes in as group 0 and reads back as the
 * group-1 value the vGIC wrote. */
#define V2_STATE_SHIFT 28
#define V2_HW BIT(31)
#define V2_PINTID_SHIFT 10
#define V2_PRIORITY_SHIFT 23

uint64_t lr_read(unsigned int n)
{
	uint64_t raw = gich_read(GICH_LR0 + 4 * n);
	uint64_t lr = (raw & 0x3ff) | LR_GROUP1 |
		      (((raw >> V2_STATE_SHIFT) & 3) << LR_STATE_SHIFT) |
		      (((raw >> V2_PRIORITY_SHIFT) & 0x1f) << (LR_PRIORITY_SHIFT + 3));
	if (raw & V2_HW)
		lr |= LR_HW | (((raw >> V2_PINTID_SHIFT) & 0x3ff) << LR_PINTID_SHIFT);
	return lr;
}

void lr_write(unsigned int n, uint64_t lr)
{
	uint32_t raw = (uint32_t)(lr & 0x3ff) |
		       (uint32_t)(((lr >> LR_STATE_SHIFT) & 3) << V2_STATE_SHIFT) |
		       (uint32_t)(((lr >> (LR_PRIORITY_SHIFT + 3)) & 0x1f) << V2_PRIORITY_SHIFT);
	if (lr & LR_HW)
		raw |= (uint32_t)V2_HW |
		       (uint32_t)(((lr >> LR_PINTID_SHIFT) & 0x3ff) << V2_PINTID_SHIFT);
	gich_write(GICH_LR0 + 4 * n, raw);
}
#endif

unsigned int lr_find(uint64_t free, uint32_t intid)
{
	for (unsigned int n = 0; n < nr_lrs; n++)
		if (!(free & BIT(n)) && (lr_read(n) & LR_VINTID_MASK) == intid)
			return n;
	return nr_lrs;
}
