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

/* A guest's general registers as saved on every trap (x0..x30): the start
 * of its vCPU's context, where the trap saves them. */
struct trap_frame {
	uint64_t x[31];
};

struct fpsimd_state {
	uint64_t q[64] __aligned(16); /* v0..v31, 128 bits each */
	uint64_t fpcr, fpsr;
};

#define PMU_MAX_COUNTERS 31
struct pmu_state {
	uint64_t pmcr, cntenset, intenset, ovsset, selr, userenr, ccntr, ccfiltr;
	uint64_t evcntr[PMU_MAX_COUNTERS], evtyper[PMU_MAX_COUNTERS];
};

#define DEBUG_MAX_POINTS 16
struct debug_state {
	uint64_t mdscr, mdccint; /* (the claim tags: QEMU's cores have none to switch) */
	uint64_t os_lock; /* OSLAR_EL1.OSLK as the vCPU set it (emulated, MDCR_EL2.TDOSA) */
	uint64_t bvr[DEBUG_MAX_POINTS], bcr[DEBUG_MAX_POINTS];
	uint64_t wvr[DEBUG_MAX_POINTS], wcr[DEBUG_MAX_POINTS];
};

/* Everything of a vCPU that lives in CPU registers while it runs.  The
 * general registers are saved here by every trap (vectors.S); from elr_el2
 * to vmpidr, context.S moves it in this order (vcpu_context.c asserts it). */
struct vcpu_context {
	struct trap_frame gprs; /* first, 16-byte aligned: SP_EL2 while it runs */
	uint64_t elr_el2;
	uint64_t spsr_el2;
	uint64_t sp_el0, sp_el1, elr_el1, spsr_el1;
	uint64_t sctlr, ttbr0, ttbr1, tcr, mair, amair, vbar, contextidr;
	uint64_t tpidr_el0, tpidrro_el0, tpidr_el1;
	uint64_t esr, far, afsr0, afsr1, par, cpacr, csselr, cntkctl;
	uint64_t cntv_cval, cntv_ctl, cntp_cval, cntp_ctl;
	uint64_t vmpidr;
	struct fpsimd_state fp;
	struct pmu_state pmu;
	struct debug_state debug;
	/* pmu or debug was in use when last saved: loaded with the vCPU, not
	 * on its first access (vcpu_context.c) */
	bool pmu_debug_in_use;
} __aligned(16);

struct arch_vcpu {
	struct vcpu_context ctx; /* saved while the vCPU is not loaded on a core */
	struct vgic_cpu vgic;
};

struct arch_cell {
	struct vgic_dist vgic;
	uint32_t spi_handovers; /* its SPIs that arrived where their vCPU did not run */
};

/* Read by vectors.S at PCPU_VTIMER_LR: keep it first. */
struct arch_pcpu {
	/* List-register value that delivers the running vCPU's virtual timer,
	 * or 0 when the vector's fast path must not. */
	uint64_t vtimer_lr;
	/* Read by vectors.S at PCPU_POSTED and PCPU_POSTED_LRS (vgic_posted.c):
	 * the loaded vCPU's doorbell mailbox, and the list registers that must
	 * be free for the vector to deliver from it. */
	uint64_t *posted;
	uint64_t posted_lrs;
	/* ... and at PCPU_TIMER_IRQS, the loaded vCPU's activity.timer_irqs. */
	uint64_t *timer_irqs;
	/* ... and at PCPU_FRAME, the loaded vCPU's register save area. */
	struct trap_frame *frame;
	uint32_t hw_ppis_enabled; /* VGIC_HW_PPIS enabled at this core's redistributor */
	bool trap_waits; /* HCR_EL2 traps WFI and WFE (the running vCPU shares its core) */
	bool fp_live; /* the FP registers hold the running vCPU's state */
	bool pmu_live; /* ... and the PMU's */
	bool debug_live; /* ... and the debug registers' */
	uint64_t mdcr; /* MDCR_EL2 as last written: which of them trap */
	bool resample_due; /* a level interrupt in a list register may have dropped */
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
