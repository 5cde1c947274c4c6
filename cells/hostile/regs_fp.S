/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * FP/SIMD register access for regs.c, in assembly because cells are compiled
 * with -mgeneral-regs-only.  The caller enables FP at EL1 first
 * (CPACR_EL1.FPEN = 0b11).
 */
	.arch	armv8-a+fp+simd
	.text

/* uint32_t regs_fp_differs(uint64_t marker): bit n set if vn is not marker in both halves
 * (marker 0: if it holds anything). */
	.global	regs_fp_differs
regs_fp_differs:
	mov	x3, x0
	mov	x0, #0
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	mov	x1, v\n\().d[0]
	mov	x2, v\n\().d[1]
	eor	x1, x1, x3
	eor	x2, x2, x3
	orr	x1, x1, x2
	cmp	x1, #0
	cset	x1, ne
	orr	x0, x0, x1, lsl #\n
	.endr
	ret

/* void regs_fp_fill(uint64_t marker): both halves of v0..v31 = marker. */
	.global	regs_fp_fill
regs_fp_fill:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	dup	v\n\().2d, x0
	.endr
	ret

/* uint64_t regs_fpcr(void), regs_fpsr(void); void regs_set_fpcr/fpsr(uint64_t) */
	.global	regs_fpcr, regs_fpsr, regs_set_fpcr, regs_set_fpsr
regs_fpcr:
	mrs	x0, fpcr
	ret
regs_fpsr:
	mrs	x0, fpsr
	ret
regs_set_fpcr:
	msr	fpcr, x0
	ret
regs_set_fpsr:
	msr	fpsr, x0
	ret

	.section .note.GNU-stack, "", %progbits
