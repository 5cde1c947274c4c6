/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * EL2 exception vectors.  While a guest runs, SP_EL2 points at its vCPU's
 * register save area (pcpu.arch.frame, the start of its struct
 * vcpu_context): a trap saves the 31 general registers straight into the
 * vCPU's context (one place for the whole context, so switching, migrating
 * and checkpointing copy none of them), moves to this core's stack for C,
 * and returns through guest_exit.  ELR/SPSR stay in their registers.
 * Paths that end without C (the timer and posted-doorbell IRQs) never leave
 * the save area.
 */
#include "asm.h"
#include "sysconfig_gen.h"

.macro save_frame
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	save_frame_from_x4
.endm

/* x4..x17 in their frame slots, and back: the caller-saved registers the
 * doorbell's C code may change, and part of every full save. */
.macro frame_x4_x17 op
	\op	x4, x5, [sp, #16 * 2]
	\op	x6, x7, [sp, #16 * 3]
	\op	x8, x9, [sp, #16 * 4]
	\op	x10, x11, [sp, #16 * 5]
	\op	x12, x13, [sp, #16 * 6]
	\op	x14, x15, [sp, #16 * 7]
	\op	x16, x17, [sp, #16 * 8]
.endm

/* x4..x30: the part the IRQ fast path leaves for the slow path to save */
.macro save_frame_from_x4
	frame_x4_x17 stp
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	str	x30, [sp, #16 * 15]
.endm

/* From the vCPU's save area to this core's C stack (x4 is saved already). */
.macro c_stack
	mrs	x4, tpidr_el2
	ldr	x4, [x4]			/* pcpu.stack_top */
	mov	sp, x4
.endm

.macro ventry target
	.balign 128
	b	\target
.endm

.macro vsave target
	.balign 128
	save_frame
	b	\target
.endm

	.section .text.vectors, "ax"
	.balign 2048
	.global el2_vectors
el2_vectors:
	/* current EL, SP_EL0: never used */
	ventry	hyp_trap
	ventry	hyp_trap
	ventry	hyp_trap
	ventry	hyp_trap
	/* current EL, SP_ELx: a hypervisor bug */
	ventry	hyp_trap
	ventry	hyp_trap
	ventry	hyp_trap
	ventry	hyp_trap
	/* lower EL, AArch64 */
	.balign 128
	/*
	 * Hypercalls go straight to their dispatcher; the doorbell
	 * (TESSERA_HVC_DOORBELL) even skips the full save: its C code
	 * (hypercall_doorbell) neither switches nor inspects the vCPU, so the
	 * caller-saved registers are all it needs put away.
	 */
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	mrs	x2, esr_el2
	lsr	w3, w2, #26
	cmp	w3, #EC_HVC64_ASM
	b.ne	guest_sync
	mov	w2, #HVC_DOORBELL_LO
	movk	w2, #HVC_DOORBELL_HI, lsl #16
	cmp	w0, w2
	b.eq	guest_doorbell
	b	guest_hvc
	.balign 128
#if SYSCONFIG_GIC_V3
	/*
	 * IRQ fast path: the running vCPU's virtual timer goes straight into
	 * a free list register (hardware-linked: the guest's EOI deactivates
	 * it), in a few instructions and without C.  Anything else falls
	 * through to the full save with the acknowledged INTID in x0.
	 */
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	mrs	x0, S3_0_C12_C12_0		/* ICC_IAR1_EL1 */
	cmp	w0, #INTID_VTIMER_ASM
	b.ne	guest_irq_not_vtimer
	mrs	x2, spsr_el2
	tbnz	x2, #7, guest_irq_slow		/* guest IRQs masked: resample (vgic_inject_hw) */
	mrs	x3, tpidr_el2
	ldr	x1, [x3, #PCPU_VTIMER_LR]
	cbz	x1, guest_irq_slow
	mrs	x2, S3_4_C12_C11_5		/* ICH_ELRSR_EL2 */
	tbz	x2, #0, guest_irq_slow		/* list register 0 busy */
	msr	S3_0_C12_C12_1, x0		/* ICC_EOIR1_EL1: priority drop */
	msr	S3_4_C12_C12_0, x1		/* ICH_LR0_EL2 */
	ldr	x3, [x3, #PCPU_TIMER_IRQS]	/* the vCPU's activity.timer_irqs */
	ldr	x2, [x3]
	add	x2, x2, #1
	str	x2, [x3]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x0, x1, [sp, #16 * 0]
	eret
#else
	/* GICv2: the memory-mapped CPU interface is read in C */
	save_frame
	b	guest_irq_gicv2
#endif
	vsave	guest_other
	vsave	guest_other
	/* lower EL, AArch32: guests run AArch64 only (HCR_EL2.RW) */
	vsave	guest_other
	vsave	guest_other
	vsave	guest_other
	vsave	guest_other

guest_sync:
	/* x0..x3 are saved already; w3 holds the exception class, x2 ESR_EL2 */
	save_frame_from_x4
	mov	x0, sp
	c_stack
	mov	w1, w3
	bl	trap_guest_sync
	b	guest_exit

guest_hvc:
	/* x0..x3 are saved already */
	save_frame_from_x4
	mov	x0, sp
	c_stack
	bl	hypercall_dispatch
	b	guest_exit

guest_doorbell:
	/* x0..x3 are saved already; the guest gets x0 back and the rest as they
	 * were.  x30 borrows x19's slot: the save area is whole only after a
	 * full save, and only a full save can precede a switch. */
	frame_x4_x17 stp
	stp	x18, x30, [sp, #16 * 9]
	c_stack
	bl	hypercall_doorbell		/* (fid, index) as the guest passed them */
	mrs	x4, tpidr_el2
	ldr	x4, [x4, #PCPU_FRAME]
	mov	sp, x4
	frame_x4_x17 ldp
	ldp	x18, x30, [sp, #16 * 9]
	ldr	x1, [sp, #16 * 0 + 8]
	ldp	x2, x3, [sp, #16 * 1]
	eret

#if SYSCONFIG_GIC_V3
guest_irq_not_vtimer:
	/*
	 * A doorbell another core posted for the running vCPU (vgic_posted.c)
	 * goes into LR1 when every list register but LR0 is free and LR0
	 * holds at most the virtual timer: then no list register can hold the
	 * same INTID.  Otherwise, and for everything else, the slow path.
	 */
	cmp	w0, #SGI_DOORBELL_ASM
	b.ne	guest_irq_slow
	mrs	x3, tpidr_el2
	ldr	x1, [x3, #PCPU_POSTED]
	ldr	x3, [x3, #PCPU_POSTED_LRS]
	mrs	x2, S3_4_C12_C11_5		/* ICH_ELRSR_EL2 */
	bics	xzr, x3, x2
	b.ne	guest_irq_slow
	tbnz	x2, #0, 1f
	mrs	x2, S3_4_C12_C12_0		/* ICH_LR0_EL2 */
	cmp	w2, #INTID_VTIMER_ASM
	b.ne	guest_irq_slow
1:	ldaxr	x2, [x1]
	and	x3, x2, #POSTED_GEN_MASK
	stxr	w0, x3, [x1]			/* the mailbox emptied, its reset count kept */
	cbnz	w0, 1b
	ands	x2, x2, #~POSTED_GEN_MASK
	b.eq	2f				/* taken already (vgic_flush) */
	msr	S3_4_C12_C12_1, x2		/* ICH_LR1_EL2 */
2:	mov	x0, #SGI_DOORBELL_ASM
	msr	S3_0_C12_C12_1, x0		/* ICC_EOIR1_EL1: priority drop */
	msr	S3_0_C12_C11_1, x0		/* ICC_DIR_EL1: deactivation */
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x0, x1, [sp, #16 * 0]
	eret

guest_irq_slow:
	/* x0..x3 are saved already; x0 holds the acknowledged INTID */
	save_frame_from_x4
	c_stack
	bl	trap_guest_irq
	b	guest_exit
#else
guest_irq_gicv2:
	c_stack
	bl	gic_ack
	bl	trap_guest_irq
	b	guest_exit
#endif

guest_other:
	mov	x0, sp
	c_stack
	bl	trap_guest_other
	b	guest_exit

hyp_trap:
	mrs	x0, esr_el2
	mrs	x1, elr_el2
	mrs	x2, far_el2
	bl	trap_hyp
	b	.

/* void arch_guest_enter(void): drop the C stack and run the loaded vCPU
 * (its save area is pcpu.arch.frame, which a switch may have changed). */
	.global arch_guest_enter
arch_guest_enter:
guest_exit:
	mrs	x0, tpidr_el2
	ldr	x0, [x0, #PCPU_FRAME]
	mov	sp, x0
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	frame_x4_x17 ldp
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	ldr	x30, [sp, #16 * 15]
	eret
