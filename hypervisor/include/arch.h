/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * The architecture seam: everything core/ may ask of arch/aarch64/.  Core
 * code never touches system registers, the interrupt controller, vGIC or
 * timer state, or the trap frame layout itself: it calls these functions and
 * carries the arch parts of its objects (the 'arch' fields) without looking
 * inside.
 */
#ifndef ARCH_H
#define ARCH_H

#include "arch_defs.h"
#include "mmio.h"
#include "types.h"

struct cell;
struct vcpu;

/* struct trap_frame (arch_defs.h): a guest's general registers as a trap
 * saved them, x[0..30]. */

/* Boot and per-core setup */
void arch_cpu_init(unsigned int cpu);
int arch_cpu_start(unsigned int cpu, uint64_t mpidr);
/* This core off through firmware PSCI CPU_OFF; it comes back at its entry. */
void __noreturn arch_cpu_off(void);
/* Firmware PSCI AFFINITY_INFO of a core: 0 on, 1 off, 2 on pending, < 0 error. */
int arch_cpu_firmware_state(uint64_t mpidr);
unsigned int arch_this_cpu(void);
uint64_t arch_now_ns(void); /* the system counter, in ns since it started */
uint64_t arch_ticks(void); /* the system counter, raw */
uint64_t arch_ticks_to_ns(uint64_t ticks); /* a counter value in the same ns */
void arch_idle_wait(void);
/* Firmware (PSCI over SMC) */
void __noreturn arch_system_off(void);

/* Physical interrupts */
void arch_irq_init(void); /* the distributor, once, on the boot core */
void arch_irq_cpu_init(unsigned int cpu);
/* Route the physical SPIs of every cell and the console input (boot core). */
void arch_irq_route_init(void);
/* Handle everything pending; true if a kick asked to re-read the run queue. */
bool arch_irq_handle_pending(void);
/* Ask a core to reconsider what it runs (after a vCPU state change). */
void arch_kick_cpu(unsigned int cpu);
/* Console diagnostics: every online core prints what it runs; one cell's
 * interrupt state for its console interrupt. */
void arch_dump_request(void);
void arch_dump_cell(const struct cell *c);

/* Cells */
void arch_cell_init(struct cell *c); /* once, at boot */
void arch_cell_reset(
	struct cell *c); /* at every (re)start, once the old instance is off every core */
/* The cell's interrupt-controller state into a checkpoint image and back. */
void arch_cell_save(const struct cell *c, struct arch_cell *image);
void arch_cell_load(struct cell *c, const struct arch_cell *image);
/* The cell stopped: its passthrough interrupts off, not pending, not active. */
void arch_cell_quiesce(struct cell *c);
/* Level of a virtual level-sensitive SPI of a cell (its emulated UART). */
void arch_cell_set_irq_level(struct cell *c, uint32_t intid, bool level);
/* An edge on a virtual SPI of a cell (a doorbell), from any core; absorbed
 * while the interrupt is still pending.  'intid' is one of the cell's SPIs,
 * from the generated tables (which assert it), not checked again here. */
void arch_cell_raise_irq(struct cell *c, uint32_t intid);
/* The vCPU's timer interrupt was delivered to it and it has not completed
 * it yet (a kernel spinning with interrupts off keeps it so). */
bool arch_vcpu_timer_waiting(const struct vcpu *v);
/* The cell's interrupt controller (distributor, redistributors). */
bool arch_irqchip_mmio(struct vcpu *v, struct mmio_access *a);
bool arch_irqchip_at(const struct vcpu *v, uint64_t ipa);
/* Every core: forget the guests' stage-2 translations (after building them). */
void arch_guest_tlb_flush_all(void);
/* Make freshly written guest memory visible to a guest with caches off. */
void arch_dcache_clean(uint64_t start, uint64_t size);
/* Zero guest memory, cleaned to the point of coherency as well. */
void arch_memory_zero(uint64_t start, uint64_t size);

/* vCPUs: reset, put away (park), load, and prepare for entry. */
void arch_vcpu_reset(struct vcpu *v, uint64_t entry, uint64_t arg);
void arch_vcpu_save(struct vcpu *v);
void arch_vcpu_load(struct vcpu *v);
void arch_vcpu_resume(struct vcpu *v);
void __noreturn arch_guest_enter(void);
void arch_vcpu_skip_insn(void);
/* An interrupt is pending for 'v' (loaded here or put away): a WFI ends. */
bool arch_vcpu_wake_pending(struct vcpu *v);
/* When a timer of 'v' fires, in arch_now_ns time; 0 if never. */
uint64_t arch_vcpu_timer_deadline(const struct vcpu *v);
/* 'v' now runs on another core: its physical SPIs follow it. */
void arch_vcpu_moved(const struct vcpu *v);
/* This core traps the guest's WFI and WFE (its vCPU shares the core). */
void arch_cpu_trap_waits(bool trap);
uint64_t arch_vcpu_pc(void);

/* This core's EL2 timer (CNTHP): fire at 'at_ns' (arch_now_ns time), or never (0). */
void arch_hyp_timer_program(uint64_t at_ns);

#endif /* ARCH_H */
