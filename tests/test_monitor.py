# SPDX-License-Identifier: GPL-2.0
"""The monitor cell (spec: monitor): it watches other cells from outside, through what the
hypervisor keeps of their vCPUs, and recovers them as the watch's on_failure says."""
from __future__ import annotations

import pathlib
import re

from qemu import Console
from test_linux import BOOT, PROMPT, RTOS_TICK, shell, wait_for_more_rtos_ticks

CAUGHT = (r"^\[monitor\] monitor: 'spinner' vCPU 0: timer interrupt not taken for (\d+) ms "
          r"\(interrupts off\?\): restart\r?$")
SAMPLE_MS = 10  # cells/monitor/monitor.c: MONITOR_SAMPLE_MS
ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_monitor_catches_a_cell_spinning_with_interrupts_off(spec_image):
    """'spinner' takes its 10 ms timer interrupt for 300 ms, then masks interrupts and spins:
    none of its code will ever say so.  The monitor sees from the hypervisor's counters that
    its timer interrupt stays delivered and untaken, and after the watch's timeout (1 s, the
    default without a heartbeat) and at most two samples more, says so and asks for the
    watch's on_failure: the hypervisor restarts 'spinner', which ticks again, and the monitor
    sees it run.  The real-time cell beside them misses nothing.  Under -icount."""
    with Console(str(spec_image("monitor-spin")), icount=True) as con:
        con.quiet = ("rtos",)
        con.expect(r"^\[monitor\] monitor: watching 'spinner' \(1 vCPUs, timeout 1000 ms, "
                   r"on failure: restart\)\r?$", timeout=60)
        con.expect(r"^\[spinner\] spinner: spinning with interrupts off after \d+ ticks\r?$",
                   timeout=60)
        con.expect(r"^\[hv\] cell spinner: restarting \(asked by the monitor\)\r?$", timeout=60)
        waited = int(con.expect(CAUGHT, timeout=60).group(1))
        con.expect(r"^\[monitor\] monitor: 'spinner' running again\r?$", timeout=60)
        con.expect(r"^\[spinner\] spinner: ticking\r?$", timeout=60)
        con.expect(r"^\[rtos\] rtos: tick \d+ .* missed=0\r?$", timeout=60)
        out = con.output
        con.send("\x1d\rlist\rexit\r")  # the operator's view of the watch
        look = con.expect(r"^\[hv\]   watched by 'monitor': last look (\d+) ms ago, (\d+) "
                          r"recover(?:y|ies) asked \(on failure: restart\)\r?$", timeout=60)
    assert 1000 <= waited <= 1000 + 2 * SAMPLE_MS, waited
    assert int(look.group(1)) < 1000 and int(look.group(2)) >= 1, look.group(0)
    assert not re.search(r"^\[hv\] (panic|hypervisor exception)", out, re.M), con.tail(out)
    assert not re.search(r"missed=[1-9]", out), con.tail(out)


def test_only_the_monitor_has_its_rights(spec_image):
    """A cell that is not the monitor asking for a watched cell's activity or recovery is
    refused (-3) by the hypervisor's tables, and nothing happens to anyone."""
    with Console(str(spec_image("monitor-spin")), icount=True) as con:
        con.quiet = ("rtos",)
        con.expect(r"^\[spinner\] spinner: watch activity -3, watch recover -3\r?$", timeout=60)
        con.expect(r"^\[spinner\] spinner: ticking\r?$", timeout=60)
        out = con.output
    assert "[hv] cell" not in out, con.tail(out)


def test_a_kernel_report_is_kept_once_per_boot_and_read_by_the_monitor(spec_image):
    """A watched cell's kernel says once per boot where its code, read-only data, system-call
    table and page tables are (TESSERA_HVC_KERNEL_REPORT): 'spinner' sends a made-up report
    that names a table of its own.  A report with a wrong magic is refused (-2), the first
    good one kept (0), a second one of the same boot refused (-3).  The monitor reads it back
    (TESSERA_HVC_WATCH_REPORT) and reads the table's first entry through its read-only
    window; after the spinner's restart, the new boot's report is taken as boot 2."""
    report = (r"^\[monitor\] monitor: 'spinner' kernel report \(boot {}\): text 0x40000000-0x40001000, "
              r"rodata 0x40000000-0x40001000, sys_call_table 0x4[0-9a-f]+ \(4 entries, the first "
              r"0x5ca11ab1e0000001\), page tables 0x40000000\r?$")
    with Console(str(spec_image("monitor-spin")), icount=True) as con:
        con.quiet = ("rtos",)
        con.expect(r"^\[spinner\] spinner: kernel report: bad -2, first 0, again -3\r?$", timeout=60)
        con.expect(report.format(1), timeout=60)
        con.expect(r"^\[hv\] cell spinner: restarting \(asked by the monitor\)\r?$", timeout=60)
        con.expect(r"^\[spinner\] spinner: kernel report: bad -2, first 0, again -3\r?$", timeout=60)
        con.expect(report.format(2), timeout=60)
        out = con.output
    assert len(re.findall(report.format(r"\d+"), out, re.M)) == 2, con.tail(out)


