# SPDX-License-Identifier: GPL-2.0
"""Small helpers shared by the checks: findings at a spec path, name lookups, board node lookups."""
from __future__ import annotations

from ..diag import Diagnostic, Note, did_you_mean
from ..spec.model import Board, Device, System
from ..spec.units import fmt_size

PAGE = 4096


def err(system: System, path: str, what: str, fix: str = "", *notes: tuple[str, str]) -> Diagnostic:
    """A finding at ``path``; each note is (path, text) and gets that path's position."""
    return Diagnostic(system.pos(path), path, what, fix,
                      tuple(Note(system.pos(p), text) for p, text in notes))


def no_such_cell(system: System, path: str, name: str) -> Diagnostic:
    names = [c.name for c in system.cells]
    hint = did_you_mean(name, names)
    listing = f"cells: {', '.join(names)}"
    return err(system, path, f"no cell named '{name}'", f"{hint} ({listing})" if hint else f"use one of the {listing}")


def who(system: System, path: str) -> str:
    """'cells[0] 'linux'' for a path inside a cell, else the path."""
    for c in system.cells:
        if path == c.path or path.startswith(c.path + ".") or path.startswith(c.path + "["):
            return f"{c.path} '{c.name}'"
    for ch in system.channels:
        if path == ch.path or path.startswith(ch.path + "."):
            return f"{ch.path} '{ch.name}'"
    return path


def board_node(board: Board, ref: str) -> Device | None:
    """Any board node (with or without registers) by DT label or path."""
    return board.device(ref) or next((n for n in board.nodes if ref == n.path or ref in n.labels), None)


def page_size_problem(size: int) -> tuple[str, str] | None:
    """(what, fix) if ``size`` is not a positive multiple of 4K."""

    if size <= 0:
        return "size is 0", "give at least 4K"
    if size % PAGE:
        up = (size + PAGE - 1) // PAGE * PAGE
        return f"size {size:#x} is not a multiple of 4K", f"round it up to {fmt_size(up)}"
    return None
