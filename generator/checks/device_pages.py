# SPDX-License-Identifier: GPL-2.0
"""Device pages: a passthrough device's 4 KiB pages hold no registers of another owner's device.

Stage 2 maps whole 4 KiB pages (place/ipa.py widens each reg range to them), so a cell given a
device can reach every register in its pages.  On qemu-virt eight virtio-mmio transports share one
page.  Tessera refuses such a passthrough rather than trapping and emulating the sub-page: every
other board device with registers in those pages must go to the same cell.
"""
from __future__ import annotations

from ..diag import Diagnostic
from ..spec.model import Board, Device, System
from ..spec.units import fmt_range
from .common import PAGE, err
from .devices import passable


def _pages(dev: Device) -> set[int]:
    return {p for base, size in dev.reg if size for p in range(base // PAGE, (base + size - 1) // PAGE + 1)}


def _ranges(pages: set[int]) -> str:
    runs, out = sorted(pages), []
    start = prev = runs[0]
    for p in runs[1:] + [None]:
        if p is not None and p == prev + 1:
            prev = p
            continue
        out.append(fmt_range(start * PAGE, (prev - start + 1) * PAGE))
        if p is not None:
            start = prev = p
    return ("the 4K page " if len(runs) == 1 else "the 4K pages ") + ", ".join(out)


def _name(dev: Device) -> str:
    return f"'{dev.labels[0]}'" if dev.labels else f"'{dev.path}'"


def check(system: System, board: Board) -> list[Diagnostic]:
    owner: dict[str, tuple[int, str]] = {}    # device path -> (cell index, spec path)
    for c in system.cells:
        for j, ref in enumerate(c.devices):
            dev = passable(system, board, ref)
            if dev is not None:
                owner.setdefault(dev.path, (c.index, f"{c.path}.devices[{j}]"))
    console = board.device(system.hypervisor.console)
    out = []
    for c in system.cells:
        for j, ref in enumerate(c.devices):
            dev = passable(system, board, ref)
            if dev is None or owner.get(dev.path) != (c.index, f"{c.path}.devices[{j}]"):
                continue            # not passable, or listed twice: checks/devices.py reports it
            mine = _pages(dev)
            shared: set[int] = set()
            parts, notes = [], []
            others = [o for o in board.devices if o.path != dev.path and _pages(o) & mine]
            earlier = [o for o in others if o.path in owner and owner[o.path][0] < c.index]
            nobody = [o for o in others if o.path not in owner and o != console]
            held = [o for o in others if o == console]
            for o in earlier:
                cell = system.cells[owner[o.path][0]]
                parts.append(f"{_name(o)} (given to cell '{cell.name}')")
                notes.append((owner[o.path][1], f"cell '{cell.name}' gets {_name(o)} here"))
                shared |= _pages(o) & mine
            if held:
                parts.append(f"{_name(console)} (the hypervisor console)")
                shared |= _pages(console) & mine
            if nobody:
                parts.append(", ".join(_name(o) for o in nobody) + " (given to no cell)")
                shared |= {p for o in nobody for p in _pages(o) & mine}
            if not parts:
                continue
            out.append(err(system, f"{c.path}.devices[{j}]",
                           f"'{ref}' ({dev.path}) shares {_ranges(shared)} with {' and '.join(parts)}; a cell "
                           f"maps whole pages, so cell '{c.name}' would reach their registers too",
                           "give every device with registers in that page to the same cell, or none of them",
                           *notes))
    return out
