# SPDX-License-Identifier: GPL-2.0
"""schedule(): vCPU placement for every power state of a system, or every finding."""
from __future__ import annotations

from collections import defaultdict

from ..diag import Diagnostic, DiagnosticError
from ..spec.model import Board, Power, System
from .assign import Failure, core_response_times
from ..spec.units import fmt_duration
from .migrate import assign_states, moves_between
from .result import Policy, Schedule, StateSchedule, Transition
from .vcpus import flat_vcpus


def _states(system: System, board: Board) -> list[tuple[str, str, tuple[int, ...]]]:
    if system.power is None:
        return [("", "full", tuple(c.index for c in board.cpus))]
    return [(s.path, s.name, tuple(sorted(set(s.cpus)))) for s in system.power.states]


def _failure(system: System, path: str, name: str, cores, f: Failure) -> Diagnostic:
    where = f"cpu {cores[0]}" if len(cores) == 1 else "cpus " + ", ".join(map(str, cores))
    detail = f"{f.victim.name} response time {fmt_duration(f.response)} > period {fmt_duration(f.victim.period_ns)}"
    if len(cores) > 1:
        detail += f" on cpu {f.core}"
    what = f"realtime vCPUs do not fit on {where} ({detail})"
    if path:
        return Diagnostic(system.pos(path), f"{path} '{name}'", what,
                          f"add a core to '{name}', shorten 'budget', or lengthen 'period'")
    return Diagnostic(system.pos(f"{system.cells[f.victim.cell].path}.realtime"),
                      f"{system.cells[f.victim.cell].path}.realtime",
                      f"with every core online, {what}",
                      "shorten 'budget', or lengthen 'period'")


def schedule(system: System, board: Board) -> Schedule:
    """Raises DiagnosticError naming every power state whose realtime vCPUs do not fit."""
    vcpus = flat_vcpus(system)
    states = _states(system, board)
    results = assign_states(vcpus, [cores for _, _, cores in states])
    diags = []
    for (path, name, cores), r in zip(states, results):
        if isinstance(r, Failure):
            diags.append(_failure(system, path, name, cores, r))
    if diags:
        raise DiagnosticError(diags)

    out = []
    for i, ((path, name, cores), where) in enumerate(zip(states, results)):
        rt_on = defaultdict(list)
        for v in vcpus:
            if v.realtime:
                rt_on[where[v.index]].append(v)
        response = {}
        for on_core in rt_on.values():
            response.update(core_response_times(on_core))
        out.append(StateSchedule(i, name, path, cores, tuple(where[v.index] for v in vcpus),
                                 dict(sorted(response.items()))))
    transitions = tuple(
        Transition(i, j, moves_between(dict(enumerate(a.vcpu_core)), dict(enumerate(b.vcpu_core))))
        for i, a in enumerate(out) for j, b in enumerate(out) if i != j)
    return Schedule(_policy(system, out), vcpus, tuple(out), transitions)


def _policy(system: System, states: list[StateSchedule]) -> Policy:
    power = system.power or Power("power", "performance", ())
    ladder = tuple(sorted(range(len(states)), key=lambda i: (len(states[i].run_cores), i)))
    most = max(len(s.run_cores) for s in states)
    boot = {"performance": min(i for i in ladder if len(states[i].run_cores) == most),
            "powersave": ladder[0], "ondemand": 0}[power.policy]
    od = power.ondemand
    return Policy(power.policy, boot, ladder, od.window_ns, od.up, od.down)
