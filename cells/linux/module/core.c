// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Tessera hypercalls (SMCCC 1.1 fast calls over HVC #0, ids and return codes in
 * hypervisor/include/uapi/tessera.h).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/arm-smccc.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/string.h>
#include <asm/byteorder.h>

#include <tessera.h>

#include "core.h"

/* The cell DTB's /hypervisor node: compatible = "tessera,hypervisor-<major>.<minor>". */
static bool tessera_in_dt(void)
{
	struct device_node *np = of_find_node_by_path("/hypervisor");
	const char *compat;
	bool found;

	if (!np)
		return false;
	found = !of_property_read_string(np, "compatible", &compat) &&
		strstarts(compat, "tessera,hypervisor-");
	of_node_put(np);
	return found;
}

int tessera_core_probe(void)
{
	struct arm_smccc_res res;
	long ver;

	if (!tessera_in_dt()) {
		pr_info("not a Tessera cell (no /hypervisor \"tessera,hypervisor-*\" node)\n");
		return -ENODEV;
	}
	arm_smccc_1_1_hvc(TESSERA_HVC_VERSION, &res);
	ver = (long)res.a0;
	if (ver < 0 || (ver >> 16) != TESSERA_ABI_MAJOR) {
		pr_err("hypervisor ABI %#lx, this module speaks %u.%u\n", ver, TESSERA_ABI_MAJOR,
		       TESSERA_ABI_MINOR);
		return -ENODEV;
	}
	return 0;
}

void tessera_core_info(struct tessera_info *info)
{
	struct arm_smccc_res res;
	__le64 name[2];

	memset(info, 0, sizeof(*info));
	arm_smccc_1_1_hvc(TESSERA_HVC_VERSION, &res);
	info->abi_major = (res.a0 >> 16) & 0xffff;
	info->abi_minor = res.a0 & 0xffff;
	arm_smccc_1_1_hvc(TESSERA_HVC_CELL_ID, &res);
	info->cell_id = (u32)res.a0;
	/* x1..x2: 16 bytes, NUL-padded, little-endian */
	name[0] = cpu_to_le64(res.a1);
	name[1] = cpu_to_le64(res.a2);
	BUILD_BUG_ON(sizeof(name) != TESSERA_NAME_MAX || sizeof(info->name) <= TESSERA_NAME_MAX);
	memcpy(info->name, name, TESSERA_NAME_MAX);
}

int tessera_errno(long ret)
{
	switch (ret) {
	case TESSERA_OK:
		return 0;
	case TESSERA_NOT_SUPPORTED:
		return -EOPNOTSUPP;
	case TESSERA_DENIED:
		return -EBUSY;
	default:
		return -EINVAL;
	}
}

int tessera_core_checkpoint(void)
{
	struct arm_smccc_res res;

	/* x1 = 0 in: a refusal leaves it so, only a restored run finds "restored" */
	arm_smccc_1_1_hvc(TESSERA_HVC_CHECKPOINT, TESSERA_CHECKPOINT_TAKEN, &res);
	if ((long)res.a0 == TESSERA_OK && res.a1 == TESSERA_CHECKPOINT_RESTORED)
		return TESSERA_CHECKPOINT_RESTORED;
	return tessera_errno((long)res.a0);
}

long tessera_core_doorbell(u32 index)
{
	struct arm_smccc_res res;

	arm_smccc_1_1_hvc(TESSERA_HVC_DOORBELL, index, &res);
	return (long)res.a0;
}

long tessera_core_control(u32 index, u32 op)
{
	struct arm_smccc_res res;

	arm_smccc_1_1_hvc(TESSERA_HVC_CONTROL, index, op, &res);
	return (long)res.a0;
}
