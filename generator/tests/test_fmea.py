# SPDX-License-Identifier: GPL-2.0
"""Failure modes and effects (generator/fmea/modes.py, build/fmea.md): each answer follows from the spec,
and a failure nobody detects, or one that leaves its cell down, is listed as a gap."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .. import fmea
from ..sched import schedule
from ..spec.load import load_system
from ..spec.model import Channel, Control, Heartbeat, Monitor, Rule, Watch
from .factories import MS, REPO, baremetal_cell, power_of, qemu_virt_board, system_of

BOARD = qemu_virt_board()
IMAGE = Path("cell.bin")


def analyse(system) -> fmea.Fmea:
    return fmea.analyse(system, schedule(system, BOARD))


def row(analysis: fmea.Fmea, cell: str, failure: str) -> fmea.Mode:
    """The row of cell whose failure starts with the given word(s)."""
    modes = next(c.modes for c in analysis.cells if c.cell == cell)
    return next(m for m in modes if m.failure.startswith(failure))


def gaps(analysis: fmea.Fmea) -> set[tuple[str, str]]:
    return {(who, m.failure.split(":")[0]) for who, m in analysis.gaps}


def cells(*recoveries: str, **kw):
    return [replace(baremetal_cell(i, IMAGE, **kw), recovery=r) for i, r in enumerate(recoveries)]


def test_an_unwatched_cell_without_recovery_is_all_gaps():
    a = analyse(system_of(cells("none")))
    assert gaps(a) == {("c0", "crash"), ("c0", "hang with interrupts off"), ("c0", "silent"),
                       ("c0", "corruption of its code or of data that must not change"),
                       ("hypervisor", "an exception in the hypervisor itself (a bug)")}
    assert row(a, "c0", "crash").recovery.startswith("stopped (FAULTED)")
    assert row(a, "c0", "hang").detector == fmea.NOBODY


def test_recovery_decides_the_crash_row_and_a_restart_limit_row_follows():
    a = analyse(system_of(cells("restart", "restore")))
    assert row(a, "c0", "crash").recovery.startswith("restarted cold") and not row(a, "c0", "crash").gap
    assert row(a, "c1", "crash").recovery.startswith("restored from its checkpoint")
    storm = row(a, "c0", "restart storm")
    assert "more than 3 restarts within 60s" in storm.failure and storm.recovery.startswith("FAILED")
    assert not storm.gap   # stopping a cell that keeps failing is the design
    assert all(not m.failure.startswith("restart storm")
               for m in next(c for c in analyse(system_of(cells("none"))).cells).modes)


def test_a_watch_detects_hangs_silence_and_corruption_within_its_figures():
    rules = (Rule("monitor.watch[0].rules[0]", "kernel_text", "kernel.text", "hash", (), 1000 * MS),
             Rule("monitor.watch[0].rules[1]", "syscall_table", "kernel.syscall_table", "hash", (), 100 * MS))
    watch = Watch("monitor.watch[0]", "c0", Heartbeat("monitor.watch[0].heartbeat", 100 * MS, 500 * MS),
                  "read-only", "restart", rules)
    monitor = Monitor("monitor", "c1", (watch,))
    a = analyse(system_of(cells("none", "restart"), monitor=monitor))
    hang, silent, corrupt = (row(a, "c0", w) for w in ("hang", "silent", "corruption"))
    assert hang.detector == "c1: timer interrupt not taken" and hang.within == "500ms (+10ms)"
    assert silent.detector.startswith("c1: no heartbeat on 'heartbeat-c0' (every 100ms)")
    assert silent.within == "500ms"
    assert "kernel_text every 1s, syscall_table every 100ms" in corrupt.detector
    assert corrupt.within == "100ms to 1s"
    assert all(m.recovery.startswith("restarted cold") and not m.gap for m in (hang, silent, corrupt))
    # the watch restarts it, so a restart limit applies even with recovery 'none'
    assert row(a, "c0", "restart storm").recovery.startswith("FAILED")
    # the monitor's own failures leave its watched cells unwatched; the hypervisor watches it
    assert "c0: unwatched until the monitor is back" in row(a, "c1", "crash").others
    for failure in ("hang", "silent"):
        m = row(a, "c1", failure)
        assert (m.detector, m.within) == ("the hypervisor: no watch sample from it", "1s"), m
        assert m.recovery.startswith("restarted cold") and not m.gap
    # with recovery 'none', the hypervisor stops a hung monitor: detected, but down for good
    stuck = analyse(system_of(cells("none", "none"), monitor=replace(monitor, timeout_ns=300 * MS)))
    assert row(stuck, "c1", "hang").within == "300ms"
    assert row(stuck, "c1", "hang").gap == "stays down: recovery is 'none'"


def test_without_heartbeat_the_timeout_is_one_second_and_silence_goes_unseen():
    watch = Watch("monitor.watch[0]", "c0", None, "none", "restart")
    a = analyse(system_of(cells("restart", "restart"), monitor=Monitor("monitor", "c1", (watch,))))
    assert row(a, "c0", "hang").within == "1s (+10ms)"
    assert row(a, "c0", "silent").gap == "nobody detects it (no heartbeat, no control channel acts on it)"


def test_a_watch_that_only_reports_is_a_gap():
    watch = Watch("monitor.watch[0]", "c0", None, "none", "none")
    a = analyse(system_of(cells("restart", "restart"), monitor=Monitor("monitor", "c1", (watch,))))
    hang = row(a, "c0", "hang")
    assert hang.detector == "c1: timer interrupt not taken" and hang.recovery.startswith("reported only")
    assert hang.gap == "reported only: on_failure is 'none'"


def test_a_control_channel_is_a_detector_by_the_controlling_cell():
    ch = Channel("channels[0]", 0, "drv", ("c0", "c1"), 4096,
                 control=Control("channels[0].control", "c0", ("restart", "stop")))
    a = analyse(system_of(cells("none", "restart"), channels=[ch]))
    hang = row(a, "c1", "hang")
    assert hang.detector == "c0 over channel 'drv' (may restart, stop), by its own judgement"
    assert not hang.gap
    # and the controlling cell itself is not controlled by the channel
    assert row(a, "c0", "hang").gap
    # what the peer sees when c1 restarts, and when c0 stops for good
    assert "c0: channel 'drv': the peer restarted" in row(a, "c1", "crash").others
    assert "c1: channel 'drv': quiet, no answers" in row(a, "c0", "crash").others
    assert "c1: channel 'drv': broken, then reset" in row(a, "c0", "a hostile").others


def test_core_sharing_comes_from_the_power_states():
    power = power_of(("full", (0, 1, 2)), ("low", (0,)))
    a = analyse(system_of(cells("restart", "restart", "restart", realtime=None), power=power))
    assert "c1, c2: more time on the core they share with it" in row(a, "c0", "crash").others
    assert row(a, "c0", "overrun").detector == "the hypervisor's scheduler"
    alone = analyse(system_of(cells("restart")))
    assert "nothing: it shares no channel and no core" == row(alone, "c0", "crash").others
    assert all(not m.failure.startswith("overrun") for m in alone.cells[0].modes)


def test_a_real_time_cell_overrun_is_held_to_its_budget():
    rt = [replace(baremetal_cell(0, IMAGE, realtime=(1 * MS, 200_000)), recovery="restart")]
    overrun = row(analyse(system_of(rt)), "c0", "overrun")
    assert overrun.failure == "overrun: it runs past its budget of 200us every 1ms"
    assert overrun.recovery == "held until its next period; only its own deadlines can suffer"


def test_linux_panic_is_a_reset_only_with_a_nonzero_panic_bootarg():
    def linux(bootargs):
        c = replace(baremetal_cell(0, IMAGE), os="linux", bootargs=bootargs, recovery="restart")
        return analyse(system_of([c]))
    for args in ("console=ttyAMA0 panic=-1", "panic=5 quiet"):
        a = linux(args)
        assert "or a panic" in row(a, "c0", "reset").failure
        assert "kernel panic" not in row(a, "c0", "hang").failure
    for args in ("console=ttyAMA0", "panic=0", "oops=panic"):
        a = linux(args)
        assert "or a panic" not in row(a, "c0", "reset").failure, args
        assert "also a kernel panic" in row(a, "c0", "hang").failure, args


def test_the_default_demo():
    """configs/qemu-virt.yaml: what `make run` boots.  Linux is covered but for silence (no
    heartbeat); the real-time cell has no recovery and no watch; rtcd's hang is Linux's to
    judge over 'rtc'; the hypervisor watches the monitor, but not its code."""
    system = load_system(str(REPO / "configs/qemu-virt.yaml"))
    a = analyse(system)
    assert gaps(a) == {
        ("linux", "silent"),
        ("rtos", "crash"), ("rtos", "hang with interrupts off"), ("rtos", "silent"),
        ("rtos", "corruption of its code or of data that must not change"),
        ("rtcd", "corruption of its code or of data that must not change"),
        ("monitor", "corruption of its code or of data that must not change"),
        ("hypervisor", "an exception in the hypervisor itself (a bug)"),
    }
    assert "or a panic" in row(a, "linux", "reset").failure   # panic=-1
    assert row(a, "linux", "crash").recovery.startswith("restored from its checkpoint")
    assert row(a, "rtcd", "hang").detector.startswith("linux over channel 'rtc' (may restart)")
    assert "linux: unwatched until the monitor is back" in row(a, "monitor", "crash").others
    assert row(a, "monitor", "hang").detector == "the hypervisor: no watch sample from it"
