# SPDX-License-Identifier: GPL-2.0
"""Guest-physical (IPA) layout of each cell.

RAM: the first region at its 'ipa' or 0x40000000, further regions 2 MiB aligned after it.
Channels: 0x10_0000_0000 + a running offset over all channels (2 MiB, or the size rounded up to
2 MiB, per channel), the same IPA in both ends.  Inspect windows of the monitor: 0x20_0000_0000 +
a running offset, 2 MiB per step.  Passthrough devices: IPA = PA, reg ranges widened to 4 KiB pages.
"""
from __future__ import annotations

from ..spec.model import DEFAULT_IPA_BASE, Board, Cell, Device, System
from .result import (CHANNEL_IPA_BASE, INSPECT_IPA_BASE, MAP_DEVICE, MAP_INSPECT, MAP_RAM,
                     Mapping, PhysRegion)
from .units import SZ_2M, SZ_4K, align_down, align_up


def ram_mappings(cell: Cell, phys: dict[tuple, PhysRegion]) -> list[Mapping]:
    out, next_ipa = [], DEFAULT_IPA_BASE
    for i, m in enumerate(cell.memory):
        ipa = m.ipa if m.ipa is not None else next_ipa
        label = f"memory[{i}]" if len(cell.memory) > 1 else "memory"
        r = phys[("mem", cell.index, i)]
        out.append(Mapping(ipa, r.base, r.size, MAP_RAM, label, m.path))
        next_ipa = align_up(ipa + r.size, SZ_2M)
    return out


def channel_ipas(system: System) -> list[int]:
    out, offset = [], 0
    for ch in system.channels:
        out.append(CHANNEL_IPA_BASE + offset)
        offset += max(SZ_2M, align_up(ch.size, SZ_2M))
    return out


def device_mappings(devices: list[Device], paths: list[str] | None = None) -> list[Mapping]:
    """Each device's reg ranges as whole 4 KiB pages; pages shared by several devices merged.
    ``paths``: the spec path naming each device (for messages)."""
    paths = paths or [""] * len(devices)
    where = {d.path: p for d, p in zip(devices, paths)}
    pieces = sorted((align_down(b, SZ_4K), align_up(b + s, SZ_4K), d.path)
                    for d in devices for b, s in d.reg)
    merged: list[list] = []
    for start, end, label in pieces:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            if label not in merged[-1][2]:
                merged[-1][2].append(label)
        else:
            merged.append([start, end, [label]])
    return [Mapping(s, s, e - s, MAP_DEVICE, " ".join(labels), where[labels[0]]) for s, e, labels in merged]


def inspect_windows(watched: list[tuple[Cell, list[Mapping], str]]) -> list[list[Mapping]]:
    """For each watched cell (its RAM mappings, the watch's spec path), the monitor's read-only
    windows onto it."""
    out, offset = [], 0
    for cell, rams, path in watched:
        windows = []
        for m in rams:
            windows.append(Mapping(INSPECT_IPA_BASE + offset, m.pa, m.size, MAP_INSPECT,
                                   f"{cell.name} {m.label}", path))
            offset += align_up(m.size, SZ_2M)
        out.append(windows)
    return out


def passthrough_devices(cell: Cell, board: Board) -> list[Device]:
    """The cell's devices in spec order (the checks proved every reference names a board device)."""
    return [board.device(ref) for ref in cell.devices]
