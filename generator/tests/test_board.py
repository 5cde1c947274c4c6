# SPDX-License-Identifier: GPL-2.0
"""board/: the board DTS -> Board model."""
from __future__ import annotations

import pytest

from generator.board import load_board
from generator.diag import DiagnosticError, Pos
from generator.spec.model import Irq

from .conftest import REPO, SPECS


@pytest.fixture(scope="module")
def virt():
    return load_board("qemu-virt", str(REPO / "dts/boards"))


def test_ram_and_cpus(virt):
    assert virt.memory == ((0x4000_0000, 0x4000_0000),)
    assert [(c.index, c.mpidr, c.path) for c in virt.cpus] == [(i, i, f"/cpus/cpu@{i}") for i in range(4)]


def test_uart(virt):
    uart = virt.device("uart0")
    assert uart is virt.device("/pl011@9000000")
    assert (uart.labels, uart.compatible) == (("uart0",), ("arm,pl011", "arm,primecell"))
    assert uart.reg == ((0x900_0000, 0x1000),)
    assert uart.irqs == (Irq("spi", 1, 4),) and uart.irqs[0].intid == 33


def test_gic_timer_and_nested_nodes(virt):
    assert virt.gicd == (0x800_0000, 0x1_0000)
    assert virt.gicr == (0x80a_0000, 0xf6_0000)
    assert [i.number for i in virt.timer_ppis] == [13, 14, 11, 10]
    assert all(i.kind == "ppi" for i in virt.timer_ppis)
    assert [(i.kind, i.number) for i in virt.pmu_ppis] == [("ppi", 7)]
    its = virt.device("its")
    assert its.path == "/intc@8000000/its@8080000" and its.reg == ((0x808_0000, 0x2_0000),)


def test_zcu102_gicv2_uarts_and_ram_above_4g():
    """The second board: a GIC-400 with its virtual interface in MMIO, Cadence UARTs, A53 cores,
    RAM below and above 4 GiB (dts/boards/zcu102.dts, as QEMU's xlnx-zcu102 maps them)."""
    zcu = load_board("zcu102", str(REPO / "dts/boards"))
    assert zcu.gic_version == 2 and virt_gic_version() == 3
    assert (zcu.gicd, zcu.gicc, zcu.gich, zcu.gicv) == (
        (0xf901_0000, 0x1_0000), (0xf902_f000, 0x2000), (0xf904_0000, 0x1_0000), (0xf906_f000, 0x2000))
    assert zcu.gicr == (0, 0)
    assert zcu.memory == ((0, 0x8000_0000), (0x8_0000_0000, 0x8000_0000))
    assert [(c.mpidr, c.compatible) for c in zcu.cpus] == [(i, "arm,cortex-a53") for i in range(4)]
    assert [i.number for i in zcu.timer_ppis] == [13, 14, 11, 10] and zcu.pmu_ppis == ()
    uart = zcu.device("uart0")
    assert uart.compatible == ("cdns,uart-r1p12", "xlnx,xuartps") and uart.reg == ((0xff00_0000, 0x1000),)
    assert uart.irqs == (Irq("spi", 21, 4),) and uart.irqs[0].intid == 53
    assert zcu.device("rtc0").irqs[0].intid == 58
    assert zcu.device("gic").irqs == (Irq("ppi", 9, 0xf04),)   # the maintenance interrupt


def virt_gic_version() -> int:
    return load_board("qemu-virt", str(REPO / "dts/boards")).gic_version


def test_devices_are_the_nodes_with_reg(virt):
    paths = {d.path for d in virt.devices}
    assert "/psci" not in paths and "/timer" not in paths
    assert not any(p.startswith(("/cpus", "/memory")) for p in paths)
    assert len([d for d in virt.devices if "virtio,mmio" in d.compatible]) == 32
    assert virt.device("virtio31").irqs == (Irq("spi", 0x2f, 1),)
    assert virt.device("pcie").reg == ((0x40_1000_0000, 0x1000_0000),)
    assert virt.device("flash").reg == ((0, 0x400_0000), (0x400_0000, 0x400_0000))
    assert {n.path for n in virt.nodes} >= {"/psci", "/timer", "/cpus/cpu@0"}


def test_simple_bus_ranges_are_translated():
    board = load_board("shared-irq", str(SPECS / "boards"))
    assert board.device("dev1").reg == ((0xc00_1000, 0x1000),)
    assert board.device("dev0").irqs == board.device("dev1").irqs == (Irq("spi", 5, 4),)


def test_unknown_board_lists_the_boards():
    with pytest.raises(DiagnosticError) as e:
        load_board("qemu-virtt", str(SPECS / "boards"), Pos("s.yaml", 2, 8))
    [d] = e.value.diags
    assert d.format() == ("s.yaml:2:8: board: unknown board 'qemu-virtt'; "
                          f"boards in {SPECS / 'boards'}: shared-irq, shared-page")


def test_dtc_errors_are_positioned(tmp_path):
    (tmp_path / "broken.dts").write_text("/dts-v1/;\n/ {\n\tx = <1>\n};\n")
    with pytest.raises(DiagnosticError) as e:
        load_board("broken", str(tmp_path))
    assert e.value.diags[0].pos == Pos(str(tmp_path / "broken.dts"), 4, 1)
    assert e.value.diags[0].what.startswith("dtc: syntax error")


def test_board_without_gic_is_a_finding(tmp_path):
    (tmp_path / "bare.dts").write_text("/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n"
                                       "\tmemory@0 { device_type = \"memory\"; reg = <0 0 0 0x1000>; };\n};\n")
    with pytest.raises(DiagnosticError) as e:
        load_board("bare", str(tmp_path))
    assert any("arm,gic-v3" in d.what for d in e.value.diags)
