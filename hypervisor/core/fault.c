// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
#include <stdarg.h>

#include "cell.h"
#include "fault.h"
#include "printk.h"
#include "sched.h"
#include "vcpu.h"

size_t format(char *buf, size_t size, const char *fmt, va_list ap);

void __noreturn guest_fault(const char *fmt, ...)
{
	struct vcpu *v = vcpu_current();
	char what[160];
	va_list ap;
	va_start(ap, fmt);
	format(what, sizeof(what), fmt, ap);
	va_end(ap);
	cell_trigger(v->cell, v, TRIGGER_FAULT, what);
	sched_run();
}
