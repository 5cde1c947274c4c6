// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * G15 "smccc": SMCCC 1.1 discovered as Linux does it (hypervisor only: the
 * calls go over HVC).  PSCI_FEATURES(SMCCC_VERSION) must be SUCCESS, then
 * SMCCC_VERSION >= 1.1 and SMCCC_ARCH_FEATURES(SMCCC_ARCH_FEATURES) = 0;
 * the answers for the architectural workarounds are printed:
 *   gictest: smccc: <ok|FAILED> psci_features=<r> version=0x<v> arch_features=<r>
 *   gictest: smccc: workaround_1=<r> workaround_2=<r> workaround_3=<r>
 */
#include <stdint.h>

#include "gictest.h"
#include "hvc.h"

#define PSCI_FEATURES 0x8400000au
#define SMCCC_VERSION 0x80000000u
#define SMCCC_ARCH_FEATURES 0x80000001u
#define SMCCC_ARCH_WORKAROUND_1 0x80008000u
#define SMCCC_ARCH_WORKAROUND_2 0x80007fffu
#define SMCCC_ARCH_WORKAROUND_3 0x80003fffu

void gictest_irq(uint32_t intid, uint64_t now)
{
	(void)now;
	gic_eoi(intid);
}

static long call(uint32_t fid, unsigned long arg)
{
	return (long)(int32_t)hvc_call(fid, arg, 0, 0, 0, 0); /* results are 32-bit */
}

void gictest_run(uintptr_t dtb)
{
	long feat = call(PSCI_FEATURES, SMCCC_VERSION);
	long version = call(SMCCC_VERSION, 0);
	long arch = call(SMCCC_ARCH_FEATURES, SMCCC_ARCH_FEATURES);

	(void)dtb;
	console_printf("gictest: smccc: %s psci_features=%ld version=0x%lx arch_features=%ld\n",
		       feat == 0 && version >= 0x10001 && arch == 0 ? "ok" : "FAILED", feat,
		       version, arch);
	console_printf("gictest: smccc: workaround_1=%ld workaround_2=%ld workaround_3=%ld\n",
		       call(SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_1),
		       call(SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_2),
		       call(SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_3));
}
