/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * A vCPU's system registers between the CPU and its struct vcpu_context:
 * ELR/SPSR_EL2, then the EL1 registers in the struct's field order
 * (vcpu_context.c asserts the offsets).  The general registers need no
 * move: every trap saves them into the context (vectors.S).  In assembly so
 * that each pair of registers costs one load or store.
 *
 *   context_save(struct vcpu_context *ctx)
 *   context_load(const struct vcpu_context *ctx)
 */
#include "asm.h"

/* Each pair of registers that sit side by side in the struct, from elr_el2 on. */
.macro pairs op
	\op	elr_el2, spsr_el2, CTX_ELR_EL2
	\op	sp_el0, sp_el1, CTX_EL1 + 0
	\op	elr_el1, spsr_el1, CTX_EL1 + 16
	\op	sctlr_el1, ttbr0_el1, CTX_EL1 + 32
	\op	ttbr1_el1, tcr_el1, CTX_EL1 + 48
	\op	mair_el1, amair_el1, CTX_EL1 + 64
	\op	vbar_el1, contextidr_el1, CTX_EL1 + 80
	\op	tpidr_el0, tpidrro_el0, CTX_EL1 + 96
	\op	tpidr_el1, esr_el1, CTX_EL1 + 112
	\op	far_el1, afsr0_el1, CTX_EL1 + 128
	\op	afsr1_el1, par_el1, CTX_EL1 + 144
	\op	cpacr_el1, csselr_el1, CTX_EL1 + 160
	\op	cntkctl_el1, cntv_cval_el0, CTX_EL1 + 176
	\op	cntv_ctl_el0, cntp_cval_el0, CTX_EL1 + 192
.endm

.macro save_pair a, b, off
	mrs	x2, \a
	mrs	x3, \b
	stp	x2, x3, [x0, #\off]
.endm

/* A timer's compare value goes in before its control: enabling never
 * compares against the previous vCPU's value. */
.macro load_pair a, b, off
	ldp	x2, x3, [x0, #\off]
	msr	\a, x2
	msr	\b, x3
.endm

	.text
	.global context_save
context_save:
	pairs	save_pair
	mrs	x2, cntp_ctl_el0	/* (VMPIDR_EL2 is the vCPU's constant: loaded only) */
	str	x2, [x0, #CTX_EL1 + 208]
	ret

	.global context_load
context_load:
	pairs	load_pair
	ldp	x2, x3, [x0, #CTX_EL1 + 208]
	msr	cntp_ctl_el0, x2
	msr	vmpidr_el2, x3
	ret
