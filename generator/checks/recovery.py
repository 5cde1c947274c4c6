# SPDX-License-Identifier: GPL-2.0
"""Recovery from a checkpoint needs somewhere to keep the checkpoint; a restart limit needs restarts."""
from __future__ import annotations

from ..diag import Diagnostic
from ..spec.model import (CHECKPOINT_CELL_BYTES, CHECKPOINT_PAGE, CHECKPOINT_VCPU_BYTES, Board, Cell,
                          System, checkpoint_layout)
from ..spec.units import fmt_size
from .common import err

FIX = "add 'checkpoint: {size: ...}' to the cell (room for its RAM), or use 'restart'"


def _needed(c: Cell) -> int:
    return checkpoint_layout(c).ram_offset + c.ram_size


def _state(c: Cell) -> str:
    """What comes before the RAM image, and why it is that big (the cell's own figure)."""
    return (f"{fmt_size(checkpoint_layout(c).ram_offset)} of state before its {fmt_size(c.ram_size)} of RAM "
            f"({fmt_size(CHECKPOINT_CELL_BYTES)} for the cell, {fmt_size(CHECKPOINT_VCPU_BYTES)} per vCPU for "
            f"{c.vcpus} vCPU(s), a dirty-page bit for each of its {c.ram_size // CHECKPOINT_PAGE} pages, "
            f"rounded up to {fmt_size(CHECKPOINT_PAGE)})")


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
    for c in system.cells:
        if c.checkpoint is not None and c.checkpoint.size < _needed(c):
            out.append(err(system, f"{c.path}.checkpoint.size",
                           f"a checkpoint of '{c.name}' holds {_state(c)}, so "
                           f"{fmt_size(c.checkpoint.size)} is too small",
                           f"make it at least {fmt_size(_needed(c))}"))
    for c in system.cells:
        if c.restart_limit is not None and c.recovery == "none":
            out.append(err(system, f"{c.path}.restart_limit",
                           f"'{c.name}' has recovery 'none', so it is never restarted and "
                           f"'restart_limit' has nothing to limit",
                           "remove 'restart_limit', or set 'recovery: restart'"))
        elif c.restart_limit is not None and c.restart_limit.window_ns == 0:
            out.append(err(system, f"{c.path}.restart_limit.window",
                           "a window of 0 counts no restart, so the cell could never fail",
                           "give the window a length, e.g. 'window: 60s'"))
    return out
