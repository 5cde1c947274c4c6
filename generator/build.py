# SPDX-License-Identifier: GPL-2.0
"""The one pipeline: ``analyse`` (placement, scheduling) and ``build`` (analyse, then emission).

``check`` and ``build`` differ only in the last step: __main__ runs the checks, then ``analyse``
for both commands, and ``emit`` for ``build`` only, so a spec ``check`` accepts is one ``build``
accepts.  options: {"root": Path} - the repository root (make's cwd), against which every path
written into an output is made relative; defaults to the cwd.
"""
from __future__ import annotations

import pathlib

from .diag import Diagnostic, DiagnosticError
from .emit.out import write_tree
from .emit.tree import render_all
from .place import Placement, place
from .sched import Schedule, schedule


def analyse(system, board) -> tuple[Placement, Schedule]:
    """Placement and scheduling of a checked system; raises DiagnosticError with every finding
    of both (scheduling runs even when placement fails, so both kinds are reported at once)."""
    diags: list[Diagnostic] = []
    placement = sched = None
    try:
        placement = place(system, board)
    except DiagnosticError as e:
        diags += e.diags
    try:
        sched = schedule(system, board)
    except DiagnosticError as e:
        diags += e.diags
    if diags:
        raise DiagnosticError(sorted(diags, key=Diagnostic.sort_key))
    return placement, sched


def emit(system, board, placement: Placement, sched: Schedule, out_dir: pathlib.Path,
         options: dict) -> list[Diagnostic]:
    """Render and write every output; on a finding (an internal error) nothing is written."""
    root = pathlib.Path(options.get("root") or pathlib.Path.cwd()).absolute()
    files, diags = render_all(system, board, placement, sched, pathlib.Path(out_dir), root)
    if diags:
        return diags
    write_tree(pathlib.Path(out_dir), files)
    return []


def build(system, board, out_dir: pathlib.Path, options: dict) -> list[Diagnostic]:
    """analyse + emit.  Returns every finding; when there is any, nothing is written at all."""
    try:
        placement, sched = analyse(system, board)
    except DiagnosticError as e:
        return e.diags
    return emit(system, board, placement, sched, out_dir, options)
