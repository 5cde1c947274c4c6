# SPDX-License-Identifier: GPL-2.0
"""Power states name real board cores, at least one, each once, the boot core always.
Schedulability is sched/'s job."""
from __future__ import annotations

from ..diag import Diagnostic
from ..spec.model import Board, System
from .common import err


def check(system: System, board: Board) -> list[Diagnostic]:
    if system.power is None:
        return []
    cores = [c.index for c in board.cpus]
    boot = min(cores)
    listing = f"cores of {board.name}: {', '.join(map(str, cores))}"
    out = []
    for st in system.power.states:
        if not st.cpus:
            out.append(err(system, f"{st.path}.cpus", f"power state '{st.name}' has no core",
                           f"list at least one ({listing})"))
        elif boot not in st.cpus:
            out.append(err(system, f"{st.path}.cpus", f"power state '{st.name}' leaves out core {boot}, "
                           "the boot core: the hypervisor's console input and power switches run there",
                           f"add {boot} to its cpus"))
        seen: dict[int, int] = {}
        for k, cpu in enumerate(st.cpus):
            path = f"{st.path}.cpus[{k}]"
            if cpu not in cores:
                out.append(err(system, path, f"no core {cpu} on board {board.name}", f"use one of the {listing}"))
            elif cpu in seen:
                out.append(err(system, path, f"core {cpu} is listed twice", "list each core once",
                               (f"{st.path}.cpus[{seen[cpu]}]", "first listed here")))
            else:
                seen[cpu] = k
    return out
