/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* PSCI as the guests see it: acting on the caller's cell only. */
#ifndef PSCI_H
#define PSCI_H

#include "arch.h"

#define PSCI_FN_BASE32 0x84000000u
#define PSCI_FN_BASE64 0xc4000000u

static inline bool psci_is_call(uint32_t fid)
{
	return (fid & ~0x4000001fu) == PSCI_FN_BASE32;
}

/* SMCCC's own architecture calls (SMCCC_VERSION, SMCCC_ARCH_FEATURES, ...). */
static inline bool smccc_is_arch_call(uint32_t fid)
{
	return (fid & 0xffff0000u) == 0x80000000u;
}

void psci_handle(struct trap_frame *f);

#endif /* PSCI_H */
