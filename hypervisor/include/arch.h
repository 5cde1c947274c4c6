/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * The architecture seam: everything core/ may ask of arch/aarch64/.
 * Core code never touches system registers or the trap frame layout itself.
 */
#ifndef ARCH_H
#define ARCH_H

#include "types.h"

/* A guest's general registers as saved on every trap (x0..x30). */
struct trap_frame {
	uint64_t x[31];
	uint64_t pad;
};

/* Everything of a vCPU that lives in CPU registers while it runs. */
struct vcpu_context {
	uint64_t x[31];
	uint64_t elr_el2;
	uint64_t spsr_el2;
	uint64_t sp_el0, sp_el1, elr_el1, spsr_el1;
	uint64_t sctlr, ttbr0, ttbr1, tcr, mair, amair, vbar, contextidr;
	uint64_t tpidr_el0, tpidrro_el0, tpidr_el1;
	uint64_t esr, far, afsr0, afsr1, par, cpacr, csselr, cntkctl;
	uint64_t cntv_ctl, cntv_cval;
	uint64_t vmpidr;
};

/* Boot and per-core setup */
void arch_cpu_init(unsigned int cpu);
int arch_cpu_start(unsigned int cpu, uint64_t mpidr);
unsigned int arch_this_cpu(void);
void arch_idle_wait(void);

/* The trap frame of the vCPU currently running on this core. */
struct trap_frame *arch_trap_frame(void);

/* vCPU state */
void arch_vcpu_reset(struct vcpu_context *ctx, uint64_t entry, uint64_t arg, uint64_t vmpidr);
void arch_vcpu_save(struct vcpu_context *ctx);
void arch_vcpu_load(const struct vcpu_context *ctx, uint64_t vttbr);
void __noreturn arch_guest_enter(void);
/* Stop what a parked vCPU left running in this core: its timer, its list registers. */
void arch_vcpu_quiesce(void);
void arch_vcpu_skip_insn(void);
uint64_t arch_vcpu_pc(void);

/* This core's EL2 timer (CNTHP), used to flush unfinished console lines:
 * start is a no-op while it is already armed. */
#define INTID_HYP_TIMER 26
void arch_flush_timer_start(uint64_t ns);
void arch_flush_timer_stop(void);

/* Firmware (PSCI over SMC) */
void __noreturn arch_system_off(void);

#endif /* ARCH_H */
