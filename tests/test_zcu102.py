# SPDX-License-Identifier: GPL-2.0
"""Issue 17: the hypervisor on a second board, QEMU's Xilinx ZCU102 (GIC-400 with its virtual
interface in MMIO, Cadence UARTs, RAM below and above 4 GiB), from the same sources and a spec
that names `board: zcu102`.  The virtual GICv2 distributor for cells is still under way, so the
cells here poll (tests/specs/zcu102-ticker.yaml)."""
from __future__ import annotations

from qemu import MACHINES, Console

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
