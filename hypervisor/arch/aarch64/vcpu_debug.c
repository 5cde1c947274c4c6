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
	s->mdccint = sysreg_read(mdccint_el1);
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
	sysreg_write(mdscr_el1, 0); /* the points it left here fire for nobody */
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
	sysreg_write(mdccint_el1, s->mdccint);
	isb();
}

/* The OS lock registers trap (MDCR_EL2.TDOSA): each vCPU has an OS lock of
 * its own, kept in its context, which the hardware never sees, so no vCPU
 * can suppress another's debug exceptions.  The double lock and the power
 * control register read as zero and ignore writes. */
#define ISS_OSLAR SYSREG_ISS(2u, 0u, 1u, 0u, 4u)
#define ISS_OSLSR SYSREG_ISS(2u, 0u, 1u, 1u, 4u)
#define ISS_OSDLR SYSREG_ISS(2u, 0u, 1u, 3u, 4u)
#define ISS_DBGPRCR SYSREG_ISS(2u, 0u, 1u, 4u, 4u)
#define OSLSR_OSLM_IMPLEMENTED 0x8u /* OSLM = 0b10 */

bool debug_os_lock_access(struct debug_state *s, uint32_t reg, bool read, uint64_t *val)
{
	switch (reg) {
	case ISS_OSLAR:
		if (!read)
			s->os_lock = *val & 1;
		else
			*val = 0;
		return true;
	case ISS_OSLSR:
		if (read)
			*val = OSLSR_OSLM_IMPLEMENTED | (s->os_lock << 1);
		return true;
	case ISS_OSDLR:
	case ISS_DBGPRCR:
		if (read)
			*val = 0;
		return true;
	default:
		return false;
	}
}
