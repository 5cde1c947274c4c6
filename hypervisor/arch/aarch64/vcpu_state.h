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

/* Save and then silence (counters, overflow interrupt and EL0 access off); load. */
void pmu_save(struct pmu_state *s);
void pmu_load(const struct pmu_state *s);
void pmu_silence(void); /* what pmu_save() leaves; also at a core's start */

/* A vCPU whose PMU counts nothing, raises nothing and is closed to its EL0
 * can wait with the PMU silenced and trapped (MDCR_EL2.TPM) until it first
 * touches a PMU register: no other vCPU's values can reach it. */
static inline bool pmu_in_use(const struct pmu_state *s)
{
	return s->cntenset | s->intenset | s->userenr;
}

/* Save and then silence (MDSCR_EL1 0); load. */
void debug_save(struct debug_state *s);
void debug_load(const struct debug_state *s);

#define MDSCR_SS BIT(0)
#define MDSCR_MDE BIT(15)
/* Breakpoints and watchpoints fire only with MDSCR_EL1.MDE, stepping only
 * with SS: a vCPU with neither can run with the debug registers trapped
 * (MDCR_EL2.TDA) and another's values in them, until it touches one. */
static inline bool debug_in_use(const struct debug_state *s)
{
	return s->mdscr & (MDSCR_MDE | MDSCR_SS);
}

/* A trapped system register access (ISS register bits 'reg') to the PMU or
 * debug registers of a vCPU loaded without them: they come in now, and
 * the access runs again.  False if it was not one. */
bool lazy_state_trap(struct vcpu_context *ctx, uint32_t reg);
/* A trapped OS lock register access (ISS register bits 'reg'): true if it
 * was one, with *val read or written. */
bool debug_os_lock_access(struct debug_state *s, uint32_t reg, bool read, uint64_t *val);

#endif /* VCPU_STATE_H */
