// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// The PSCI calls the hostile cells make (HVC, the cell's PSCI conduit).
#ifndef CELLS_HOSTILE_PSCI_H
#define CELLS_HOSTILE_PSCI_H

#include "hvc.h"

#define PSCI_CPU_ON 0xc4000003u /* SMC64: x1 = target MPIDR, x2 = entry, x3 = context */
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u

static inline long psci_cpu_on(uint64_t mpidr, uintptr_t entry, uint64_t context)
{
	return (long)hvc_call(PSCI_CPU_ON, mpidr, entry, context, 0, 0);
}

/** Under `recovery: restart` the cell boots again; does not return. */
static inline void __attribute__((noreturn)) psci_system_reset(void)
{
	hvc_call(PSCI_SYSTEM_RESET, 0, 0, 0, 0, 0);
	for (;;)
		asm volatile("wfi");
}

static inline uint64_t hostile_mpidr(void)
{
	uint64_t v;

	asm volatile("mrs %0, mpidr_el1" : "=r"(v));
	return v & 0xff00ffffffull; /* the affinity fields */
}

#endif /* CELLS_HOSTILE_PSCI_H */
