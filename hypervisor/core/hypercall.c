// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * SMCCC dispatch.  Tessera's services are rows of one table indexed by the
 * function number in the vendor-specific hypervisor range; a new service
 * adds a row.  Every guest-supplied value is checked before use.
 */
#include "cell.h"
#include "checkpoint.h"
#include "console.h"
#include "hypercall.h"
#include "ioc.h"
#include "monitor.h"
#include "psci.h"
#include "stage2.h"
#include "uapi/tessera.h"
#include "vcpu.h"

#define SMCCC_VERSION 0x80000000u
#define SMCCC_ARCH_FEATURES 0x80000001u
#define SMCCC_VERSION_1_1 0x10001

typedef void (*hvc_handler_t)(struct trap_frame *f);

static void hvc_version(struct trap_frame *f)
{
	f->x[0] = (TESSERA_ABI_MAJOR << 16) | TESSERA_ABI_MINOR;
}

static void hvc_cell_id(struct trap_frame *f)
{
	const struct cell *c = vcpu_current()->cell;
	uint64_t name[2] = { 0, 0 };
	for (unsigned int i = 0; i < sizeof(name) && c->cfg->name[i]; i++)
		((char *)name)[i] = c->cfg->name[i];
	f->x[0] = c->id;
	f->x[1] = name[0];
	f->x[2] = name[1];
}

static void hvc_console_write(struct trap_frame *f)
{
	struct cell *c = vcpu_current()->cell;
	uint64_t ipa = f->x[1], len = f->x[2];
	if (len > TESSERA_CONSOLE_WRITE_MAX) {
		f->x[0] = (uint64_t)TESSERA_INVALID_PARAMETER;
		return;
	}
	const char *buf = stage2_guest_ptr(c->cfg->regions, c->cfg->num_regions, ipa, len,
					   MEM_READ);
	if (!buf && len) {
		f->x[0] = (uint64_t)TESSERA_INVALID_PARAMETER;
		return;
	}
	for (uint64_t i = 0; i < len; i++)
		console_line_putc(&c->line, buf[i]);
	f->x[0] = len;
}

static void hvc_vcpu_state(struct trap_frame *f)
{
	struct cell *c = vcpu_current()->cell;
	uint64_t idx = f->x[1];
	if (idx >= c->cfg->num_vcpus) {
		f->x[0] = (uint64_t)TESSERA_INVALID_PARAMETER;
		return;
	}
	static const uint64_t abi_state[] = {
		[VCPU_OFF] = TESSERA_VCPU_OFF,
		[VCPU_RUNNABLE] = TESSERA_VCPU_RUNNING,
		[VCPU_STOPPED] = TESSERA_VCPU_STOPPED,
	};
	f->x[0] = abi_state[c->vcpus[idx].state];
}

static void hvc_checkpoint(struct trap_frame *f)
{
	int64_t ret = checkpoint_take(vcpu_current(), f);
	f->x[0] = (uint64_t)ret;
}

int64_t hypercall_doorbell(uint64_t fid, uint64_t index)
{
	(void)fid; /* TESSERA_HVC_DOORBELL */
	return ioc_ring(vcpu_current()->cell, index);
}

static void hvc_doorbell(struct trap_frame *f)
{
	f->x[0] = (uint64_t)hypercall_doorbell(f->x[0], f->x[1]);
}

static void hvc_control(struct trap_frame *f)
{
	f->x[0] = (uint64_t)ioc_control(vcpu_current()->cell, f->x[1], f->x[2]);
}

static void hvc_watch_activity(struct trap_frame *f)
{
	struct watch_activity a;
	int64_t ret = monitor_activity(vcpu_current()->cell, f->x[1], f->x[2], &a);
	f->x[0] = (uint64_t)ret;
	if (ret == TESSERA_OK) {
		f->x[1] = a.timer_irqs;
		f->x[2] = a.exits;
		f->x[3] = a.flags;
	}
}