def test_an_integrity_rule_catches_a_change_and_names_its_address(spec_image):
    """The spec's rule 'table' (a hash of 4 KiB at 0x40100000 of the spinner, every 50 ms,
    data in the monitor's device tree) takes its reference at the first check after the
    spinner's report; when the spinner changes the word at 0x40100100, the monitor names the
    rule and that address, and the watch restarts the spinner; the new boot gets a new
    reference (no violation at its first check) and is caught again.  `hv> list` shows the
    rule's checks and violations.  The real-time cell misses nothing.  Under -icount."""
    caught = (r"^\[monitor\] monitor: 'spinner' rule 'table' violated at 0x40100100: restart\r?$")
    with Console(str(spec_image("monitor-integrity")), icount=True) as con:
        con.quiet = ("rtos",)
        con.expect(r"^\[monitor\] monitor: 'spinner' rule 'table' \(hash ipa, every 50 ms\)\r?$",
                   timeout=60)
        con.expect(caught, timeout=60)
        con.expect(r"^\[monitor\] monitor: 'spinner' kernel report \(boot 2\)", timeout=60)
        con.expect(r"^\[spinner\] spinner: changing the word at 0x40100100\r?$", timeout=60)
        again = con.expect(caught, timeout=60)
        second = con.output[:again.end()]   # (read after the wait: the line may not be in yet)
        # Typed input arrives in wall-clock time while -icount runs ahead, so later boots may
        # come and go before the list is printed: it must count what was reported before it.
        con.hv("list")
        listed = con.expect(r"^\[hv\]   integrity: 1 rule, kernel report (?:in|not in), (\d+) checks, "
                            r"last \d+ ms ago, (\d+) violations?\r?$", timeout=60)
        out = con.output
    assert second.count("violated at") == 2, con.tail(second)
    assert second.count("[hv] cell spinner: restarting (asked by the monitor)") == 2, con.tail(second)
    before = out[:listed.start()].count("violated at")
    assert before <= int(listed.group(2)) <= before + 1, (before, listed.group(0))
    assert int(listed.group(1)) >= 4, listed.group(0)
    assert not re.search(r"missed=[1-9]", out), con.tail(out)


def test_monitor_restarts_linux_spinning_with_interrupts_off(spec_image):
    """Linux (2 vCPUs) loads the test module tessera_spin.ko, and every vCPU spins with
    interrupts off: no code of Linux runs again.  The monitor sees a vCPU's timer interrupt
    delivered and never taken, and after the watch's timeout (1 s) asks for the on_failure:
    the hypervisor restarts Linux, which boots to its shell again, while the real-time cell
    keeps ticking.  The monitor never fires before the timeout."""
    with Console(str(spec_image("linux-monitor"))) as con:
        con.quiet = ("rtos",)
        m = shell(con, "insmod /lib/modules/test/tessera_spin.ko",
                  r"tessera_spin: every CPU spins with interrupts off from now on", timeout=60)
        con.expect(r"^\[hv\] cell linux: restarting \(asked by the monitor\)\r?$", timeout=60)
        caught = con.expect(r"^\[monitor\] monitor: 'linux' vCPU (\d): timer interrupt not taken "
                            r"for (\d+) ms \(interrupts off\?\): restart\r?$", timeout=60)
        con.expect(r"^\[monitor\] monitor: 'linux' running again\r?$", timeout=60)
        con.expect(r"^\[linux\] tessera-linux: ready\r?$", timeout=BOOT)
        con.expect(PROMPT, timeout=BOOT)
        ticks = [int(t) for t in re.findall(RTOS_TICK, con.output[m.start():], re.M)]
        out = con.output
    assert int(caught.group(2)) >= 1000, caught.group(0)  # not before the timeout
    assert len(ticks) >= 2, "the real-time cell stopped while Linux was caught and restarted"
    assert out.count("[monitor] monitor: 'linux' vCPU") == 1, con.tail(out)
    assert not re.search(r"^\[hv\] (panic|hypervisor exception)", out, re.M), con.tail(out)


