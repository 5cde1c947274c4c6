# SPDX-License-Identifier: GPL-2.0
"""Whole-system rules, one module each.  ``run_all`` runs every check and returns every finding."""
from __future__ import annotations

import functools

from ..diag import Diagnostic
from ..spec.model import Board, System
from . import (channels, device_pages, devices, dma, hypervisor, images, irqs, limits, memory_overlap,
               monitor, names, power, realtime, recovery)

# Each entry: check(system, board) -> list[Diagnostic], no side effects.  Order does not matter:
# findings are sorted by position when printed.
CHECKS = [
    names.check,
    hypervisor.check,
    memory_overlap.check,
    devices.check,
    device_pages.check,
    dma.check,
    irqs.check,
    channels.check,
    monitor.check,
    power.check,
    images.check,
    realtime.check,
    recovery.check,
    limits.check,
]


def run_all(system: System, board: Board, options: dict | None = None) -> list[Diagnostic]:
    """Run every check; ``options`` may carry max_cells/max_vcpus (from the Kconfig .config)."""
    options = options or {}
    limit_args = {k: options[k] for k in ("max_cells", "max_vcpus") if k in options}
    diags: list[Diagnostic] = []
    for fn in CHECKS:
        if fn is limits.check:
            fn = functools.partial(fn, **limit_args)
        diags.extend(fn(system, board))
    return diags
