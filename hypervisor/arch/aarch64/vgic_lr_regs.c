// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/* ICH_LR<n>_EL2 by number: the register is named in the instruction. */
#include "sysreg.h"
#include "vgic_lr.h"

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

unsigned int lr_find(uint64_t free, uint32_t intid)
{
	for (unsigned int n = 0; n < nr_lrs; n++)
		if (!(free & BIT(n)) && (lr_read(n) & LR_VINTID_MASK) == intid)
			return n;
	return nr_lrs;
}
