# SPDX-License-Identifier: GPL-2.0
"""Random loads and stores to a cell's emulated GIC and PL011 never hurt the hypervisor.

One boot of tests/specs/fuzz-mmio.yaml (cells/fuzz/fuzz_mmio.c): two cells with different
seeds make tens of thousands of single accesses each to their GICD, GICR frame and PL011,
at once; a third then reads the frame just past its last redistributor, which must stop it
and only it; a ticker must keep running throughout.
"""
from __future__ import annotations

import re
import time

import pytest

from qemu import Console

FUZZERS = ("fuzz-mmio", "fuzz-mmio-2")


def wait_for(con: Console, pattern: str, timeout: float) -> re.Match:
    """Like Console.expect, but anywhere in the output: the cells print in any order."""
    end = time.monotonic() + timeout
    while not (m := re.search(pattern, con.output, re.M)):
        assert con.proc.poll() is None, f"QEMU exited before {pattern!r}"
        assert time.monotonic() < end, f"no {pattern!r} within {timeout}s:\n" + con.tail(con.output)
        time.sleep(0.1)
    return m


@pytest.fixture(scope="module")
def fuzz_run(spec_image):
    """Boots the spec and waits for the fuzzers to finish and tick; returns the console
    output, the access counts they report and how often the ticker ticked meanwhile."""
    with Console(str(spec_image("fuzz-mmio"))) as con:
        con.quiet = ("ticker",)
        counts = {}
        for cell in FUZZERS:
            m = wait_for(con, rf"^\[{cell}\] fuzz-mmio: done, (\d+) accesses, hypervisor alive",
                         timeout=300)
            counts[cell] = int(m.group(1))
        before = len(re.findall(r"^\[ticker\] tick \d+", con.output, re.M))
        for cell in FUZZERS:       # they and the ticker still run afterwards
            wait_for(con, rf"^\[{cell}\] tick 3\r?$", timeout=60)
        wait_for(con, r"^\[hv\] cell mmio-end: ", timeout=60)
        time.sleep(0.5)
        out = con.output
        after = len(re.findall(r"^\[ticker\] tick \d+", out, re.M))
    return out, counts, after - before


def test_mmio_fuzzing_never_hurts_the_hypervisor(fuzz_run):
    out, counts, ticker_ticks = fuzz_run
    assert all(n >= 10000 for n in counts.values()), counts
    assert ticker_ticks >= 3, "the ticker stopped while the fuzzers ran"
    assert "[hv] panic" not in out and "hypervisor exception" not in out, out[-3000:]
    assert not re.search(r"^\[hv\] cell fuzz", out, re.M), "a fuzz cell was stopped"
    assert "exception:" not in out, "a fuzz cell took an exception at EL1"
    assert "bad register" not in out, "an identification register changed"


def test_reading_past_the_last_redistributor_frame_stops_the_cell(fuzz_run):
    out, _, _ = fuzz_run
    assert re.search(r"^\[mmio-end\] fuzz-mmio: done, 5000 accesses, hypervisor alive", out, re.M)
    assert re.search(r"^\[hv\] cell mmio-end: stage-2 data abort at IPA 0x80c0000 PC 0x[0-9a-f]+ "
                     r"\(read, translation\) — stopped\r?$", out, re.M), out[-3000:]
    assert "still running after reading past" not in out


def test_mmio_accesses_move_only_their_size(fuzz_run):
    """Zero- and sign-extension to the access size, 32-bit loads clearing bits 63:32,
    unaligned loads reading zero (checked by the cell on every load); a byte store
    changing one byte (checked once on UARTIBRD)."""
    out, _, _ = fuzz_run
    bad = [l for l in out.splitlines() if "bad load" in l or "bad store" in l]
    assert not bad, "\n".join(bad[:10])
