# SPDX-License-Identifier: GPL-2.0
"""The default demo: its driver cell (issue 14) and its monitor (issue 15).  rtcd
(cells/rtcd) owns the board's PL031 RTC and answers `tessera date` on channel 'rtc'; told to hang, it stops answering, and the next
`tessera date` restarts it through the channel's control right (configs/qemu-virt.yaml:
control: {from: linux, allow: [restart]}) and gets the date, while Linux and rtos run on."""
from __future__ import annotations

import calendar
import re
import time

from test_linux import BOOT, PROMPT, demo, rtos_ticks, shell, wait_for_more_rtos_ticks  # noqa: F401

DATE = r"^\[linux\] tessera: date: (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC \(from rtcd\)\r?$"
RTCD_UP = r"^\[rtcd\] rtcd: PL031 at 0x9010000, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, channel 'rtc' to 'linux'"


def seen(con, pattern: str, timeout: float = 60) -> re.Match:
    """A line anywhere in the output so far, or within timeout (cells print in any order)."""
    deadline = time.monotonic() + timeout
    while not (m := re.search(pattern, con.output, re.M)):
        assert time.monotonic() < deadline, f"no {pattern!r}:\n" + con.tail(con.output)
        time.sleep(0.2)
    return m


def seconds(stamp: str) -> int:
    return calendar.timegm(time.strptime(stamp, "%Y-%m-%d %H:%M:%S"))


def test_date_from_the_driver_cell_and_its_restart_through_the_control_channel(demo):
    con = demo
    con.expect(r"^\[linux\] tessera-linux: ready", timeout=BOOT)
    assert len(re.findall(RTCD_UP, con.output, re.M)) == 1, con.tail(con.output)
    # QEMU's PL031 starts at the host's time (UTC): the date rtcd reads is the host's.
    m = shell(con, "tessera date", DATE, timeout=60)
    assert abs(seconds(m.group(1)) - time.time()) < 600
    assert "does not answer" not in con.output

    shell(con, "tessera rtc hang", r"^\[linux\] tessera: rtc: rtcd answered 'hanging'\r?$")
    seen(con, r"^\[rtcd\] rtcd: hanging \(until restarted\)")
    ticks = len(rtos_ticks(con))

    shell(con, "tessera date",
          r"^\[linux\] tessera: date: rtcd does not answer; restarting it through the control channel\r?$")
    m = con.expect(DATE, timeout=120)
    assert abs(seconds(m.group(1)) - time.time()) < 600
    assert shell(con, "echo rc=$?", r"^\[linux\] rc=(\d+)\r?$").group(1) == "0"
    seen(con, r"^\[hv\] .*rtcd.*restarting")
    assert len(re.findall(RTCD_UP + r" \(restarted\)", con.output, re.M)) == 1, con.tail(con.output)
    # The real-time cell ticked on, and Linux's shell still answers.
    wait_for_more_rtos_ticks(con, 2)
    assert len(rtos_ticks(con)) >= ticks + 2
    shell(con, "echo typed-$((6*7))", r"^\[linux\] typed-42\r?$")
    shell(con, "tessera date", DATE, timeout=60)


def test_a_control_operation_linux_has_no_right_to_is_refused(demo):
    con = demo
    con.expect(r"^\[linux\] tessera-linux: ready", timeout=BOOT)
    shell(con, "tessera ioc control rtc stop",
          r"^\[linux\] tessera: ioc: rtc: stop 'rtcd': Operation not permitted\r?$")
    seen(con, r"^\[hv\] .*(?i:refus|denied|not allowed|no right)")
    # Nothing changed: rtcd still answers at once.
    shell(con, "tessera date", DATE, timeout=60)
    assert "does not answer" not in con.output


def test_the_monitor_catches_a_rootkit_and_linux_is_restored(demo):
    """The demo's monitor cell watches Linux from outside (configs/qemu-virt.yaml: rules
    kernel_text, kernel_rodata, syscall_table, modules; on_failure: restore).  It takes
    Linux's kernel report of this boot; tessera_hook.ko then overwrites a system-call table
    entry through a writable alias, as a rootkit would, and is no allowed module either: the
    monitor names a rule, and Linux comes back from its checkpoint, clean (the monitor stays
    quiet afterwards), while rtos ticks on.  `hv> list` shows the integrity checks."""
    con = demo
    seen(con, r"^\[monitor\] monitor: 'linux' kernel report \(boot 1\): ", timeout=BOOT)
    con.expect(r"^\[linux\] tessera-linux: ready", timeout=BOOT)
    con.expect(PROMPT, timeout=BOOT)
    con.send("insmod /lib/modules/test/tessera_hook.ko\n")
    con.expect(r"^\[hv\] cell linux: restoring from its checkpoint", timeout=60)
    caught = seen(con, r"^\[monitor\] monitor: 'linux' rule '(syscall_table|modules)' violated"
                       r"(?: at 0x[0-9a-f]+|: module 'tessera_hook' at 0x[0-9a-f]+ not allowed): "
                       r"restore\r?$")
    con.expect(r"^\[linux\] tessera-linux: ready", timeout=BOOT)
    shell(con, "echo after-$((1+2))", r"^\[linux\] after-3\r?$")
    wait_for_more_rtos_ticks(con)
    con.hv("list")
    listed = con.expect(r"^\[hv\]   integrity: 4 rules, kernel report in, (\d+) checks, last \d+ ms ago, "
                        r"(\d+) violations?\r?$", timeout=60)
    out = con.output
    assert int(listed.group(1)) > 4 and int(listed.group(2)) == 1, listed.group(0)
    assert out.count("violated") == 1, (caught.group(0), con.tail(out))


def test_power_low_and_back_with_the_driver_cell_answering(demo):
    """configs/qemu-virt.yaml's power states: 'hv> power low' moves rtcd and monitor onto
    cores 0 and 1 by the generator's table and switches cores 2 and 3 off; rtcd still answers
    Linux on its channel there (its PL031 interrupt followed it), and after 'hv> power full'
    too.  No cell is stopped or restarted."""
    con = demo
    con.expect(r"^\[linux\] tessera-linux: ready", timeout=BOOT)
    con.hv("power low")
    moved = [con.expect(r"^\[hv\] power:   moved (.*?)\r?$", timeout=60).group(1) for _ in range(2)]
    assert moved == ["rtcd.vcpu0 cpu 2 -> 1", "monitor.vcpu0 cpu 3 -> 0"], moved
    con.hv("power")
    con.expect(r"^\[hv\] power:   core 3: off \(firmware: off\)", timeout=30)
    con.send("\n")
    shell(con, "tessera date", DATE, timeout=60)
    con.hv("power full")
    con.expect(r"^\[hv\] power: state 'full' \(from 'low'\)", timeout=60)
    con.send("\n")
    shell(con, "tessera date", DATE, timeout=60)
    wait_for_more_rtos_ticks(con)
    assert not re.search(r"^\[hv\] cell [a-z]\S*: (?!vCPU)", con.output, re.M), con.tail(con.output)
