// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Breakpoint and watchpoint registers and MDSCR_EL1 belong to the vCPU
 * that runs (guest debug exceptions go to EL1, MDCR_EL2.TDE clear): saved
 * and restored with it, as many as ID_AA64DFR0_EL1 says the core has.
 */
#include "sysreg.h"
#include "vcpu_state.h"

static unsigned int breakpoints(void)
{
	return (unsigned int)((sysreg_read(id_aa64dfr0_el1) >> 12) & 0xf) + 1;
}

static unsigned int watchpoints(void)
{
	return (unsigned int)((sysreg_read(id_aa64dfr0_el1) >> 20) & 0xf) + 1;
}

/* Registers are named by number only in the instruction: one case per
 * number, from the highest the core has down to 0. */
#define BP_SAVE(n)                                        \
	case n:                                           \
		s->bvr[n] = sysreg_read(dbgbvr##n##_el1); \
		s->bcr[n] = sysreg_read(dbgbcr##n##_el1); \
		__attribute__((fallthrough));
#define WP_SAVE(n)                                        \
	case n:                                           \
		s->wvr[n] = sysreg_read(dbgwvr##n##_el1); \
		s->wcr[n] = sysreg_read(dbgwcr##n##_el1); \
		__attribute__((fallthrough));
#define BP_LOAD(n)                                        \
	case n:                                           \
		sysreg_write(dbgbcr##n##_el1, s->bcr[n]); \
		sysreg_write(dbgbvr##n##_el1, s->bvr[n]); \
		__attribute__((fallthrough));
#define WP_LOAD(n)                                        \
	case n:                                           \
		sysreg_write(dbgwcr##n##_el1, s->wcr[n]); \
		sysreg_write(dbgwvr##n##_el1, s->wvr[n]); \
		__attribute__((fallthrough));
#define EACH_POINT(X) \
	X(15) X(14) X(13) X(12) X(11) X(10) X(9) X(8) X(7) X(6) X(5) X(4) X(3) X(2) X(1) X(0)

void debug_save(struct debug_state *s)
{
	s->mdscr = sysreg_read(mdscr_el1);
	switch (breakpoints() - 1) {
		EACH_POINT(BP_SAVE)
	default:
		break;
	}
	switch (watchpoints() - 1) {
		EACH_POINT(WP_SAVE)
	default:
		break;
	}
}

void debug_load(const struct debug_state *s)
{
	switch (breakpoints() - 1) {
		EACH_POINT(BP_LOAD)
	default:
		break;
	}
	switch (watchpoints() - 1) {
		EACH_POINT(WP_LOAD)
	default:
		break;
	}
	sysreg_write(mdscr_el1, s->mdscr);
	isb();
}
