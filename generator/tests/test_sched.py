# SPDX-License-Identifier: GPL-2.0
"""Scheduling: RTA by hand, the full example's states, the unschedulable message, and properties."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..diag import DiagnosticError
from ..sched import schedule
from ..spec.units import fmt_duration
from ..sched.migrate import apply_moves
from ..sched.rta import response_times, schedulable
from ..spec.model import Power, PowerState, Realtime
from .factories import MS, US, baremetal_cell, full_system, power_of, qemu_virt_board, system_of

BOARD = qemu_virt_board()
STUB = Path("stub.bin")   # scheduling never reads payloads


def test_rta_textbook():
    # (C, T) highest priority first: R = 1, 3, then 2 + ceil(R/4) + 2 ceil(R/5) -> 5, 6, 8, 8
    assert response_times([(1, 4), (2, 5), (2, 10)]) == [1, 3, 8]
    assert schedulable([(1, 4), (2, 5), (2, 10)])
    r = response_times([(600, 1000), (600, 1000)])
    assert r[1] > 1000 and not schedulable([(600, 1000), (600, 1000)])


def test_durations():
    assert [fmt_duration(n) for n in (1_300_000, 1_000_000, 200_000, 5, 2_000_000_000)] == \
        ["1.3ms", "1ms", "200us", "5ns", "2s"]


def test_full_example(tmp_path):
    s = schedule(full_system(tmp_path), BOARD)
    full, low = s.states
    # linux.vcpu0, rtos.vcpu0, monitor.vcpu0: a core each, the realtime one first
    assert full.vcpu_core == (1, 0, 2)
    # 'low' has two cores: monitor.vcpu0 shares Linux's, the realtime one keeps its own
    assert low.cores == (0, 1) and low.vcpu_core == (1, 0, 1) and low.shared_cores == (1,)
    assert full.response_ns == {1: 200 * US}
    assert [(t.from_state, t.to_state, len(t.moves)) for t in s.transitions] == [(0, 1, 1), (1, 0, 1)]
    # ondemand: the ladder goes by cores on, fewest first; it boots in states[0]
    assert (s.policy.name, s.policy.ladder, s.policy.boot_state) == ("ondemand", (1, 0), 0)
    assert s.policy.up_from(1) == 0 and s.policy.down_from(0) == 1 and s.policy.up_from(0) is None
    assert s.vcpus[1].priority == 0 and s.vcpus[0].priority is None


def test_moves_when_a_core_goes_off(tmp_path):
    sys_ = full_system(tmp_path)
    sys_ = replace(sys_, power=power_of(("full", (0, 1, 2, 3)), ("low", (0, 1, 3))))
    full, low = schedule(sys_, BOARD).states
    assert full.vcpu_core == (1, 0, 2) and low.vcpu_core == (1, 0, 3)   # monitor: cpu 2 -> 3


def test_no_power_section_means_every_core(tmp_path):
    s = schedule(replace(full_system(tmp_path), power=None), BOARD)
    assert [(st.name, st.cores) for st in s.states] == [("full", (0, 1, 2, 3))]
    assert s.transitions == () and s.policy.name == "performance" and s.policy.boot_state == 0


def test_unschedulable_state_message(tmp_path):
    sys_ = full_system(tmp_path)
    rtos = replace(sys_.cells[1], vcpus=2, realtime=Realtime("cells[1].realtime", 1 * MS, 600 * US))
    low = PowerState("power.states[1]", "low", (1,))
    sys_ = replace(sys_, cells=(sys_.cells[0], rtos, sys_.cells[2]),
                   power=Power("power", "ondemand", (sys_.power.states[0], low)))
    with pytest.raises(DiagnosticError) as e:
        schedule(sys_, BOARD)
    [d] = e.value.diags
    assert d.format() == (
        f"{sys_.pos('power.states[1]')}: power.states[1] 'low': realtime vCPUs do not fit on cpu 1 "
        "(rtos.vcpu1 response time 1.2ms > period 1ms); add a core to 'low', shorten 'budget', "
        "or lengthen 'period'")


def test_vcpus_share_the_cores_of_a_smaller_state(tmp_path):
    """A state with fewer cores than vCPUs: several vCPUs per core, the realtime one's core
    named shared, its response time still proved."""
    sys_ = full_system(tmp_path)
    sys_ = replace(sys_, power=power_of(("full", (0, 1, 2, 3)), ("low", (0, 1))))
    s = schedule(sys_, BOARD)
    low = s.states[1]
    assert sorted(set(low.vcpu_core)) == [0, 1] and len(low.vcpu_core) == 3
    assert low.shared_cores == (next(c for c in (0, 1) if low.vcpu_core.count(c) == 2),)
    assert s.states[0].shared_cores == ()
    assert low.response_ns


def test_two_realtime_servers_share_a_core_when_rta_allows():
    """Two 200us/1ms servers fit one core: the second responds within 400us."""
    cells = [baremetal_cell(i, STUB, realtime=(1 * MS, 200 * US)) for i in range(2)]
    s = schedule(system_of(cells, power=power_of(("all", (0, 1, 2, 3)), ("one", (2,)))), BOARD)
    one = s.states[1]
    assert one.vcpu_core == (2, 2) and one.shared_cores == (2,)
    assert sorted(one.response_ns.values()) == [200 * US, 400 * US]


def test_five_vcpus_on_four_cores():
    cells = [baremetal_cell(i, STUB) for i in range(5)]
    s = schedule(system_of(cells), BOARD)
    assert sorted(s.states[0].vcpu_core) == [0, 0, 1, 2, 3]
    assert s.states[0].shared_cores == (0,)


def test_realtime_vcpus_of_a_cell_on_distinct_cores():
    cells = [baremetal_cell(0, STUB, vcpus=2, realtime=(1 * MS, 100 * US))]
    s = schedule(system_of(cells, power=power_of(("all", (0, 1, 2, 3)))), BOARD)
    assert len(set(s.states[0].vcpu_core)) == 2


# ---- properties ----

@st.composite
def random_systems(draw):
    cells = []
    for i in range(draw(st.integers(1, 6))):
        rt = None
        if draw(st.booleans()):
            period = draw(st.sampled_from([1 * MS, 2 * MS, 5 * MS, 10 * MS]))
            rt = (period, period * draw(st.integers(1, 60)) // 100)
        cells.append(baremetal_cell(i, STUB, vcpus=draw(st.integers(1, 3)), realtime=rt))
    states = draw(st.lists(st.sets(st.integers(0, 3), min_size=1), min_size=1, max_size=4))
    return system_of(cells, power=power_of(*((f"s{i}", tuple(sorted(c))) for i, c in enumerate(states))))


def _check(system, s):
    vcpus = s.vcpus
    n = len(s.states)
    for st_ in s.states:
        for v in vcpus:
            assert st_.vcpu_core[v.index] in st_.cores
    assert len(s.transitions) == n * (n - 1)
    assert {(t.from_state, t.to_state) for t in s.transitions} == {(i, j) for i in range(n) for j in range(n) if i != j}
    for t in s.transitions:
        a = dict(enumerate(s.states[t.from_state].vcpu_core))
        b = dict(enumerate(s.states[t.to_state].vcpu_core))
        assert apply_moves(a, t.moves) == b
        assert len(t.moves) == sum(a[v] != b[v] for v in a)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_systems())
def test_schedule_properties(system):
    try:
        s = schedule(system, BOARD)
    except DiagnosticError as e:
        for d in e.diags:
            assert "realtime vCPUs do not fit" in d.what
        return
    _check(system, s)


@pytest.mark.parametrize("policy, boot", [("performance", 1), ("powersave", 2), ("ondemand", 0)])
def test_policy_chooses_the_boot_state(policy, boot):
    """performance boots in the state with the most cores on, powersave in the one with the
    fewest, ondemand in states[0]; the ladder orders states by cores on (equal: spec order)."""
    cells = [baremetal_cell(i, STUB) for i in range(4)]
    states = power_of(("mid", (0, 1, 2)), ("all", (0, 1, 2, 3)), ("one", (0,)), ("also", (0, 1, 3)),
                      policy=policy)
    s = schedule(system_of(cells, power=states), BOARD)
    assert s.policy.boot_state == boot
    assert s.policy.ladder == (2, 0, 3, 1)
    assert [s.policy.down_from(i) for i in range(4)] == [2, 3, None, 0]
