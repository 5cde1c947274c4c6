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


WINDOW = re.compile(r"^\[victim\] ioctest: victim: window (\d+): (\d+) batches, (\d+) ns mean, (\d+) ns max, "
                    r"(\d+) doorbells; (\d+) messages, (\d+) garbled, (\d+) peer restarts, (\d+) broken\r?$")
BROKEN = "[victim] ioctest: victim: channel 'link' broken"
ATTACKS = 8
BATCH_UNITS = 50   # VICTIM_BATCH in cells/ioctest/victim.c


def windows_between(lines: list[str], first: str, last: str) -> list[dict]:
    """The victim's windows printed after the line starting `first` and before the one
    starting `last`, less the first of them, which may have begun before."""
    start = next(i for i, l in enumerate(lines) if l.startswith(first))
    end = next(i for i, l in enumerate(lines) if i > start and l.startswith(last))
    found = [WINDOW.match(l) for l in lines[start:end]]
    keys = ("n", "batches", "mean", "max", "doorbells", "messages", "garbled", "restarts", "broken")
    return [dict(zip(keys, map(int, m.groups()))) for m in found if m][1:]


def test_hostile_peer_breaks_the_channel_not_the_reader(spec_image):
    """'hostile' opens its end of 'link' properly and behaves (300 messages, echoed by the
    reader, 'victim'), then attacks its own half: eight bad values, one at a time (tx_head
    1 GiB on, misaligned or behind, a header 0xfffffff0 long, past tx_head or with a wrong
    seq, rx_tail ahead of what the reader sent or misaligned), each followed by a re-open;
    then 600 rounds of random bytes over its whole half; then doorbells as fast as it can
    for 300 ms, between two 300 ms spells of spinning; then it behaves again.  The reader says
    'broken' exactly once per attack, resets its end, and the channel carries messages again
    each time; it never takes an exception; its other work (a 50-unit batch every 1 ms, run
    with IRQs masked and timed) goes on at the same pace throughout, its 10 ms window lines
    never stop, storm or not.  No hypervisor fault, no cell stopped, and under -icount the
    real-time cell misses nothing."""
    with Console(str(spec_image("ioc-hostile")), icount=True) as con:
        con.quiet = ("rtos",)
        con.expect(r"^\[hostile\] hostile: storm over: \d+ doorbells in (\d+) us, (\d+) ns each, "
                   r"0 denied\r?$", timeout=120)
        con.expect(r"^\[hostile\] hostile: behaving again: 300 messages echoed\r?$", timeout=60)
        con.expect(r"^\[hostile\] hostile: done\r?$", timeout=10)
        for _ in range(3):   # the reader carries on after the hostile end has finished
            con.expect(r"^\[victim\] ioctest: victim: window \d+: ", timeout=30)
        con.expect(r"^\[rtos\] rtos: tick \d+ .* missed=0\r?$", timeout=30)
        out = con.output
    lines = [l.rstrip("\r") for l in out.splitlines()]
    tail = con.tail(out)
    for bad in ("exception:", "FAILED", "NOT NOTICED", "[hv] hypervisor exception", "[hv] panic"):
        assert bad not in out, f"{bad!r} in the output:\n{tail}"
    assert not re.search(r"^\[hv\] cell ", out, re.M), f"a cell was stopped:\n{tail}"

    # One 'broken' per attack, between the attack and the hostile end seeing the reset.
    for i in range(1, ATTACKS + 1):
        start = next(n for n, l in enumerate(lines) if re.match(rf"\[hostile\] hostile: attack {i} \(", l))
        result = lines.index(lines[start] + ": reader reset its end", start)
        again = lines.index("[hostile] hostile: channel up again: 20 messages echoed", result)
        assert lines[start:result].count(BROKEN) == 1, f"attack {i}: {lines[start:again + 1]}"
        assert BROKEN not in lines[result:again], f"attack {i}: broken again after the reset"
    scribble = lines.index("[hostile] hostile: scribbling done, re-opening")
    assert "[hostile] hostile: channel up again: 20 messages echoed" in lines[scribble + 1:]

    windows = [WINDOW.match(l) for l in lines]
    numbers = [int(m.group(1)) for m in windows if m]
    assert numbers == list(range(1, len(numbers) + 1)), f"window lines missing: {numbers}"
    last = [m for m in windows if m][-1]
    broken = int(last.group(9))
    assert broken == lines.count(BROKEN), "one line per breakage: the reader's count and its lines differ"
    assert broken > ATTACKS, f"random bytes never broke the channel ({broken} in all)"

    calm = windows_between(lines, "[hostile] hostile: calm before the storm: spinning",
                           "[hostile] hostile: calm before the storm: over")
    storm = windows_between(lines, "[hostile] hostile: storm: ", "[hostile] hostile: storm over:")
    after = windows_between(lines, "[hostile] hostile: calm after the storm: spinning",
                            "[hostile] hostile: calm after the storm: over")
    assert len(calm) >= 5 and len(storm) >= 2 and len(after) >= 5, \
        f"the reader stopped printing: {len(calm)} calm windows, {len(storm)} in the storm, {len(after)} after"
    mean = {k: sum(w["mean"] for w in ws) / len(ws) for k, ws in
            (("before", calm), ("storm", storm), ("after", after))}
    rate = {k: BATCH_UNITS * 1000 / v for k, v in mean.items()}      # work units per us of batch time
    doorbells = sum(w["doorbells"] for w in storm) / len(storm)
    print(f"\nvictim work rate, units/us: before {rate['before']:.3f}, storm {rate['storm']:.3f}, "
          f"after {rate['after']:.3f}; doorbells taken per 10 ms in the storm: {doorbells:.0f}; "
          f"channel broken {broken} times, {last.group(7)} garbled messages dropped")
    for ws in (calm, storm, after):
        assert all(w["batches"] >= 9 for w in ws), f"batches lost: {ws}"
    assert rate["storm"] > rate["before"] / 2, f"the storm halved the reader's work: {rate}"
    assert doorbells < 1000, f"the storm reached the reader's core ring by ring: {doorbells} per 10 ms"
    assert not re.search(r"missed=[1-9]", out), "the real-time cell missed deadlines"
    check_lines_whole(con)


