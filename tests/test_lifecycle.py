# SPDX-License-Identifier: GPL-2.0
"""Issue 13: a cell's lifecycle, booted in QEMU and judged by its console."""
from __future__ import annotations

import re

from qemu import Console
from test_hypervisor import check_lines_whole

FAULT = (r"^\[hv\] cell faulty: stage-2 data abort at IPA 0x7f000000 PC 0x[0-9a-f]+ "
         r"\(read, translation\) — ")
RTOS_REPORT = re.compile(r"^\[rtos\] rtos: tick (\d+) latency .* samples=(\d+) missed=(\d+)\r?$", re.M)


def test_fault_restarts_with_ram_cleared_until_the_limit(spec_image):
    """recovery: restart brings a faulting cell back by itself, its RAM cleared (the marker
    it wrote is gone); the third fault in 60 s exceeds restart_limit {count: 2} and leaves it
    failed.  The real-time cell on its own core reports every second, nothing missed."""
    # Under -icount the real-time figures are QEMU's deterministic ones, not host noise.
    with Console(str(spec_image("restart-limit")), icount=True) as con:
        con.quiet = ("rtos",)
        for n in range(3):
            m = con.expect(r"^\[faulty\] faulty: marker (absent|present)\r?$", timeout=20)
            assert m.group(1) == "absent", f"boot {n + 1}: the marker survived:\n{con.tail(con.output)}"
            outcome = "restarting" if n < 2 else r"failed: more than 2 restarts within 60000 ms"
            con.expect(FAULT + outcome + r"\r?$", timeout=20)
        con.send("\x1dl")
        con.expect(r"^\[hv\] cell 0 'faulty' \(baremetal\): failed", timeout=5)
        con.expect(r"^\[hv\] cell 1 'rtos' \(baremetal\): running", timeout=5)
        first = int(RTOS_REPORT.findall(con.output)[-1][0]) if RTOS_REPORT.findall(con.output) else 0
        con.expect(rf"^\[rtos\] rtos: tick {first + 2000} ", timeout=30)
        out = con.output
    assert out.index("[rtos] rtos: started") < out.index("— failed"), \
        "the restarts did not overlap the real-time cell's run"
    assert "marker present" not in out, "RAM was not cleared on restart"
    assert out.count("[faulty] faulty: marker absent") == 3, out[-2000:]
    reports = [(int(t), int(s), int(m)) for t, s, m in RTOS_REPORT.findall(out)]
    assert len(reports) >= 3, out[-2000:]
    assert all(m == 0 for _, _, m in reports), f"the real-time cell missed deadlines: {reports}"
    ticks = [t for t, _, _ in reports]
    assert all(b - a == 1000 for a, b in zip(ticks, ticks[1:])), f"a gap in the tick stream: {ticks}"
    check_lines_whole(con)


def test_fault_restores_the_checkpoint(spec_image):
    """recovery: restore: the cell counts, checkpoints at 5 with an SGI pending and its
    timer armed, counts to 8 and faults; each restore goes on from the checkpoint (the call
    returns 0 again at count 5, with x1 = 1 where the first return had 0, the pending SGI and
    the timer come again, the cell never boots again), until the restart limit (3 in 60 s)
    leaves it failed.  The operator's restore too says "restored"."""
    with Console(str(spec_image("gictest-checkpoint"))) as con:
        con.quiet = ("rtos",)
        con.expect(r"^\[gictest\] gictest: checkpoint: boot\r?$", timeout=20)
        for run in range(4):
            con.expect(rf"^\[gictest\] gictest: checkpoint: returned 0, count 5, restored {min(run, 1)}\r?$",
                       timeout=20)
            con.expect(r"^\[gictest\] gictest: checkpoint: sgi taken, timer fired\r?$", timeout=10)
            con.expect(r"^\[gictest\] gictest: checkpoint: count 8\r?$", timeout=10)
            outcome = "restoring from its checkpoint" if run < 3 else \
                r"failed: more than 3 restarts within 60000 ms"
            con.expect(r"^\[hv\] cell gictest: stage-2 data abort at IPA 0x7f000000 PC 0x[0-9a-f]+ "
                       rf"\(read, translation\) — {outcome}\r?$", timeout=10)
        con.send("\x1d\r")
        con.expect(r"^\[hv\] hv> ", timeout=5)
        con.send("list\r")
        con.expect(r"^\[hv\] cell 0 'gictest' \(baremetal\): failed, up 0 ms, 3 restarts; last fault: "
                   r"stage-2 data abort at IPA 0x7f000000", timeout=5)
        con.send("restore gictest\r")
        con.expect(r"^\[hv\] cell gictest: restoring from its checkpoint \(operator\)\r?$", timeout=5)
        con.expect(r"^\[gictest\] gictest: checkpoint: returned 0, count 5, restored 1\r?$", timeout=20)
        out = con.output
    assert out.count("gictest: checkpoint: boot") == 1, "the cell booted again instead of being restored"
    assert "MISSING" not in out and "count 9" not in out, out[-3000:]


