/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* Constants shared by the assembly files and C. */
#ifndef ASM_H
#define ASM_H

#define STACK_SHIFT 13 /* 8 KiB of EL2 stack per physical core */
#define STACK_SIZE (1 << STACK_SHIFT)
#define FRAME_SIZE 256 /* struct trap_frame */
#define PCPU_VTIMER_LR 8 /* offsetof(struct pcpu, vtimer_lr) */
#define INTID_VTIMER_ASM 27

#endif /* ASM_H */