def test_the_monitor_reads_its_window_and_restarts_itself(spec_image):
    """The watch has inspect: read-only: the monitor reads the spinner's RAM through its window
    (its first word is the first 8 bytes of the spinner's image).  Built to crash half a second
    in, the monitor then writes into that window: a permission fault that stops only the
    monitor, which the hypervisor restarts by its own recovery policy; nothing happens to the
    cell it watches meanwhile.  The new instance finds its watches again and catches the
    spinner on its own.  Under -icount."""
    first = int.from_bytes((ROOT / "build/cells/monitor-spinner/monitor-spinner.bin").read_bytes()[:8],
                           "little")
    with Console(str(spec_image("monitor-crash")), icount=True) as con:
        con.quiet = ("rtos",)
        watching = (r"^\[monitor\] monitor: watching 'spinner' \(1 vCPUs, timeout 1000 ms, "
                    r"on failure: restart\)\r?$")
        window = (r"^\[monitor\] monitor: 'spinner' RAM readable at 0x2000000000 \(2048 KiB\), "
                  rf"first word 0x{first:x}\r?$")
        con.expect(watching, timeout=60)
        con.expect(window, timeout=60)
        crash = con.expect(r"^\[monitor\] monitor: crashing on purpose: a write to 0x2000000000\r?$",
                           timeout=60)
        con.expect(r"^\[hv\] cell monitor: stage-2 data abort at IPA 0x2000000000 .*\(write, "
                   r"permission\) .* restarting\r?$", timeout=60)
        con.expect(watching, timeout=60)
        con.expect(window, timeout=60)
        recovered = con.expect(r"^\[hv\] cell spinner: restarting \(asked by the monitor\)\r?$",
                               timeout=60)
        con.expect(CAUGHT, timeout=60)
        con.expect(r"^\[rtos\] rtos: tick \d+ .* missed=0\r?$", timeout=60)
        out = con.output
    between = out[crash.start():recovered.start()]
    assert "[hv] cell spinner" not in between, "the watched cell was touched by the monitor's crash"
    assert not re.search(r"missed=[1-9]", out), con.tail(out)


def test_monitor_restarts_linux_when_its_heartbeat_stops(spec_image):
    """The watch's heartbeat (every 100 ms, timeout 1 s) gets Linux a channel to the monitor,
    'heartbeat-linux', on which /init's daemon (`tessera heartbeat`) sends.  Once the monitor
    has heard it, killing the daemon is a silence: after the timeout the monitor asks for the
    on_failure, Linux is restarted, and its new daemon's beats are heard again.  Linux's boot
    itself, before the first beat, never counts as a silence.
    Each boot, tessera.ko reports where the kernel's code, read-only data, system-call table
    and page tables are, and the monitor takes the report (boot 1, then boot 2) and reads the
    table's first entry, a kernel address, through its window.  `hv> list` counts the
    missed heartbeat."""
    report = (r"^\[monitor\] monitor: 'linux' kernel report \(boot {}\): text (0x[0-9a-f]+)-(0x[0-9a-f]+), "
              r"rodata (0x[0-9a-f]+)-(0x[0-9a-f]+), sys_call_table (0x[0-9a-f]+) \((\d+) entries, "
              r"the first 0xffff[0-9a-f]{{12}}\), page tables (0x[0-9a-f]+)\r?$")
    with Console(str(spec_image("linux-heartbeat"))) as con:
        con.quiet = ("rtos",)
        first = con.expect(report.format(1), timeout=BOOT)
        con.expect(r"^\[linux\] tessera-linux: heartbeat=heartbeat-linux\r?$", timeout=BOOT)
        up = r"^\[monitor\] monitor: 'linux' heartbeat up \(every 100 ms\)\r?$"
        con.expect(up, timeout=BOOT)
        shell(con, "killall tessera; echo killed=$?", r"^\[linux\] killed=0\r?$")
        con.expect(r"^\[hv\] cell linux: restarting \(asked by the monitor\)\r?$", timeout=60)
        silence = con.expect(r"^\[monitor\] monitor: 'linux': no heartbeat for (\d+) ms "
                             r"\(timeout 1000 ms\): restart\r?$", timeout=60)
        con.expect(r"^\[monitor\] monitor: 'linux' running again\r?$", timeout=60)
        second = con.expect(report.format(2), timeout=BOOT)
        con.expect(up, timeout=BOOT)
        con.hv("list")
        con.expect(r"^\[hv\]   heartbeat every 100 ms: 1 missed\r?$", timeout=60)
        out = con.output
    # Linux's own line may come before or after the monitor's: its console is slower
    sent = re.search(r"^\[linux\] \[[ \d.]+\] tessera: kernel report: text (0x[0-9a-f]+)-", out, re.M)
    assert sent and first.group(1) == sent.group(1), (first.group(0), sent and sent.group(0))
    text0, text1, ro0, ro1, table, entries, pgd = (int(g, 0) for g in first.groups())
    assert text0 < text1 == ro0 < table < ro1 == pgd and int(entries) > 400, first.group(0)
    assert second.groups() == first.groups(), "the same kernel reports the same layout"
    assert int(silence.group(1)) >= 1000, silence.group(0)
    assert out.count("no heartbeat for") == 1, con.tail(out)
    assert "timer interrupt not taken" not in out, con.tail(out)


