# SPDX-License-Identifier: GPL-2.0
"""Issue 17: the hypervisor on a second board, QEMU's Xilinx ZCU102 (GIC-400 with its virtual
interface in MMIO, Cadence UARTs, RAM below and above 4 GiB), from the same sources and a spec
that names `board: zcu102`: the board's demo (configs/zcu102.yaml, Debian's stock kernel beside
the real-time cell) as a user builds and runs it, and smaller specs for the bare-metal paths."""
from __future__ import annotations

import re
import subprocess

import pytest
from qemu import MACHINES, Console
from specbuild import ROOT, make
from test_linux import BOOT, rtos_log_ticks, shell

ZCU102 = MACHINES["zcu102"]


def test_hypervisor_and_two_cells_run_on_the_zcu102(spec_image):
    """The banner comes over the Cadence UART; both cells, one per core, print through their
    emulated consoles; the operator's prompt answers (console input is the UART's interrupt
    through the GIC-400); stopping one cell leaves the other ticking, and a restart brings it
    back on its core (a kick across cores is a GICv2 SGI)."""
    image = spec_image("zcu102-ticker")
    report = (image.parent / "report.md").read_text()
    with Console(str(image), machine=ZCU102) as con:
        con.expect(r"^\[hv\] Tessera: system 'zcu102-ticker', 2 cells, 2 vCPUs on 4 cores\r?$", timeout=30)
        con.expect(r"^\[ticker\] hello from cell 0 'ticker'\r?$", timeout=30)
        con.expect(r"^\[other\] tick 2\r?$", timeout=30)
        con.hv("list")
        listed = [con.expect(rf"^\[hv\] cell {i} '{name}' \(baremetal\): (\w+)", timeout=30).group(1)
                  for i, name in enumerate(("ticker", "other"))]
        con.hv("stop other")
        con.expect(r"^\[hv\] cell other: stopped by the operator\r?$", timeout=30)
        stopped_at = len(con.output)
        con.expect(r"^\[ticker\] tick \d+\r?$", timeout=30)
        con.expect(r"^\[ticker\] tick \d+\r?$", timeout=30)
        quiet = con.output[stopped_at:]
        con.hv("start other")
        con.expect(r"^\[other\] hello from cell 1 'other'\r?$", timeout=30)
        con.expect(r"^\[other\] tick 1\r?$", timeout=30)
    assert listed == ["running", "running"]
    assert "[other] tick" not in quiet, "a stopped cell went on printing"
    assert "| ticker.vcpu0 | 0 |" in report and "| other.vcpu0 | 1 |" in report   # a core each


RTOS_REPORT = r"^\[rtos\] rtos: tick (\d+) latency min=(\d+)ns avg=(\d+)ns max=(\d+)ns samples=(\d+) missed=(\d+)\r?$"


def test_real_time_cell_ticks_through_the_virtual_gicv2(spec_image):
    """The real-time cell finds a GIC-400 in its device tree, brings up its distributor and CPU
    interface (the board's virtual one, GICV) and takes its 1 ms timer interrupt, hardware-
    linked, every period: under -icount, three one-second reports of 1,000 samples, none missed."""
    with Console(str(spec_image("zcu102-rt")), icount=True, machine=ZCU102) as con:
        con.expect(r"^\[rtos\] rtos: gic: GICv2 GICD 0xf9010000 GICC 0xf902f000 \(device tree\)\r?$",
                   timeout=60)
        reports = [con.expect(RTOS_REPORT, timeout=120).groups() for _ in range(3)]
    assert [int(r[0]) for r in reports] == [1000, 2000, 3000], reports
    assert all(int(r[4]) == 1000 and int(r[5]) == 0 for r in reports), reports


DEMO_OUT = "build/zcu102-demo"


