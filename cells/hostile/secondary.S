/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Entry of a secondary vCPU started with PSCI CPU_ON (entry = hostile_secondary,
 * context = x0): EL1h, MMU off, as at _start.  It gets its own stack and the
 * fatal vector table, then runs hostile_secondary_main(context), which must
 * not return.
 */
#define SECONDARY_STACK_SIZE 0x2000

	.text
	.global	hostile_secondary
hostile_secondary:
	msr	spsel, #1
	adrp	x1, secondary_stack_top
	add	x1, x1, :lo12:secondary_stack_top
	mov	sp, x1
	adrp	x1, cell_vectors_secondary
	add	x1, x1, :lo12:cell_vectors_secondary
	msr	vbar_el1, x1
	isb
	bl	hostile_secondary_main
1:	wfi
	b	1b

/* Every exception is fatal here too; report it through cells/lib. */
	.balign	0x800
cell_vectors_secondary:
	.irp	idx, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	.balign	0x80
	mov	x0, #\idx
	b	cell_exception
	.endr

	.bss
	.balign	16
	.space	SECONDARY_STACK_SIZE
secondary_stack_top:

	.section .note.GNU-stack, "", %progbits
