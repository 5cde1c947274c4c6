/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* SMCCC dispatch of guest HVCs (and of the SMCs we emulate). */
#ifndef HYPERCALL_H
#define HYPERCALL_H

#include "arch.h"

void hypercall_dispatch(struct trap_frame *f);

#endif /* HYPERCALL_H */
