# SPDX-License-Identifier: GPL-2.0
"""Issue 13: the operator's hv> prompt on the physical console (Ctrl-] Enter):
every command, its error messages, and that no cell can reach it."""
from __future__ import annotations

import re

from qemu import Console
from test_hypervisor import check_lines_whole

PROMPT = r"^\[hv\] hv> "


def hv(con: Console, line: str, *expect: str, timeout: float = 10):
    """Type a command line at the prompt and wait for each expected [hv] line."""
    con.send(line + "\r")
    for pattern in expect:
        con.expect(rf"^\[hv\] {pattern}\r?$", timeout=timeout)
    con.expect(PROMPT, timeout=timeout)


def test_every_command_and_its_errors(spec_image):
    with Console(str(spec_image("two-cells"))) as con:
        con.quiet = ("rtos", "app")
        con.expect(r"^\[app\] tick 2\r?$", timeout=20)
        con.send("\x1d\r")
        con.expect(PROMPT, timeout=5)
        hv(con, "help", r"hv: commands: list \| stats \| stop <cell> \| start <cell> \| restart <cell> \| "
                        r"restore <cell> \| checkpoint <cell> \| focus <cell> \| log <cell> \| power \| "
                        r"power <state> \| help \| exit", r"hv: <cell> is a name or an index; .*")
        hv(con, "log", r"hv: log: which cell\? log <cell>")
        hv(con, "log nosuch", r"hv: no cell 'nosuch'", r"hv: the cells are: rtos, app")
        mark = len(con.output)
        hv(con, "log app", r"log 'app': \d+ bytes kept of \d+ printed \(it keeps the last 4096\)",
           r"log 'app': end")
        replay = con.output[mark:]
        assert re.search(r"^\[app\] hello from cell 1 'app'\r?\n\[app\] tick 1\r?$", replay, re.M), replay
        hv(con, "list", r"cell 0 'rtos' \(baremetal\): running, up \d+ ms, 0 restarts \(console focus\)",
           r"cell 1 'app' \(baremetal\): running, up \d+ ms, 0 restarts")
        # errors: one line each, and the prompt again
        hv(con, "bogus", r"hv: unknown command 'bogus'; type 'help'")
        hv(con, "stop", r"hv: stop: which cell\? stop <cell>")
        hv(con, "restart nosuch", r"hv: no cell 'nosuch'", r"hv: the cells are: rtos, app")
        hv(con, "start rtos", r"hv: start: cell 'rtos' is running")
        hv(con, "restore app", r"hv: restore: cell 'app' has no checkpoint area \(spec key checkpoint:\)")
        hv(con, "checkpoint", r"hv: checkpoint: which cell\? checkpoint <cell>")
        hv(con, "checkpoint 1", r"hv: checkpoint: cell 'app' has no checkpoint area \(spec key checkpoint:\)")
        # stop, start, restart: by name and by index
        hv(con, "stop app", r"cell app: stopped by the operator")
        mark = len(con.output)
        hv(con, "list", r"cell 0 'rtos' .*", r"cell 1 'app' \(baremetal\): stopped, up 0 ms, 0 restarts")
        hv(con, "stop 1", r"hv: stop: cell 'app' is stopped")
        con.expect(r"^\[rtos\] tick \d+\r?$", timeout=10)
        con.expect(r"^\[rtos\] tick \d+\r?$", timeout=10)
        assert "[app] tick" not in con.output[mark:], "the stopped cell still ticks"
        hv(con, "start app", r"cell app: started by the operator")
        con.expect(r"^\[app\] hello from cell 1 'app'\r?$", timeout=10)
        hv(con, "restart 1", r"cell app: restarting \(operator\)")
        con.expect(r"^\[app\] hello from cell 1 'app'\r?$", timeout=10)
        # the prompt runs on core 0, rtos's core: what the six operations on app above (three
        # of them refused) cost another cell's core is measured; rtos's own core is not counted
        hv(con, "stats", r"cell 0 'rtos': 0 lifecycle operations on other cells' cores, longest 0 ns",
           r"cell 1 'app': 6 lifecycle operations on other cells' cores, longest [1-9]\d* ns")
        # power: without a power section there is one state, 'full', every core of the board
        hv(con, "power", r"power: state 'full', policy performance, 0 switches", r"power:   state 'full': \d+ ms",
           r"power:   core 0: on \(firmware: on\), online \d+ ms", r"power:   core 1: on .*",
           r"power:   core 2: off \(firmware: off\), online 0 ms", r"power:   core 3: off .*",
           r"power:   rtos\.vcpu0 on cpu 0", r"power:   app\.vcpu0 on cpu 1")
        hv(con, "power full", r"hv: power: 'full' is the state already")
        hv(con, "power low", r"hv: power: no state 'low'; the states are:", r"hv:   full")
        hv(con, "focus app", r"console focus: cell 1 'app'")
        # a line edited with backspace runs as edited
        hv(con, "lisx\x7ft", r"cell 0 'rtos' .*", r"cell 1 'app' .* \(console focus\)")
        con.send("exit\r")
        con.expect(r"^\[hv\] hv: keyboard back to cell 1 'app'\r?$", timeout=5)
        # nothing typed at the prompt reached the focused cell's UART
        con.send("\x1dd")
        con.expect(r"^\[hv\] cell 'app': uart status 0x[0-9a-f]+ enabled 0x[0-9a-f]+ rx 0 ", timeout=5)
        # Ctrl-] at the prompt drops the line
        con.send("\x1d\rstop app\x1d")
        con.expect(r"^\[hv\] hv: keyboard back to cell 1 'app'\r?$", timeout=5)
        con.expect(r"^\[app\] tick \d+\r?$", timeout=10)
        out = con.output
    assert out.count("stopped by the operator") == 1, out[-3000:]
    assert "panic" not in out
    check_lines_whole(con)


