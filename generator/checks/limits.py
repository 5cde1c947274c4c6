# SPDX-License-Identifier: GPL-2.0
"""Kconfig limits: CONFIG_MAX_CELLS cells and CONFIG_MAX_VCPUS vCPUs in total."""
from __future__ import annotations

from ..diag import Diagnostic
from ..spec.model import Board, System
from .common import err

DEFAULT_MAX_CELLS = 64
DEFAULT_MAX_VCPUS = 256


def check(system: System, board: Board, max_cells: int = DEFAULT_MAX_CELLS,
          max_vcpus: int = DEFAULT_MAX_VCPUS) -> list[Diagnostic]:
    out = []
    if len(system.cells) > max_cells:
        out.append(err(system, f"cells[{max_cells}]",
                       f"{len(system.cells)} cells, more than CONFIG_MAX_CELLS={max_cells}",
                       "raise MAX_CELLS in the configuration (make menuconfig) or merge cells"))
    total = 0
    for c in system.cells:
        total += c.vcpus
        if total > max_vcpus:
            out.append(err(system, f"{c.path}.vcpus",
                           f"{total} vCPUs up to this cell, more than CONFIG_MAX_VCPUS={max_vcpus}",
                           "raise MAX_VCPUS in the configuration (make menuconfig) or use fewer vCPUs"))
            break
    return out
