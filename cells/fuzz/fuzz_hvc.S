/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * uint64_t fuzz_hvc(const uint64_t regs[7], uint64_t *changed)
 *
 * Issues HVC #0 with x0..x6 = regs[0..6] and returns the result x0.  Before
 * the call x18..x30 hold known patterns; *changed gets bit n set if xn came
 * back different (n = 18..30) and bit 31 if sp did.  SMCCC 1.1 lets the
 * hypervisor clobber only x0..x17.
 */
	.macro	fuzz_pattern reg, n
	ldr	\reg, =(0x5a5a5a5a00000000 + (\n << 8) + \n)
	.endm

	.text
	.global	fuzz_hvc
	.type	fuzz_hvc, %function
fuzz_hvc:
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	adrp	x9, fuzz_hvc_saved
	add	x9, x9, :lo12:fuzz_hvc_saved
	mov	x10, sp
	stp	x10, x1, [x9]			/* sp and the changed pointer */

	mov	x9, x0
	ldp	x1, x2, [x9, #8]
	ldp	x3, x4, [x9, #24]
	ldp	x5, x6, [x9, #40]
	ldr	x0, [x9]
	.irp	n, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	fuzz_pattern x\n, \n
	.endr

	hvc	#0

	mov	x9, xzr
	.irp	n, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	fuzz_pattern x10, \n
	cmp	x\n, x10
	cset	x11, ne
	orr	x9, x9, x11, lsl #\n
	.endr
	adrp	x10, fuzz_hvc_saved
	add	x10, x10, :lo12:fuzz_hvc_saved
	ldp	x11, x12, [x10]
	mov	x13, sp
	cmp	x13, x11
	cset	x14, ne
	orr	x9, x9, x14, lsl #31
	mov	sp, x11
	str	x9, [x12]

	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret
	.size	fuzz_hvc, . - fuzz_hvc
	.ltorg

	.bss
	.balign	16
fuzz_hvc_saved:
	.skip	16

	.section .note.GNU-stack, "", %progbits
