# SPDX-License-Identifier: GPL-2.0
"""The hypervisor console must be a UART on the board (a model the hypervisor drives and emulates for
the cells); a board it cannot map is refused."""
from __future__ import annotations

from ..diag import Diagnostic, did_you_mean
from ..spec.model import Board, System
from .common import board_node, err


def check(system: System, board: Board) -> list[Diagnostic]:
    # the console first: the others read its model and address
    return _console(system, board) or _el2_map(system, board)


def _el2_map(system: System, board: Board) -> list[Diagnostic]:
    """The hypervisor maps itself in 1 GiB blocks: RAM and the devices it drives must not share one."""
    both = [i for i, kind in board.el2_slots(board.device(system.hypervisor.console)).items() if kind == "BOTH"]
    return [err(system, "board", f"board {board.name} has RAM and the GIC or console UART in the same 1 GiB "
                f"block at 0x{i << 30:x}: the hypervisor's EL2 map cannot give both their memory type",
                "this board needs a finer EL2 map (arch/aarch64/mmu.c)") for i in both]


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
