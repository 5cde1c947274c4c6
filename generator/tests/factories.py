# SPDX-License-Identifier: GPL-2.0
"""Model objects built directly, for tests and the benchmark, until spec/load.py and board/ land.

qemu_virt_board() mirrors dts/boards/qemu-virt.dts; full_system() mirrors
configs/examples/full.yaml (positions taken from that file, so messages point into it).
"""
from __future__ import annotations

import struct
from pathlib import Path

import yaml

from ..diag import Pos
from ..spec.model import (Board, BoardCpu, Cell, Channel, Control, Device, Heartbeat, Hypervisor,
                          Irq, MemoryRegion, Monitor, Ondemand, Power, PowerState, Realtime, System, Watch)

REPO = Path(__file__).resolve().parents[2]
FULL_YAML = "configs/examples/full.yaml"

KiB, MiB = 1 << 10, 1 << 20
US, MS = 1000, 1000_000


def qemu_virt_board() -> Board:
    def dev(path, label, compatible, base, size, spi):
        return Device(path, (label,), compatible, ((base, size),), (Irq("spi", spi, 4),))
    return Board(
        name="qemu-virt",
        dts_path="dts/boards/qemu-virt.dts",
        memory=((0x4000_0000, 0x4000_0000),),
        cpus=tuple(BoardCpu(i, i, f"/cpus/cpu@{i}") for i in range(4)),
        devices=(
            dev("/pl011@9000000", "uart0", ("arm,pl011", "arm,primecell"), 0x0900_0000, 0x1000, 1),
            dev("/pl031@9010000", "rtc0", ("arm,pl031", "arm,primecell"), 0x0901_0000, 0x1000, 2),
            dev("/pl061@9030000", "gpio0", ("arm,pl061", "arm,primecell"), 0x0903_0000, 0x1000, 7),
        ),
        gicd=(0x0800_0000, 0x1_0000),
        gicr=(0x080a_0000, 0xf6_0000),
        timer_ppis=tuple(Irq("ppi", n, 4) for n in (13, 14, 11, 10)),
    )


def yaml_positions(path: Path, shown_as: str) -> dict[str, Pos]:
    """Key path -> 1-based position of its value, like spec/load.py's PosMap."""
    out: dict[str, Pos] = {}

    def walk(node, key):
        out[key] = Pos(shown_as, node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                walk(v, f"{key}.{k.value}" if key else k.value)
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                walk(v, f"{key}[{i}]")
    walk(yaml.compose(path.read_text()), "")
    return out


def linux_image_stub(image_size: int = 24 * MiB, file_size: int = 128 * KiB) -> bytes:
    """An arm64 Image header (text_offset 0, image_size) padded to file_size."""
    head = struct.pack("<IIQQQQQQI I", 0x14000000, 0, 0, image_size, 0xa, 0, 0, 0, 0x644d5241, 0)
    return head + bytes(file_size - len(head))


def write_payloads(root: Path) -> dict[str, Path]:
    """Stand-in payloads at the paths full.yaml names (relative to root)."""
    files = {
        "build/cells/linux/Image": linux_image_stub(),
        "build/cells/linux/initramfs.cpio.gz": bytes(range(256)) * 1024 * 3,   # 768 KiB
        "build/cells/ticker/ticker.bin": b"\x00\x00\x00\x14" * 1000,           # 4000 bytes
    }
    out = {}
    for rel, data in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        out[rel] = p
    return out


def full_system(root: Path) -> System:
    """configs/examples/full.yaml as the loader would build it, with payloads under root."""
    pay = write_payloads(root)
    spec_dir = root / "configs" / "examples"
    cells = (
        Cell("cells[0]", 0, "linux", "linux", 1, (MemoryRegion("cells[0].memory", 256 * MiB),),
             pay["build/cells/linux/Image"], "../../build/cells/linux/Image",
             initrd=pay["build/cells/linux/initramfs.cpio.gz"],
             initrd_text="../../build/cells/linux/initramfs.cpio.gz",
             bootargs="console=ttyAMA0", devices=("rtc0",), recovery="restart"),
        Cell("cells[1]", 1, "rtos", "baremetal", 1, (MemoryRegion("cells[1].memory", 8 * MiB),),
             pay["build/cells/ticker/ticker.bin"], "../../build/cells/ticker/ticker.bin",
             realtime=Realtime("cells[1].realtime", 1 * MS, 200 * US)),
        Cell("cells[2]", 2, "monitor", "baremetal", 1, (MemoryRegion("cells[2].memory", 4 * MiB),),
             pay["build/cells/ticker/ticker.bin"], "../../build/cells/ticker/ticker.bin"),
    )
    channels = (
        Channel("channels[0]", 0, "rtos-data", ("linux", "rtos"), 64 * KiB),
        Channel("channels[1]", 1, "rtos-ctl", ("linux", "rtos"), 4 * KiB,
                control=Control("channels[1].control", "linux", ("restart",))),
    )
    monitor = Monitor("monitor", "monitor", (
        Watch("monitor.watch[0]", "linux", Heartbeat("monitor.watch[0].heartbeat", 100 * MS, 500 * MS),
              "read-only", "restart"),))
    power = Power("power", "ondemand", (PowerState("power.states[0]", "full", (0, 1, 2, 3)),
                                        PowerState("power.states[1]", "low", (0, 1))),
                  Ondemand("power.ondemand", 100 * MS, 80, 20))
    return System(FULL_YAML, spec_dir, "demo", "qemu-virt", Hypervisor("hypervisor", "uart0", 16 * MiB),
                  cells, channels, monitor, power,
                  positions=yaml_positions(REPO / FULL_YAML, FULL_YAML))


def baremetal_cell(index: int, image: Path, memory: tuple[MemoryRegion, ...] | int = 2 * MiB,
                   vcpus: int = 1, realtime: tuple[int, int] | None = None, name: str | None = None,
                   checkpoint=None) -> Cell:
    """A bare-metal cell 'c<index>'; memory as a size or as regions; realtime as (period, budget) ns."""
    path = f"cells[{index}]"
    if isinstance(memory, int):
        memory = (MemoryRegion(f"{path}.memory", memory),)
    rt = Realtime(f"{path}.realtime", *realtime) if realtime else None
    return Cell(path, index, name or f"c{index}", "baremetal", vcpus, memory, image,
                str(image.name), realtime=rt, checkpoint=checkpoint)


def system_of(cells, channels=(), power=None, hv_memory=16 * MiB, monitor=None,
              spec_file="test.yaml", spec_dir=Path(".")) -> System:
    return System(spec_file, spec_dir, "test", "qemu-virt", Hypervisor("hypervisor", "uart0", hv_memory),
                  tuple(cells), tuple(channels), monitor, power, positions={"": Pos(spec_file, 1, 1)})


def power_of(*states: tuple[str, tuple[int, ...]], policy="performance") -> Power:
    return Power("power", policy, tuple(PowerState(f"power.states[{i}]", n, cpus)
                                        for i, (n, cpus) in enumerate(states)))
