# SPDX-License-Identifier: GPL-2.0
"""Names must be unique: cells, channels, power states."""
from __future__ import annotations

from ..diag import Diagnostic
from ..spec.model import Board, System
from .common import err


def _duplicates(system: System, items, kind: str) -> list[Diagnostic]:
    first: dict[str, object] = {}
    out = []
    for item in items:
        if item.name in first:
            other = first[item.name]
            out.append(err(system, f"{item.path}.name", f"duplicate {kind} name '{item.name}'",
                           f"rename one of them; {kind} names must be unique",
                           (f"{other.path}.name", f"{other.path} is also named '{item.name}'")))
        else:
            first[item.name] = item
    return out


def check(system: System, board: Board) -> list[Diagnostic]:
    states = system.power.states if system.power else ()
    return (_duplicates(system, system.cells, "cell") + _duplicates(system, system.channels, "channel")
            + _duplicates(system, states, "power state"))
