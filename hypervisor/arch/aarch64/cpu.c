// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/* Per-core EL2 set-up and bring-up of the other cores through PSCI. */
#include "arch.h"
#include "asm.h"
#include "pcpu.h"
#include "stage2.h"
#include "sysconfig_gen.h"
#include "sysreg.h"
#include "vcpu_state.h"

void mmu_enable(void);
extern char secondary_entry[];

#define PSCI_CPU_OFF 0x84000002ull
#define PSCI_CPU_ON_64 0xc4000003ull
#define PSCI_AFFINITY_INFO_64 0xc4000004ull
#define PSCI_SYSTEM_OFF 0x84000008ull

#define CNTHCTL_EL1PCTEN BIT(0) /* EL1 may read the physical counter */
#define CNTHCTL_EL1PCEN BIT(1) /* and use the EL1 physical timer (switched per vCPU) */
/* An event every 2^10 counts (16 us at 62.5 MHz): a core waiting in WFE for
 * another to leave a state wakes to look again even if no SEV comes. */
#define CNTHCTL_EVENT_STREAM (BIT(2) | (9ull << 4))

/* An SMC to the firmware (QEMU's PSCI). */
static int64_t firmware_call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fid;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;
	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			 :
			 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
			   "x15", "x16", "x17", "memory");
	return (int64_t)x0;
}

_Static_assert(offsetof(struct pcpu, arch.vtimer_lr) == PCPU_VTIMER_LR,
	       "vectors.S reads pcpu.arch.vtimer_lr");
_Static_assert(offsetof(struct pcpu, arch.timer_irqs) == PCPU_TIMER_IRQS,
	       "vectors.S counts through pcpu.arch.timer_irqs");
_Static_assert(offsetof(struct pcpu, arch.frame) == PCPU_FRAME,
	       "vectors.S enters the guest from pcpu.arch.frame");

uint8_t hv_stacks[SYSCONFIG_NUM_PCPUS][STACK_SIZE] __aligned(16)
	__attribute__((section(".noinit")));

/*
 * Every timer of this core off, with its interrupt line low.  A core back
 * from CPU_OFF may find a line still high from before (QEMU recomputes a
 * timer's line only when its ENABLE bit changes, and a reset clears the
 * bit without it): the hypervisor's own timer would then interrupt this
 * core without end.  Enabling each one masked, then disabling it, sets
 * every line from the registers.
 */
static void timers_quiet(void)
{
	sysreg_write(cnthp_ctl_el2, CNT_CTL_ENABLE | CNT_CTL_IMASK);
	sysreg_write(cntv_ctl_el0, CNT_CTL_ENABLE | CNT_CTL_IMASK);
	sysreg_write(cntp_ctl_el0, CNT_CTL_ENABLE | CNT_CTL_IMASK);
	isb();
	sysreg_write(cnthp_ctl_el2, 0);
	sysreg_write(cntv_ctl_el0, 0);
	sysreg_write(cntp_ctl_el0, 0);
	isb();
}

void arch_cpu_init(unsigned int cpu)
{
	pcpus[cpu].stack_top = (uint64_t)hv_stacks[cpu] + STACK_SIZE;
	pcpus[cpu].arch = (struct arch_pcpu){ 0 }; /* a core back from CPU_OFF starts afresh */
	sysreg_write(tpidr_el2, &pcpus[cpu]);
	mmu_enable();
	/* Guests run AArch64 at EL1, in stage 2, with physical interrupts,
	 * SMCs and implementation-defined registers trapping to us. */
	sysreg_write(hcr_el2, HCR_RW | HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_FB |
				      HCR_BSU_IS | HCR_TSC | HCR_TIDCP | HCR_TACR);
	fp_disable();
	/* Guests own both EL1 timers while they run; the hypervisor uses CNTHP. */
	sysreg_write(cnthctl_el2, CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN | CNTHCTL_EVENT_STREAM);
	sysreg_write(cntvoff_el2, 0);
	timers_quiet();
	sysreg_write(vpidr_el2, sysreg_read(midr_el1));
	/* PMU counters and debug registers belong to the running vCPU (switched
	 * with it, lazily: vcpu_context.c); the OS lock registers trap, each
	 * vCPU's lock is emulated. */
	pcpus[cpu].arch.mdcr = MDCR_EL2_TDOSA | ((sysreg_read(pmcr_el0) >> 11) & 0x1f);
	sysreg_write(mdcr_el2, pcpus[cpu].arch.mdcr);
	/* what a vCPU loaded without its PMU and debug state may run on: their
	 * reset values are unknown on hardware */
	pmu_silence();
	sysreg_write(mdscr_el1, 0);
	stage2_cpu_init();
	isb();
}

int arch_cpu_start(unsigned int cpu, uint64_t mpidr)
{
	/* QEMU's PSCI rejects an MPIDR with bit 31 set: affinity fields only. */
	return (int)firmware_call(PSCI_CPU_ON_64, mpidr & 0xff00ffffffull,
				  (uint64_t)secondary_entry, cpu);
}

void __noreturn arch_cpu_off(void)
{
	timers_quiet(); /* no interrupt left asserted for the core's next start */
	firmware_call(PSCI_CPU_OFF, 0, 0, 0);
	for (;;) /* CPU_OFF does not return unless it failed */
		wfi();
}

int arch_cpu_firmware_state(uint64_t mpidr)
{
	return (int)firmware_call(PSCI_AFFINITY_INFO_64, mpidr & 0xff00ffffffull, 0, 0);
}

unsigned int arch_this_cpu(void)
{
	return this_pcpu()->index;
}

uint64_t arch_ticks_to_ns(uint64_t ticks)
{
	uint64_t freq = sysreg_read(cntfrq_el0);
	return ticks / freq * 1000000000ull + ticks % freq * 1000000000ull / freq;
}

uint64_t arch_ticks(void)
{
	return sysreg_read(cntpct_el0);
}

uint64_t arch_now_ns(void)
{
	return arch_ticks_to_ns(arch_ticks());
}

void arch_idle_wait(void)
{
	dsb(sy);
	wfi();
}

#define CNTHP_CTL_ENABLE BIT(0)

void arch_hyp_timer_program(uint64_t at_ns)
{
	if (!at_ns) {
		sysreg_write(cnthp_ctl_el2, 0);
		isb();
		return;
	}
	uint64_t freq = sysreg_read(cntfrq_el0);
	uint64_t ticks = at_ns / 1000000000ull * freq +
			 at_ns % 1000000000ull * freq / 1000000000ull;
	sysreg_write(cnthp_cval_el2, ticks);
	sysreg_write(cnthp_ctl_el2, CNTHP_CTL_ENABLE);
	isb();
}

void __noreturn arch_system_off(void)
{
	firmware_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		wfi();
}
