# SPDX-License-Identifier: GPL-2.0
"""Power states name real board cores, at least one, each once, the boot core always; the
ondemand policy's settings make sense.  Schedulability is sched/'s job."""
from __future__ import annotations

from ..diag import Diagnostic
from ..spec.model import ONDEMAND_WINDOW_RANGE_NS, Board, System
from ..spec.units import fmt_duration
from .common import err


def check(system: System, board: Board) -> list[Diagnostic]:
    if system.power is None:
        return []
    cores = [c.index for c in board.cpus]
    boot = min(cores)
    listing = f"cores of {board.name}: {', '.join(map(str, cores))}"
    out = []
    for st in system.power.states:
        if not st.cpus:
            out.append(err(system, f"{st.path}.cpus", f"power state '{st.name}' has no core",
                           f"list at least one ({listing})"))
        elif boot not in st.cpus:
            out.append(err(system, f"{st.path}.cpus", f"power state '{st.name}' leaves out core {boot}, "
                           "the boot core: the hypervisor's console input and power switches run there",
                           f"add {boot} to its cpus"))
        seen: dict[int, int] = {}
        for k, cpu in enumerate(st.cpus):
            path = f"{st.path}.cpus[{k}]"
            if cpu not in cores:
                out.append(err(system, path, f"no core {cpu} on board {board.name}", f"use one of the {listing}"))
            elif cpu in seen:
                out.append(err(system, path, f"core {cpu} is listed twice", "list each core once",
                               (f"{st.path}.cpus[{seen[cpu]}]", "first listed here")))
            else:
                seen[cpu] = k
    return out + check_ondemand(system)


def check_ondemand(system: System) -> list[Diagnostic]:
    """power.ondemand: a window the boot core can measure over, and thresholds with a gap
    between them (without one, a load between them would switch at every window)."""
    p = system.power
    if p is None or not p.ondemand.given:
        return []
    od, out = p.ondemand, []
    if p.policy != "ondemand":
        out.append(err(system, od.path, f"'ondemand' settings are given but the policy is '{p.policy}'",
                       "set 'policy: ondemand', or remove 'ondemand'"))
    lo, hi = ONDEMAND_WINDOW_RANGE_NS
    if not lo <= od.window_ns <= hi:
        out.append(err(system, f"{od.path}.window", f"window {fmt_duration(od.window_ns)} is outside 10ms to 10s",
                       "a window of 50ms to 1s is usual: shorter follows load spikes, longer saves switches"))
    if od.down >= od.up:
        out.append(err(system, f"{od.path}.down", f"down threshold {od.down}% is not below up threshold {od.up}%",
                       "leave a gap, e.g. 'down: 20' with 'up: 80'"))
    return out