def test_monitor_restores_a_cell_from_its_checkpoint(spec_image):
    """on_failure: restore.  The spinner checkpoints itself before it starts ticking; when the
    monitor catches it spinning, the hypervisor puts the checkpoint back (only the pages written
    since), and the spinner comes back from its checkpoint call, not from its start.  Under
    -icount."""
    with Console(str(spec_image("monitor-restore")), icount=True) as con:
        con.quiet = ("rtos",)
        start = con.expect(r"^\[spinner\] spinner: watch activity -3, watch recover -3\r?$", timeout=60)
        con.expect(r"^\[spinner\] spinner: checkpoint call returned 0\r?$", timeout=60)
        con.expect(r"^\[hv\] cell spinner: restoring from its checkpoint \(asked by the monitor\)\r?$",
                   timeout=60)
        con.expect(r"^\[monitor\] monitor: 'spinner' vCPU 0: timer interrupt not taken for \d+ ms "
                   r"\(interrupts off\?\): restore\r?$", timeout=60)
        con.expect(r"^\[hv\] cell spinner: \d+ pages of RAM copied back \(those written since the "
                   r"checkpoint\)\r?$", timeout=60)
        back = con.expect(r"^\[spinner\] spinner: checkpoint call returned 0\r?$", timeout=60)
        con.expect(r"^\[monitor\] monitor: 'spinner' running again\r?$", timeout=60)
        out = con.output
    assert "watch activity" not in out[start.end():back.end()], "the restore started it afresh"


def test_on_failure_none_only_reports(spec_image):
    """on_failure: none: the monitor catches the spinner and says so, once for the episode; the
    hypervisor refuses its recovery request (nothing to apply), and the spinner is left as it is
    while the real-time cell ticks on.  Under -icount."""
    with Console(str(spec_image("monitor-report")), icount=True) as con:
        con.quiet = ("rtos",)
        report = (r"^\[monitor\] monitor: 'spinner' vCPU 0: timer interrupt not taken for \d+ ms "
                  r"\(interrupts off\?\): reported only\r?$")
        con.expect(report, timeout=60)
        for _ in range(3):  # three more virtual seconds
            con.expect(r"^\[rtos\] rtos: tick \d+ .* missed=0\r?$", timeout=60)
        out = con.output
    assert len(re.findall(report, out, re.M)) == 1, con.tail(out)
    assert "[hv] cell spinner" not in out, con.tail(out)
    assert out.count("spinner: ticking") == 1, "the spinner was started again"


INTEGRITY_RULES = ("kernel_text", "kernel_rodata", "syscall_table", "modules")
GETPPID = 173  # arm64 (asm-generic) system call number


def boot_watched_linux(con: Console) -> re.Match:
    """Boots tests/specs/linux-integrity.yaml until the monitor has Linux's report (shell()
    then waits for the prompt); the monitor's report line."""
    con.quiet = ("rtos",)
    for name in INTEGRITY_RULES:
        con.expect(rf"^\[monitor\] monitor: 'linux' rule '{name}' \(", timeout=60)
    report = con.expect(r"^\[monitor\] monitor: 'linux' kernel report \(boot 1\): .*sys_call_table "
                        r"(0x[0-9a-f]+) ", timeout=BOOT)
    return report


