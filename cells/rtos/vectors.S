/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * The runtime's exception vectors.  An IRQ taken from EL1h is handled; every
 * other exception is as fatal as with cells/lib's table and ends the same way,
 * in cell_exception().
 *
 * The IRQ entry reads CNTVCT_EL0 as its second instruction, right after
 * freeing a register: the latency measured is deadline -> that read.  No isb
 * is needed before it because exception entry is context-synchronizing.  It
 * saves only the caller-saved registers (x0-x18, x30): the C handler keeps the
 * rest, and ELR/SPSR need no saving because the handler runs with IRQs masked
 * and takes no other exception.  Everything fits in the 32-instruction slot.
 */
#define RTOS_IRQ_FRAME 160 /* x0-x18, x30: 20 registers, 16-byte aligned */

	.macro	rtos_vector_fatal idx
	.balign	0x80
	mov	x0, #\idx
	b	rtos_fatal
	.endm

	.text
	.balign	0x800
	.global	rtos_vectors
rtos_vectors:
	.irp	idx, 0, 1, 2, 3, 4		/* EL1t x4, then EL1h sync */
	rtos_vector_fatal \idx
	.endr

	.balign	0x80				/* 5: IRQ from EL1h */
	stp	x0, x1, [sp, #-RTOS_IRQ_FRAME]!
	mrs	x0, cntvct_el0			/* the handler-entry timestamp */
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x30, [sp, #144]
	bl	rtos_irq			/* x0 = entry timestamp */
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x30, [sp, #144]
	ldp	x0, x1, [sp], #RTOS_IRQ_FRAME
	eret
	.org	rtos_vectors + 0x300	/* an error if the slot overflowed */

	.irp	idx, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	rtos_vector_fatal \idx
	.endr

/* As in start.S: the stack may be what broke, so start afresh on it. */
rtos_fatal:
	adrp	x1, __stack_top
	add	x1, x1, :lo12:__stack_top
	mov	sp, x1
	bl	cell_exception
1:	wfi
	b	1b

	.section .note.GNU-stack, "", %progbits
