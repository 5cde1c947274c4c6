// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Lazy FP/SIMD switching.  A vCPU is loaded with FP access trapped
 * (CPTR_EL2.TFP); its first FP instruction traps here, the registers get
 * its own state and the trap is lifted.  A vCPU that never uses FP (most
 * real-time cells) costs nothing, and none ever sees another's v0..v31.
 */
#include "pcpu.h"
#include "sysreg.h"
#include "vcpu_state.h"

#define CPTR_EL2_RES1 0x33ffull
#define CPTR_EL2_TFP BIT(10)

void fp_disable(void)
{
	sysreg_write(cptr_el2, CPTR_EL2_RES1 | CPTR_EL2_TFP);
	isb();
	this_pcpu()->arch.fp_live = false;
}

void fp_trap(struct vcpu_context *ctx)
{
	sysreg_write(cptr_el2, CPTR_EL2_RES1);
	isb();
	fpsimd_load(&ctx->fp);
	this_pcpu()->arch.fp_live = true;
}

void fp_put_away(struct vcpu_context *ctx)
{
	if (this_pcpu()->arch.fp_live)
		fpsimd_save(&ctx->fp);
	fp_disable();
}
