# SPDX-License-Identifier: GPL-2.0
"""DMA masters: a passed-through device that can write memory on its own escapes stage 2.

Nothing confines such a device on the boards Tessera knows (no IOMMU is programmed), so the cell
could read and write any physical memory.  Refused unless the cell says 'trust_dma: true'; the
build then warns (place/layout.py: Placement.warnings).
"""
from __future__ import annotations

from ..diag import Diagnostic
from ..spec.model import Board, System
from .common import err
from .devices import passable


def check(system: System, board: Board) -> list[Diagnostic]:
    out = []
    for c in system.cells:
        if c.trust_dma:
            continue
        for j, ref in enumerate(c.devices):
            dev = passable(system, board, ref)
            if dev is None or not dev.dma:
                continue
            why = ", ".join(dev.dma)
            board_side = ("the board puts one in front of it ('iommus')" if dev.iommus
                          else "the board describes none")
            what = (f"'{ref}' ({dev.path}) can master DMA ({why}) and no IOMMU confines it ({board_side}, "
                    f"and Tessera does not program IOMMUs yet), so cell '{c.name}' could read and write any "
                    f"physical memory, other cells' and the hypervisor's")
            out.append(err(system, f"{c.path}.devices[{j}]", what,
                           f"remove it from 'devices', or set 'trust_dma: true' on cell '{c.name}' to accept "
                           f"that risk"))
    return out
