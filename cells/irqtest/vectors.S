/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * irqtest's vectors: an IRQ taken from EL1h calls irqtest_irq() with the
 * caller-saved registers (x0-x18, x30) saved; ELR/SPSR need no saving because
 * the handler runs with IRQs masked and takes no other EL1 exception (its
 * ICC_SGI1R_EL1 writes trap to EL2, not to us).  Everything else is fatal and
 * ends in cell_exception(), as with cells/lib's table.
 */
#define IRQTEST_FRAME 160

	.macro	irqtest_vector_fatal idx
	.balign	0x80
	mov	x0, #\idx
	b	irqtest_fatal
	.endm

	.text
	.balign	0x800
	.global	irqtest_vectors
irqtest_vectors:
	.irp	idx, 0, 1, 2, 3, 4
	irqtest_vector_fatal \idx
	.endr

	.balign	0x80				/* 5: IRQ from EL1h */
	stp	x0, x1, [sp, #-IRQTEST_FRAME]!
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x30, [sp, #144]
	bl	irqtest_irq
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x30, [sp, #144]
	ldp	x0, x1, [sp], #IRQTEST_FRAME
	eret
	.org	irqtest_vectors + 0x300

	.irp	idx, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	irqtest_vector_fatal \idx
	.endr

irqtest_fatal:
	adrp	x1, __stack_top
	add	x1, x1, :lo12:__stack_top
	mov	sp, x1
	bl	cell_exception
1:	wfi
	b	1b

	.section .note.GNU-stack, "", %progbits
