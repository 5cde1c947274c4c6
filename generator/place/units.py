# SPDX-License-Identifier: GPL-2.0
"""Sizes, alignment and the one human-readable size formatter used in messages and reports."""
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


def fmt_size(size: int) -> str:
    """'256 MiB', '64 KiB', '3 MiB + 4 KiB' is avoided: the largest exact unit, else bytes in hex."""
    for unit, name in ((SZ_1G, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")):
        if size >= unit and size % unit == 0:
            return f"{size // unit} {name}"
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MiB"
    if size >= 1 << 10:
        return f"{size / (1 << 10):.1f} KiB"
    return f"{size} bytes"


def fmt_range(base: int, size: int) -> str:
    return f"{base:#x}-{base + size - 1:#x}"
