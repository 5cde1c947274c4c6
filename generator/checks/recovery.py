# SPDX-License-Identifier: GPL-2.0
"""Recovery from a checkpoint needs somewhere to keep the checkpoint; a restart limit needs restarts."""
from __future__ import annotations

from ..diag import Diagnostic
from ..spec.model import CHECKPOINT_OVERHEAD, Board, System
from ..spec.units import fmt_size
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
    for c in system.cells:
        ram = sum(m.size for m in c.memory)
        if c.checkpoint is not None and c.checkpoint.size < ram + CHECKPOINT_OVERHEAD:
            out.append(err(system, f"{c.path}.checkpoint.size",
                           f"a checkpoint of '{c.name}' holds its {fmt_size(ram)} of RAM and "
                           f"{fmt_size(CHECKPOINT_OVERHEAD)} of vCPU and device state, so "
                           f"{fmt_size(c.checkpoint.size)} is too small",
                           f"make it at least {fmt_size(ram + CHECKPOINT_OVERHEAD)}"))
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
