# SPDX-License-Identifier: GPL-2.0
"""Realtime reservations: a non-zero budget that fits in a non-zero period."""
from __future__ import annotations

from ..diag import Diagnostic
from ..spec.model import Board, System
from ..spec.units import fmt_duration
from .common import err


def check(system: System, board: Board) -> list[Diagnostic]:
    out = []
    for c in system.cells:
        rt = c.realtime
        if rt is None:
            continue
        if rt.period_ns == 0:
            out.append(err(system, f"{rt.path}.period", "period is 0", "use e.g. 'period: 1ms'"))
        if rt.budget_ns == 0:
            out.append(err(system, f"{rt.path}.budget", "budget is 0",
                           "give the cell some CPU time per period, or remove 'realtime'"))
        elif rt.period_ns and rt.budget_ns > rt.period_ns:
            out.append(err(system, f"{rt.path}.budget",
                           f"budget {fmt_duration(rt.budget_ns)} is longer than period {fmt_duration(rt.period_ns)}",
                           f"lower 'budget' to at most {fmt_duration(rt.period_ns)} or lengthen 'period'",
                           (f"{rt.path}.period", "the period is set here")))
    return out
