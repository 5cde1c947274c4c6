// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * What the monitor cell may do, from the tables: read the activity of the
 * vCPUs of the cells it watches, and ask for a watched cell's recovery as
 * the watch's on_failure says, through the lifecycle module (core/cell.c);
 * and read what a watched kernel reported of itself once per boot
 * (tessera_watch.h), which only the watched cell itself may send.  Any other
 * caller is refused.
 */
#include "monitor.h"
#include "arch.h"
#include "cell.h"
#include "hvtimer.h"
#include "stage2.h"
#include "string.h"
#include "uapi/tessera.h"
#include "vcpu.h"

/*
 * Who watches the watcher: the hypervisor.  Every sample the monitor takes
 * (monitor_activity) is noted, and the first one arms a deadline on the EL2
 * timer of the core it ran on; at the deadline that core looks again, and if
 * no sample came for monitor.timeout, the monitor cell's own recovery
 * applies, as for a fault.  Nothing runs before the first sample of an
 * instance, and after a trigger nothing runs until the next instance's.
 */
static struct {
	uint64_t seen_ns; /* the last sample; 0: none since the monitor (re)started */
	uint32_t cpu; /* the core it was taken on: the one whose timer follows it */
} watchdog;

static uint64_t watchdog_timeout_ns(void)
{
	return sys_config.monitor.timeout_ms * 1000000ull;
}

static void watchdog_sampled(void)
{
	WRITE_ONCE(watchdog.seen_ns, arch_now_ns());
	WRITE_ONCE(watchdog.cpu, arch_this_cpu());
	hvtimer_set_once_after(HVTIMER_WATCHDOG, watchdog_timeout_ns());
}

void monitor_watchdog(void)
{
	const struct monitor_config *m = &sys_config.monitor;
	uint64_t seen = READ_ONCE(watchdog.seen_ns), now = arch_now_ns();
	if (m->cell == SYSCONFIG_NONE || !seen)
		return;
	if (now - seen < watchdog_timeout_ns()) {
		/* sampled since: look again then, if it still samples here */
		if (READ_ONCE(watchdog.cpu) == arch_this_cpu())
			hvtimer_set(HVTIMER_WATCHDOG, seen + watchdog_timeout_ns());
		return;
	}
	struct cell *monitor = &cells[m->cell];
	if (cell_request(monitor, TRIGGER_WATCHDOG, "no watch sample within monitor.timeout") ==
	    CELL_OP_BUSY) {
		hvtimer_set(HVTIMER_WATCHDOG, now + 1000000); /* its lock is held: a moment later */
		return;
	}
	WRITE_ONCE(watchdog.seen_ns, 0);
}

/* The caller's watch 'index', or NULL if the caller is not the monitor or has no such watch. */
static const struct monitor_watch *watch_of(const struct cell *c, uint64_t index, int64_t *err)
{
	const struct monitor_config *m = &sys_config.monitor;
	if (m->cell == SYSCONFIG_NONE || c->id != m->cell) {
		*err = TESSERA_DENIED;
		return NULL;
	}
	if (index >= m->num_watches) {
		*err = TESSERA_INVALID_PARAMETER;
		return NULL;
	}
	return &m->watches[index];
}

int64_t monitor_activity(const struct cell *c, uint64_t watch, uint64_t vcpu,
			 struct watch_activity *out)
{
	int64_t err = TESSERA_DENIED;
	const struct monitor_watch *w = watch_of(c, watch, &err);
	if (!w)
		return err;
	struct cell *watched = &cells[w->cell];
	if (vcpu >= watched->cfg->num_vcpus)
		return TESSERA_INVALID_PARAMETER;
	watchdog_sampled();
	WRITE_ONCE(watched->watched_at_ns, arch_now_ns());
	const struct vcpu *v = &watched->vcpus[vcpu];
	bool running = READ_ONCE(watched->state) == CELL_RUNNING &&
		       READ_ONCE(v->state) == VCPU_RUNNABLE;
	out->timer_irqs = READ_ONCE(v->activity.timer_irqs);
	out->exits = READ_ONCE(v->activity.exits);
	out->flags = (running ? TESSERA_ACTIVITY_RUNNING : 0) |
		     (running && arch_vcpu_timer_waiting(v) ? TESSERA_ACTIVITY_TIMER_WAITING : 0);
	return TESSERA_OK;
}

const struct monitor_watch *monitor_watch_of(const struct cell *c)
{
	const struct monitor_config *m = &sys_config.monitor;
	if (m->cell == SYSCONFIG_NONE)
		return NULL;
	for (unsigned int i = 0; i < m->num_watches; i++)
		if (m->watches[i].cell == c->id)
			return &m->watches[i];
	return NULL;
}

int64_t monitor_recover(const struct cell *c, uint64_t watch, uint64_t why)
{
	int64_t err = TESSERA_DENIED;
	const struct monitor_watch *w = watch_of(c, watch, &err);
	if (!w)
		return err;
	if (why == TESSERA_WATCH_WHY_HEARTBEAT)
		__atomic_fetch_add(&cells[w->cell].kernel.heartbeats_missed, 1, __ATOMIC_RELAXED);
	enum cell_trigger t;
	if (w->on_failure == RECOVERY_RESTART)
		t = TRIGGER_MONITOR_RESTART;
	else if (w->on_failure == RECOVERY_RESTORE)
		t = TRIGGER_MONITOR_RESTORE;
	else
		return TESSERA_DENIED; /* on_failure: none: the monitor only reports */
	switch (cell_request(&cells[w->cell], t, "asked by the monitor")) {
	case CELL_OP_DONE:
		__atomic_fetch_add(&cells[w->cell].monitor_recoveries, 1, __ATOMIC_RELAXED);
		return TESSERA_OK;
	case CELL_OP_BUSY:
		return TESSERA_BUSY;
	default:
		return TESSERA_DENIED; /* not running: nothing to recover */
	}
}

