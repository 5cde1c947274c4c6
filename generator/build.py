# SPDX-License-Identifier: GPL-2.0
"""build(): placement, scheduling, emission; all outputs or none.

Called by __main__ after the checks passed.  options: {"root": Path} - the repository root (make's
cwd), against which every path written into an output is made relative; defaults to the cwd.
"""
from __future__ import annotations

import pathlib

from .diag import Diagnostic, DiagnosticError
from .emit.out import write_tree
from .emit.tree import render_all
from .place import place
from .sched import schedule


def build(system, board, out_dir: pathlib.Path, options: dict) -> list[Diagnostic]:
    """Returns every finding; when there is any, nothing is written at all."""
    root = pathlib.Path(options.get("root") or pathlib.Path.cwd()).absolute()
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
        return sorted(diags, key=Diagnostic.sort_key)
    files, diags = render_all(system, board, placement, sched, pathlib.Path(out_dir), root)
    if diags:
        return diags
    write_tree(pathlib.Path(out_dir), files)
    return []
