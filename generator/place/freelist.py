# SPDX-License-Identifier: GPL-2.0
"""Free physical address ranges: carve pinned ranges, allocate from the bottom or the top.

Used privately by the placer; the placer itself stays a pure function of the spec and board.
"""
from __future__ import annotations

from .units import align_down, align_up


class FreeList:
    def __init__(self, banks):
        self.ranges: list[tuple[int, int]] = sorted((b, b + s) for b, s in banks if s > 0)

    def total(self) -> int:
        return sum(e - b for b, e in self.ranges)

    def largest(self) -> int:
        return max((e - b for b, e in self.ranges), default=0)

    def contains(self, base: int, size: int) -> bool:
        return any(b <= base and base + size <= e for b, e in self.ranges)

    def carve(self, base: int, size: int) -> bool:
        """Remove [base, base+size) if it lies wholly inside one free range."""
        end = base + size
        for i, (b, e) in enumerate(self.ranges):
            if b <= base and end <= e:
                pieces = [(b, base)] if b < base else []
                if end < e:
                    pieces.append((end, e))
                self.ranges[i:i + 1] = pieces
                return True
        return False

    def alloc_bottom(self, size: int, align: int) -> int | None:
        for b, e in self.ranges:
            base = align_up(b, align)
            if base + size <= e:
                self.carve(base, size)
                return base
        return None

    def alloc_top(self, size: int, align: int) -> int | None:
        for b, e in reversed(self.ranges):
            if e - b < size:
                continue
            base = align_down(e - size, align)
            if base >= b:
                self.carve(base, size)
                return base
        return None
