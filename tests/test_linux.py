# SPDX-License-Identifier: GPL-2.0
"""Issue 4: unmodified Debian Linux in one cell beside the real-time cell (the default demo)."""
from __future__ import annotations

import re
import time

import pytest

from qemu import Console

BOOT = 180  # generous: QEMU without KVM on a loaded 2-core CI machine
RTOS_TICK = r"^\[rtos\] rtos: tick (\d+) latency"


@pytest.fixture
def demo(demo_image):
    with Console(str(demo_image)) as con:
        con.expect(r"^\[rtos\] rtos: started", timeout=60)
        con.quiet = ("rtos",)
        yield con


def rtos_ticks(con: Console) -> list[int]:
    return [int(m) for m in re.findall(RTOS_TICK, con.output, re.M)]


PROMPT = r"^\[linux\] tessera# "


def shell(con: Console, command: str, answer: str, timeout: float = 60) -> re.Match:
    """At the focused Linux cell's shell prompt, type a command; wait for its answer.
    (Bytes typed before the shell opens its terminal are lost, as on a real serial port.)"""
    con.expect(PROMPT, timeout=BOOT)
    con.send(command + "\n")
    return con.expect(answer, timeout=timeout)


def silent(con: Console, command: str):
    """A command with no output: typed at the prompt; the next shell() waits for the prompt
    that follows it."""
    con.expect(PROMPT, timeout=BOOT)
    con.send(command + "\n")


def rtos_log_ticks(con: Console) -> list[int]:
    """The real-time cell's tick reports as its console log holds them (hv> log rtos): how a
    user of the default demo, where it prints in the background, sees them."""
    con.hv("log rtos")
    start = con.expect(r"^\[hv\] log 'rtos': \d+ bytes kept", timeout=30).end()
    end = con.expect(r"^\[hv\] log 'rtos': end\r?$", timeout=30).start()
    con.expect(r"^\[hv\] hv: keyboard back to cell ", timeout=30)
    return [int(m) for m in re.findall(RTOS_TICK, con.output[start:end], re.M)]


def wait_for_more_rtos_ticks(con: Console, n: int = 2):
    seen = len(rtos_ticks(con))
    deadline = time.monotonic() + 60
    while len(rtos_ticks(con)) < seen + n:
        assert time.monotonic() < deadline, "the real-time cell stopped ticking:\n" + con.output[-2000:]
        time.sleep(0.2)


def test_linux_boots_sees_its_cpus_and_ram_while_rtos_ticks(demo):
    con = demo
    con.expect(r"^\[linux\] tessera-linux: init started", timeout=BOOT)
    cpus = int(con.expect(r"^\[linux\] tessera-linux: cpus=(\d+)").group(1))
    mem_kb = int(con.expect(r"^\[linux\] tessera-linux: memtotal_kb=(\d+)").group(1))
    con.expect(r"^\[linux\] tessera-linux: ready", timeout=60)
    assert cpus == 1  # the demo's Linux: one vCPU while every cell has a core of its own
    # 256 MiB cell: the kernel reserves some, but never sees more than its cell's RAM.
    assert 180 * 1024 < mem_kb <= 256 * 1024
    # (short commands: busybox wraps typed lines at 80 columns)
    m = shell(con, "grep -c ^processor /proc/cpuinfo", r"^\[linux\] (\d+)\r?$")
    assert m.group(1) == "1"
    m = shell(con, "cat /sys/devices/system/cpu/online", r"^\[linux\] ([0-9,-]+)\r?$")
    assert m.group(1) == "0"
    m = shell(con, "grep MemTotal /proc/meminfo", r"^\[linux\] MemTotal:\s+(\d+) kB")
    assert int(m.group(1)) == mem_kb
    # The real-time cell ticked all along Linux's boot, one report per second, in order.
    ticks = rtos_ticks(con)
    assert len(ticks) >= 2 and ticks == sorted(ticks)


def test_poweroff_stops_only_linux(demo):
    con = demo
    con.expect(r"^\[linux\] tessera-linux: ready", timeout=BOOT)
    shell(con, "poweroff", r"^\[hv\] cell linux: powered off", timeout=90)
    wait_for_more_rtos_ticks(con)
    con.send("\x1dl")   # Ctrl-] l: the hypervisor lists its cells
    con.expect(r"^\[hv\] cell 0 'linux' \(linux\): stopped")
    con.expect(r"^\[hv\] cell 1 'rtos' \(baremetal\): running")


def test_reboot_restores_only_linux(demo):
    """The demo's Linux (recovery: restore) checkpointed itself at boot: 'reboot' (PSCI
    SYSTEM_RESET) brings it back from there, not through a new boot."""
    con = demo
    con.expect(r"^\[linux\] tessera-linux: checkpoint=taken", timeout=BOOT)
    con.expect(r"^\[linux\] tessera-linux: ready", timeout=BOOT)
    shell(con, "reboot", r"^\[hv\] cell linux: restoring from its checkpoint", timeout=90)
    con.expect(r"^\[linux\] tessera-linux: checkpoint=taken", timeout=BOOT)
    con.expect(r"^\[linux\] tessera-linux: ready", timeout=60)
    assert con.output.count("tessera-linux: init started") == 1, "Linux booted again"
    shell(con, "echo again-$((1+1))", r"^\[linux\] again-2\r?$")
    wait_for_more_rtos_ticks(con)   # the real-time cell went on throughout
    assert "[hv] cell rtos" not in con.output