def make_dry_run(*args: str) -> str:
    """What make would run (-n), as text."""
    r = subprocess.run(["make", "--no-print-directory", "-n", *args], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def zcu102_demo():
    """`make zcu102_defconfig && make run`, the README's commands, with a .config and an output
    folder of their own so the default build is left alone."""
    config = f"KCONFIG_CONFIG={DEMO_OUT}.config"
    make(config, "zcu102_defconfig")
    with Console(None, command=["make", "--no-print-directory", config, f"OUT={DEMO_OUT}", "run"]) as con:
        con.expect(r"^  RUN     build/zcu102-demo/tessera.elf on zcu102 ", timeout=600)
        con.expect(r"^\[hv\] Tessera: system 'zcu102-demo', 2 cells, 3 vCPUs on 4 cores\r?$", timeout=60)
        yield con


def test_stock_linux_boots_on_the_zcu102_and_answers_on_its_cadence_uart(zcu102_demo):
    """Debian's arm64 kernel, unmodified, in a cell of two vCPUs: it finds the board's console
    UART model (xuartps, ttyPS0) and a GIC-400 in its device tree, brings up both vCPUs, loads
    tessera.ko, and its shell answers a typed command (input is the virtual UART's receive
    interrupt through the virtual GICv2), while the real-time cell ticks on its own core (in
    the background: its log shows its once-a-second reports)."""
    con = zcu102_demo
    con.expect(r"^\[linux\] tessera-linux: init started", timeout=BOOT)
    kernel = con.expect(r"^\[linux\] tessera-linux: kernel=(\S+)\r?$").group(1)
    cpus = con.expect(r"^\[linux\] tessera-linux: cpus=(\d+)\r?$").group(1)
    module = con.expect(r"^\[linux\] tessera-linux: module=(\S+)\r?$").group(1)
    con.expect(r"^\[linux\] tessera-linux: ready", timeout=60)
    assert kernel.endswith("-arm64") and cpus == "2" and module == "loaded", (kernel, cpus, module)
    shell(con, "echo typed-$((6*7)) on $(cat /sys/class/tty/console/active)",
          r"^\[linux\] typed-42 on ttyPS0\r?$")
    shell(con, "tessera info", r"^\[linux\] tessera: cell 0 'linux', ABI 0\.1\r?$")
    ticks = rtos_log_ticks(con)
    assert len(ticks) >= 2 and ticks == sorted(ticks), ticks
    assert "[rtos]" not in con.output[:con.output.find("[hv] hv> ")], "rtos printed live"


def test_a_linux_panic_on_the_zcu102_restarts_linux_alone(zcu102_demo):
    """Fault isolation and restart: a kernel panic (panic=-1: PSCI SYSTEM_RESET) restarts the
    Linux cell under its recovery policy (restart), it boots again and answers, and the
    real-time cell never stops ticking and is never touched."""
    con = zcu102_demo
    if "tessera-linux: ready" not in con.output:   # run alone: Linux's first boot
        con.expect(r"^\[linux\] tessera-linux: ready", timeout=BOOT)
    before = rtos_log_ticks(con)[-1]
    con.send("\n")   # a fresh prompt after the hv> lines
    shell(con, "echo c > /proc/sysrq-trigger", r"^\[hv\] cell linux: restarting", timeout=90)
    con.expect(r"^\[linux\] tessera-linux: ready", timeout=BOOT)
    shell(con, "echo back-$((3*3))", r"^\[linux\] back-9\r?$")
    after = rtos_log_ticks(con)
    assert after[-1] >= before + 2000 and after == sorted(after), (before, after)
    assert not re.search(r"^\[hv\] cell rtos", con.output, re.M), con.tail(con.output)


def test_make_run_boots_the_board_the_built_spec_names(zcu102_demo):
    """The QEMU machine comes from the built spec's board (gen/board.mk), not from .config:
    `make qemu` on the ZCU102 demo's output folder, with the default .config, boots the ZCU102."""
    r = make_dry_run("qemu", f"OUT={DEMO_OUT}")
    assert f"qemu-system-aarch64 {' '.join(ZCU102)} -nographic -kernel {DEMO_OUT}/tessera.elf" in r, r
