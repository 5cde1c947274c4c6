# SPDX-License-Identifier: GPL-2.0
"""Issue 18: console routing by focus, the default build.  The terminal shows the focused
cell's lines and the hypervisor's; every cell's lines also go into its log, a ring in the
hypervisor (CONFIG_CONSOLE_LOG_BYTES, 4 KiB by default) that `hv> log <cell>` replays and that a
focus switch replays from where the terminal left it.  tests/specs/console-log.yaml: 'ticker'
has the focus; 'chatter' prints 100 lines of 64 bytes at boot, in the background, more than
its log keeps."""
from __future__ import annotations

import re

import pytest
from qemu import Console
from specbuild import make

from conftest import ROOT

OUT = "build/specs/console-log-focus"
CHATTER = r"^\[chatter\] chatter (\d{4}) \.{50}\r?$"


@pytest.fixture(scope="module")
def focus_image():
    """The spec built with qemu-virt_defconfig's options, as a user's build: routing by focus."""
    make("KCONFIG_CONFIG=build/focus.config", "DEFCONFIG=qemu-virt_defconfig",
         "SPEC=tests/specs/console-log.yaml", f"OUT={OUT}", "all")
    return ROOT / OUT / "tessera.elf"


def test_a_background_cell_prints_into_its_log_which_says_what_it_dropped(focus_image):
    """While 'ticker' (the focus) ticks live, not one of chatter's lines reaches the
    terminal; `hv> log chatter` shows the newest lines its log kept, each prefixed as live
    ones are, after a line that says how many bytes the ring no longer held."""
    with Console(str(focus_image)) as con:
        con.expect(r"^\[ticker\] tick 5\r?$", timeout=30)
        assert "[chatter]" not in con.output, con.tail(con.output)
        con.hv("log chatter")
        header = con.expect(r"^\[hv\] log 'chatter': (\d+) bytes kept of (\d+) printed "
                            r"\(it keeps the last 4096\)\r?$", timeout=30)
        dropped = con.expect(r"^\[hv\] \((\d+) bytes before these dropped: the log keeps the last "
                             r"4096\)\r?$", timeout=30)
        end = con.expect(r"^\[hv\] log 'chatter': end\r?$", timeout=30)
        replayed = con.output[dropped.end():end.start()]
    kept, printed = int(header.group(1)), int(header.group(2))
    numbers = [int(n) for n in re.findall(CHATTER, replayed, re.M)]
    assert kept == 4096 and printed > 6400, header.group(0)
    assert numbers == list(range(numbers[0], 101)) and numbers[0] > 1, numbers
    # what was dropped and what was shown add up to what was printed
    shown = sum(len(l) + 1 for l in re.findall(r"^\[chatter\] (.*?)\r?$", replayed, re.M))
    assert int(dropped.group(1)) + shown == printed, (dropped.group(0), shown, printed)
    assert re.search(r"^\[chatter\] tick \d+\r?$", replayed, re.M)


def test_the_focus_switch_shows_what_the_cell_printed_meanwhile(focus_image):
    """Ctrl-] 1 gives 'chatter' the focus: what it printed in the background comes first
    (with the count of what its log dropped), then its lines live; 'ticker', now in the
    background, goes quiet on the terminal and its log has its ticks; Ctrl-] 0 back replays
    them."""
    with Console(str(focus_image)) as con:
        con.expect(r"^\[ticker\] tick 3\r?$", timeout=30)
        con.send("\x1d1")
        con.expect(r"^\[hv\] console focus: cell 1 'chatter'\r?$", timeout=30)
        con.expect(r"^\[hv\] cell 'chatter' printed in the background:\r?$", timeout=30)
        con.expect(r"^\[hv\] \(\d+ bytes before these dropped: the log keeps the last 4096\)\r?$",
                   timeout=30)
        con.expect(r"^\[chatter\] chatter 0100 ", timeout=30)
        first = int(con.expect(r"^\[chatter\] tick (\d+)\r?$", timeout=30).group(1))
        live_from = len(con.output)
        con.expect(rf"^\[chatter\] tick {first + 5}\r?$", timeout=30)   # live now
        live = con.output[live_from:]
        con.send("\x1d0")
        con.expect(r"^\[hv\] console focus: cell 0 'ticker'\r?$", timeout=30)
        back = con.expect(r"^\[hv\] cell 'ticker' printed in the background:\r?$", timeout=30).end()
        first = int(con.expect(r"^\[ticker\] tick (\d+)\r?$", timeout=30).group(1))
        upto = con.expect(rf"^\[ticker\] tick {first + 10}\r?$", timeout=30).end()
        ticker = [int(t) for t in re.findall(r"^\[ticker\] tick (\d+)\r?$", con.output[back:upto], re.M)]
    assert "[ticker]" not in live, live
    # replayed, then live: every tick once, none lost while in the background
    assert ticker == list(range(ticker[0], ticker[0] + len(ticker))) and len(ticker) == 11, ticker