def test_monitor_catches_a_system_call_table_entry_overwritten(spec_image):
    """tessera_hook.ko does what a rootkit does: it points getppid's entry of the system-call
    table at getpid, through a writable alias of the read-only page, which Linux does not
    notice.  The monitor's syscall_table rule (a hash per entry, read through its window)
    names the entry's address, the one the module wrote, and Linux is restarted by the
    watch's on_failure; the new boot reports again and runs clean.  Meanwhile the kernel's
    code and read-only data keep their hashes (no false alarm), and the real-time cell ticks."""
    with Console(str(spec_image("linux-integrity"))) as con:
        report = boot_watched_linux(con)
        con.expect(PROMPT, timeout=BOOT)
        con.send("insmod /lib/modules/test/tessera_hook.ko\n")
        caught = con.expect(r"^\[monitor\] monitor: 'linux' rule 'syscall_table' violated at "
                            r"(0x[0-9a-f]+): restart\r?$", timeout=60)
        con.expect(r"^\[monitor\] monitor: 'linux' kernel report \(boot 2\)", timeout=BOOT)
        con.expect(PROMPT, timeout=BOOT)
        wait_for_more_rtos_ticks(con)
        out = con.output
    # getppid's entry: arm64's __NR_getppid is 173.  The module's own line says the same,
    # unless the restart came before Linux's console had printed it.
    assert int(caught.group(1), 16) == int(report.group(1), 16) + 8 * GETPPID, caught.group(0)
    hook = re.search(r"tessera_hook: sys_call_table\[(\d+)\] at (0x[0-9a-f]+): ", out)
    assert not hook or (int(hook.group(1)), int(hook.group(2), 16)) == (GETPPID, int(caught.group(1), 16)), \
        hook.group(0)
    assert out.count("violated") == 1, con.tail(out)
    assert "[hv] cell linux: restarting (asked by the monitor)" in out, con.tail(out)


def test_monitor_reports_a_module_not_allowed(spec_image):
    """The modules rule walks Linux's module list from outside, through Linux's own page
    tables: tessera.ko and tessera_hook.ko are allowed, tessera_stray.ko is not.  Loading it
    gets one line naming the rule, the module and its address, and Linux is restarted."""
    with Console(str(spec_image("linux-integrity"))) as con:
        boot_watched_linux(con)
        con.expect(PROMPT, timeout=BOOT)
        con.send("insmod /lib/modules/test/tessera_stray.ko\n")
        # the hypervisor's line comes first: it is printed inside the monitor's request
        con.expect(r"^\[hv\] cell linux: restarting \(asked by the monitor\)\r?$", timeout=60)
        con.expect(r"^\[monitor\] monitor: 'linux' rule 'modules' violated: module 'tessera_stray' at "
                   r"0xffff[0-9a-f]{12} not allowed: restart\r?$", timeout=60)
        con.expect(r"^\[monitor\] monitor: 'linux' kernel report \(boot 2\)", timeout=BOOT)
        wait_for_more_rtos_ticks(con)
        out = con.output
    assert out.count("violated") == 1, con.tail(out)


def test_the_hypervisor_restarts_a_monitor_that_stops_sampling(spec_image):
    """Who watches the watcher: the hypervisor.  The monitor hangs half a second in, interrupts
    off (tests/specs/monitor-hang.yaml); with no watch sample for its monitor.timeout (300 ms)
    the hypervisor applies the monitor's own recovery, a restart, and the new instance watches
    on.  The ticker it watches is not touched and ticks about three times (every 100 ms) in
    between.  A monitor the operator stops is left stopped.  In real time: under -icount QEMU runs the cores in turn, and a core that spins
    holds its turn (and QEMU's console output) far longer than real cores would."""
    with Console(str(spec_image("monitor-hang"))) as con:
        watching = (r"^\[monitor\] monitor: watching 'ticker' \(1 vCPUs, timeout 1000 ms, "
                    r"on failure: restart\)\r?$")
        con.expect(watching, timeout=60)
        hang = con.expect(r"^\[monitor\] monitor: hanging on purpose, interrupts off\r?$", timeout=60)
        restart = con.expect(r"^\[hv\] cell monitor: .*no watch sample within monitor\.timeout.*\r?$",
                             timeout=60)
        con.expect(watching, timeout=60)
        con.expect(r"^\[ticker\] .*tick \d+", timeout=60)   # the ticker goes on after it
        # a monitor the operator stopped samples nothing, and stays stopped
        con.hv("stop monitor")
        stopped = con.expect(r"^\[hv\] cell monitor: stopped by the operator\r?$", timeout=30)
        for _ in range(10):   # a second: three timeouts
            con.expect(r"^\[ticker\] .*tick \d+", timeout=30)
        out = con.output
    assert "[hv] cell monitor" not in out[stopped.end():], out[stopped.end():]
    assert restart.group(0).rstrip().endswith("restarting"), restart.group(0)
    between = out[hang.end():restart.start()]
    ticks = len(re.findall(r"^\[ticker\] .*tick \d+", between, re.M))
    assert 2 <= ticks <= 6, between
    assert "[hv] cell ticker" not in out, con.tail(out)