def test_checkpoint_without_an_area_is_refused(spec_image):
    """TESSERA_HVC_CHECKPOINT from a cell with no checkpoint area returns -1 (NOT_SUPPORTED);
    its fault then restarts it cold (it boots again), nothing else happens."""
    with Console(str(spec_image("gictest-checkpoint-none"))) as con:
        con.expect(r"^\[gictest\] gictest: checkpoint: returned -1, count 5, restored 0\r?$", timeout=20)
        con.expect(r"^\[hv\] cell gictest: stage-2 data abort .* — restarting\r?$", timeout=20)
        con.expect(r"^\[gictest\] gictest: checkpoint: boot\r?$", timeout=20)
        con.expect(r"^\[gictest\] gictest: checkpoint: returned -1, count 5, restored 0\r?$", timeout=20)
        assert "panic" not in con.output


RACE = r"^\[gictest\] gictest: checkpoint-race: "
RACE_ROUND = re.compile(RACE + r"round (\d+): vcpu0 (-?\d+) vcpu1 (-?\d+)\r?$", re.M)
RACE_SUMMARY = RACE + r"(\d+) rounds: (\d+) both 0, (\d+) one -3, (\d+) wrong\r?$"
RACE_HV_LINES = re.compile(r"\[hv\] (Tessera: system .*|cell gictest: stage-2 data abort at IPA 0x7f000000 .* — "
                           r"(restoring from its checkpoint|failed: more than 3 restarts .*)|"
                           r"cell gictest: \d+ pages of RAM copied back .*)")


def race_run(con: Console) -> tuple[list[tuple[int, int, int]], tuple[int, ...], list[int]]:
    """One run of the checkpoint-race cell: its table of rounds, its own tally, vCPU 1's beats."""
    start = con.expect(RACE + r"round 1: ", timeout=30).start()
    tally = con.expect(RACE_SUMMARY, timeout=30)
    rounds = [tuple(map(int, r)) for r in RACE_ROUND.findall(con.output, start, tally.start())]
    beats = [int(con.expect(RACE + r"vcpu 1 beats (\d+)\r?$", timeout=10).group(1)) for _ in range(3)]
    return rounds, tuple(map(int, tally.groups())), beats


def test_checkpoint_race_refuses_the_second_caller(spec_image):
    """Both vCPUs of a cell call TESSERA_HVC_CHECKPOINT at once, at least 50 rounds.  Each
    round one call checkpoints (0) and the other, if it met that checkpoint under way, is
    refused with -3 (DENIED), else checkpoints after it (0): never anything else, never a
    hypervisor fault, and some rounds really were refused.  The cell ends on a refused round,
    then faults: restored from that round's checkpoint, the refused call returns -3 again, the
    table reads the same and both vCPUs run on.  The real-time cell misses nothing."""
    # Under -icount QEMU runs the cores in turn, and the cell places its calls around the
    # switches (cells/gictest/checkpoint_race.c): the races happen, and the same ones each time.
    with Console(str(spec_image("gictest-checkpoint-race")), icount=True) as con:
        con.quiet = ("rtos",)
        con.expect(RACE + r"boot\r?$", timeout=20)
        rounds, tally, beats = race_run(con)
        con.expect(r"^\[hv\] cell gictest: stage-2 data abort at IPA 0x7f000000 PC 0x[0-9a-f]+ "
                   r"\(read, translation\) — restoring from its checkpoint\r?$", timeout=10)
        restored_rounds, restored_tally, restored_beats = race_run(con)
        con.expect(r"^\[rtos\] rtos: tick 2000 ", timeout=60)
        out = con.output
    assert [k for k, _, _ in rounds] == list(range(1, len(rounds) + 1)) and len(rounds) >= 50, rounds
    wrong = [r for r in rounds if not set(r[1:]) <= {0, -3} or 0 not in r[1:]]
    assert not wrong, f"rounds where no call checkpointed or one got neither 0 nor -3: {wrong}"
    refused = [k for k, r0, r1 in rounds if -3 in (r0, r1)]
    counts = f"{len(rounds)} rounds, {len(refused)} with -3: {refused}"
    assert refused, f"no call was ever refused: the vCPUs never raced ({counts})"
    assert refused[-1] == len(rounds), f"the last round, the one restored, had no -3 ({counts})"
    assert tally == (len(rounds), len(rounds) - len(refused), len(refused), 0), (tally, counts)
    assert (restored_rounds, restored_tally) == (rounds, tally), \
        f"the restored run's rounds differ:\n{restored_rounds}\nfrom\n{rounds}"
    for run in (beats, restored_beats):
        assert 0 < run[0] < run[1] < run[2], f"vCPU 1 did not run on: beats {run}"
    assert out.count("checkpoint-race: boot") == 1, "the cell booted again instead of being restored"
    hv = [l.rstrip("\r") for l in out.splitlines() if l.startswith("[hv]")]
    assert all(RACE_HV_LINES.fullmatch(l) for l in hv), f"unexpected hypervisor lines: {hv}"
    reports = [int(m) for _, _, m in RTOS_REPORT.findall(out)]
    assert len(reports) >= 2 and not any(reports), f"the real-time cell missed deadlines: {reports}"
    check_lines_whole(con)
