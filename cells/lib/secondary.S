/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Entry of a secondary vCPU started with PSCI CPU_ON (entry =
 * cell_secondary_entry, x0 = the context id): EL1h, MMU off, as at _start.
 * It gets a stack of its own and the fatal vector table, then runs
 * cell_secondary_main(context), which must not return.  One secondary
 * vCPU per cell: there is one stack.
 */
#define SECONDARY_STACK_SIZE 0x2000

	.text
	.global	cell_secondary_entry
cell_secondary_entry:
	msr	spsel, #1
	adrp	x1, secondary_stack_top
	add	x1, x1, :lo12:secondary_stack_top
	mov	sp, x1
	adrp	x1, cell_vectors
	add	x1, x1, :lo12:cell_vectors
	msr	vbar_el1, x1
	isb
	bl	cell_secondary_main
1:	wfi
	b	1b

	.section .stack.secondary, "aw", %nobits
	.balign	16
	.space	SECONDARY_STACK_SIZE
secondary_stack_top:

	.section .note.GNU-stack, "", %progbits
