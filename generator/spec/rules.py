# SPDX-License-Identifier: GPL-2.0
"""The built-in integrity rules a watch may name (monitor.watch[].rules): each is data, the
region a watched Linux kernel reports (uapi/tessera_watch.h), how the monitor judges it and how
often.  A spec names one as it is (`syscall_table`) or overrides its keys
(`{name: modules, allow: [tessera, mydriver]}`); a rule of its own gives them all."""
from __future__ import annotations

MS = 1_000_000

# region: what the report names; check: hash (the bytes must keep the hash they had at the
# first check of the boot) or allow (each loaded module's name must be in `allow`).
BUILTIN_RULES = {
    "kernel_text": dict(region="kernel.text", check="hash", allow=(), period_ns=1000 * MS),
    "kernel_rodata": dict(region="kernel.rodata", check="hash", allow=(), period_ns=1000 * MS),
    "syscall_table": dict(region="kernel.syscall_table", check="hash", allow=(), period_ns=100 * MS),
    "modules": dict(region="kernel.modules", check="allow", allow=("tessera",), period_ns=500 * MS),
}
KERNEL_REGIONS = ("kernel.text", "kernel.rodata", "kernel.syscall_table", "kernel.modules")
# The monitor looks every 10 ms (cells/monitor/monitor.c) and keeps up to this many rules a
# watch (TESSERA_WATCH_RULES_MAX in uapi/tessera_watch.h).
RULE_PERIOD_MIN_NS = 10 * MS
RULE_PERIOD_MAX_NS = 3600 * 1000 * MS
RULES_MAX = 16
