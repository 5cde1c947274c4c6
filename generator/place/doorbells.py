# SPDX-License-Identifier: GPL-2.0
"""Doorbell INTIDs: per cell, virtual SPIs from 96 upward in channel order, skipping the INTIDs
of the cell's passthrough devices so a doorbell never aliases a real interrupt."""
from __future__ import annotations

from ..spec.model import CELL_INTIDS
from .result import DOORBELL_FIRST_INTID

MAX_SPI_INTID = CELL_INTIDS - 1


def assign_doorbells(ends_per_cell: dict[int, list[int]], taken: dict[int, set[int]]
                     ) -> dict[tuple[int, int], int]:
    """ends_per_cell: cell -> channel indices it is an end of (in channel order).
    Returns (channel, cell) -> INTID."""
    out = {}
    for cell, channels in ends_per_cell.items():
        intid = DOORBELL_FIRST_INTID
        for ch in channels:
            while intid in taken.get(cell, ()):
                intid += 1
            out[(ch, cell)] = intid
            intid += 1
    return out
