# SPDX-License-Identifier: GPL-2.0
"""An SPI goes to one owner: two devices sharing an interrupt must go to the same cell."""
from __future__ import annotations

from ..diag import Diagnostic
from ..spec.model import CELL_INTIDS, Board, System
from .common import err
from .devices import passable


def check(system: System, board: Board) -> list[Diagnostic]:
    out = []
    owner: dict[int, tuple[str, str, str, str]] = {}    # INTID -> (cell, device ref, spec path, node path)
    console = board.device(system.hypervisor.console)
    for irq in console.irqs if console else ():
        owner[irq.intid] = ("", system.hypervisor.console, "hypervisor.console", console.path)
    for c in system.cells:
        for j, ref in enumerate(c.devices):
            dev = passable(system, board, ref)
            path = f"{c.path}.devices[{j}]"
            for irq in dev.irqs if dev else ():
                if irq.kind != "spi":
                    continue
                if irq.intid >= CELL_INTIDS:
                    out.append(err(system, path,
                                   f"'{ref}' uses SPI {irq.number} (INTID {irq.intid}), beyond INTID "
                                   f"{CELL_INTIDS - 1}, the last one of a cell's virtual GIC",
                                   "pass through a device with a lower interrupt, or keep it in the "
                                   "hypervisor's hands"))
                    break
                first = owner.setdefault(irq.intid, (c.name, ref, path, dev.path))
                if first[0] == c.name or first[3] == dev.path:    # same cell, or 'devices' reports it
                    continue
                holder = f"cell '{first[0]}'" if first[0] else "the hypervisor console"
                out.append(err(system, path,
                               f"'{ref}' uses SPI {irq.number} (INTID {irq.intid}), which {holder} "
                               f"also gets through '{first[1]}'",
                               "a shared interrupt belongs to one owner; give both devices to the same cell",
                               (first[2], f"'{first[1]}' is given here")))
                break
    return out
