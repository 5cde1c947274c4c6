# SPDX-License-Identifier: GPL-2.0
"""Issue 18: the README's walkthrough, step by step, on the default demo as `make run` boots it
(build/tessera.elf, configs/qemu-virt.yaml, routing the console by focus).  One boot; the
steps run in the README's order, each a test.

The terminal shows Linux (the focus), the hypervisor, and the driver cell rtcd and the monitor
(`console: always`); the real-time cell's reports wait in its log.  rtcd (cells/rtcd) owns the
board's PL031 RTC and answers `tessera date` on channel 'rtc'; told to hang, it stops answering,
and the next `tessera date` restarts it through the channel's control right."""
from __future__ import annotations

import calendar
import re
import subprocess
import time

import pytest
from qemu import Console
from test_linux import BOOT, PROMPT, rtos_log_ticks, shell

from conftest import ROOT

DATE = r"^\[linux\] tessera: date: (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC \(from rtcd\)\r?$"
RTCD_UP = r"^\[rtcd\] rtcd: PL031 at 0x9010000, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, channel 'rtc' to 'linux'"
LINE = re.compile(r"^\[([a-z]\w*)\] ", re.M)


@pytest.fixture(scope="module")
def demo():
    with Console(str(ROOT / "build/tessera.elf")) as con:
        con.expect(r"^\[hv\] Tessera: system 'demo', 4 cells, 4 vCPUs on 4 cores\r?$", timeout=60)
        yield con


def seen(con, pattern: str, timeout: float = 60) -> re.Match:
    """A line anywhere in the output so far, or within timeout (cells print in any order)."""
    deadline = time.monotonic() + timeout
    while not (m := re.search(pattern, con.output, re.M)):
        assert time.monotonic() < deadline, f"no {pattern!r}:\n" + con.tail(con.output)
        time.sleep(0.2)
    return m


def seconds(stamp: str) -> int:
    return calendar.timegm(time.strptime(stamp, "%Y-%m-%d %H:%M:%S"))


def hv(con, command: str, *answers: str) -> list[re.Match]:
    """hv> command and the lines it answers, in order; then, the keyboard back with Linux,
    Enter at the shell for a fresh prompt after the [hv] lines."""
    con.hv(command)
    found = [con.expect(a, timeout=60) for a in answers]
    con.expect(r"^\[hv\] hv: keyboard back to cell 0 'linux'\r?$", timeout=30)
    con.send("\n")
    return found


def test_1_boot_shows_linux_the_driver_and_the_monitor_not_the_real_time_reports(demo):
    con = demo
    con.expect(r"^\[linux\] tessera-linux: ready", timeout=BOOT)
    seen(con, PROMPT, timeout=BOOT)   # (not taken: the next step types at it)
    seen(con, RTCD_UP)
    seen(con, r"^\[monitor\] monitor: watching 'linux'")
    assert "[rtos]" not in con.output, con.tail(con.output)


def test_2_a_typed_command_and_its_prompt_arrive_with_no_other_cell_between(demo):
    """The command prints for 3 s, one line at a time; meanwhile the real-time cell reports
    three times, into its log: between the typed line and the next prompt the terminal has
    Linux's lines only."""
    con = demo
    shell(con, "tessera info", r"^\[linux\] tessera: cell 0 'linux', ABI 0\.1\r?$")
    before = rtos_log_ticks(con)
    con.send("\n")
    shell(con, "for i in 1 2 3 4 5 6; do echo line-$i; sleep 0.5; done", r"^\[linux\] line-1\r?$")
    start = con.output.rfind("\n", 0, con.output.rfind("for i in 1 2 3", 0, con._pos))
    con.expect(r"^\[linux\] line-6\r?$", timeout=60)
    end = con.expect(PROMPT, timeout=60).end()
    cells = set(LINE.findall(con.output[start:end]))
    after = rtos_log_ticks(con)
    con.send("\n")
    assert cells == {"linux"}, con.output[start:end]
    assert after[-1] >= before[-1] + 1800, (before[-3:], after[-3:])   # two reports more, at least


def test_3_list_shows_every_cell_running(demo):
    con = demo
    hv(con, "help", r"^\[hv\] hv: commands: list \| stats \| ")
    states = [m.group(1) for m in hv(con, "list", *(rf"^\[hv\] cell {i} '{name}' \((?:linux|baremetal)\): (\w+)"
                                                   for i, name in enumerate(("linux", "rtos", "rtcd", "monitor"))))]
    assert states == ["running"] * 4, states


