/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * The parts of a vCPU's context that are switched as blocks rather than
 * register by register: FP/SIMD (lazily, on the vCPU's first FP access after
 * it is loaded), the PMU and the debug registers.  A reset context is all
 * zeros, so a vCPU's first entry and every cell reset clear them all.
 */
#ifndef VCPU_STATE_H
#define VCPU_STATE_H

#include "arch_defs.h"

void fpsimd_save(struct fpsimd_state *s);
void fpsimd_load(const struct fpsimd_state *s);

/* This core's FP registers: give them to the running vCPU on its first FP
 * access (the trap), take them back when it is put away. */
void fp_trap(struct vcpu_context *ctx);
void fp_put_away(struct vcpu_context *ctx);
void fp_disable(void);

/* Save and then silence (counters and overflow interrupt off); load. */
void pmu_save(struct pmu_state *s);
void pmu_load(const struct pmu_state *s);

void debug_save(struct debug_state *s);
void debug_load(const struct debug_state *s);
/* A trapped OS lock register access (ISS register bits 'reg'): true if it
 * was one, with *val read or written. */
bool debug_os_lock_access(struct debug_state *s, uint32_t reg, bool read, uint64_t *val);

#endif /* VCPU_STATE_H */
