/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Entry at EL2.  QEMU starts only the boot core here; the others come in at
 * secondary_entry through PSCI CPU_ON with their core index as context id.
 * The MMU is off: nothing here may rely on caches or unaligned accesses.
 */
#include "asm.h"

	.section .text.boot, "ax"
	.global _start
_start:
	mrs	x1, CurrentEL
	cmp	x1, #(2 << 2)
	b.ne	not_el2

	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	stp	xzr, xzr, [x1], #16
	b	1b
2:	mov	x0, #0
	b	cpu_entry

	.global secondary_entry
secondary_entry:
	/* x0 = core index, passed as the PSCI context id */
cpu_entry:
	adrp	x1, hv_stacks
	add	x1, x1, :lo12:hv_stacks
	add	x2, x0, #1
	lsl	x2, x2, #STACK_SHIFT
	add	x1, x1, x2
	mov	sp, x1
	adrp	x1, el2_vectors
	add	x1, x1, :lo12:el2_vectors
	msr	vbar_el2, x1
	isb
	bl	hv_cpu_main
	b	halt

not_el2:
	/* Nothing to report to: no console is set up yet.  Halt quietly. */
halt:
	wfe
	b	halt