def test_4_log_rtos_shows_the_real_time_reports(demo):
    """Each report says what its figures are (the first lines say so too); its log keeps the
    newest, in order."""
    con = demo
    ticks = rtos_log_ticks(con)
    con.send("\n")
    assert len(ticks) >= 5 and ticks == sorted(ticks), ticks


def test_5_the_focus_moves_to_the_real_time_cell_and_back(demo):
    """Ctrl-] 1: the real-time cell's lines come live (typed text goes to it, which ignores
    it); Ctrl-] 0: Linux has the keyboard again and what it printed meanwhile is replayed."""
    con = demo
    con.expect(PROMPT, timeout=60)
    con.send("\x1d1")
    con.expect(r"^\[hv\] console focus: cell 1 'rtos'\r?$", timeout=30)
    con.send("echo lost-$((2+2))\n")
    con.expect(r"^\[rtos\] rtos: tick \d+ latency ", timeout=30)
    con.expect(r"^\[rtos\] rtos: tick \d+ latency ", timeout=30)
    con.send("\x1d0")
    con.expect(r"^\[hv\] console focus: cell 0 'linux'\r?$", timeout=30)
    con.send("echo back-$((2+3))\n")
    con.expect(r"^\[linux\] back-5\r?$", timeout=60)
    assert "lost-4" not in con.output and "echo lost" not in con.output
    con.send("\x1dl")   # Ctrl-] l: the cells, and which has the focus
    con.expect(r"^\[hv\] cell 0 'linux' \(linux\): running \(console focus\)\r?$", timeout=30)
    con.send("\n")


def test_6_power_low_and_back_with_the_driver_cell_answering(demo):
    """'hv> power low' moves rtcd and monitor onto cores 0 and 1 by the generator's table and
    switches cores 2 and 3 off; rtcd still answers Linux there, and after 'hv> power full'
    too.  No cell is stopped or restarted by it."""
    con = demo
    restarts = len(re.findall(r"^\[hv\] cell \w+: (?:restarting|restoring)", con.output, re.M))
    at = len(con.output)
    hv(con, "power low")   # the switch reports when it is done, maybe after the prompt closed
    seen(con, r"^\[hv\] power:   moved monitor\.vcpu0 ")
    moved = re.findall(r"^\[hv\] power:   moved (.*?)\r?$", con.output[at:], re.M)
    assert moved == ["rtcd.vcpu0 cpu 2 -> 1", "monitor.vcpu0 cpu 3 -> 0"], moved
    hv(con, "power", r"^\[hv\] power:   core 3: off \(firmware: off\)")
    shell(con, "tessera date", DATE, timeout=60)
    hv(con, "power full")
    seen(con, r"^\[hv\] power: state 'full' \(from 'low'\)")
    shell(con, "tessera date", DATE, timeout=60)
    assert len(re.findall(r"^\[hv\] cell \w+: (?:restarting|restoring)", con.output, re.M)) == restarts


def test_7_the_date_from_the_driver_cell_and_its_restarts(demo):
    """`tessera date` asks rtcd; the operator restarts rtcd (hv> restart rtcd) and Linux
    gets the date again; told to hang, rtcd stops answering, and the next `tessera date`
    restarts it through the channel's control right and gets the date, while Linux and the
    real-time cell run on."""
    con = demo
    m = shell(con, "tessera date", DATE, timeout=60)
    assert abs(seconds(m.group(1)) - time.time()) < 600   # QEMU's PL031 starts at the host's time
    hv(con, "restart rtcd")
    seen(con, r"^\[hv\] cell rtcd: restarting \(operator\)")
    seen(con, RTCD_UP + r" \(restarted\)")
    shell(con, "tessera date", DATE, timeout=60)
    shell(con, "tessera rtc hang", r"^\[linux\] tessera: rtc: rtcd answered 'hanging'\r?$")
    seen(con, r"^\[rtcd\] rtcd: hanging \(until restarted\)")
    ticks = rtos_log_ticks(con)[-1]
    con.send("\n")
    shell(con, "tessera date",
          r"^\[linux\] tessera: date: rtcd does not answer; restarting it through the control channel\r?$")
    con.expect(DATE, timeout=120)
    assert shell(con, "echo rc=$?", r"^\[linux\] rc=(\d+)\r?$").group(1) == "0"
    seen(con, r"^\[hv\] cell rtcd: restarting \(control from 'linux'\)")
    assert len(re.findall(RTCD_UP + r" \(restarted\)", con.output, re.M)) == 2, con.tail(con.output)
    assert rtos_log_ticks(con)[-1] > ticks
    con.send("\n")


