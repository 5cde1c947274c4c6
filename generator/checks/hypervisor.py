# SPDX-License-Identifier: GPL-2.0
"""The hypervisor console must be a UART on the board, and the board one the hypervisor drives."""
from __future__ import annotations

from ..diag import Diagnostic, did_you_mean
from ..spec.model import Board, System
from .common import board_node, err


def check(system: System, board: Board) -> list[Diagnostic]:
    return _board_driven(system, board) or _console(system, board) or _el2_map(system, board)


def _el2_map(system: System, board: Board) -> list[Diagnostic]:
    """The hypervisor maps itself in 1 GiB blocks: RAM and the devices it drives must not share one."""
    both = [i for i, kind in board.el2_slots(board.device(system.hypervisor.console)).items() if kind == "BOTH"]
    return [err(system, "board", f"board {board.name} has RAM and the GIC or console UART in the same 1 GiB "
                f"block at 0x{i << 30:x}: the hypervisor's EL2 map cannot give both their memory type",
                "this board needs a finer EL2 map (arch/aarch64/mmu.c)") for i in both]


def _board_driven(system: System, board: Board) -> list[Diagnostic]:
    """On a GICv2 board the hypervisor runs (its GICv2 and Cadence UART drivers), but gives cells
    no virtual GICv2 distributor and no Cadence UART model yet (issue 17): only bare-metal cells
    that take no interrupt can run, so whatever needs one is refused where the spec asks for it."""
    if board.gic_version == 3:
        return []
    why = (f"on board {board.name} (GICv2) cells get no interrupts yet: the virtual GICv2 distributor "
           "and the board's UART model for cells are under way")
    out = []
    for cell in system.cells:
        needs = [what for what, asked in (("os: linux", cell.os == "linux"), ("realtime", cell.realtime),
                                          ("devices", cell.devices)) if asked]
        if needs:
            out.append(err(system, cell.path, f"cell '{cell.name}' needs {', '.join(needs)}; {why}",
                           "run only polling bare-metal cells there for now, or build for qemu-virt"))
    if system.channels:
        out.append(err(system, "channels", f"channels ring doorbells; {why}", "leave them out for now"))
    if system.monitor:
        out.append(err(system, "monitor", f"the monitor needs channels and interrupts; {why}",
                       "leave it out for now"))
    return out


def _console(system: System, board: Board) -> list[Diagnostic]:
    ref = system.hypervisor.console
    path = "hypervisor.console"
    uarts = [d for d in board.devices if set(d.compatible) & set(board.uart_compatible)]
    names = [d.labels[0] if d.labels else d.path for d in uarts]
    listing = f"UARTs on {board.name}: {', '.join(names)}" if names else f"{board.name} has no UART"
    dev = board.device(ref)
    if dev is None:
        if board_node(board, ref):
            return [err(system, path, f"'{ref}' has no registers, it cannot be the console", f"use one of the {listing}")]
        hint = did_you_mean(ref, names + [lbl for d in board.devices for lbl in d.labels])
        return [err(system, path, f"no device '{ref}' on board {board.name}",
                    f"{hint} ({listing})" if hint else f"use one of the {listing}")]
    if not set(dev.compatible) & set(board.uart_compatible):
        kind = dev.compatible[0] if dev.compatible else dev.path
        return [err(system, path, f"'{ref}' ({kind}) is not a UART", f"use one of the {listing}")]
    return []
