// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * What the monitor cell may do, from the tables: read the activity of the
 * vCPUs of the cells it watches, and ask for a watched cell's recovery as
 * the watch's on_failure says, through the lifecycle module (core/cell.c).
 * Any other caller is refused.
 */
#include "monitor.h"
#include "arch.h"
#include "cell.h"
#include "uapi/tessera.h"
#include "vcpu.h"

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

int64_t monitor_recover(const struct cell *c, uint64_t watch)
{
	int64_t err = TESSERA_DENIED;
	const struct monitor_watch *w = watch_of(c, watch, &err);
	if (!w)
		return err;
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
