/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Entry of vCPU 1, started with PSCI CPU_ON (entry = gictest_secondary,
 * context = x0): EL1h, MMU off, IRQs masked.  Its own stack and the rtos
 * vector table, then gictest_secondary_main(context), which does not return.
 */
#define SECONDARY_STACK_SIZE 0x2000

	.text
	.global	gictest_secondary
gictest_secondary:
	msr	spsel, #1
	adrp	x1, secondary_stack_top
	add	x1, x1, :lo12:secondary_stack_top
	mov	sp, x1
	adrp	x1, rtos_vectors
	add	x1, x1, :lo12:rtos_vectors
	msr	vbar_el1, x1
	isb
	bl	gictest_secondary_main
1:	wfi
	b	1b

	.bss
	.balign	16
	.space	SECONDARY_STACK_SIZE
secondary_stack_top:

	.section .note.GNU-stack, "", %progbits
