# SPDX-License-Identifier: GPL-2.0
"""Issue 12, items 4-8: a hostile bare-metal cell (cells/hostile, one variant
per attack) beside a cell that must keep running, judged by the console."""
from __future__ import annotations

import re

from qemu import Console
from test_hypervisor import check_lines_whole
from test_vgic import ticker_keeps_running

BOOT = r"^\[hostile\] hostile: boot\r?$"
RESTART = r"^\[hv\] cell hostile: restarting\r?$"


def test_restart_racing_cpu_on_self(spec_image):
    """H5: vCPU 1 calls CPU_ON for itself in a loop while vCPU 0 calls
    SYSTEM_RESET 2 ms after boot: 20 restarts in a row each bring the cell
    back, the other cell keeps running and console input still answers."""
    with Console(str(spec_image("hostile-cpuon"))) as con:
        con.quiet = ("ticker",)
        con.expect(r"^\[hv\] Tessera: system 'hostile-cpuon', 2 cells", timeout=10)
        con.expect(BOOT, timeout=10)
        for n in range(1, 21):
            con.expect(RESTART, timeout=10)
            con.expect(BOOT, timeout=10)
        ticker_keeps_running(con)
        con.send("\x1dl")
        con.expect(r"^\[hv\] cell 0 'hostile' \(baremetal\): \w+", timeout=5)   # any state: it keeps restarting
        con.expect(r"^\[hv\] cell 1 'ticker' \(baremetal\): running", timeout=5)
        assert "CPU_ON vcpu 1 returned" not in con.output, con.tail(con.output)
        assert "[hv] panic" not in con.output


def test_restart_meeting_a_starting_vcpu(spec_image):
    """The restart comes while vCPU 1, just started by CPU_ON, is on its way
    in (a core picked it and waits for the cell's lock): 200 restarts in a row
    each bring the cell back, and console input still answers."""
    with Console(str(spec_image("hostile-cpurace"))) as con:
        con.quiet = ("ticker",)
        for _ in range(200):
            con.expect(BOOT, timeout=10)
        ticker_keeps_running(con)
        con.send("\x1dl")
        con.expect(r"^\[hv\] cell 1 'ticker' \(baremetal\): running", timeout=5)
        assert "[hv] panic" not in con.output


def test_no_power_off_while_a_cell_restarts():
    """Cell a powers itself off while cell b restarts in a loop (b is STARTING,
    never seen as stopped): the board stays on and b keeps coming back."""
    from conftest import build_spec
    for _ in range(3):
        with Console(str(build_spec("poweroff-race"))) as con:
            con.expect(r"^\[hv\] cell a: powered off\r?$", timeout=20)
            for _ in range(50):
                con.expect(r"^\[b\] hostile: boot\r?$", timeout=10)
            assert "powering off" not in con.output, con.tail(con.output)
            assert con.proc.poll() is None


STAGE2_ABORT = (r"^\[hv\] cell hostile: stage-2 data abort at IPA (0x[0-9a-f]+) "
                r"PC 0x[0-9a-f]+ \((read|write), translation\) — stopped\r?$")


def unaligned_access_stops_the_cell(spec_image, action: str):
    with Console(str(spec_image(f"hostile-unaligned-{action}"))) as con:
        con.quiet = ("ticker",)
        m = con.expect(rf"^\[hostile\] hostile: unaligned {action} at (0x[0-9a-f]{{8}})\r?$", timeout=10)
        addr = int(m.group(1), 16)
        assert addr == 0x40200001, f"not just past the 2 MiB of RAM: {addr:#x}"
        # (8 digits: a line shown before it was complete is shown again whole.)
        # Whichever comes first: the cell going on (today) or being stopped.
        m = con.expect(rf"{STAGE2_ABORT[:-5]}|^\[hostile\] hostile: unaligned {action} .*still alive",
                       timeout=10)
        assert m.group(0).startswith("[hv]"), \
            f"the unaligned {action} into the hole was ignored:\n{con.tail(con.output)}"
        assert int(m.group(1), 16) == addr and m.group(2) == action, m.group(0)
        ticker_keeps_running(con)
        assert "still alive" not in con.output
        check_lines_whole(con)


def test_unaligned_read_of_a_hole_stops_the_cell(spec_image):
    """H6: a 4-byte load at 0x40200001 (just past the cell's RAM, MMU on so
    that it is a Normal-memory access that reaches stage 2) stops the cell
    as an aligned one would, instead of reading zero."""
    unaligned_access_stops_the_cell(spec_image, "read")


def test_unaligned_write_to_a_hole_stops_the_cell(spec_image):
    """H6: the same for a 4-byte store, which must not be silently dropped."""
    unaligned_access_stops_the_cell(spec_image, "write")


# Each case's bytes (cells/hostile/forge.c); None: bad, shown as dots only.
FORGE_CASES = {
    "c1-csi": None, "c1-utf8": None, "esc-seq": b"[2J", "byte-ff": None,
    "lone-c3": None, "trunc-e2": None, "overlong": None,
    "text": "héllo wörld €".encode(),
}


