# SPDX-License-Identifier: GPL-2.0
"""Issue 14, the Linux end: tessera.ko binds to the cell's "tessera,ioc-channel" nodes and
gives user space /dev/ioc/<channel>; `tessera ioc stress` exchanges messages in
cells/ioctest's format with a bare-metal ioctest cell at the other end."""
from __future__ import annotations

import re
import time

import pytest

from qemu import Console
from test_ioc import MESSAGES, ok_line, wait_all
from test_linux import BOOT, shell, wait_for_more_rtos_ticks

EXCHANGE = 600   # 3000 messages each way under TCG on a loaded 2-core machine


def linux_ok(connection: int) -> str:
    return (rf"^\[linux\] tessera: ioc: connection {connection}: sent {MESSAGES}, "
            rf"received {MESSAGES} in order, checksums ok\r?$")


def test_linux_and_a_bare_metal_cell_exchange_messages(spec_image):
    """The module probes channel 'link' (Linux is end 1 of a 4 KiB region) and acknowledges
    the bare-metal end, which opened first; `tessera ioc stress link 3000` sends 3000
    messages of random sizes and checks the 3000 it receives (number, checksum, order), as
    the ioctest cell does at its end: both report the whole exchange."""
    with Console(str(spec_image("linux-ioc"))) as con:
        con.quiet = ("rtos",)
        m = con.expect(r"^\[linux\] tessera-linux: module=(.*?)\r?$", timeout=BOOT)
        assert m.group(1) == "loaded"
        shell(con, "ls -l /dev/ioc/", r"^\[linux\] crw-------\s.*\slink\r?$")
        shell(con, "tessera ioc info link",
              r"^\[linux\] tessera: ioc: link: peer 'metal', end 1, index 0, 4096 bytes "
              r"\(messages up to 1976\), up, 0 peer restarts, \d+ doorbells\r?$")
        shell(con, f"tessera ioc stress link {MESSAGES}; echo exit=$?", linux_ok(1), timeout=EXCHANGE)
        con.expect(r"^\[linux\] exit=0\r?$")
        wait_all(con, [ok_line("metal", 1)], timeout=60)
        # Both ends slept on their doorbells.
        m = shell(con, "tessera ioc info link", r"^\[linux\] tessera: ioc: link: .*, up, 0 peer restarts, "
                  r"(\d+) doorbells\r?$")
        assert int(m.group(1)) > 0
        # The operator restarts the bare-metal end with no file open: the module acknowledges
        # it on its own (the doorbell's work item), the next open does not hear of it, and a
        # blocking run (a sending and a receiving process) does the 3000 again.
        con.send("\x1d\rrestart metal\r")
        con.expect(r"^\[hv\] cell metal: restarting \(operator\)\r?$", timeout=10)
        con.send("exit\r")
        wait_all(con, [r"^\[metal\] ioctest: metal: opened 'link' \(doorbell \d+, after a restart\)\r?$",
                       r"^\[linux\] .*/dev/ioc/link: peer 'metal' restarted\r?$"], timeout=30)  # either first
        con.send("\n")   # a fresh prompt (the kernel's line came after the last one)
        shell(con, f"tessera ioc stress link {MESSAGES} blocking; echo exit=$?", linux_ok(1), timeout=EXCHANGE)
        con.expect(r"^\[linux\] exit=0\r?$")
        deadline = time.monotonic() + 60   # (its line may come before Linux's)
        while len(re.findall(ok_line("metal", 1), con.output, re.M)) < 2:
            assert time.monotonic() < deadline, con.tail(con.output)
            time.sleep(0.2)
        shell(con, "tessera ioc info link", r"^\[linux\] tessera: ioc: link: .*, up, 1 peer restarts, ")
        wait_for_more_rtos_ticks(con)
        out = con.output
    assert "FAILED" not in out, con.tail(out)
    assert "peer restarted after" not in out, "a file opened after the restart heard of it"
    assert re.findall(r"^\[hv\] cell (\w+)", out, re.M) == ["metal"], "another cell was stopped"


@pytest.mark.parametrize("mode", ["", " blocking"])
def test_linux_reports_a_restart_of_the_bare_metal_end(spec_image, mode):
    """The bare-metal end (ioctest-restart, recovery: restart) restarts itself after 1000
    messages received: the stress run's next read or write (in blocking mode: each process's,
    on its own descriptor) says -ECONNRESET, it reports the restart and starts connection 2,
    which both ends finish (the restarted cell counts it as its connection 1)."""
    with Console(str(spec_image("linux-ioc-restart"))) as con:
        con.quiet = ("rtos",)
        m = shell(con, f"tessera ioc stress link {MESSAGES}{mode}; echo exit=$?",
                  r"^\[linux\] tessera: ioc: peer restarted after (\d+) messages received\r?$",
                  timeout=EXCHANGE)
        assert 0 < int(m.group(1)) < MESSAGES
        con.expect(linux_ok(2), timeout=EXCHANGE)
        con.expect(r"^\[linux\] exit=0\r?$")
        wait_all(con, [ok_line("metal", 1), r"^\[metal\] ioctest: metal: restarting itself\r?$",
                       r"^\[metal\] ioctest: metal: opened 'link' \(doorbell \d+, after a restart\)\r?$"],
                 timeout=60)
        shell(con, "tessera ioc info link", r"^\[linux\] tessera: ioc: link: .*, up, 1 peer restarts, ")
        wait_for_more_rtos_ticks(con)
        out = con.output
    assert "FAILED" not in out, con.tail(out)
    assert out.count("tessera: ioc: peer restarted") == 1
    assert len(re.findall(r"^\[hv\] cell metal: ", out, re.M)) == 1, "metal restarted more than once"
    assert not re.search(r"^\[hv\] cell (linux|rtos)", out, re.M), "another cell was stopped"
