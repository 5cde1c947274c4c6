# SPDX-License-Identifier: GPL-2.0
"""Several vCPUs per core (issue 16): time slicing, realtime servers first and within their
budgets, WFI giving the core up."""
from __future__ import annotations

import re

from qemu import Console
from test_linux import BOOT, shell

RTOS_REPORT = r"^\[rtos\] rtos: tick (\d+) latency .* missed=(\d+)\r?$"


def ticks(con: Console, cell: str) -> list[int]:
    return [int(n) for n in re.findall(rf"^\[{cell}\] tick (\d+)\r?$", con.output, re.M)]


def rtos_reports(con: Console) -> list[tuple[int, int]]:
    return [(int(t), int(m)) for t, m in re.findall(RTOS_REPORT, con.output, re.M)]


def test_six_cells_on_four_cores_all_make_progress(spec_image):
    """tests/specs/six-cells.yaml: six tickers that never wait (they poll the counter) on four
    cores; two cores run two each, and only slicing lets both tick."""
    cells = "abcdef"
    with Console(str(spec_image("six-cells"))) as con:
        con.expect(r"^\[f\] tick 5\r?$", timeout=120)   # the order of the lines is no promise
        con.hv("stats")
        con.expect(r"^\[hv\] core 3: .*\r?$", timeout=30)
        out = con.output
    for c in cells:
        assert max(ticks(con, c)) >= 3, c
    shared = re.findall(r"^\[hv\] core (\d): online, shared, busy \d+ us, (\d+) switches of \d+ ns on average\r?$",
                        out, re.M)
    assert len(shared) == 2 and all(int(n) > 2 for _, n in shared), shared
    switched_in = [int(n) for n in re.findall(r"^\[hv\]   vcpu 0 on core \d: used \d+ us, waited \d+ us, "
                                              r"(\d+) switches in", out, re.M)]
    assert len(switched_in) == 6 and sum(n > 0 for n in switched_in) == 4, switched_in


def test_linux_with_more_vcpus_than_cores_sees_all_of_them(spec_image):
    """tests/specs/linux-4vcpu.yaml: Linux's 4 vCPUs and the real-time cell on 4 cores.  Linux
    brings all 4 up and runs a load on all of them to the end; the real-time cell, which shares
    a core with one of them, goes on ticking first and is never throttled.  Under icount: with
    four busy vCPU threads on a two-core host, wall-clock QEMU would take core 0 away from both
    for milliseconds at a time."""
    with Console(str(spec_image("linux-4vcpu")), icount=True) as con:
        con.quiet = ("rtos",)
        assert int(con.expect(r"^\[linux\] tessera-linux: cpus=(\d+)", timeout=BOOT).group(1)) == 4
        con.expect(r"^\[linux\] tessera-linux: ready", timeout=BOOT)
        assert shell(con, "cat /sys/devices/system/cpu/online", r"^\[linux\] ([0-9,-]+)\r?$").group(1) == "0-3"
        assert shell(con, "grep -c ^processor /proc/cpuinfo", r"^\[linux\] (\d+)\r?$").group(1) == "4"
        before = rtos_reports(con)[-1]
        # all four vCPUs busy for a while: the one beside rtos competes with it
        shell(con, "for i in 1 2 3 4;do seq 40000>/dev/null& done;wait;echo all-$((2*2))",
              r"^\[linux\] all-4\r?$", timeout=BOOT)
        con.expect(RTOS_REPORT, timeout=60)
        after = rtos_reports(con)[-1]
        con.hv("stats")
        con.expect(r"^\[hv\] core 3: .*\r?$", timeout=60)
        out = con.output
    assert after[0] > before[0]
    linux3 = re.search(r"^\[hv\]   vcpu 3 on core 0: used (\d+) us, .* (\d+) switches in", out, re.M)
    rtos = re.search(r"^\[hv\]   vcpu 0 on core 0: used \d+ us, waited \d+ us, (\d+) switches in, "
                     r"(\d+) budget overruns", out, re.M)
    assert int(linux3.group(1)) > 0 and int(linux3.group(2)) > 0, linux3.group(0)
    assert int(rtos.group(1)) > 0 and int(rtos.group(2)) == 0, rtos.group(0)
    assert not re.search(r"^\[hv\] cell [a-z]\S*: ", out, re.M), "a cell was stopped or restarted"


def test_realtime_vcpu_over_budget_is_throttled_and_others_keep_deadlines(spec_image):
    """tests/specs/rt-overrun.yaml: 'hog' (100us every 500us, outranking rtos) never waits.
    It is throttled and reported; rtos on the same core misses nothing; 'app' still runs.
    Under icount: budgets of 100 us are below what wall-clock emulation can keep."""
    with Console(str(spec_image("rt-overrun")), icount=True) as con:
        con.expect(r"^\[hv\] cell hog: vCPU 0 used its budget of 100 us per 500 us: throttled to "
                   r"its next period\r?$", timeout=60)
        con.expect(RTOS_REPORT, timeout=120)
        con.expect(RTOS_REPORT, timeout=120)
        con.hv("stats")
        con.expect(r"^\[hv\]   vcpu 0 on core 0: used \d+ us, waited \d+ us, \d+ switches in, "
                         r"(\d+) budget overruns, \d+ migrations\r?$", timeout=30)
        out = con.output
    assert all(missed == 0 for _, missed in rtos_reports(con)), rtos_reports(con)
    assert max(ticks(con, "hog")) >= 2 and max(ticks(con, "app")) >= 2
    overruns = [int(n) for n in re.findall(r"^\[hv\]   vcpu 0 on core 0: .* (\d+) budget overruns, \d+ migrations\r?$",
                                           out, re.M)]
    assert overruns[0] == 0 and overruns[1] > 100 and overruns[2] == 0, overruns   # rtos, hog, app
    assert out.count("used its budget") == 1
