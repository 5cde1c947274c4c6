# SPDX-License-Identifier: GPL-2.0
"""A cell's virtual GIC has INTIDs 0..255: passthrough SPIs and channel doorbells must fit."""
from __future__ import annotations

import re

from .conftest import IMAGES, REPO, run_generator


def spec_text(channels: int, board: str = "qemu-virt", devices: str = "[]") -> str:
    lines = [f"system: t\nboard: {board}\nhypervisor: {{console: uart0, memory: 2M}}\ncells:"]
    for name in ("a", "b"):
        lines.append(f"  - {{name: {name}, os: baremetal, image: {IMAGES / 'tiny.bin'}, vcpus: 1, "
                     f"memory: 2M, devices: {devices if name == 'a' else '[]'}}}")
    if channels:
        lines.append("channels:")
        lines += [f"  - {{name: c{i}, between: [a, b], size: 4K}}" for i in range(channels)]
    return "\n".join(lines) + "\n"


def test_doorbells_beyond_the_vgic_are_a_build_error(tmp_path):
    ok = tmp_path / "ok.yaml"
    ok.write_text(spec_text(160))            # doorbells 96..255: the last ones that fit
    assert run_generator("build", "--spec", str(ok), "--out", str(tmp_path / "o1")).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(spec_text(161))
    r = run_generator("build", "--spec", str(bad), "--out", str(tmp_path / "o2"))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert re.search(r"bad\.yaml:\d+:\d+: channels\[\d+\]: 'a' is an end of 161 channels: their "
                     r"doorbells need INTIDs beyond 255", r.stderr), r.stderr
    assert not (tmp_path / "o2").exists()


def test_passthrough_spi_beyond_the_vgic_is_a_build_error(tmp_path):
    boards = tmp_path / "boards"
    boards.mkdir()
    dts = (REPO / "dts/boards/qemu-virt.dts").read_text()
    # the RTC at SPI 230 (INTID 262) on a board of our own
    dts = dts.replace("interrupts = <0x00 0x02 0x04>;", "interrupts = <0x00 0xe6 0x04>;", 1)
    (boards / "high-spi.dts").write_text(dts)
    spec = tmp_path / "s.yaml"
    spec.write_text(spec_text(0, board="high-spi", devices="[rtc0]"))
    r = run_generator("check", "--spec", str(spec), "--board-dir", str(boards))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "cells[0].devices[0]: 'rtc0' uses SPI 230 (INTID 262), beyond INTID 255" in r.stderr, r.stderr
