# SPDX-License-Identifier: GPL-2.0
"""What scheduling decided: per power state where each vCPU runs, and the moves between states."""
from __future__ import annotations

from dataclasses import dataclass

from .migrate import Move
from .vcpus import VcpuInfo


@dataclass(frozen=True)
class StateSchedule:
    index: int
    name: str
    path: str                      # spec key path ("power.states[1]"), "" for the default state
    cores: tuple[int, ...]         # board core indices online, ascending
    vcpu_core: tuple[int, ...]     # per vCPU (sys_config.vcpus order): its core
    response_ns: dict[int, int]    # realtime vCPU index -> worst-case response time

    @property
    def shared_cores(self) -> tuple[int, ...]:
        """Cores that run more than one vCPU: the hypervisor slices and budgets them."""
        return tuple(c for c in self.cores if self.vcpu_core.count(c) > 1)


@dataclass(frozen=True)
class Transition:
    from_state: int
    to_state: int
    moves: tuple[Move, ...]


@dataclass(frozen=True)
class Schedule:
    policy: str                    # POWER_POLICIES
    vcpus: tuple[VcpuInfo, ...]
    states: tuple[StateSchedule, ...]
    transitions: tuple[Transition, ...]   # every ordered pair (i != j), by i then j
