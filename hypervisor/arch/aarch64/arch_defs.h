/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * The AArch64 parts of core's objects, embedded as their 'arch' field (the
 * way Bao's struct vm_platform ends in struct arch_vm_platform).  Only
 * arch/aarch64/ reads or writes what is inside them; core passes them on.
 */
#ifndef ARCH_DEFS_H
#define ARCH_DEFS_H

#include "types.h"
#include "vgic.h"

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

struct arch_vcpu {
	struct vcpu_context ctx; /* saved while the vCPU is not loaded on a core */
	struct vgic_cpu vgic;
};

struct arch_cell {
	struct vgic_dist vgic;
};

/* Read by vectors.S at PCPU_VTIMER_LR: keep it first. */
struct arch_pcpu {
	/* List-register value that delivers the running vCPU's virtual timer,
	 * or 0 when the vector's fast path must not. */
	uint64_t vtimer_lr;
};

/* This core's struct pcpu (TPIDR_EL2). */
static inline void *arch_this_pcpu_ptr(void)
{
	void *p;
	__asm__ volatile("mrs %0, tpidr_el2" : "=r"(p));
	return p;
}

static inline void arch_wait_event(void)
{
	__asm__ volatile("wfe" ::: "memory");
}

static inline void arch_send_event(void)
{
	__asm__ volatile("dsb ish\n\tsev" ::: "memory");
}

#endif /* ARCH_DEFS_H */
