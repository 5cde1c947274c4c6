/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* SMCCC dispatch of guest HVCs (and of the SMCs we emulate). */
#ifndef HYPERCALL_H
#define HYPERCALL_H

#include "arch.h"

void hypercall_dispatch(struct trap_frame *f);
/* TESSERA_HVC_DOORBELL's row, also called straight from the exception
 * vector with only the caller-saved registers put away (the hot path). */
int64_t hypercall_doorbell(uint64_t fid, uint64_t index);

#endif /* HYPERCALL_H */
