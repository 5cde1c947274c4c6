# SPDX-License-Identifier: GPL-2.0
"""Assignments for every power state with few migrations, and the move tables between them.

State 0 (the boot state) is assigned first; every other state starts from state 0's assignment,
keeping each vCPU whose core is still online, and places only the rest.  If that start cannot be
completed schedulably, the state is assigned from scratch.
"""
from __future__ import annotations

from dataclasses import dataclass

from .assign import Failure, assign_state
from .vcpus import VcpuInfo


@dataclass(frozen=True)
class Move:
    vcpu: int
    from_core: int
    to_core: int


def assign_states(vcpus: tuple[VcpuInfo, ...], states: list[tuple[int, ...]]
                  ) -> list[dict[int, int] | Failure]:
    first = assign_state(vcpus, states[0])
    out = [first]
    for cores in states[1:]:
        a = assign_state(vcpus, cores, first) if not isinstance(first, Failure) else None
        if a is None or isinstance(a, Failure):
            a = assign_state(vcpus, cores)
        out.append(a)
    return out


def moves_between(a: dict[int, int], b: dict[int, int]) -> tuple[Move, ...]:
    """The moves that turn assignment a into b: exactly the vCPUs whose core differs."""
    return tuple(Move(v, a[v], b[v]) for v in sorted(a) if a[v] != b[v])


def apply_moves(a: dict[int, int], moves) -> dict[int, int]:
    out = dict(a)
    for m in moves:
        assert out[m.vcpu] == m.from_core
        out[m.vcpu] = m.to_core
    return out