def test_control_channel_rights(spec_image):
    """Channel 'ctl' gives boss the right to restart worker, nothing else. boss's stop is
    refused (-3) with one [hv] line, an unknown operation and a channel it does not have get
    -2; its restarts go through the lifecycle module and count towards worker's restart
    limit (the fourth within the window fails worker). worker's requests, with no right at
    all, are refused each time, but a line is printed only at the 1st, 2nd, 4th, ... refusal."""
    with Console(str(spec_image("ioc-control")), icount=True) as con:
        con.expect(r"^\[boss\] control: boss: done\r?$", timeout=30)
        out = con.output
    results = re.findall(r"^\[boss\] control: boss: (.*) -> (-?\d+)\r?$", out, re.M)
    assert results == [("stop worker", "-3"), ("operation 7", "-2"), ("restart on channel 5", "-2")] + \
        [("restart worker", "0")] * 4, results
    hv = re.findall(r"^\[hv\] (cell .*?)\r?$", out, re.M)
    assert hv == [
        "cell worker: control request 'restart' on channel 'ctl' refused: no such right in the spec "
        "(1 refused so far)",
        "cell boss: control request 'stop' on channel 'ctl' refused: no such right in the spec "
        "(1 refused so far)",
        "cell worker: restarting (control from 'boss')",
        "cell worker: control request 'restart' on channel 'ctl' refused: no such right in the spec "
        "(2 refused so far)",
        "cell worker: restarting (control from 'boss')",
        "cell worker: restarting (control from 'boss')",
        "cell worker: control request 'restart' on channel 'ctl' refused: no such right in the spec "
        "(4 refused so far)",
        "cell worker: control from 'boss' — failed: more than 3 restarts within 60000 ms",
    ], hv
    assert re.findall(r"^\[worker\] control: worker: restart boss -> (-?\d+)\r?$", out, re.M) == ["-3"] * 4
    assert out.count("[worker] control: worker: up") == 4
