# SPDX-License-Identifier: GPL-2.0
"""Physical placement over the board's RAM banks.

Order: pinned bases first (kept as given); then the hypervisor with the image store directly after
it at the top of RAM; then every cell's memory from the bottom in spec order; then channels and
checkpoint areas.  Regions of 2 MiB or more are 2 MiB aligned when some free block allows it
(stage 2 can then use block mappings); smaller ones are 4 KiB aligned and packed together.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..diag import Diagnostic, Note
from ..spec.model import Board, System
from .freelist import FreeList
from .result import (PHYS_CHANNEL, PHYS_CHECKPOINT, PHYS_HYPERVISOR, PHYS_RAM, PHYS_STORE,
                     PhysRegion)
from ..spec.units import fmt_range, fmt_size
from .units import SZ_2M, SZ_4K, align_up, preferred_align


@dataclass(frozen=True)
class Request:
    key: tuple             # ("mem", cell, i) | ("chan", i) | ("ckpt", cell) | ("hv",)
    path: str
    owner: str
    kind: str
    size: int
    base: int | None
    what: str              # for messages: "cells[0] 'linux' memory[0]"


def _requests(system: System, store_size: int, hv_size: int) -> tuple[Request, list[Request]]:
    hv = system.hypervisor
    hv_req = Request(("hv",), f"{hv.path}.memory", "hypervisor", PHYS_HYPERVISOR,
                     align_up(hv_size, SZ_4K) + store_size, hv.base,
                     f"the hypervisor ({fmt_size(hv_size)}) and its image store ({fmt_size(store_size)})")
    rest = []
    for c in system.cells:
        for i, m in enumerate(c.memory):
            rest.append(Request(("mem", c.index, i), m.path, c.name, PHYS_RAM, align_up(m.size, SZ_4K), m.base,
                                f"cells[{c.index}] '{c.name}' memory"
                                + (f"[{i}]" if len(c.memory) > 1 else "")))
    for ch in system.channels:
        rest.append(Request(("chan", ch.index), ch.path, ch.name, PHYS_CHANNEL, align_up(ch.size, SZ_4K), ch.base,
                            f"channel '{ch.name}'"))
    for c in system.cells:
        if c.checkpoint is not None:
            rest.append(Request(("ckpt", c.index), c.checkpoint.path, c.name, PHYS_CHECKPOINT,
                                align_up(c.checkpoint.size, SZ_4K), c.checkpoint.base,
                                f"cells[{c.index}] '{c.name}' checkpoint area"))
    return hv_req, rest


def _no_fit(system: System, r: Request, free: FreeList) -> Diagnostic:
    return Diagnostic(
        system.pos(r.path), r.path,
        f"{r.what} needs {fmt_size(r.size)} of contiguous RAM but the largest free block is "
        f"{fmt_size(free.largest())} ({fmt_size(free.total())} free in total)",
        "shrink it or other regions, or add RAM to the board")


def _store_conflict(system: System, board: Board, r: Request, placed: list[tuple[Request, int]]) -> Diagnostic:
    """The pinned hypervisor's region cannot be carved.  The checks proved the pinned bases apart
    and inside RAM for ``hypervisor.memory`` alone, so the image store after it is what collides."""
    path = "hypervisor.base"
    rng = fmt_range(r.base, r.size)
    for other, obase in placed:
        if other is not r and r.base < obase + other.size and obase < r.base + r.size:
            return Diagnostic(system.pos(path), path,
                              f"{r.what} take {rng}, which overlaps {other.what} {fmt_range(obase, other.size)}",
                              "pin 'base' where both fit, move the other region, or remove 'base' so the "
                              "generator places it",
                              (Note(system.pos(other.path), f"{other.path} is declared here"),))
    banks = ", ".join(fmt_range(b, s) for b, s in board.memory)
    return Diagnostic(system.pos(path), path, f"{r.what} take {rng}, which is not inside board RAM ({banks})",
                      "pin 'base' lower, or remove it so the generator places it")


def place_physical(system: System, board: Board, store_size: int, hv_size: int
                   ) -> tuple[dict[tuple, PhysRegion], list[Diagnostic]]:
    """``hv_size``: the hypervisor's RAM (hypervisor.memory, or what place() derived)."""
    free = FreeList(board.memory)
    hv_req, rest = _requests(system, store_size, hv_size)
    placed: list[tuple[Request, int]] = []
    diags: list[Diagnostic] = []
    pinned = [r for r in rest + [hv_req] if r.base is not None]   # the hypervisor last: see below
    for r in pinned:
        placed.append((r, r.base))
        if not free.carve(r.base, r.size):
            # checks/memory_overlap.py proved pinned regions 4 KiB aligned, inside RAM and apart;
            # only the hypervisor's request is larger here (its image store follows it).
            assert r is hv_req, r
            diags.append(_store_conflict(system, board, r, placed))

    if hv_req.base is None:
        # The hypervisor's base alignment decides the store's (which follows it directly).
        base = free.alloc_top(hv_req.size, preferred_align(hv_size) if hv_size % SZ_2M == 0 else SZ_4K)
        if base is None:
            diags.append(_no_fit(system, hv_req, free))
        else:
            placed.append((hv_req, base))
    for r in rest:
        if r.base is not None:
            continue
        align = preferred_align(r.size)
        base = free.alloc_bottom(r.size, align)
        if base is None and align > SZ_4K:
            base = free.alloc_bottom(r.size, SZ_4K)
        if base is None:
            diags.append(_no_fit(system, r, free))
            continue
        placed.append((r, base))
    if diags:
        return {}, diags

    out = {}
    for r, base in placed:
        if r.key == ("hv",):
            out[("hv",)] = PhysRegion(base, hv_size, "hypervisor", PHYS_HYPERVISOR, r.path)
            out[("store",)] = PhysRegion(base + hv_size, store_size, "image store", PHYS_STORE, r.path)
        else:
            out[r.key] = PhysRegion(base, r.size, r.owner, r.kind, r.path)
    return out, []
