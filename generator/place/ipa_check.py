# SPDX-License-Identifier: GPL-2.0
"""The rules of a cell's guest-physical layout, judged on the derived IPAs (their one home).

Every mapping of a cell (RAM, passthrough pages, channels, inspect windows) must be disjoint from
the others, end inside the 39-bit IPA space, and leave alone the ranges the hypervisor emulates.
Only RAM IPAs are chosen in the spec ('ipa', or the default layout), so every finding points at a
RAM region: its 'ipa' key when it has one, else the region.
"""
from __future__ import annotations

from ..diag import Diagnostic, Note
from ..spec.model import GICR_FRAME, Board, Cell, Device, System
from ..spec.units import fmt_range
from .result import IPA_BITS, MAP_CHANNEL, MAP_DEVICE, MAP_INSPECT, MAP_RAM, Mapping
from .units import SZ_4K


def gicr_window(board: Board, vcpus: int) -> tuple[int, int]:
    """(IPA, size) of a cell's redistributor frames: one GICR_FRAME per vCPU from the board's GICR;
    none on a GICv2 board."""
    if board.gic_version == 2:
        return 0, 0
    return board.gicr[0], GICR_FRAME * vcpus


def emulated_ranges(board: Board, console: Device, vcpus: int) -> list[tuple[int, int, str]]:
    """IPA ranges the hypervisor traps or backs in every cell: no mapping may cover them."""
    out = [(board.gicd[0], board.gicd[0] + board.gicd[1], "the GIC distributor")]
    if board.gic_version == 2:  # the CPU interface, backed by the board's virtual one
        out.append((board.gicc[0], board.gicc[0] + board.gicv[1], "the GIC CPU interface"))
    else:
        gicr, gicr_size = gicr_window(board, vcpus)
        out.append((gicr, gicr + gicr_size, "the GIC redistributors"))
    b = console.reg[0][0]
    out.append((b, b + SZ_4K, "the virtual console"))
    return out


def _explicit_ipa(cell: Cell, m: Mapping) -> bool:
    return any(r.path == m.path and r.ipa is not None for r in cell.memory)


def _describe(cell: Cell, m: Mapping) -> str:
    if m.kind == MAP_RAM:
        region = next(r for r in cell.memory if r.path == m.path)
        j = cell.memory.index(region)
        if region.ipa is not None:
            return m.path
        return f"{m.path} (default IPA)" if j == 0 else f"{m.path} (placed after memory[{j - 1}])"
    return {MAP_DEVICE: f"device {m.label}", MAP_CHANNEL: f"channel '{m.label}'",
            MAP_INSPECT: f"the inspect window onto {m.label}"}[m.kind]


def _at(cell: Cell, m: Mapping) -> str:
    """The spec path a finding about RAM mapping ``m`` points at."""
    return f"{m.path}.ipa" if _explicit_ipa(cell, m) else m.path


def _fix(cell: Cell, m: Mapping, above: int) -> str:
    if _explicit_ipa(cell, m):
        return f"pin 'ipa' at {above:#x} or above, or remove 'ipa' so the generator places it"
    return f"give the region an 'ipa' at {above:#x} or above"


def _overlap(system: System, cell: Cell, a: Mapping, b: Mapping) -> Diagnostic:
    """``a`` and ``b`` overlap; the finding goes to the RAM region written later in the spec."""
    rams = [m for m in (a, b) if m.kind == MAP_RAM]
    if len(rams) == 2:
        later = max(rams, key=lambda m: system.pos(_at(cell, m)) or system.pos(""))
    else:
        later = rams[0]
    other = b if later is a else a
    path = _at(cell, later)
    note_at = _at(cell, other) if other.kind == MAP_RAM else other.path
    return Diagnostic(system.pos(path), path,
                      f"{fmt_range(later.ipa, later.size)} overlaps {_describe(cell, other)} "
                      f"{fmt_range(other.ipa, other.size)}",
                      _fix(cell, later, other.ipa_end),
                      (Note(system.pos(note_at), f"{_describe(cell, other)} is "
                                 + ("placed here" if other.kind == MAP_RAM else "declared here")),))


def check_ipa(system: System, board: Board, cell: Cell, maps: list[Mapping], console: Device
              ) -> list[Diagnostic]:
    """``maps``: the cell's mappings sorted by IPA."""
    diags = []
    for i, a in enumerate(maps):
        for b in maps[i + 1:]:
            if b.ipa >= a.ipa_end:
                break
            diags.append(_overlap(system, cell, a, b))
    for m in (m for m in maps if m.kind == MAP_RAM):
        path = _at(cell, m)
        if m.ipa_end > 1 << IPA_BITS:
            diags.append(Diagnostic(system.pos(path), path,
                                    f"{fmt_range(m.ipa, m.size)} ends above the {IPA_BITS}-bit IPA space "
                                    f"(last IPA {(1 << IPA_BITS) - 1:#x})", "lower its 'ipa'"))
        for lo, hi, what in emulated_ranges(board, console, cell.vcpus):
            if m.ipa < hi and lo < m.ipa_end:
                diags.append(Diagnostic(system.pos(path), path,
                                        f"{fmt_range(m.ipa, m.size)} covers {what} at {fmt_range(lo, hi - lo)}, "
                                        f"which the hypervisor emulates at that IPA in every cell",
                                        "set 'ipa' elsewhere (RAM normally starts at 0x40000000)"))
    return diags


def check_rule_regions(system: System, watched: list[Cell], rams: dict[int, list[Mapping]]
                       ) -> list[Diagnostic]:
    """A rule's own region of IPAs (monitor.watch[].rules[].region: {base, size}) lies in one RAM
    region of the cell it watches: the monitor reads it through its window onto that RAM."""
    diags = []
    for cell, w in zip(watched, system.monitor.watch if system.monitor else ()):
        for r in (r for r in w.rules if r.region == "ipa" and r.size):
            if any(m.ipa <= r.base and r.base + r.size <= m.ipa_end for m in rams[cell.index]):
                continue
            ram = ", ".join(fmt_range(m.ipa, m.size) for m in rams[cell.index])
            path = f"{r.path}.region"
            diags.append(Diagnostic(system.pos(path), path,
                                    f"{fmt_range(r.base, r.size)} is not in the RAM of '{cell.name}' ({ram})",
                                    "give a region inside one of its RAM regions"))
    return diags
