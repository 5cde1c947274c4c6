# SPDX-License-Identifier: GPL-2.0
"""Sizes and alignment (the formatters are in spec/units.py)."""
from __future__ import annotations

SZ_4K = 0x1000
SZ_64K = 0x1_0000
SZ_2M = 0x20_0000
SZ_1G = 0x4000_0000


def align_up(value: int, align: int) -> int:
    return (value + align - 1) // align * align


def align_down(value: int, align: int) -> int:
    return value // align * align


def preferred_align(size: int) -> int:
    """2 MiB for regions that can use block mappings, 4 KiB for small ones (they are packed)."""
    return SZ_2M if size >= SZ_2M else SZ_4K
