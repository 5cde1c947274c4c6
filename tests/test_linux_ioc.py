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


ATTACKS = 8        # cells/ioctest/hostile.c's attacks[]
HOSTILE = 600      # the whole attack, Linux without -icount on a loaded 2-core machine
VICTIM = r"^\[linux\] (?:tessera# (?:\x1b\[6n)?)?tessera: ioc: link: "   # (it may follow a prompt)
KERNEL_TROUBLE = re.compile(r"^\[linux\] .*(Oops|BUG|Kernel panic|Call trace|Unable to handle|WARNING|"
                            r"soft lockup|hard LOCKUP|rcu.*stall|blocked for more than|segfault)", re.M)


def test_linux_survives_a_hostile_peer(spec_image):
    """Linux is the reader of 'link' and its other end, ioctest-hostile-linux, is hostile (as
    in test_ioc.py's bare-metal case): `tessera ioc victim link`, in the background at the
    shell, says hello, and the hostile cell behaves (300 messages, echoed), then writes eight
    bad values into its own half one at a time, each followed by a re-open and 20 messages,
    then 600 rounds of random bytes, then 4 s of doorbells between two calm spells, then
    behaves again. Each attack makes the module's read say EIO: the victim prints exactly one
    'broken' line for it and resets its end through TESSERA_IOC_CHANNEL_RESET. The storm ends
    and Linux's shell answers a typed command afterwards; the channel is up; the victim
    reports as many breakages as it printed; no kernel oops, BUG or lockup line, no [hv]
    line after the banner (no fault, no cell stopped), and the real-time cell keeps ticking."""
    with Console(str(spec_image("linux-ioc-hostile"))) as con:
        con.quiet = ("rtos",)
        m = con.expect(r"^\[linux\] tessera-linux: module=(.*?)\r?$", timeout=BOOT)
        assert m.group(1) == "loaded"
        shell(con, "tessera ioc victim link &", VICTIM + r"the reader of peer 'hostile'\r?$")
        wait_all(con, [r"^\[hostile\] hostile: waiting for the reader's first message\r?$",
                       r"^\[hostile\] hostile: the reader is there\r?$"], timeout=60)
        con.expect(r"^\[hostile\] hostile: storm: ", timeout=HOSTILE)
        con.send("echo during-storm\n")   # the shell's prompt is up, behind the victim's lines
        con.expect(r"^\[hostile\] hostile: storm over: \d+ doorbells in \d+ us, \d+ ns each, "
                   r"0 denied\r?$", timeout=HOSTILE)
        wait_all(con, [r"^\[linux\] during-storm\r?$"], timeout=60)
        con.expect(r"^\[hostile\] hostile: behaving again: 300 messages echoed\r?$", timeout=HOSTILE)
        con.expect(r"^\[hostile\] hostile: done\r?$", timeout=60)
        con.send("\n")   # a fresh prompt (the victim's lines came after the last one)
        shell(con, "echo alive", r"^\[linux\] alive\r?$")
        m = shell(con, "tessera ioc info link", r"^\[linux\] tessera: ioc: link: peer 'hostile', end 1, .*, "
                  r"up, (\d+) peer restarts, (\d+) doorbells\r?$")
        restarts, doorbells = int(m.group(1)), int(m.group(2))
        m = shell(con, "kill $!; wait $!; echo exit=$?",
                  VICTIM + r"victim: (\d+) messages, (\d+) echoes dropped, (\d+) garbled, "
                  r"(\d+) peer restarts, (\d+) broken\r?$")
        messages, dropped, garbled, seen, broken = map(int, m.groups())
        con.expect(r"^\[linux\] exit=0\r?$")
        wait_for_more_rtos_ticks(con)
        out = con.output
    lines = [l.rstrip("\r") for l in out.splitlines()]
    tail = con.tail(out)
    for bad in ("FAILED", "NOT NOTICED"):
        assert bad not in out, f"{bad!r} in the output:\n{tail}"
    trouble = KERNEL_TROUBLE.findall(out)
    assert not trouble, f"the kernel complained: {trouble}\n{tail}"
    hv = re.findall(r"^\[hv\] (?!Tessera: system ).*$", out, re.M)
    assert not hv, f"the hypervisor had something to say: {hv}"

    # One 'broken' per attack: between its line and the next attack's (the victim's line
    # and the hostile cell's may come in either order), none while the channel is proved.
    is_broken = [bool(re.match(VICTIM + "broken$", l)) for l in lines]
    starts = [next(n for n, l in enumerate(lines) if l.startswith(f"[hostile] hostile: attack {i} ("))
              for i in range(1, ATTACKS + 1)]
    starts.append(lines.index("[hostile] hostile: scribbling random bytes over its half, 600 times"))
    for i in range(ATTACKS):
        assert f"{lines[starts[i]]}: reader reset its end" in lines[starts[i]:starts[i + 1]], lines[starts[i]]
        assert sum(is_broken[starts[i]:starts[i + 1]]) == 1, f"attack {i + 1}: {lines[starts[i]:starts[i + 1]]}"
    assert lines.count("[hostile] hostile: channel up again: 20 messages echoed") == ATTACKS + 1
    assert "[hostile] hostile: behaving: 300 messages echoed" in lines
    assert broken == sum(is_broken), "one line per breakage: the victim's count and its lines differ"
    assert messages >= 300 + (ATTACKS + 1) * 20 + 300, messages
    lines = [l for l in lines if not l.startswith("[rtos]")]
    answer = lines.index("[linux] during-storm")
    over = next(n for n, l in enumerate(lines) if l.startswith("[hostile] hostile: storm over:"))
    stalls = re.findall(r"hrtimer: interrupt took (\d+) ns", out)
    print(f"\nThe shell answered {'during' if answer < over else 'after'} the storm; "
          f"kernel 'hrtimer: interrupt took' lines: {stalls}")
    print(f"Linux victim: {messages} messages echoed ({dropped} echoes dropped), {garbled} garbled "
          f"dropped, broken {broken} times ({broken - ATTACKS} by the random bytes), {seen} peer "
          f"restarts seen ({restarts} by the module); {doorbells} doorbell interrupts taken")
