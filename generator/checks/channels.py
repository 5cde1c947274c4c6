# SPDX-License-Identifier: GPL-2.0
"""Channels join two different existing cells, in whole pages; control comes from one end."""
from __future__ import annotations

from ..diag import Diagnostic
from ..spec.model import Board, System
from .common import err, no_such_cell, page_size_problem


def check(system: System, board: Board) -> list[Diagnostic]:
    out = []
    names = {c.name for c in system.cells}
    for ch in system.channels:
        for k, end in enumerate(ch.between):
            if end not in names:
                out.append(no_such_cell(system, f"{ch.path}.between[{k}]", end))
        a, b = ch.between
        if a == b:
            out.append(err(system, f"{ch.path}.between[1]", f"both ends are cell '{a}'",
                           "a channel joins two different cells"))
        problem = page_size_problem(ch.size)
        if problem:
            out.append(err(system, f"{ch.path}.size", *problem))
        if ch.control and ch.control.from_cell not in ch.between:
            out.append(err(system, f"{ch.control.path}.from",
                           f"'{ch.control.from_cell}' is not an end of channel '{ch.name}' (between: {a}, {b})",
                           f"control comes from one end: use '{a}' or '{b}'"))
    return out
