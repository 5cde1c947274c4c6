// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Synchronous traps from guests, decoded from ESR_EL2.  Anything we do not
 * emulate stops the offending cell; nothing here trusts a guest value.
 */
#include "arch.h"
#include "checkpoint.h"
#include "fault.h"
#include "hypercall.h"
#include "mmio_emulate.h"
#include "printk.h"
#include "psci.h"
#include "sched.h"
#include "sysreg.h"
#include "vcpu.h"
#include "vcpu_state.h"
#include "vgic.h"

static uint64_t fault_ipa(void)
{
	/* HPFAR_EL2.FIPA holds IPA[47:12] in bits [43:4]. */
	return ((sysreg_read(hpfar_el2) >> 4) << 12) | (sysreg_read(far_el2) & 0xfff);
}

static const char *dabt_kind(uint64_t iss)
{
	unsigned int dfsc = DABT_DFSC(iss) & 0x3c;
	if (dfsc == 0x04)
		return "translation";
	if (dfsc == 0x0c)
		return "permission";
	if (dfsc == 0x08)
		return "access flag";
	return "other";
}

/* A data abort nothing emulates: a write to RAM under dirty-page tracking
 * (whatever the instruction: it runs again, no syndrome needed), else a
 * fault of the cell. */
static void __attribute__((noinline)) dabt_unhandled(uint64_t iss, uint64_t ipa)
{
	bool permission = (DABT_DFSC(iss) & 0x3c) == 0x0c;
	if (permission && (iss & DABT_WNR) && checkpoint_write_fault(vcpu_current()->cell, ipa))
		return;
	guest_fault("stage-2 data abort at IPA 0x%lx PC 0x%lx (%s, %s)", ipa, arch_vcpu_pc(),
		    (iss & DABT_WNR) ? "write" : "read", dabt_kind(iss));
}

/* The bytes an access of 'size' moves: devices see and return exactly those. */
static inline uint64_t size_mask(unsigned int size)
{
	return ~0ull >> (64 - 8 * size); /* size is 1, 2, 4 or 8: no branch */
}

/* A loaded value as the register sees it: the access's bytes, then
 * sign-extended (SSE) or zero-extended, 32-bit for a W register (!SF). */
static inline uint64_t dabt_extend(uint64_t v, uint64_t iss, unsigned int size)
{
	v &= size_mask(size);
	if ((iss & DABT_SSE) && size < 8) {
		unsigned int shift = 64 - 8 * size;
		v = (uint64_t)((int64_t)(v << shift) >> shift);
	}
	return (iss & DABT_SF) ? v : (v & 0xffffffffull);
}

static inline void dabt_done(void)
{
	sysreg_write(elr_el2, sysreg_read(elr_el2) + 4);
}

/* An access for an emulated device: ask the device, complete the load. */
static __attribute__((noinline)) void dabt_emulate(struct trap_frame *f, uint64_t iss, uint64_t ipa,
						   unsigned int rt, unsigned int size)
{
	struct mmio_access a = {
		.ipa = ipa,
		.size = size,
		.write = iss & DABT_WNR,
		.value = 0,
	};
	if (a.write && rt != 31)
		a.value = f->x[rt] & size_mask(size);
	if (unlikely(!mmio_emulate(vcpu_current(), &a))) {
		dabt_unhandled(iss, ipa);
		return;
	}
	if (!a.write && rt != 31)
		f->x[rt] = dabt_extend(a.value, iss, size);
	dabt_done();
}

/* Device registers are accessed naturally aligned: an unaligned access to an
 * emulated device reads as zero and is ignored; anywhere else (past the RAM,
 * a read-only window) it is a fault like any other. */
static __attribute__((noinline)) void dabt_unaligned(struct trap_frame *f, uint64_t iss,
						     uint64_t ipa, unsigned int rt)
{
	if (!mmio_emulated_at(vcpu_current(), ipa)) {
		dabt_unhandled(iss, ipa);
		return;
	}
	if (!(iss & DABT_WNR) && rt != 31)
		f->x[rt] = 0;
	dabt_done();
}

/*
 * Emulated MMIO: hot for drivers.  This front part is a leaf (the fault
 * report and the device call are out of line), so the common cases pay
 * for no saved registers.
 */
static __attribute__((noinline)) void trap_dabt(struct trap_frame *f, uint64_t esr)
{
	uint64_t iss = ESR_ISS(esr), ipa = fault_ipa();
	if (unlikely((iss & (DABT_ISV | DABT_S1PTW)) != DABT_ISV)) {
		dabt_unhandled(iss, ipa); /* no syndrome to emulate from */
		return;
	}
	unsigned int rt = DABT_SRT(iss);
	unsigned int size = 1u << DABT_SAS(iss);
	bool write = iss & DABT_WNR;
	uint64_t val;
	if (unlikely(ipa & (size - 1))) {
		dabt_unaligned(f, iss, ipa, rt);
		return;
	}
	if (!write && vgic_const_read(vcpu_current(), ipa, &val)) {
		if (rt != 31)
			f->x[rt] = dabt_extend(val, iss, size);
		dabt_done();
		return;
	}
	dabt_emulate(f, iss, ipa, rt, size);
}

