/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Guest faults: one report line, then the offending cell alone is stopped
 * or restarted, as its recovery policy says (cell_trigger), and this core
 * moves on.  Guest input never panics the hypervisor.
 */
#ifndef FAULT_H
#define FAULT_H

#include "types.h"

void __noreturn guest_fault(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* FAULT_H */