def test_operator_checkpoint_and_restore(spec_image):
    """hv> checkpoint app: the app's own core takes it when kicked, without the cell
    noticing (it ticks on); hv> restore app later brings it back to the tick after the
    checkpoint, without booting it again; the real-time cell ticks throughout.  And the
    errors: no checkpoint yet, a stopped cell."""
    with Console(str(spec_image("ticker-checkpoint"))) as con:
        con.quiet = ("rtos",)
        con.expect(r"^\[app\] tick 2\r?$", timeout=20)
        con.send("\x1d\r")
        con.expect(PROMPT, timeout=5)
        hv(con, "restore app", r"hv: restore: cell 'app' has no checkpoint")
        hv(con, "checkpoint app")  # taken on the app's core: its line follows the prompt
        con.expect(r"^\[hv\] cell app: checkpoint taken \(operator\), 2048 KiB of RAM in \d+ us\r?$",
                   timeout=10)
        con.send("exit\r")
        at = int(con.expect(r"^\[app\] tick (\d+)\r?$", timeout=10).group(1))
        con.expect(rf"^\[app\] tick {at + 5}\r?$", timeout=10)
        con.send("\x1d\r")
        con.expect(PROMPT, timeout=5)
        mark = len(con.output)
        hv(con, "restore app", r"cell app: restoring from its checkpoint \(operator\)")
        con.expect(r"^\[hv\] cell app: \d+ pages of RAM copied back \(those written since the "
                   r"checkpoint\)\r?$", timeout=10)  # by the app's core, after the prompt
        con.send("exit\r")
        again = int(con.expect(r"^\[app\] tick (\d+)\r?$", timeout=10).group(1))
        assert again <= at, f"restored to tick {again}, the checkpoint was before tick {at}"
        con.expect(rf"^\[app\] tick {at + 5}\r?$", timeout=10)
        con.expect(r"^\[rtos\] rtos: tick \d+ ", timeout=10)
        con.send("\x1d\r")
        con.expect(PROMPT, timeout=5)
        hv(con, "stop app", r"cell app: stopped by the operator")
        hv(con, "checkpoint app", r"hv: checkpoint: cell 'app' is stopped")
        out = con.output
    assert "hello from cell 1 'app'" not in out[mark:], "the cell booted again instead of being restored"
    assert out.count("hello from cell 1 'app'") == 1
    assert "panic" not in out
    check_lines_whole(con)


def test_a_cell_cannot_reach_the_prompt(spec_image):
    """A cell writing Ctrl-] Enter and 'stop ...' to its console (UART and
    hypercall) opens no prompt and stops nothing: the prompt reads only the
    physical UART."""
    with Console(str(spec_image("escape"))) as con:
        con.quiet = ("ticker",)
        con.expect(r"^\[escape\] escape: done\r?$", timeout=20)
        n = int(con.expect(r"^\[ticker\] tick (\d+)\r?$", timeout=10).group(1))
        con.expect(rf"^\[ticker\] tick {n + 5}\r?$", timeout=10)
        out = con.output
    assert "stopped by the operator" not in out and not re.search(PROMPT, out, re.M), out[-2000:]
