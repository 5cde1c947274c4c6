# SPDX-License-Identifier: GPL-2.0
"""Random loads and stores to a cell's emulated GIC and console UART never hurt the hypervisor,
on both boards; on the ZCU102 the same boot also checks its stage-2 escapes.

One boot per board, of the same cells (cells/fuzz/fuzz_mmio.c), which find their devices in
their DTB: tests/specs/fuzz-mmio.yaml on qemu-virt (GICv3 distributor and redistributor frame,
PL011), tests/specs/zcu102-fuzz-mmio.yaml on the ZCU102 (GIC-400 distributor, Cadence UART).
Two cells with different seeds make tens of thousands of single accesses each, at once; a third
then reads just past the GIC's last emulated range (the last redistributor frame; the 4 KiB
GICv2 distributor), which must stop it and only it; a ticker must keep running throughout.
qemu-virt's stage-2 escapes boot one spec each (tests/test_hypervisor.py); the ZCU102's run
beside its fuzzers, to keep to one boot of that slower machine.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass

import pytest

from qemu import MACHINES, Console
from test_hypervisor import memory_map

FUZZERS = ("fuzz-mmio", "fuzz-mmio-2")
TICK = r"^\[ticker\] tick \d+"


@dataclass(frozen=True)
class Board:
    spec: str
    devices: tuple[tuple[str, str, int], ...]   # (region, DTB compatible, address) as fuzzed
    checked: str              # what the cell checks after fuzzing (its "checked" line)
    past_end: int             # the first byte past the GIC's last emulated range
    stopped: tuple[str, ...]  # cells the hypervisor must stop


BOARDS = {
    "qemu-virt": Board("fuzz-mmio",
                       (("gicd", "arm,gic-v3", 0x8000000), ("gicr", "arm,gic-v3", 0x80a0000),
                        ("uart", "arm,pl011", 0x9000000)),
                       "7 identification registers, 1 narrow store", 0x80c0000, ("mmio-end",)),
    "zcu102": Board("zcu102-fuzz-mmio",
                    (("gicd", "arm,gic-400", 0xf9010000), ("uart", "cdns,uart-r1p12", 0xff000000)),
                    "6 identification registers, 1 narrow store", 0xf9011000,
                    ("mmio-end", "faulty-hvmem", "faulty-write")),
}


@dataclass(frozen=True)
class FuzzRun:
    board: Board
    out: str                  # the console output
    counts: dict[str, int]    # accesses each fuzzer reports
    ticker_ticks: int         # ticks of the ticker from the fuzzers' start to their tick 3


def wait_for(con: Console, pattern: str, timeout: float) -> re.Match:
    """Like Console.expect, but anywhere in the output: the cells print in any order."""
    end = time.monotonic() + timeout
    while not (m := re.search(pattern, con.output, re.M)):
        assert con.proc.poll() is None, f"QEMU exited before {pattern!r}"
        assert time.monotonic() < end, f"no {pattern!r} within {timeout}s:\n" + con.tail(con.output)
        time.sleep(0.1)
    return m


def ticks(out: str, since: int = 0) -> int:
    return len(re.findall(TICK, out[since:], re.M))


@pytest.fixture(scope="module", params=BOARDS)
def fuzz_run(request, spec_image):
    """Boots the board's spec and waits for the fuzzers to finish and tick, the cells that must be
    stopped to be, and the ticker to tick three times after that."""
    board = BOARDS[request.param]
    with Console(str(spec_image(board.spec)), machine=MACHINES[request.param]) as con:
        con.quiet = ("ticker",)
        start = min(wait_for(con, rf"^\[{cell}\] fuzz-mmio: \d+ accesses, seed ", timeout=60).start()
                    for cell in FUZZERS)
        counts = {}
        for cell in FUZZERS:
            m = wait_for(con, rf"^\[{cell}\] fuzz-mmio: done, (\d+) accesses, hypervisor alive",
                         timeout=300)
            counts[cell] = int(m.group(1))
        for cell in FUZZERS:       # they and the ticker still run afterwards
            wait_for(con, rf"^\[{cell}\] tick 3\r?$", timeout=60)
        ticker_ticks = ticks(con.output, start)
        last_stop = max(wait_for(con, rf"^\[hv\] cell {cell}: ", timeout=60).end()
                        for cell in board.stopped)
        end = time.monotonic() + 30
        while ticks(con.output, last_stop) < 3:
            assert time.monotonic() < end, "the ticker stopped:\n" + con.output[last_stop:][-2000:]
            time.sleep(0.1)
        out = con.output
    return FuzzRun(board, out, counts, ticker_ticks)


def test_mmio_fuzzing_never_hurts_the_hypervisor(fuzz_run):
    """Tens of thousands of accesses each, then ticks: no panic, no fuzz cell stopped or taking
    an exception at its EL1, the identification registers as before, and the ticker ticking
    meanwhile."""
    out, counts = fuzz_run.out, fuzz_run.counts
    assert all(n >= 10000 for n in counts.values()), counts
    assert fuzz_run.ticker_ticks >= 3, "the ticker stopped while the fuzzers ran"
    assert "[hv] panic" not in out and "hypervisor exception" not in out, out[-3000:]
    assert not re.search(r"^\[hv\] cell fuzz", out, re.M), "a fuzz cell was stopped"
    assert "exception:" not in out, "a fuzz cell took an exception at EL1"
    assert "bad register" not in out, "an identification register changed"


def test_fuzzers_hit_each_emulated_device_of_the_board(fuzz_run):
    """Each fuzzer finds the board's GIC and console UART in its DTB, at the board's addresses,
    spreads its accesses over them, and reads its identification registers back as the model
    has them (GICD_PIDR2, GICR_TYPER, the PL011's PeriphID; the GIC-400's TYPER and IIDR, the
    Cadence UART's SR and MODEMSR): accesses that went anywhere else would read otherwise."""
    out, board = fuzz_run.out, fuzz_run.board
    for cell in FUZZERS:
        found = [(r, c, int(a, 16)) for r, c, a in
                 re.findall(rf"^\[{cell}\] fuzz-mmio: (\w+): (\S+) at (0x[0-9a-f]+)\r?$", out, re.M)]
        assert found == list(board.devices), found
        m = re.search(rf"^\[{cell}\] fuzz-mmio: ((?:\w+ \d+(?:, )?)+); ", out, re.M)
        spread = {r: int(n) for r, n in re.findall(r"(\w+) (\d+)", m.group(1))}
        assert list(spread) == [r for r, _, _ in board.devices], spread
        assert sum(spread.values()) == fuzz_run.counts[cell], spread
        assert min(spread.values()) >= fuzz_run.counts[cell] // (2 * len(spread)), spread
        assert re.search(rf"^\[{cell}\] fuzz-mmio: checked {board.checked}\r?$", out, re.M)


def test_reading_past_the_gics_last_emulated_range_stops_the_cell(fuzz_run):
    """A GICv3's last redistributor frame, a GICv2's distributor: the first byte after it is
    backed by nothing, so the hypervisor stops the cell that reads it."""
    out, ipa = fuzz_run.out, fuzz_run.board.past_end
    assert re.search(r"^\[mmio-end\] fuzz-mmio: done, 5000 accesses, hypervisor alive", out, re.M)
    assert re.search(rf"^\[mmio-end\] fuzz-mmio: reading {ipa:#x}, past ", out, re.M), out[-3000:]
    assert re.search(rf"^\[hv\] cell mmio-end: stage-2 data abort at IPA {ipa:#x} PC 0x[0-9a-f]+ "
                     r"\(read, translation\) — stopped\r?$", out, re.M), out[-3000:]
    assert "still running after reading past" not in out


def test_mmio_accesses_move_only_their_size(fuzz_run):
    """Zero- and sign-extension to the access size, 32-bit loads clearing bits 63:32,
    unaligned loads reading zero (checked by the cell on every load); a byte store
    changing one byte (checked once on a 16-bit UART register: UARTIBRD, BAUDGEN)."""
    bad = [l for l in fuzz_run.out.splitlines() if "bad load" in l or "bad store" in l]
    assert not bad, "\n".join(bad[:10])


@pytest.mark.parametrize("fuzz_run", ["zcu102"], indirect=True)
@pytest.mark.parametrize("cell, action, ipa, owner", [
    ("faulty-hvmem", "read", "0x87fc00000", "hypervisor"),
    ("faulty-write", "write", "0x400000", "ticker"),
])
def test_bad_access_stops_only_that_cell(fuzz_run, cell, action, ipa, owner):
    """The ZCU102's stage-2 escapes: a cell reads the hypervisor's memory, or writes another
    cell's RAM, by its physical address (the generated memory map says whose it is); the
    hypervisor stops it, and the ticker goes on."""
    out, ipa = fuzz_run.out, int(ipa, 16)
    assert [o for lo, hi, o in memory_map(fuzz_run.board.spec) if lo <= ipa <= hi] == [owner]
    m = re.search(rf"^\[hv\] cell {cell}: stage-2 data abort at IPA (0x[0-9a-f]+) PC 0x[0-9a-f]+ "
                  r"\((read|write), translation\) — stopped\r?$", out, re.M)
    assert m, out[-3000:]
    assert int(m.group(1), 16) == ipa and m.group(2) == action
    assert ticks(out, m.end()) >= 3, "the ticker stopped"
    assert "still alive" not in out
