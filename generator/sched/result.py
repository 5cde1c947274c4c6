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
    def run_cores(self) -> tuple[int, ...]:
        """Cores switched on: those that run a vCPU, and the boot core (console input and power
        switches run there)."""
        return tuple(sorted(set(self.vcpu_core) | {min(self.cores)}))

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
class Policy:
    """What the hypervisor's power policy does, decided here."""
    name: str                      # POWER_POLICIES
    boot_state: int                # performance: the most cores on; powersave: the fewest; ondemand: states[0]
    ladder: tuple[int, ...]        # state indices by cores on, fewest first (equal: spec order)
    window_ns: int                 # ondemand: load measured over this
    up: int                        # ondemand: percent load above which it goes up the ladder
    down: int                      # ondemand: and below which it goes down

    def up_from(self, state: int) -> int | None:
        k = self.ladder.index(state)
        return self.ladder[k + 1] if k + 1 < len(self.ladder) else None

    def down_from(self, state: int) -> int | None:
        k = self.ladder.index(state)
        return self.ladder[k - 1] if k > 0 else None


@dataclass(frozen=True)
class Schedule:
    policy: Policy
    vcpus: tuple[VcpuInfo, ...]
    states: tuple[StateSchedule, ...]
    transitions: tuple[Transition, ...]   # every ordered pair (i != j), by i then j