/* [start, end) lies in one RAM mapping of cell 'c' (the report names nothing else). */
static bool in_ram(const struct cell *c, const uint64_t range[2])
{
	return range[0] < range[1] && stage2_guest_ptr(c->cfg->regions, c->cfg->num_regions,
						       range[0], range[1] - range[0], MEM_READ);
}

/* A report as a Linux kernel on 4 KiB pages could make it; nothing more is promised. */
static bool report_valid(const struct cell *c, const struct tessera_kernel_report *r)
{
	const uint64_t pgd[2] = { r->pgd, r->pgd + 4096 };
	return r->magic == TESSERA_KERNEL_REPORT_MAGIC &&
	       r->version == TESSERA_KERNEL_REPORT_VERSION && !r->reserved && in_ram(c, r->text) &&
	       in_ram(c, r->rodata) && in_ram(c, r->syscall_table) && IS_ALIGNED(r->pgd, 4096) &&
	       in_ram(c, pgd) && r->va_bits >= 36 && r->va_bits <= 52 && r->module_list < 4096 &&
	       r->module_name < 4096 && r->module_name_len && r->module_name_len <= 64;
}

int64_t monitor_kernel_report(struct cell *c, uint64_t ipa, uint64_t size)
{
	if (!monitor_watch_of(c))
		return TESSERA_NOT_SUPPORTED;
	const void *from = size == sizeof(struct tessera_kernel_report)
				   ? stage2_guest_ptr(c->cfg->regions, c->cfg->num_regions, ipa,
						      size, MEM_READ)
				   : NULL;
	if (!from)
		return TESSERA_INVALID_PARAMETER;
	/* One read of the guest's bytes: what is checked is what is kept. */
	struct tessera_kernel_report r;
	memcpy(&r, from, sizeof(r));
	if (!report_valid(c, &r))
		return TESSERA_INVALID_PARAMETER;
	int64_t ret = TESSERA_DENIED;
	spin_lock(&c->kernel.lock);
	if (!c->kernel.reported) {
		c->kernel.report = r;
		c->kernel.reported = true;
		ret = TESSERA_OK;
	}
	spin_unlock(&c->kernel.lock);
	return ret;
}

int64_t monitor_watch_report(const struct cell *c, uint64_t watch, uint64_t ipa, uint64_t size,
			     uint64_t *boots, uint64_t *reported)
{
	int64_t err = TESSERA_DENIED;
	const struct monitor_watch *w = watch_of(c, watch, &err);
	if (!w)
		return err;
	void *to = size == sizeof(struct tessera_kernel_report)
			   ? stage2_guest_ptr(c->cfg->regions, c->cfg->num_regions, ipa, size,
					      MEM_WRITE)
			   : NULL;
	if (!to)
		return TESSERA_INVALID_PARAMETER;
	struct watched_kernel *k = &cells[w->cell].kernel;
	spin_lock(&k->lock);
	*boots = k->boots;
	*reported = k->reported;
	if (k->reported)
		memcpy(to, &k->report, sizeof(k->report));
	spin_unlock(&k->lock);
	return TESSERA_OK;
}

int64_t monitor_watch_check(const struct cell *c, uint64_t watch, uint64_t rule, uint64_t boot,
			    uint64_t kind, uint64_t value, struct watch_check *out)
{
	int64_t err = TESSERA_DENIED;
	const struct monitor_watch *w = watch_of(c, watch, &err);
	if (!w)
		return err;
	if (rule >= w->num_rules || (kind != TESSERA_CHECK_HASH && kind != TESSERA_CHECK_VERDICT))
		return TESSERA_INVALID_PARAMETER;
	struct watched_kernel *k = &cells[w->cell].kernel;
	uint32_t bit = 1u << rule;
	int64_t ret = TESSERA_INVALID_PARAMETER;
	spin_lock(&k->lock);
	if (boot == k->boots) {
		if (kind == TESSERA_CHECK_HASH && !(k->referenced & bit)) {
			k->reference[rule] = value;
			k->referenced |= bit;
		}
		bool holds = kind == TESSERA_CHECK_HASH ? value == k->reference[rule] : !value;
		if (!holds && !(k->violated & bit))
			k->violations++;
		k->violated = holds ? k->violated & ~bit : k->violated | bit;
		k->checks++;
		k->checked_at_ns = arch_now_ns();
		out->holds = holds;
		out->reference = kind == TESSERA_CHECK_HASH ? k->reference[rule] : 0;
		ret = TESSERA_OK;
	}
	spin_unlock(&k->lock);
	return ret;
}

void monitor_cell_cold_start(struct cell *c)
{
	if (c->id == sys_config.monitor.cell)
		WRITE_ONCE(watchdog.seen_ns,
			   0); /* a new instance: no deadline before its first sample */
	spin_lock(&c->kernel.lock);
	c->kernel.boots++;
	c->kernel.reported = false;
	c->kernel.referenced = 0;
	c->kernel.violated = 0;
	spin_unlock(&c->kernel.lock);
}