@pytest.fixture
def smp(spec_image):
    with Console(str(spec_image("linux-smp"))) as con:
        con.expect(r"^\[rtos\] rtos: started", timeout=60)
        con.quiet = ("rtos",)
        yield con


def test_cpu_hotplug_goes_through_psci_cpu_off_and_on(smp):
    """Linux (2 vCPUs, tests/specs/linux-smp.yaml) sees both, takes its second vCPU offline
    (PSCI CPU_OFF, then AFFINITY_INFO until it is off) and back online (CPU_ON: the vCPU is
    reset on its own core)."""
    con = smp
    assert int(con.expect(r"^\[linux\] tessera-linux: cpus=(\d+)", timeout=BOOT).group(1)) == 2
    con.expect(r"^\[linux\] tessera-linux: ready", timeout=BOOT)
    m = shell(con, "cat /sys/devices/system/cpu/online", r"^\[linux\] ([0-9,-]+)\r?$")
    assert m.group(1) == "0-1"
    silent(con, "echo 0 > /sys/devices/system/cpu/cpu1/online")
    m = shell(con, "cat /sys/devices/system/cpu/online", r"^\[linux\] ([0-9,-]+)\r?$")
    assert m.group(1) == "0"
    silent(con, "echo 1 > /sys/devices/system/cpu/cpu1/online")
    m = shell(con, "cat /sys/devices/system/cpu/online", r"^\[linux\] ([0-9,-]+)\r?$")
    assert m.group(1) == "0-1"
    m = shell(con, "grep -c ^processor /proc/cpuinfo", r"^\[linux\] (\d+)\r?$")
    assert m.group(1) == "2"
    wait_for_more_rtos_ticks(con)
    assert "[hv] cell" not in con.output


def test_tessera_module_and_tool(demo):
    """init loads tessera.ko (the stock kernel takes it unsigned and out of tree); the static
    `tessera` tool talks to the hypervisor through /dev/tessera."""
    con = demo
    m = con.expect(r"^\[linux\] tessera-linux: module=(.*?)\r?$", timeout=BOOT)
    assert m.group(1) == "loaded"
    con.expect(r"^\[linux\] tessera-linux: ready", timeout=60)
    # INFO: TESSERA_HVC_VERSION and TESSERA_HVC_CELL_ID, as the hypervisor answers them.
    shell(con, "tessera info", r"^\[linux\] tessera: cell 0 'linux', ABI 0\.1\r?$")
    # CHECKPOINT: TESSERA_HVC_CHECKPOINT; the demo cell has a checkpoint area.
    shell(con, "tessera checkpoint; echo exit=$?", r"^\[linux\] tessera: checkpoint taken\r?$")
    con.expect(r"^\[linux\] exit=0\r?$")
    # NOW: the virtual counter, as user space reads it.
    shell(con, "tessera now", r"^\[linux\] tessera: counter \d+\r?$")
    # Bad usage: the usage text on stderr, exit status 2.
    shell(con, "tessera bogus; echo exit=$?", r"^\[linux\] usage: tessera info")
    con.expect(r"^\[linux\] exit=2\r?$")
    wait_for_more_rtos_ticks(con, 1)
    assert "[hv] cell" not in con.output


def test_checkpoint_then_panic_restores_linux(spec_image):
    """Issue 13: 'tessera checkpoint' checkpoints Linux (both vCPUs paused), a panic
    (panic=-1: PSCI SYSTEM_RESET) restores it under recovery: restore, and it goes on from
    the checkpoint: the tool reports again, the shell answers, and the real-time cell never
    stops.  Then the operator's 'restart linux' boots it cold."""
    with Console(str(spec_image("linux-restore"))) as con:
        con.quiet = ("rtos",)
        shell(con, "tessera checkpoint", r"^\[linux\] tessera: checkpoint taken\r?$")
        before = len(rtos_ticks(con))
        shell(con, "echo c > /proc/sysrq-trigger", r"^\[hv\] cell linux: restoring from its checkpoint\r?$")
        con.expect(r"^\[linux\] tessera: checkpoint taken\r?$", timeout=60)   # back in the ioctl
        shell(con, "echo restored-$((6*7))", r"^\[linux\] restored-42\r?$")
        wait_for_more_rtos_ticks(con)
        assert len(rtos_ticks(con)) > before
        assert con.output.count("tessera-linux: init started") == 1, "Linux booted again"
        con.send("\x1d\rrestart linux\r")
        con.expect(r"^\[hv\] cell linux: restarting \(operator\)\r?$", timeout=10)
        con.send("exit\r")
        con.expect(r"^\[linux\] tessera-linux: init started", timeout=BOOT)
        shell(con, "echo cold-$((6*7))", r"^\[linux\] cold-42\r?$")
        wait_for_more_rtos_ticks(con)
