// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * The PMU belongs to the vCPU that runs: every counter it may use
 * (MDCR_EL2.HPMN = all of them) is saved and restored with the vCPU, and
 * silenced while the core runs another one or none.  A vCPU that has
 * nothing counting gets its PMU on its first PMU access (vcpu_context.c).  The overflow interrupt
 * (PPI 23) is forwarded hardware-linked like the timers'.
 */
#include "sysreg.h"
#include "vcpu_state.h"

#define PMCR_N(pmcr) (((pmcr) >> 11) & 0x1f)
#define PMCR_WRITABLE 0x79ull /* E, D, X, DP, LC: not the reset bits P and C */
#define ALL_COUNTERS 0xffffffffull /* every event counter and the cycle counter (bit 31) */

static unsigned int counters(uint64_t pmcr)
{
	unsigned int n = PMCR_N(pmcr);
	return n < PMU_MAX_COUNTERS ? n : PMU_MAX_COUNTERS;
}

void pmu_save(struct pmu_state *s)
{
	s->pmcr = sysreg_read(pmcr_el0);
	sysreg_write(pmcr_el0, s->pmcr & PMCR_WRITABLE & ~1ull); /* stop counting first */
	isb();
	s->selr = sysreg_read(pmselr_el0);
	s->cntenset = sysreg_read(pmcntenset_el0);
	s->intenset = sysreg_read(pmintenset_el1);
	s->ovsset = sysreg_read(pmovsset_el0);
	s->userenr = sysreg_read(pmuserenr_el0);
	s->ccntr = sysreg_read(pmccntr_el0);
	s->ccfiltr = sysreg_read(pmccfiltr_el0);
	for (unsigned int n = 0; n < counters(s->pmcr); n++) {
		sysreg_write(pmselr_el0, n);
		isb();
		s->evcntr[n] = sysreg_read(pmxevcntr_el0);
		s->evtyper[n] = sysreg_read(pmxevtyper_el0);
	}
	pmu_silence();
}

void pmu_silence(void)
{
	sysreg_write(pmcntenclr_el0, ALL_COUNTERS);
	sysreg_write(pmintenclr_el1, ALL_COUNTERS);
	sysreg_write(pmovsclr_el0, ALL_COUNTERS); /* the overflow line drops */
	sysreg_write(pmuserenr_el0, 0); /* EL0 of a vCPU loaded lazily: see pmu_in_use() */
	isb();
}

void pmu_load(const struct pmu_state *s)
{
	uint64_t pmcr = sysreg_read(pmcr_el0);
	sysreg_write(pmcr_el0, 0);
	isb();
	for (unsigned int n = 0; n < counters(pmcr); n++) {
		sysreg_write(pmselr_el0, n);
		isb();
		sysreg_write(pmxevtyper_el0, s->evtyper[n]);
		sysreg_write(pmxevcntr_el0, s->evcntr[n]);
	}
	sysreg_write(pmselr_el0, s->selr);
	sysreg_write(pmccfiltr_el0, s->ccfiltr);
	sysreg_write(pmccntr_el0, s->ccntr);
	sysreg_write(pmuserenr_el0, s->userenr);
	sysreg_write(pmcntenclr_el0, ALL_COUNTERS);
	sysreg_write(pmcntenset_el0, s->cntenset);
	sysreg_write(pmintenclr_el1, ALL_COUNTERS);
	sysreg_write(pmintenset_el1, s->intenset);
	sysreg_write(pmovsclr_el0, ALL_COUNTERS);
	sysreg_write(pmovsset_el0, s->ovsset);
	sysreg_write(pmcr_el0, s->pmcr & PMCR_WRITABLE); /* counting resumes last */
	isb();
}
