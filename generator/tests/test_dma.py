# SPDX-License-Identifier: GPL-2.0
"""DMA masters: the board model knows them, a cell gets one only with 'trust_dma: true', and then
the build says loudly that isolation is not guaranteed (stdout and report.md)."""
from __future__ import annotations

from .conftest import REPO, SPECS, rel, run_generator


def test_board_knows_its_dma_masters():
    from generator.board import load_board
    board = load_board("qemu-virt", str(REPO / "dts/boards"))
    dma = {d.path: d.dma for d in board.devices}
    assert dma["/fw-cfg@9020000"] == ("dma-coherent", "qemu,fw-cfg-mmio")
    assert dma["/virtio_mmio@a000000"] == ("dma-coherent", "virtio,mmio")
    assert "pci-host-ecam-generic" in dma["/pcie@10000000"]
    assert dma["/pl031@9010000"] == () and dma["/pl011@9000000"] == ()
    test_board = load_board("shared-page", str(SPECS / "boards"))
    dev = test_board.device("dmadev")
    assert dev.dma == ("iommus",) and dev.iommus


def test_trusted_dma_master_builds_with_one_warning(tmp_path):
    spec = SPECS / "good" / "everything.yaml"
    out = tmp_path / "out"
    result = run_generator("build", "--spec", rel(spec), "--out", str(out))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stdout.splitlines() if line.startswith("WARNING: ")]
    assert len(warnings) == 1
    [w] = warnings
    assert "isolation is not guaranteed for cell 'linux'" in w and "'fwcfg' (/fw-cfg@9020000)" in w
    assert w.startswith(f"WARNING: {rel(spec)}:20:16: cells[0].trust_dma: ")
    report = (out / "report.md").read_text()
    assert "## WARNING: isolation is not guaranteed" in report
    assert f"- **WARNING:** {w.removeprefix('WARNING: ')}" in report


def test_no_warning_without_dma_masters(tmp_path):
    result = run_generator("build", "--spec", rel(SPECS / "good" / "minimal.yaml"), "--out", str(tmp_path / "o"))
    assert result.returncode == 0 and "WARNING" not in result.stdout
    assert "WARNING" not in (tmp_path / "o" / "report.md").read_text()
