# SPDX-License-Identifier: GPL-2.0
"""Exact count of stage-2 translation-table pages, matching how the hypervisor builds them.

4 KiB granule, 39-bit IPA (VTCR_EL2.T0SZ = 25), walk starting at level 1.  Per cell: one level-1
page; one level-2 page per 1 GiB IPA slot touched; one level-3 page per 2 MiB IPA slot touched by
a mapping piece that is not a whole 2 MiB block aligned in both IPA and PA.
"""
from __future__ import annotations

from .result import Mapping
from .units import SZ_1G, SZ_2M


def cell_stage2_pages(mappings: list[Mapping]) -> int:
    l2_slots: set[int] = set()
    l3_slots: set[int] = set()
    for m in mappings:
        first, last = m.ipa // SZ_2M, (m.ipa_end - 1) // SZ_2M
        l2_slots.update(range(m.ipa // SZ_1G, (m.ipa_end - 1) // SZ_1G + 1))
        if (m.ipa - m.pa) % SZ_2M:
            l3_slots.update(range(first, last + 1))   # IPA and PA never line up: pages throughout
            continue
        if m.ipa % SZ_2M:
            l3_slots.add(first)
        if m.ipa_end % SZ_2M:
            l3_slots.add(last)
    return 1 + len(l2_slots) + len(l3_slots)


def stage2_pages(cells_mappings) -> int:
    return sum(cell_stage2_pages(list(ms)) for ms in cells_mappings)
