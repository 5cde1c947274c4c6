/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* AArch64 system register access and the EL2 control bits we use. */
#ifndef SYSREG_H
#define SYSREG_H

#include "types.h"

#define sysreg_read(r)                                       \
	({                                                   \
		uint64_t __v;                                \
		__asm__ volatile("mrs %0, " #r : "=r"(__v)); \
		__v;                                         \
	})
#define sysreg_write(r, v) __asm__ volatile("msr " #r ", %0" ::"r"((uint64_t)(v)))

#define isb() __asm__ volatile("isb" ::: "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt ::: "memory")
#define wfi() __asm__ volatile("wfi" ::: "memory")
#define wfe() __asm__ volatile("wfe" ::: "memory")
#define sev() __asm__ volatile("sev" ::: "memory")

/* HCR_EL2 */
#define HCR_VM BIT(0)
#define HCR_SWIO BIT(1)
#define HCR_FMO BIT(3)
#define HCR_IMO BIT(4)
#define HCR_AMO BIT(5)
#define HCR_FB BIT(9)
#define HCR_BSU_IS (1ull << 10)
#define HCR_TWI BIT(13)
#define HCR_TWE BIT(14)
#define HCR_TSC BIT(19)
#define HCR_TIDCP BIT(20)
#define HCR_TACR BIT(21)
#define HCR_RW BIT(31)

/* ESR_ELx */
#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define ESR_IL BIT(25)
#define ESR_ISS(esr) ((esr)&0x1ffffff)
#define EC_UNKNOWN 0x00
#define EC_WFX 0x01
#define EC_FP 0x07 /* FP/SIMD access trapped by CPTR_EL2.TFP */
#define EC_HVC64 0x16
#define EC_SMC64 0x17
#define EC_SYSREG 0x18
#define EC_IABT_LOW 0x20
#define EC_DABT_LOW 0x24

/* ISS of a trapped MSR/MRS: Op0, Op2, Op1, CRn, CRm (Rt and direction masked) */
#define SYSREG_ISS_MASK 0x3ffc1eu
#define SYSREG_ISS(op0, op1, crn, crm, op2) \
	(((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | ((crm) << 1))

/* Data-abort ISS */
#define DABT_ISV BIT(24)
#define DABT_SAS(iss) (((iss) >> 22) & 3)
#define DABT_SSE BIT(21)
#define DABT_SRT(iss) (((iss) >> 16) & 0x1f)
#define DABT_SF BIT(15)
#define DABT_S1PTW BIT(7)
#define DABT_WNR BIT(6)
#define DABT_DFSC(iss) ((iss)&0x3f)

#define SPSR_I BIT(7)

/* MDCR_EL2: PMU registers, debug registers, OS lock registers trap */
#define MDCR_EL2_TPM BIT(6)
#define MDCR_EL2_TDA BIT(9)
#define MDCR_EL2_TDOSA BIT(10)

/* CNTV_CTL_EL0, CNTP_CTL_EL0 */
#define CNT_CTL_ENABLE BIT(0)
#define CNT_CTL_IMASK BIT(1)

/* SPSR for a fresh EL1h entry with D, A, I, F masked */
#define SPSR_EL1H_MASKED 0x3c5ull

/* SCTLR_EL1 RES1 bits, MMU and caches off */
#define SCTLR_EL1_RESET 0x30d00800ull

#endif /* SYSREG_H */