def test_console_filters_c1_and_malformed_utf8(spec_image):
    """H7: a cell without the console focus writes C1 controls (raw 0x9b and
    UTF-8 c2 9b), an ESC sequence and malformed UTF-8 through its UART and
    through CONSOLE_WRITE: none of it reaches the terminal, each bad byte or
    sequence shows as '.', valid UTF-8 comes through unchanged."""
    with Console(str(spec_image("hostile-console"))) as con:
        con.expect(r"^\[hostile\] hostile: forge done\r?$", timeout=10)
        con.expect(r"^\[hostile\] tick 1\r?$", timeout=5)
        raw = con.raw
    lines = [l for l in raw.split(b"\r\n") if l.startswith(b"[hostile] ")]
    problems = []
    for path in ("uart", "hvc"):
        for case, want in FORGE_CASES.items():
            head = f"[hostile] hostile: {path} {case} [".encode()
            got = [l[len(head):] for l in lines if l.startswith(head)]
            if len(got) != 1 or not got[0].endswith(b"]"):
                problems.append(f"{path} {case}: line missing or cut: {got!r}")
                continue
            body = got[0][:-1]
            if want is None:
                ok = 1 <= len(body) <= 4 and set(body) == {ord(".")}
            elif case == "esc-seq":
                ok = body == b"." + want
            else:
                ok = body == want
            if not ok:
                problems.append(f"{path} {case}: shown as {body!r}")
    for l in lines:
        if b"\x9b" in l or b"\x1b" in l or re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", l):
            problems.append(f"control byte on the terminal: {l!r}")
        try:
            text = l.decode("utf-8")
        except UnicodeDecodeError as e:
            problems.append(f"malformed UTF-8 on the terminal ({e.reason}): {l!r}")
            continue
        if any(0x80 <= ord(ch) <= 0x9f for ch in text):
            problems.append(f"C1 control on the terminal: {l!r}")
    assert not problems, "\n".join(problems)


def boots(con: Console, pattern: str, count: int) -> list[str]:
    """The first `count` reports matching `pattern`, each boot after the
    first preceded by a restart."""
    seen = [con.expect(pattern, timeout=10).group(1)]
    while len(seen) < count:
        con.expect(RESTART, timeout=10)
        seen.append(con.expect(pattern, timeout=10).group(1))
    return seen


def test_ram_is_zero_at_first_boot_and_after_restart(spec_image):
    """H8: cell 0 finds its free RAM all zero at first boot (QEMU's own DTB
    was there) and after two restarts (it filled it with a marker before
    each)."""
    with Console(str(spec_image("hostile-scrub"))) as con:
        con.quiet = ("ticker",)
        counts = boots(con, r"^\[hostile\] hostile: ram nonzero bytes=(\d+ first=0x[0-9a-f]+)\r?$", 3)
    assert all(c.startswith("0 ") for c in counts), \
        f"nonzero bytes in free RAM at boots 1, 2, 3: {counts}"


def test_registers_are_clear_after_restart(spec_image):
    """H4: FP/SIMD, debug (breakpoint/watchpoint 0, MDSCR) and PMU state the
    cell set before SYSTEM_RESET is gone when it boots again, three times;
    what it set is still there 10 ms later, before the reset."""
    with Console(str(spec_image("hostile-regs"))) as con:
        con.quiet = ("ticker",)
        verdicts = boots(con, r"^\[hostile\] hostile: regs (clean|LEAK .*?)\r?$", 3)
        kept = con.expect(r"^\[hostile\] hostile: regs (kept|LOST .*?)\r?$", timeout=10).group(1)
        ticker_keeps_running(con)
    assert verdicts == ["clean"] * 3, f"boots 1, 2, 3: {verdicts}"
    assert kept == "kept", f"after 10 ms: {kept}"


def test_registers_stay_each_vcpus_own_on_a_shared_core(spec_image):
    """Issue 16: two cells on one core, each filling its FP/SIMD, debug and
    PMU registers with markers, running 10 ms (sliced with the other) and
    restarting.  Each boot finds them clear though the other's markers were
    the last on the core, and each finds its own markers kept across the
    switches (the PMU and debug registers are switched on first use)."""
    line = re.compile(r"^\[(hostile|other)\] hostile: regs (clean|kept|LEAK .*?|LOST .*?)\r?$")
    verdicts: dict[str, list[str]] = {"hostile": [], "other": []}
    with Console(str(spec_image("hostile-regs-shared"))) as con:
        while min(len(v) for v in verdicts.values()) < 8:
            m = con.expect(line.pattern, timeout=10)
            verdicts[m.group(1)].append(m.group(2))
    for cell, seen in verdicts.items():
        assert set(seen) <= {"clean", "kept"}, f"{cell}: {seen}"
        assert seen.count("kept") >= 3, f"{cell}: {seen}"
