# SPDX-License-Identifier: GPL-2.0
"""Recovery from a checkpoint needs somewhere to keep the checkpoint."""
from __future__ import annotations

from ..diag import Diagnostic
from ..spec.model import Board, System
from .common import err

FIX = "add 'checkpoint: {size: ...}' to the cell (room for its RAM), or use 'restart'"


def check(system: System, board: Board) -> list[Diagnostic]:
    out = []
    for c in system.cells:
        if c.recovery == "restore" and c.checkpoint is None:
            out.append(err(system, f"{c.path}.recovery",
                           f"'restore' restarts '{c.name}' from a checkpoint, but the cell has no "
                           f"checkpoint area", FIX))
    for w in system.monitor.watch if system.monitor else ():
        watched = system.cell(w.cell)
        if w.on_failure == "restore" and watched is not None and watched.checkpoint is None:
            out.append(err(system, f"{w.path}.on_failure",
                           f"'restore' restarts '{watched.name}' from a checkpoint, but that cell has "
                           f"no checkpoint area", FIX, (watched.path, f"'{watched.name}' is declared here")))
    return out
