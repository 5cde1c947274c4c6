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
