# SPDX-License-Identifier: GPL-2.0
"""Exact count of stage-2 translation-table pages, matching how the hypervisor builds them.

4 KiB granule, 39-bit IPA (VTCR_EL2.T0SZ = 25), walk starting at level 1.  Per cell: one level-1
page; one level-2 page per 1 GiB IPA slot touched; one level-3 page per 2 MiB IPA slot touched by
a mapping piece that is not a whole 2 MiB block aligned in both IPA and PA.  A cell with a
checkpoint area also gets a level-3 page per 2 MiB of RAM: its RAM is mapped page by page from its
first checkpoint on (dirty-page tracking).
"""
from __future__ import annotations

from .result import MAP_RAM, Mapping
from .units import SZ_1G, SZ_2M


def cell_stage2_pages(mappings: list[Mapping], split_ram: bool = False) -> int:
    l2_slots: set[int] = set()
    l3_slots: set[int] = set()
    for m in mappings:
        first, last = m.ipa // SZ_2M, (m.ipa_end - 1) // SZ_2M
        l2_slots.update(range(m.ipa // SZ_1G, (m.ipa_end - 1) // SZ_1G + 1))
        if (m.ipa - m.pa) % SZ_2M or (split_ram and m.kind == MAP_RAM):
            l3_slots.update(range(first, last + 1))   # IPA and PA never line up: pages throughout
            continue
        if m.ipa % SZ_2M:
            l3_slots.add(first)
        if m.ipa_end % SZ_2M:
            l3_slots.add(last)
    return 1 + len(l2_slots) + len(l3_slots)


def stage2_pages(cells_mappings, checkpointed=None) -> int:
    """checkpointed: for each cell, whether it has a checkpoint area (its RAM gets split)."""
    flags = list(checkpointed) if checkpointed is not None else None
    return sum(cell_stage2_pages(list(ms), bool(flags and flags[i]))
               for i, ms in enumerate(cells_mappings))
