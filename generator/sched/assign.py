# SPDX-License-Identifier: GPL-2.0
"""vCPU -> core assignment for one power state.

Each vCPU goes to a core with the fewest vCPUs; several share a core when the state has fewer
cores than vCPUs (the hypervisor then runs realtime vCPUs first, by rank, within their budgets,
and slices the rest).  Realtime vCPUs first, in decreasing utilization, each placement confirmed by RTA on that core
(so an overloaded state is reported as such); then the other vCPUs, ties broken towards cores
without a vCPU of the same cell, then without realtime load, then the lowest number.  ``keep``
pins vCPUs to the cores they had in another state, to keep migrations few.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from .rta import response_times
from .vcpus import VcpuInfo


@dataclass(frozen=True)
class Failure:
    """No core takes ``vcpu``; on the closest core, ``victim`` would respond in ``response`` > period."""
    vcpu: VcpuInfo
    core: int
    victim: VcpuInfo
    response: int


def core_response_times(rt_on_core: list[VcpuInfo]) -> dict[int, int]:
    """vCPU index -> response time for the realtime vCPUs sharing one core."""
    order = sorted(rt_on_core, key=lambda v: v.priority)
    return {v.index: r for v, r in zip(order, response_times([(v.budget_ns, v.period_ns) for v in order]))}


def assign_state(vcpus: tuple[VcpuInfo, ...], cores: tuple[int, ...],
                 keep: dict[int, int] | None = None) -> dict[int, int] | Failure:
    where: dict[int, int] = {}
    rt_on: dict[int, list[VcpuInfo]] = defaultdict(list)
    nonrt_count: dict[int, int] = defaultdict(int)
    same_cell: dict[tuple[int, int], int] = defaultdict(int)

    def put(v: VcpuInfo, core: int):
        where[v.index] = core
        same_cell[(core, v.cell)] += 1
        if v.realtime:
            rt_on[core].append(v)
        else:
            nonrt_count[core] += 1

    def count(core: int) -> int:
        return len(rt_on[core]) + nonrt_count[core]

    online = set(cores)
    for v in vcpus:
        core = keep.get(v.index) if keep else None
        # Keep a vCPU where it was, unless that core is taken already.
        if core in online and not count(core):
            put(v, core)

    rt = sorted((v for v in vcpus if v.realtime and v.index not in where),
                key=lambda v: (-v.utilization, v.priority))
    for v in rt:
        best: tuple | None = None
        for core in sorted(cores, key=lambda c: (count(c), same_cell[(c, v.cell)], c)):
            times = core_response_times(rt_on[core] + [v])
            late = [u for u in rt_on[core] + [v] if times[u.index] > u.period_ns]
            if not late:
                put(v, core)
                break
            victim = min(late, key=lambda u: u.priority)
            overrun = Fraction(times[victim.index], victim.period_ns)
            if best is None or overrun < best[0]:
                best = (overrun, core, victim, times[victim.index])
        else:
            return Failure(v, best[1], best[2], best[3])

    util = {c: sum((u.utilization for u in rt_on[c]), Fraction(0)) for c in cores}
    for v in vcpus:
        if v.index in where:
            continue
        core = min(cores, key=lambda c: (count(c), same_cell[(c, v.cell)], util[c], c))
        put(v, core)
    return where
