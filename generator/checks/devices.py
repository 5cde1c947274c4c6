# SPDX-License-Identifier: GPL-2.0
"""Passed-through devices: on the board, passable, not the console, one cell each."""
from __future__ import annotations

from ..diag import Diagnostic, did_you_mean
from ..spec.model import Board, Device, System
from .common import board_node, err

GIC_COMPATIBLES = ("arm,gic-v3", "arm,gic-v3-its", "arm,gic-400", "arm,cortex-a15-gic")
TIMER_COMPATIBLES = ("arm,armv8-timer", "arm,armv7-timer")


def passable(system: System, board: Board, ref: str) -> Device | None:
    """The board device ``ref`` names if a cell may own it, else None (the irqs check uses this)."""
    dev = board.device(ref)
    if dev is None or set(dev.compatible) & set(GIC_COMPATIBLES) or dev == board.device(system.hypervisor.console):
        return None
    return dev


def _not_passable(system: System, board: Board, ref: str, path: str) -> Diagnostic | None:
    dev = board.device(ref)
    if dev is None:
        node = board_node(board, ref)
        if node is None:
            labels = [lbl for d in board.devices for lbl in d.labels]
            hint = did_you_mean(ref, labels)
            where = f"labels are in {board.dts_path}"
            return err(system, path, f"no device '{ref}' on board {board.name}",
                       f"{hint} ({where})" if hint else f"use a DT label or node path; {where}")
        if node.path.startswith("/cpus/") or node.path == "/cpus":
            return err(system, path, f"'{ref}' is a core, not a device",
                       "cores are shared out with 'vcpus' and power states; remove it from 'devices'")
        if set(node.compatible) & set(TIMER_COMPATIBLES):
            return err(system, path, f"'{ref}' is the architected timer, which the hypervisor owns",
                       "every cell gets a virtual timer; remove it from 'devices'")
        return err(system, path, f"'{ref}' ({node.path}) has no registers to pass through",
                   "remove it from 'devices'")
    if set(dev.compatible) & set(GIC_COMPATIBLES):
        return err(system, path, f"'{ref}' is the interrupt controller, which the hypervisor owns",
                   "every cell gets a virtual GIC; remove it from 'devices'")
    if dev == board.device(system.hypervisor.console):
        return err(system, path, f"'{ref}' is the hypervisor console",
                   "remove it from 'devices', or set hypervisor.console to another UART",
                   ("hypervisor.console", "the console is chosen here"))
    return None


def check(system: System, board: Board) -> list[Diagnostic]:
    out = []
    owner: dict[str, tuple[str, str]] = {}    # device path -> (cell label, spec path)
    for c in system.cells:
        for j, ref in enumerate(c.devices):
            path = f"{c.path}.devices[{j}]"
            problem = _not_passable(system, board, ref, path)
            if problem:
                out.append(problem)
                continue
            dev = board.device(ref)
            if dev.path in owner:
                first_cell, first_path = owner[dev.path]
                if first_cell == c.name:
                    out.append(err(system, path, f"'{ref}' is listed twice", "list it once",
                                   (first_path, "first listed here")))
                else:
                    aka = dev.path if ref != dev.path else ", ".join(dev.labels) or dev.path
                    out.append(err(system, path, f"'{ref}' ({aka}) is already given to cell '{first_cell}'",
                                   "a device belongs to one cell; remove it from one of them",
                                   (first_path, f"cell '{first_cell}' gets it here")))
                continue
            owner[dev.path] = (c.name, path)
    return out
