# SPDX-License-Identifier: GPL-2.0
"""How much RAM the hypervisor image needs: the default for hypervisor.memory, and its lower bound.

An estimate of the linked image (hypervisor/arch/aarch64/tessera.ld, __hv_start to __hv_end):
- code and data: a fixed allowance.  Measured on configs/qemu-virt.yaml (2 cells, 3 vCPUs), text
  + rodata + data + bss were 44K of a 92K image (make prints 'SIZE hypervisor 94208 bytes');
  the allowance leaves room for the code to grow several times over.
- per cell and per vCPU: struct cell (its vGIC and vUART, 1.3K measured) and struct vcpu (0.8K)
  are arrays sized by the spec; 4K each is allowed.
- the stage-2 page pool: SYSCONFIG_STAGE2_PAGES pages of 4K (place/stage2.py counts them).
- the EL2 stacks: 8K per board core (STACK_SIZE in hypervisor/arch/aarch64/asm.h).
The default is that sum rounded up to HV_MEMORY_BLOCK (2M); a given value must cover the sum.
The linker script's ASSERT still checks the real image against what was placed.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..spec.model import HV_MEMORY_BLOCK, Board, System
from ..spec.units import fmt_size
from .units import SZ_4K, align_up

CODE_DATA = 256 << 10
PER_CELL = 4 << 10
PER_VCPU = 4 << 10
STACK_PER_CORE = 8 << 10


@dataclass(frozen=True)
class HvNeed:
    cells: int
    vcpus: int
    cores: int
    stage2_pages: int

    @property
    def tables(self) -> int:
        return self.stage2_pages * SZ_4K

    @property
    def total(self) -> int:
        return (CODE_DATA + PER_CELL * self.cells + PER_VCPU * self.vcpus + self.tables
                + STACK_PER_CORE * self.cores)

    @property
    def derived(self) -> int:
        """The default hypervisor.memory: the need rounded up to whole 2M blocks."""
        return align_up(self.total, HV_MEMORY_BLOCK)

    def explain(self) -> str:
        return (f"code and data {fmt_size(CODE_DATA)} + {self.cells} cell(s) and {self.vcpus} vCPU(s) "
                f"{fmt_size(PER_CELL * self.cells + PER_VCPU * self.vcpus)} + stage-2 tables "
                f"{fmt_size(self.tables)} ({self.stage2_pages} pages) + stacks "
                f"{fmt_size(STACK_PER_CORE * self.cores)} ({self.cores} cores)")


def hv_need(system: System, board: Board, stage2_pages: int) -> HvNeed:
    return HvNeed(len(system.cells), sum(c.vcpus for c in system.cells), len(board.cpus), stage2_pages)