def test_8_a_control_operation_linux_has_no_right_to_is_refused(demo):
    con = demo
    shell(con, "tessera ioc control rtc stop",
          r"^\[linux\] tessera: ioc: rtc: stop 'rtcd': Operation not permitted\r?$")
    seen(con, r"^\[hv\] cell linux: control request 'stop' on channel 'rtc' refused")
    shell(con, "tessera date", DATE, timeout=60)   # nothing changed: rtcd answers at once


def restored_with_the_date(con, at: int):
    """Linux came back from its checkpoint after output position at: its init, which goes on
    from the checkpoint call, got the date from rtcd over the channel the module reset."""
    con.expect(r"^\[linux\] tessera-linux: ready", timeout=BOOT)
    assert re.search(r"^\[linux\] tessera-linux: date=\d{4}-", con.output[at:], re.M), \
        con.tail(con.output[at:])


def test_9_a_linux_panic_restores_linux_from_its_checkpoint(demo):
    """panic=-1 in the demo's bootargs: a panic is PSCI SYSTEM_RESET, and recovery: restore
    brings Linux back from the checkpoint its init took; the real-time cell never stops.
    Twice, and `tessera date` answers at once after each: the checkpoint call tells the
    restored run so and the module resets its channels with an epoch rtcd has not seen (the
    second restore once found rtcd acknowledging an epoch Linux no longer knew, for good)."""
    con = demo
    ticks = rtos_log_ticks(con)[-1]
    con.send("\n")
    start = len(con.output)
    rtcd_restarts = len(re.findall(r"^\[hv\] cell rtcd: restarting", con.output, re.M))
    for _ in range(2):
        at = len(con.output)
        shell(con, "echo c > /proc/sysrq-trigger",
              r"^\[hv\] cell linux: restoring from its checkpoint", timeout=90)
        restored_with_the_date(con, at)
        shell(con, "tessera date", DATE, timeout=60)
    shell(con, "echo back-$((3*3))", r"^\[linux\] back-9\r?$")
    assert "does not answer" not in con.output[start:], con.tail(con.output[start:])
    assert len(re.findall(r"^\[hv\] cell rtcd: restarting", con.output, re.M)) == rtcd_restarts
    time.sleep(1.5)   # one report more, at least
    after = rtos_log_ticks(con)
    con.send("\n")
    assert after[-1] > ticks and after == sorted(after), (ticks, after)
    assert not re.search(r"^\[hv\] cell (rtos|monitor): (restart|restor|stop|fault)", con.output, re.M), \
        con.tail(con.output)


def test_10_the_monitor_catches_a_rootkit_and_linux_is_restored(demo):
    """The monitor watches Linux from outside (rules kernel_text, kernel_rodata,
    syscall_table, modules; on_failure: restore).  tessera_hook.ko overwrites a system-call
    table entry through a writable alias, as a rootkit would, and is no allowed module either:
    the monitor names a rule, and Linux comes back from its checkpoint, clean.  `hv> list`
    shows the integrity checks."""
    con = demo
    violations = con.output.count("violated")
    con.expect(PROMPT, timeout=BOOT)
    at = len(con.output)
    con.send("insmod /lib/modules/test/tessera_hook.ko\n")
    con.expect(r"^\[hv\] cell linux: restoring from its checkpoint", timeout=60)
    seen(con, r"^\[monitor\] monitor: 'linux' rule '(syscall_table|modules)' violated"
              r"(?: at 0x[0-9a-f]+|: module 'tessera_hook' at 0x[0-9a-f]+ not allowed): restore\r?$")
    restored_with_the_date(con, at)   # the third restore from the one checkpoint
    shell(con, "echo after-$((1+2))", r"^\[linux\] after-3\r?$")
    listed, = hv(con, "list", r"^\[hv\]   integrity: 4 rules, kernel report in, (\d+) checks, last \d+ ms "
                              r"ago, (\d+) violations?\r?$")
    assert int(listed.group(1)) > 4 and int(listed.group(2)) == 1, listed.group(0)
    assert con.output.count("violated") == violations + 1, con.tail(con.output)


def test_11_make_run_icount_boots_the_same_machine_in_virtual_time():
    """`make run ICOUNT=1` (README, step 4) adds QEMU's virtual time to the board's machine;
    `make qemu` boots what was built last without building (-n: the command only)."""
    r = subprocess.run(["make", "--no-print-directory", "-n", "qemu", "ICOUNT=1"], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 -cpu cortex-a57 -smp 4 -m 1G " \
           "-icount shift=0,sleep=off -nographic -kernel build/tessera.elf" in r.stdout, r.stdout