static __attribute__((noinline)) void trap_smc(struct trap_frame *f, uint64_t esr)
{
	/* Only PSCI and SMCCC's architecture calls are emulated over SMC, for
	 * guests built for firmware. */
	uint32_t fid = (uint32_t)f->x[0];
	if (!(psci_is_call(fid) || smccc_is_arch_call(fid)) || ESR_ISS(esr) & 0xffff)
		guest_fault("SMC 0x%lx at PC 0x%lx is not emulated", f->x[0], arch_vcpu_pc());
	arch_vcpu_skip_insn(); /* a trapped SMC returns to itself */
	hypercall_dispatch(f);
}

#define ISS_ICC_SGI1R SYSREG_ISS(3u, 0u, 12u, 11u, 5u)
#define ISS_ICC_ASGI1R SYSREG_ISS(3u, 0u, 12u, 11u, 6u)
#define ISS_ICC_SGI0R SYSREG_ISS(3u, 0u, 12u, 11u, 7u)
/* Op0 = 3, Op1 = 0, CRn = 12: the CPU interface registers */
#define SYSREG_ISS_CRN_MASK 0x31fc00u
#define ISS_ICC_GROUP SYSREG_ISS(3u, 0u, 12u, 0u, 0u)

/* With HCR_EL2.IMO set, only the SGI generation registers trap to us. */

static void __noreturn __attribute__((noinline)) trap_unhandled(uint64_t esr)
{
	switch (ESR_EC(esr)) {
	case EC_IABT_LOW:
		guest_fault("stage-2 instruction abort at IPA 0x%lx PC 0x%lx", fault_ipa(),
			    arch_vcpu_pc());
	case EC_SYSREG:
		guest_fault("trapped system register access (ISS 0x%lx) at PC 0x%lx", ESR_ISS(esr),
			    arch_vcpu_pc());
	default:
		guest_fault("unknown trapped instruction (EC 0x%lx, ISS 0x%lx) at PC 0x%lx",
			    ESR_EC(esr), ESR_ISS(esr), arch_vcpu_pc());
	}
}

static __attribute__((noinline)) bool sysreg_emulated(struct trap_frame *f, uint64_t esr)
{
	uint32_t iss = (uint32_t)ESR_ISS(esr);
	uint32_t reg = iss & SYSREG_ISS_MASK;
	bool read = iss & 1;
	unsigned int rt = (iss >> 5) & 0x1f;
	if ((reg & SYSREG_ISS_CRN_MASK) == ISS_ICC_GROUP && reg != ISS_ICC_SGI1R &&
	    reg != ISS_ICC_ASGI1R && reg != ISS_ICC_SGI0R && vgic_resample_trap(vcpu_current()))
		return true;
	uint64_t val = rt == 31 ? 0 : f->x[rt];
	if (debug_os_lock_access(&vcpu_current()->arch.ctx.debug, reg, read, &val)) {
		if (read && rt != 31)
			f->x[rt] = val;
		arch_vcpu_skip_insn();
		return true;
	}
	if (lazy_state_trap(&vcpu_current()->arch.ctx, reg))
		return true; /* the access runs again, now on the vCPU's own registers */
	if (read || (reg != ISS_ICC_SGI1R && reg != ISS_ICC_ASGI1R && reg != ISS_ICC_SGI0R))
		return false;
	vgic_sgi_write(vcpu_current(), rt == 31 ? 0 : f->x[rt]);
	arch_vcpu_skip_insn();
	return true;
}

/* Out of line and a tail call, so the hypercall path saves no register. */
static __attribute__((noinline)) void trap_sysreg(struct trap_frame *f, uint64_t esr)
{
	if (!sysreg_emulated(f, esr))
		trap_unhandled(esr);
}

/* WFI or WFE (ISS.TI), trapped while the vCPU shares its core. */
static __attribute__((noinline)) void trap_wfx(uint64_t esr)
{
	arch_vcpu_skip_insn();
	sched_wait_for_interrupt(vcpu_current(), ESR_ISS(esr) & 1);
}

/* Every synchronous exception from a guest but a hypercall (vectors.S sends
 * those to hypercall_dispatch), with its class and ESR_EL2 as the vector read
 * them.  Hot paths first and as tail calls: an emulated access pays for no
 * stack frame here. */
void trap_guest_sync(struct trap_frame *f, uint32_t ec, uint64_t esr)
{
	vcpu_current()->activity.exits++;
	if (ec == EC_DABT_LOW)
		trap_dabt(f, esr);
	else if (ec == EC_SMC64)
		trap_smc(f, esr);
	else if (ec == EC_SYSREG)
		trap_sysreg(f, esr);
	else if (ec == EC_FP)
		fp_trap(&vcpu_current()->arch.ctx);
	else if (ec == EC_WFX)
		trap_wfx(esr);
	else
		trap_unhandled(esr);
}

void trap_guest_other(struct trap_frame *f)
{
	vcpu_current()->activity.exits++;
	(void)f;
	guest_fault("SError or FIQ (ESR 0x%lx) at PC 0x%lx", sysreg_read(esr_el2), arch_vcpu_pc());
}

void trap_hyp(uint64_t esr, uint64_t elr, uint64_t far)
{
	panic("hypervisor exception: ESR 0x%lx ELR 0x%lx FAR 0x%lx", esr, elr, far);
}
