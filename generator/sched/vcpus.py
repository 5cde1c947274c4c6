# SPDX-License-Identifier: GPL-2.0
"""The flat vCPU list (by cell, then index in the cell) with rate-monotonic priorities.

Every vCPU of a realtime cell is a periodic server with the cell's period and budget.  Rank 0 is
the shortest period; ties go to the earlier cell, then the lower vCPU index.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..spec.model import System


@dataclass(frozen=True)
class VcpuInfo:
    index: int                 # position in sys_config.vcpus
    cell: int                  # cell index
    cell_name: str
    number: int                # vCPU number inside the cell
    cell_vcpus: int            # how many vCPUs the cell has
    period_ns: int | None      # None: not realtime
    budget_ns: int | None
    priority: int | None       # rate-monotonic rank, None if not realtime

    @property
    def realtime(self) -> bool:
        return self.period_ns is not None

    @property
    def utilization(self) -> Fraction:
        return Fraction(self.budget_ns, self.period_ns) if self.realtime else Fraction(0)

    @property
    def name(self) -> str:
        return f"{self.cell_name}.vcpu{self.number}"


def flat_vcpus(system: System) -> tuple[VcpuInfo, ...]:
    raw = []
    for cell in system.cells:
        rt = cell.realtime
        for n in range(cell.vcpus):
            raw.append((cell, n, rt))
    rt_order = sorted((i for i, (_, _, rt) in enumerate(raw) if rt is not None),
                      key=lambda i: (raw[i][2].period_ns, raw[i][0].index, raw[i][1]))
    rank = {i: r for r, i in enumerate(rt_order)}
    return tuple(VcpuInfo(i, cell.index, cell.name, n, cell.vcpus,
                          rt.period_ns if rt else None, rt.budget_ns if rt else None, rank.get(i))
                 for i, (cell, n, rt) in enumerate(raw))
