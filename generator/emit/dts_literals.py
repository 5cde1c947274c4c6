# SPDX-License-Identifier: GPL-2.0
"""DTS spellings: 64-bit cells, GIC interrupt specifiers, reg lists, unit addresses."""
from __future__ import annotations


def u64_cells(v: int) -> str:
    return f"{v >> 32:#x} {v & 0xffff_ffff:#x}"


def gic_irqs(irqs) -> str:
    """GIC 3-cell form: <type number flags>, type 0 = SPI, 1 = PPI."""
    return ", ".join(f"<{0 if q.kind == 'spi' else 1} {q.number:#x} {q.flags:#x}>" for q in irqs)


def reg_list(reg) -> str:
    return ", ".join(f"<{u64_cells(b)} {u64_cells(s)}>" for b, s in reg)


def unit_address(v: int) -> str:
    return f"{v:x}"
