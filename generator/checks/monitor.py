# SPDX-License-Identifier: GPL-2.0
"""The monitor: an existing cell watching other existing cells, each once, with sane heartbeats
and integrity rules that fit the cell they watch."""
from __future__ import annotations

from ..diag import Diagnostic, did_you_mean
from ..spec.model import MONITOR_SAMPLE_NS, MONITOR_TIMEOUT_MAX_NS, MONITOR_TIMEOUT_MIN_NS, Board, System
from ..spec.rules import BUILTIN_RULES, KERNEL_REGIONS, RULE_PERIOD_MAX_NS, RULE_PERIOD_MIN_NS, RULES_MAX
from ..spec.units import fmt_duration
from .common import err, no_such_cell


def _heartbeat(system: System, w) -> list[Diagnostic]:
    hb = w.heartbeat
    if hb is None:
        return []
    if hb.period_ns == 0:
        return [err(system, f"{hb.path}.period", "heartbeat period is 0", "use e.g. 'period: 100ms'")]
    if hb.timeout_ns < hb.period_ns:
        return [err(system, f"{hb.path}.timeout",
                    f"timeout {fmt_duration(hb.timeout_ns)} is shorter than the heartbeat period "
                    f"{fmt_duration(hb.period_ns)}",
                    f"set 'timeout' to at least {fmt_duration(hb.period_ns)} (a few periods is usual)",
                    (f"{hb.path}.period", "the period is set here"))]
    return []


def _rule(system: System, w, r) -> list[Diagnostic]:
    """One rule: a built-in name or a region and a check that fit each other and the cell."""
    if not r.region or not r.check:
        hint = did_you_mean(r.name, list(BUILTIN_RULES))
        builtin = ", ".join(BUILTIN_RULES)
        return [err(system, f"{r.path}", f"no built-in rule named '{r.name}'",
                    (f"{hint} " if hint else "") + f"(built-in rules: {builtin}); a rule of your "
                    "own also gives its 'region' and 'check'")]
    out = []
    if r.check == "allow" and r.region != "kernel.modules":
        out.append(err(system, f"{r.path}.check", f"'check: allow' judges the list of loaded modules, "
                       f"not '{r.region}'", "use 'region: kernel.modules', or 'check: hash'"))
    if r.check == "hash" and r.region == "kernel.modules":
        out.append(err(system, f"{r.path}.check", "the module list changes as modules load and unload: "
                       "a hash of it means nothing", "use 'check: allow' with the modules allowed"))
    if r.allow and r.check != "allow":
        out.append(err(system, f"{r.path}.allow", "'allow' is only for 'check: allow'",
                       "remove 'allow', or use 'check: allow' with 'region: kernel.modules'"))
    if r.region in KERNEL_REGIONS and system.cell(w.cell).os != "linux":
        out.append(err(system, f"{r.path}", f"region '{r.region}' comes from the kernel report that only "
                       f"a Linux cell's tessera.ko sends, and '{w.cell}' is not a Linux cell",
                       "give the rule a region of IPAs instead: 'region: {base: ..., size: ...}'"))
    if r.region == "ipa" and (r.size == 0 or r.base % 8 or r.size % 8):
        out.append(err(system, f"{r.path}.region", f"region at {r.base:#x} of {r.size} bytes: "
                       "base and size must be non-zero multiples of 8", "e.g. '{base: 0x40001000, size: 4K}'"))
    if not RULE_PERIOD_MIN_NS <= r.period_ns <= RULE_PERIOD_MAX_NS:
        out.append(err(system, f"{r.path}.period", f"period {fmt_duration(r.period_ns)} is outside "
                       f"{fmt_duration(RULE_PERIOD_MIN_NS)}..{fmt_duration(RULE_PERIOD_MAX_NS)}",
                       f"the monitor looks every {fmt_duration(RULE_PERIOD_MIN_NS)}: use e.g. 'period: 1s'"))
    return out


def _rules(system: System, w) -> list[Diagnostic]:
    if not w.rules:
        return []
    out = []
    if w.inspect != "read-only":
        out.append(err(system, f"{w.path}.rules", "rules read the watched cell's memory through the "
                       "monitor's window, and this watch has none", "add 'inspect: read-only'"))
    if len(w.rules) > RULES_MAX:
        out.append(err(system, f"{w.path}.rules", f"{len(w.rules)} rules; a watch holds at most {RULES_MAX}",
                       "drop some, or merge regions"))
    seen: dict[str, str] = {}
    for r in w.rules:
        if r.name in seen:
            out.append(err(system, f"{r.path}", f"rule '{r.name}' is named twice in this watch",
                           "give one of them another 'name'", (seen[r.name], "first named here")))
        seen.setdefault(r.name, r.path)
        out += _rule(system, w, r)
    return out


def check(system: System, board: Board) -> list[Diagnostic]:
    mon = system.monitor
    if mon is None:
        return []
    names = {c.name for c in system.cells}
    out = [] if mon.cell in names else [no_such_cell(system, "monitor.cell", mon.cell)]
    if not MONITOR_TIMEOUT_MIN_NS <= mon.timeout_ns <= MONITOR_TIMEOUT_MAX_NS:
        out.append(err(system, "monitor.timeout", f"timeout {fmt_duration(mon.timeout_ns)} is outside "
                       f"{fmt_duration(MONITOR_TIMEOUT_MIN_NS)}..{fmt_duration(MONITOR_TIMEOUT_MAX_NS)}",
                       f"the monitor samples every {fmt_duration(MONITOR_SAMPLE_NS)}: give it several "
                       f"samples, e.g. 'timeout: 1s'"))
    seen: dict[str, str] = {}
    for w in mon.watch:
        path = f"{w.path}.cell"
        if w.cell not in names:
            out.append(no_such_cell(system, path, w.cell))
        elif w.cell == mon.cell:
            out.append(err(system, path, f"the monitor cell '{mon.cell}' cannot watch itself",
                           "remove this entry; a cell cannot detect its own failure",
                           ("monitor.cell", "the monitor cell is chosen here")))
        elif w.cell in seen:
            out.append(err(system, path, f"cell '{w.cell}' is watched twice", "merge the two entries",
                           (seen[w.cell], "first watched here")))
        else:
            seen[w.cell] = path
        out += _heartbeat(system, w)
        if w.cell in names:
            out += _rules(system, w)
    return out
