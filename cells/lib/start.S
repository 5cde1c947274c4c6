/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Cell entry.  Guest contract: EL1h, MMU and caches off, DAIF masked,
 * x0 = IPA of the device tree blob, PC = first byte of the image.
 */

	.section .text.start, "ax"
	.global _start
_start:
	mrs	x20, cntvct_el0			/* first: when this cell began (boot-time benchmark) */
	mov	x19, x0				/* DTB pointer, kept across the setup */
	msr	spsel, #1
	adrp	x1, __stack_top
	add	x1, x1, :lo12:__stack_top
	mov	sp, x1

	adrp	x1, cell_vectors
	add	x1, x1, :lo12:cell_vectors
	msr	vbar_el1, x1
	isb

	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	stp	xzr, xzr, [x1], #16		/* both ends are 16-byte aligned */
	b	1b

2:	adrp	x1, cell_dtb
	str	x19, [x1, :lo12:cell_dtb]
	adrp	x1, cell_entry_counter
	str	x20, [x1, :lo12:cell_entry_counter]
	mov	x0, x19
	bl	console_init
	mov	x0, x19
	bl	cell_main
3:	wfi
	b	3b

/*
 * Every exception is fatal for a cell: reset the stack (it may be the cause),
 * then report and halt in C.  x0 = vector index (0..15).
 */
	.macro	cell_vector idx
	.balign	0x80
	mov	x0, #\idx
	b	cell_vector_common
	.endm

	.text
	.balign	0x800
	.global	cell_vectors
cell_vectors:
	.irp	idx, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	cell_vector \idx
	.endr

cell_vector_common:
	adrp	x1, __stack_top
	add	x1, x1, :lo12:__stack_top
	mov	sp, x1
	bl	cell_exception
4:	wfi
	b	4b

	.section .note.GNU-stack, "", %progbits
