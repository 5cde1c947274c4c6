# SPDX-License-Identifier: GPL-2.0
"""The monitor: an existing cell watching other existing cells, each once, with sane heartbeats."""
from __future__ import annotations

from ..diag import Diagnostic
from ..spec.model import Board, System
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


def check(system: System, board: Board) -> list[Diagnostic]:
    mon = system.monitor
    if mon is None:
        return []
    names = {c.name for c in system.cells}
    out = [] if mon.cell in names else [no_such_cell(system, "monitor.cell", mon.cell)]
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
    return out
