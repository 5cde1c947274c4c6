# SPDX-License-Identifier: GPL-2.0
"""The hypervisor console must be a UART on the board, and the board one the hypervisor drives."""
from __future__ import annotations

from ..diag import Diagnostic, did_you_mean
from ..spec.model import Board, System
from .common import board_node, err


def check(system: System, board: Board) -> list[Diagnostic]:
    return _board_driven(system, board) or _console(system, board)


def _board_driven(system: System, board: Board) -> list[Diagnostic]:
    """The generator describes GICv2 boards already; the hypervisor's GICv2 and Cadence UART
    drivers come next (issue 17).  Until then a build for one would not start."""
    if board.gic_version == 3:
        return []
    return [err(system, "board", f"board {board.name} has a GICv2 (arm,gic-400): the hypervisor drives "
                f"only GICv3 boards so far, an image for {board.name} would not start",
                "build for qemu-virt (its GICv2 and Cadence UART drivers are under way)")]


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