static void hvc_watch_recover(struct trap_frame *f)
{
	f->x[0] = (uint64_t)monitor_recover(vcpu_current()->cell, f->x[1], f->x[2]);
}

static void hvc_kernel_report(struct trap_frame *f)
{
	f->x[0] = (uint64_t)monitor_kernel_report(vcpu_current()->cell, f->x[1], f->x[2]);
}

static void hvc_watch_report(struct trap_frame *f)
{
	uint64_t boots, reported;
	int64_t ret = monitor_watch_report(vcpu_current()->cell, f->x[1], f->x[2], f->x[3], &boots,
					   &reported);
	f->x[0] = (uint64_t)ret;
	if (ret == TESSERA_OK) {
		f->x[1] = boots;
		f->x[2] = reported;
	}
}

static void hvc_watch_check(struct trap_frame *f)
{
	struct watch_check r;
	int64_t ret = monitor_watch_check(vcpu_current()->cell, f->x[1], f->x[2], f->x[3], f->x[4],
					  f->x[5], &r);
	f->x[0] = (uint64_t)ret;
	if (ret == TESSERA_OK) {
		f->x[1] = r.holds;
		f->x[2] = r.reference;
	}
}

static const hvc_handler_t tessera_calls[] = {
	[TESSERA_HVC_VERSION & 0xffff] = hvc_version,
	[TESSERA_HVC_CELL_ID & 0xffff] = hvc_cell_id,
	[TESSERA_HVC_CONSOLE_WRITE & 0xffff] = hvc_console_write,
	[TESSERA_HVC_VCPU_STATE & 0xffff] = hvc_vcpu_state,
	[TESSERA_HVC_CHECKPOINT & 0xffff] = hvc_checkpoint,
	[TESSERA_HVC_DOORBELL & 0xffff] = hvc_doorbell,
	[TESSERA_HVC_CONTROL & 0xffff] = hvc_control,
	[TESSERA_HVC_WATCH_ACTIVITY & 0xffff] = hvc_watch_activity,
	[TESSERA_HVC_WATCH_RECOVER & 0xffff] = hvc_watch_recover,
	[TESSERA_HVC_KERNEL_REPORT & 0xffff] = hvc_kernel_report,
	[TESSERA_HVC_WATCH_REPORT & 0xffff] = hvc_watch_report,
	[TESSERA_HVC_WATCH_CHECK & 0xffff] = hvc_watch_check,
};

/*
 * SMCCC 1.1 with its two architectural calls.  SMCCC_ARCH_FEATURES answers
 * for the calls that exist; the CPU-vulnerability workarounds
 * (ARCH_WORKAROUND_1/2/3) are NOT_SUPPORTED: no firmware mitigation sits
 * behind them here, and saying so lets a guest report itself vulnerable or
 * apply its own mitigation rather than trust a call that does nothing.
 */
static void smccc_arch(struct trap_frame *f, uint32_t fid)
{
	if (fid == SMCCC_VERSION) {
		f->x[0] = SMCCC_VERSION_1_1;
		return;
	}
	uint32_t query = (uint32_t)f->x[1];
	f->x[0] = query == SMCCC_VERSION || query == SMCCC_ARCH_FEATURES
			  ? TESSERA_OK
			  : (uint64_t)TESSERA_NOT_SUPPORTED;
}

void hypercall_dispatch(struct trap_frame *f)
{
	uint32_t fid = (uint32_t)f->x[0];
	uint32_t n = fid & 0xffff;
	if ((fid & 0xffff0000u) == TESSERA_HVC_BASE && n < ARRAY_SIZE(tessera_calls))
		tessera_calls[n](f);
	else if (psci_is_call(fid))
		psci_handle(f);
	else if (fid == SMCCC_VERSION || fid == SMCCC_ARCH_FEATURES)
		smccc_arch(f, fid);
	else
		f->x[0] = (uint64_t)TESSERA_NOT_SUPPORTED;
}
