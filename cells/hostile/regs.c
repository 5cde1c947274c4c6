// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * H4: register state left over from before a reset.  Needs `recovery:
 * restart`.  At each boot it reads the FP/SIMD registers v0..v31, FPCR and
 * FPSR, breakpoint/watchpoint 0 and MDSCR_EL1, and the PMU's cycle counter,
 * event counter 0, PMCR_EL0.E and PMCNTENSET_EL0, and prints
 *   hostile: regs clean            every one of them zero
 *   hostile: regs LEAK <which>     the ones that are not, with their values
 * then writes markers into all of them (and starts the counters), runs for
 * 10 ms without waiting (a cell sharing its core runs meanwhile), reads
 * them back and prints
 *   hostile: regs kept             every marker still there, counters on
 *   hostile: regs LOST <which>     the ones that changed
 * and calls SYSTEM_RESET.  A hypervisor that clears this state at every
 * cell reset (or traps it and shows zeros) makes every boot say "clean";
 * one that switches it with the vCPU, eagerly or on first use, says "kept".
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "psci.h"
#include "timer.h"

#define REGS_MARKER 0x600dcafe600dcafeul

#define CPACR_FPEN (3ul << 20)
#define PMCR_E (1ul << 0)
#define PMCR_LC (1ul << 6)
#define PMCNTEN_C (1ul << 31)
#define PMCNTEN_P0 (1ul << 0)
#define PMEVTYPER_CPU_CYCLES 0x11ul

uint32_t regs_fp_differs(uint64_t marker);
void regs_fp_fill(uint64_t marker);
uint64_t regs_fpcr(void);
uint64_t regs_fpsr(void);
void regs_set_fpcr(uint64_t v);
void regs_set_fpsr(uint64_t v);

#define SYSREG_READ(name)                                  \
	({                                                 \
		uint64_t v_;                               \
		asm volatile("mrs %0, " #name : "=r"(v_)); \
		v_;                                        \
	})
#define SYSREG_WRITE(name, v) asm volatile("msr " #name ", %0" : : "r"((uint64_t)(v)))

struct regs_seen {
	const char *name;
	uint64_t value;
};

static struct regs_seen regs_seen[12];
static unsigned regs_nseen;

static void regs_check(const char *name, uint64_t v)
{
	regs_seen[regs_nseen++] = (struct regs_seen){ name, v };
}

/** One line naming the nonzero ones, then one line per value (a console
 *  line is short). */
static void regs_report(void)
{
	unsigned i, leaks = 0;

	for (i = 0; i < regs_nseen; i++)
		if (regs_seen[i].value && !leaks++)
			console_printf("hostile: regs LEAK %s", regs_seen[i].name);
		else if (regs_seen[i].value)
			console_printf(" %s", regs_seen[i].name);
	if (!leaks) {
		console_puts("hostile: regs clean\n");
		return;
	}
	console_putc('\n');
	for (i = 0; i < regs_nseen; i++)
		if (regs_seen[i].value)
			console_printf("hostile:   %s=0x%lx\n", regs_seen[i].name,
				       regs_seen[i].value);
}

/* What the markers read back as, right after writing them. */
struct regs_marked {
	uint64_t fpcr, fpsr, bvr0, bcr0, wvr0, mdscr, evtyper0, cntenset, evcntr0, ccntr;
};

static void regs_mark_read(struct regs_marked *m)
{
	m->fpcr = regs_fpcr();
	m->fpsr = regs_fpsr();
	m->bvr0 = SYSREG_READ(dbgbvr0_el1);
	m->bcr0 = SYSREG_READ(dbgbcr0_el1);
	m->wvr0 = SYSREG_READ(dbgwvr0_el1);
	m->mdscr = SYSREG_READ(mdscr_el1);
	SYSREG_WRITE(pmselr_el0, 0);
	asm volatile("isb");
	m->evtyper0 = SYSREG_READ(pmxevtyper_el0);
	m->cntenset = SYSREG_READ(pmcntenset_el0);
	m->evcntr0 = SYSREG_READ(pmevcntr0_el0);
	m->ccntr = SYSREG_READ(pmccntr_el0);
}

/** After running beside another cell: every marker as written, the counters
 *  on and not behind. */
static void regs_kept(const struct regs_marked *was)
{
	struct regs_marked now;
	uint32_t fp = regs_fp_differs(REGS_MARKER);
	regs_mark_read(&now);
	regs_nseen = 0;
	regs_check("v0-v31", fp);
	regs_check("fpcr", now.fpcr != was->fpcr);
	regs_check("fpsr", now.fpsr != was->fpsr);
	regs_check("dbgbvr0", now.bvr0 != was->bvr0);
	regs_check("dbgbcr0", now.bcr0 != was->bcr0);
	regs_check("dbgwvr0", now.wvr0 != was->wvr0);
	regs_check("mdscr", now.mdscr != was->mdscr);
	regs_check("pmevtyper0", now.evtyper0 != was->evtyper0);
	regs_check("pmcntenset", now.cntenset != was->cntenset);
	regs_check("pmevcntr0", now.evcntr0 < was->evcntr0);
	regs_check("pmccntr", now.ccntr < was->ccntr);
	regs_check("pmcr.e", !(SYSREG_READ(pmcr_el0) & PMCR_E));
	unsigned i, lost = 0;
	for (i = 0; i < regs_nseen; i++)
		if (regs_seen[i].value)
			console_printf(lost++ ? " %s" : "hostile: regs LOST %s", regs_seen[i].name);
	console_puts(lost ? "\n" : "hostile: regs kept\n");
}

void cell_main(uintptr_t dtb)
{
	(void)dtb;
	SYSREG_WRITE(cpacr_el1, SYSREG_READ(cpacr_el1) | CPACR_FPEN);
	asm volatile("isb");

	regs_check("v0-v31", regs_fp_differs(0));
	regs_check("fpcr", regs_fpcr());
	regs_check("fpsr", regs_fpsr());
	regs_check("dbgbvr0", SYSREG_READ(dbgbvr0_el1));
	regs_check("dbgbcr0", SYSREG_READ(dbgbcr0_el1));
	regs_check("dbgwvr0", SYSREG_READ(dbgwvr0_el1));
	regs_check("mdscr", SYSREG_READ(mdscr_el1));
	regs_check("pmccntr", SYSREG_READ(pmccntr_el0));
	regs_check("pmevcntr0", SYSREG_READ(pmevcntr0_el0));
	regs_check("pmcr.e", SYSREG_READ(pmcr_el0) & PMCR_E);
	regs_check("pmcntenset", SYSREG_READ(pmcntenset_el0));
	regs_report();

	/* Markers everywhere, counters running. */
	regs_fp_fill(REGS_MARKER);
	regs_set_fpcr(0x03c00000); /* DN, FZ, RMode = round towards zero */
	regs_set_fpsr(0x0800009f); /* QC and every cumulative flag */
	SYSREG_WRITE(dbgbvr0_el1, CELL_RAM_BASE + 0x1000);
	SYSREG_WRITE(dbgbcr0_el1, 0x1e6); /* BAS 0xf, PMC EL1+EL0; E = 0: not armed */
	SYSREG_WRITE(dbgwvr0_el1, CELL_RAM_BASE + 0x2000);
	SYSREG_WRITE(mdscr_el1, 1ul << 12); /* TDCC: harmless at EL1 */
	SYSREG_WRITE(pmevtyper0_el0, PMEVTYPER_CPU_CYCLES);
	SYSREG_WRITE(pmevcntr0_el0, 0x12345678);
	SYSREG_WRITE(pmccntr_el0, REGS_MARKER >> 16);
	SYSREG_WRITE(pmcntenset_el0, PMCNTEN_C | PMCNTEN_P0);
	SYSREG_WRITE(pmcr_el0, SYSREG_READ(pmcr_el0) | PMCR_E | PMCR_LC);
	asm volatile("isb");
	struct regs_marked marked;
	regs_mark_read(&marked);
	console_printf("hostile: markers written (pmccntr now 0x%lx)\n", marked.ccntr);
	timer_delay_us(10000);
	regs_kept(&marked);
	psci_system_reset();
}
