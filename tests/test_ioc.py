# SPDX-License-Identifier: GPL-2.0
"""Issue 14: IOC channels between cells: the doorbell hypercall, the ring protocol of
uapi/tessera_ioc.h over a channel's shared region, and a peer's restart."""
from __future__ import annotations

import re
import time

from qemu import Console
from test_hypervisor import check_lines_whole

MESSAGES = 3000


def ok_line(cell: str, connection: int) -> str:
    return (rf"^\[{cell}\] ioctest: {cell}: connection {connection}: sent {MESSAGES}, "
            rf"received {MESSAGES} in order, checksums ok, (\d+) doorbells\r?$")


def wait_all(con: Console, patterns: list[str], timeout: float) -> list[re.Match]:
    """Wait until every pattern is in the output, in any order."""
    end = time.monotonic() + timeout
    while True:
        found = [re.search(p, con.output, re.M) for p in patterns]
        if all(found):
            return found
        assert time.monotonic() < end, f"no {patterns} within {timeout}s:\n{con.tail(con.output)}"
        time.sleep(0.1)


def test_bare_metal_ends_exchange_messages_across_a_restart(spec_image):
    """ping and pong, on cores of their own, each send 3000 messages of random sizes through
    a 4 KiB channel and check every one at the receiver (number, checksum, order); pong
    restarts itself after 1000: ping reports it, both start a new connection and finish it.
    The doorbell wakes each end from WFI. A third cell rings indices it has no channel at
    (-2) and faults reading the channel's address: only it stops. Under -icount, rtos
    misses nothing meanwhile (without it, QEMU's host threads set the deadlines)."""
    with Console(str(spec_image("ioc-pair")), icount=True) as con:
        con.quiet = ("rtos",)
        con.expect(r"^\[pong\] ioctest: pong: restarting itself\r?$", timeout=60)
        done = wait_all(con, [ok_line("ping", 2), ok_line("pong", 1),
                              r"^\[ping\] ioctest: ping: peer restarted after \d+ messages received\r?$",
                              r"^\[pong\] ioctest: pong: opened 'link' \(doorbell \d+, after a restart\)\r?$"],
                        timeout=120)
        ends = {"ping": int(done[0].group(1)), "pong": int(done[1].group(1))}
        con.expect(r"^\[rtos\] rtos: tick \d+ .* missed=0\r?$", timeout=30)
        out = con.output
    assert all(n > 0 for n in ends.values()), f"an end never slept on its doorbell: {ends}"
    assert "FAILED" not in out, con.tail(out)
    for i in range(4):
        assert re.search(rf"^\[intruder\] intruder: doorbell {i}: -2\r?$", out, re.M), out
    assert re.search(r"^\[hv\] cell intruder: stage-2 data abort at IPA 0x1000000000 .* stopped\r?$",
                     out, re.M), out
    assert "NOT STOPPED" not in out
    assert not re.search(r"^\[hv\] cell (ping|rtos)", out, re.M), "another cell was stopped"
    assert len(re.findall(r"^\[hv\] cell pong: ", out, re.M)) == 1, "pong restarted more than once"
    assert not re.search(r"missed=[1-9]", out), "the real-time cell missed deadlines"
    check_lines_whole(con)
