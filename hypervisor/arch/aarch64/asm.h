/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* Constants shared by the assembly files and C. */
#ifndef ASM_H
#define ASM_H

#define STACK_SHIFT 13 /* 8 KiB of EL2 stack per physical core */
#define STACK_SIZE (1 << STACK_SHIFT)
/* struct vcpu_context (context.S) */
#define CTX_ELR_EL2 248
#define CTX_EL1 264 /* sp_el0, the first EL1 register */
#define PCPU_VTIMER_LR 8 /* offsetof(struct pcpu, vtimer_lr) */
#define INTID_VTIMER_ASM 27
#define PCPU_POSTED 16 /* offsetof(struct pcpu, arch.posted) */
#define PCPU_POSTED_LRS 24 /* offsetof(struct pcpu, arch.posted_lrs) */
#define PCPU_TIMER_IRQS 32 /* offsetof(struct pcpu, arch.timer_irqs) */
#define PCPU_FRAME 40 /* offsetof(struct pcpu, arch.frame) */
#define SGI_DOORBELL_ASM 1 /* SGI_DOORBELL */
#define EC_HVC64_ASM 0x16
#define HVC_DOORBELL_LO 0x0005 /* TESSERA_HVC_DOORBELL, in two halves */
#define HVC_DOORBELL_HI 0xc600
/* Bits of a posted doorbell (vgic_posted.c) that count the slot's resets:
 * bits 47:42 of a list register are RES0. */
#define POSTED_GEN_SHIFT 42
#define POSTED_GEN_MASK 0x0000fc0000000000

#endif /* ASM_H */
