# SPDX-License-Identifier: GPL-2.0
"""Issue 3: the hypervisor core, booted in QEMU and judged by its console."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from qemu import Console

LINE = re.compile(r"^\[(hv|[a-z][a-z0-9_-]*)\] .*$")


def check_lines_whole(con: Console):
    """Every complete console line carries exactly one prefix: no line was cut
    or merged with another cell's line."""
    lines = [l for l in con.lines()[:-1] if l]      # the last one may be partial
    bad = [l for l in lines if not LINE.match(l) or l.count("] ") > 1 and l.count("[") > 1]
    assert not bad, f"mixed or unprefixed lines: {bad[:5]}"
    return lines


def test_two_cells_print_whole_prefixed_lines(spec_image):
    with Console(str(spec_image("two-cells"))) as con:
        con.expect(r"^\[hv\] Tessera: system 'two-cells', 2 cells")
        for n in range(1, 11):
            con.expect(rf"^\[rtos\] tick {n}\r?$", timeout=60)
        con.expect(r"^\[app\] tick 1[1-9]\r?$", timeout=60)   # either cell may print first
        lines = check_lines_whole(con)
    owners = [LINE.match(l).group(1) for l in lines if not l.startswith("[hv]")]
    switches = sum(1 for a, b in zip(owners, owners[1:]) if a != b)
    assert switches >= 5, f"cells did not interleave: {owners}"


def memory_map(name: str) -> list[tuple[int, int, str]]:
    """The built spec's physical memory map: (first byte, last byte, owner) per row."""
    rows = []
    for line in (ROOT / f"build/specs/{name}/memory-map.txt").read_text().splitlines():
        if line.startswith("#"):
            continue
        # columns are two or more spaces apart; an owner may have one ("image store")
        span, _size, owner, *_ = re.split(r"\s{2,}", line.strip())
        lo, hi = (int(x, 16) for x in span.split("-"))
        rows.append((lo, hi, owner))
    return rows


@pytest.mark.parametrize("spec, action, ipa", [
    ("fault-read", "read", "0x7f000000"),
    ("fault-write", "write", "0x44000000"),
    ("fault-hvmem", "read", "0x7fc00000"),
])
def test_bad_access_stops_only_that_cell(spec_image, spec, action, ipa):
    image = spec_image(spec)
    if spec == "fault-hvmem":
        owner = [o for lo, hi, o in memory_map(spec) if lo <= int(ipa, 16) <= hi]
        assert owner == ["hypervisor"], f"{ipa} is not the hypervisor's memory here: {owner}"
    with Console(str(image)) as con:
        con.expect(r"^\[faulty\] faulty: (reading|writing) ")
        m = con.expect(r"^\[hv\] cell faulty: stage-2 data abort at IPA (0x[0-9a-f]+) "
                       r"PC 0x[0-9a-f]+ \((read|write), translation\) — stopped\r?$")
        assert int(m.group(1), 16) == int(ipa, 16) and m.group(2) == action
        ticks = int(con.expect(r"^\[ticker\] tick (\d+)").group(1))
        con.expect(rf"^\[ticker\] tick {ticks + 3}\r?$")
        assert "still alive" not in con.output
        check_lines_whole(con)


def test_hypercall_fuzzing_never_hurts_the_hypervisor(spec_image):
    with Console(str(spec_image("fuzz"))) as con:
        m = con.expect(r"^\[fuzz\] fuzz: done, (\d+) calls, (\d+) distinct results, "
                       r"hypervisor alive", timeout=240)
        assert int(m.group(1)) >= 10000
        con.expect(r"^\[fuzz\] tick 3\r?$")
        con.expect(r"^\[ticker\] tick \d+")
        out = con.output
    assert "unexpected" not in out, out[-2000:]
    assert "[hv] panic" not in out and "hypervisor exception" not in out
    assert "cell fuzz:" not in out, "the fuzz cell was stopped"
