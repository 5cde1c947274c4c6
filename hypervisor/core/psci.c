// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * PSCI 1.0 for guests, over HVC.  Everything acts on the caller's cell only:
 * SYSTEM_OFF stops the cell, SYSTEM_RESET restarts it if its recovery policy
 * says so; the machine is never touched.
 */
#include "cell.h"
#include "printk.h"
#include "psci.h"
#include "sched.h"
#include "stage2.h"
#include "vcpu.h"

#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_SUSPEND 0x84000001u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON 0x84000003u
#define PSCI_AFFINITY_INFO 0x84000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_FEATURES 0x8400000au
#define SMCCC_VERSION_FID 0x80000000u

#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED (-3)
#define PSCI_ALREADY_ON (-4)
#define PSCI_INVALID_ADDRESS (-9)

#define PSCI_VERSION_1_0 0x10000
#define MIGRATE_TYPE_NO_TRUSTED_OS 2
#define AFFINITY_ON 0
#define AFFINITY_OFF 1

#define MPIDR_AFF_MASK 0xff00ffffffull

static struct vcpu *vcpu_by_mpidr(struct cell *c, uint64_t mpidr)
{
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++)
		if (c->vcpus[i].cfg->vmpidr == (mpidr & MPIDR_AFF_MASK))
			return &c->vcpus[i];
	return NULL;
}

/*
 * Only a running instance may start vCPUs: while the cell is being stopped
 * or restarted (STARTING: vCPU 0 still waits for the old instance to leave
 * its cores), and from a caller that belongs to the old instance (already
 * switched off or due for a reset), CPU_ON is refused.  Otherwise a vCPU of
 * the old instance could start itself again and wait, loaded, for the
 * loader while the loader waits for it.
 */
static int64_t psci_cpu_on(struct vcpu *self, uint64_t mpidr, uint64_t entry, uint64_t arg)
{
	struct cell *c = self->cell;
	struct vcpu *t = vcpu_by_mpidr(c, mpidr);
	if (!t)
		return PSCI_INVALID_PARAMETERS;
	if (!stage2_guest_ptr(c->cfg->regions, c->cfg->num_regions, entry, 4, MEM_EXEC))
		return PSCI_INVALID_ADDRESS;
	int64_t ret = PSCI_SUCCESS;
	spin_lock(&c->lock);
	if (c->state != CELL_RUNNING || self->state != VCPU_RUNNABLE || self->ctx_pending)
		ret = PSCI_DENIED;
	else if (t->state != VCPU_OFF)
		ret = PSCI_ALREADY_ON;
	else
		vcpu_power_on(t, entry, arg);
	spin_unlock(&c->lock);
	return ret;
}

static int64_t psci_affinity_info(struct cell *c, uint64_t mpidr, uint64_t level)
{
	struct vcpu *t = vcpu_by_mpidr(c, mpidr);
	if (!t || level != 0)
		return PSCI_INVALID_PARAMETERS;
	return t->state == VCPU_RUNNABLE ? AFFINITY_ON : AFFINITY_OFF;
}

#define SMC64 0x40000000u

/* The functions PSCI 1.0 defines: 32-bit ids, and 64-bit ones only for those
 * that take an address or an MPIDR. */
static bool psci_supported(uint32_t fid)
{
	if (fid == SMCCC_VERSION_FID)
		return true; /* how Linux finds SMCCC 1.1 (PSCI 1.0 section 5.1.15) */
	switch (fid) {
	case PSCI_VERSION:
	case PSCI_CPU_SUSPEND:
	case PSCI_CPU_SUSPEND | SMC64:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON:
	case PSCI_CPU_ON | SMC64:
	case PSCI_AFFINITY_INFO:
	case PSCI_AFFINITY_INFO | SMC64:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
		return true;
	}
	return false;
}

void psci_handle(struct trap_frame *f)
{
	struct vcpu *v = vcpu_current();
	struct cell *c = v->cell;
	uint32_t fid = (uint32_t)f->x[0];
	int64_t ret;

	switch (fid & ~0x40000000u) { /* SMC32 and SMC64 ids alike */
	case PSCI_VERSION:
		ret = PSCI_VERSION_1_0;
		break;
	case PSCI_CPU_SUSPEND:
		ret = PSCI_SUCCESS; /* a wake-up may come at any time: return at once */
		break;
	case PSCI_CPU_OFF:
		spin_lock(&c->lock);
		vcpu_set_state(v, VCPU_OFF);
		spin_unlock(&c->lock);
		sched_run();
	case PSCI_CPU_ON:
		ret = psci_cpu_on(v, f->x[1], f->x[2], f->x[3]);
		break;
	case PSCI_AFFINITY_INFO:
		ret = psci_affinity_info(c, f->x[1], f->x[2]);
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = MIGRATE_TYPE_NO_TRUSTED_OS;
		break;
	case PSCI_SYSTEM_OFF:
		cell_trigger(c, v, TRIGGER_OFF, "powered off");
		sched_run();
	case PSCI_SYSTEM_RESET:
		cell_trigger(c, v, TRIGGER_RESET, "reset requested");
		sched_run();
	case PSCI_FEATURES:
		ret = psci_supported((uint32_t)f->x[1]) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
		break;
	default:
		ret = PSCI_NOT_SUPPORTED;
		break;
	}
	f->x[0] = (uint64_t)ret;
}
