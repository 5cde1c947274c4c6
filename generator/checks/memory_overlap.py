# SPDX-License-Identifier: GPL-2.0
"""Memory: sizes in whole pages, pinned bases aligned, inside RAM and apart, total fits.

IPAs apart within a cell is judged by place/ipa_check.py, on the derived layout."""
from __future__ import annotations

from dataclasses import dataclass

from ..diag import Diagnostic
from ..spec.model import Board, System
from ..spec.units import fmt_range, fmt_size
from .common import PAGE, err, page_size_problem, who


@dataclass(frozen=True)
class _Area:
    path: str        # where the base (or the region) is written
    label: str       # "cells[0] 'linux' RAM"
    base: int
    size: int

    @property
    def end(self) -> int:
        return self.base + self.size


def _region_size_path(path: str) -> str:
    return path if path.endswith(".memory") else f"{path}.size"


def _pinned(system: System) -> list[_Area]:
    hyp = system.hypervisor
    out = ([_Area("hypervisor.base", "hypervisor memory", hyp.base, hyp.memory_at_least)]
           if hyp.base is not None else [])
    for c in system.cells:
        out += [_Area(f"{r.path}.base", f"{c.path} '{c.name}' RAM", r.base, r.size)
                for r in c.memory if r.base is not None]
        if c.checkpoint and c.checkpoint.base is not None:
            out.append(_Area(f"{c.checkpoint.path}.base", f"{c.path} '{c.name}' checkpoint",
                             c.checkpoint.base, c.checkpoint.size))
    out += [_Area(f"{ch.path}.base", f"{ch.path} '{ch.name}'", ch.base, ch.size)
            for ch in system.channels if ch.base is not None]
    return out


def _sizes(system: System) -> list[Diagnostic]:
    sized = [("hypervisor.memory", system.hypervisor.memory)] if system.hypervisor.memory is not None else []
    for c in system.cells:
        sized += [(_region_size_path(r.path), r.size) for r in c.memory]
        if c.checkpoint:
            sized.append((f"{c.checkpoint.path}.size", c.checkpoint.size))
    out = []
    for path, size in sized:
        problem = page_size_problem(size)
        if problem:
            out.append(err(system, path, *problem))
    return out


def _alignment(system: System, areas: list[_Area]) -> list[Diagnostic]:
    addrs = [(a.path, a.base) for a in areas]
    addrs += [(f"{r.path}.ipa", r.ipa) for c in system.cells for r in c.memory if r.ipa is not None]
    return [err(system, path, f"{addr:#x} is not 4K-aligned",
                f"use {addr // PAGE * PAGE:#x} or {(addr // PAGE + 1) * PAGE:#x}")
            for path, addr in addrs if addr % PAGE]


def _outside_ram(system: System, board: Board, areas: list[_Area]) -> list[Diagnostic]:
    ram = ", ".join(fmt_range(b, s) for b, s in board.memory)
    return [err(system, a.path, f"{a.label} {fmt_range(a.base, a.size)} is outside board RAM ({board.name}: {ram})",
                "pin 'base' inside RAM, or remove 'base' so the generator places it")
            for a in areas if a.size and not any(b <= a.base and a.end <= b + s for b, s in board.memory)]


def _overlaps(system: System, areas: list[_Area], what: str) -> list[Diagnostic]:
    out = []
    ordered = sorted(areas, key=lambda a: system.pos(a.path) or system.pos(""))
    for i, a in enumerate(ordered):
        for b in ordered[:i]:
            if a.size and b.size and a.base < b.end and b.base < a.end:
                out.append(err(system, a.path,
                               f"{fmt_range(a.base, a.size)} overlaps {b.label} {fmt_range(b.base, b.size)}",
                               f"pin '{what}' at {b.end:#x} or above, or remove '{what}' so the generator places it",
                               (b.path, f"{b.label} is placed here")))
                break
    return out


def _total(system: System, board: Board) -> list[Diagnostic]:
    ram = sum(s for _, s in board.memory)
    cells = sum(r.size for c in system.cells for r in c.memory)
    checkpoints = sum(c.checkpoint.size for c in system.cells if c.checkpoint)
    channels = sum(ch.size for ch in system.channels)
    total = system.hypervisor.memory_at_least + cells + checkpoints + channels
    if total <= ram:
        return []
    parts = [f"hypervisor {fmt_size(system.hypervisor.memory_at_least)}", f"cells {fmt_size(cells)}"]
    parts += [f"checkpoints {fmt_size(checkpoints)}"] if checkpoints else []
    parts += [f"channels {fmt_size(channels)}"] if channels else []
    largest = max((r for c in system.cells for r in c.memory), key=lambda r: r.size)
    return [err(system, _region_size_path(largest.path),
                f"the spec asks for {fmt_size(total)} of memory ({', '.join(parts)}) "
                f"but board {board.name} has {fmt_size(ram)} of RAM",
                f"free at least {fmt_size(total - ram)}, e.g. by shrinking {who(system, largest.path)} "
                f"({fmt_size(largest.size)}, the largest region)")]


def check(system: System, board: Board) -> list[Diagnostic]:
    areas = _pinned(system)
    return (_sizes(system) + _alignment(system, areas) + _outside_ram(system, board, areas)
            + _overlaps(system, areas, "base") + _total(system, board))
