# SPDX-License-Identifier: GPL-2.0
"""Node tree -> ``Board``: RAM banks, cores, devices (reg in root addresses, labels, irqs), GIC, timer."""
from __future__ import annotations

from ..diag import Diagnostic, DiagnosticError, Pos
from ..spec.model import Board, BoardCpu, Device, Irq
from .fdt import Node

GIC_COMPATIBLE = "arm,gic-v3"
# GICv2 controllers with the virtualization extensions: GICD, GICC, GICH, GICV in 'reg'.
GICV2_COMPATIBLES = ("arm,gic-400", "arm,cortex-a15-gic")
TIMER_COMPATIBLE = "arm,armv8-timer"
PMU_COMPATIBLE = "arm,armv8-pmuv3"
# Devices that can master DMA even when their node says nothing about it: QEMU's fw-cfg (its DMA
# interface), virtio-mmio transports, PCIe host bridges (every device behind them), and DMA
# controllers.
DMA_COMPATIBLES = ("qemu,fw-cfg-mmio", "virtio,mmio", "pci-host-ecam-generic", "pci-host-cam-generic",
                   "arm,pl330", "arm,pl080", "arm,pl081")
# Properties that say a node masters DMA.
DMA_PROPERTIES = ("dma-coherent", "iommus", "iommu-map")
_SKIP = ("/__symbols__", "/__fixups__", "/__local_fixups__", "/aliases", "/chosen")


def _split(values: list[int], widths: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Group 32-bit cells into tuples of numbers of the given cell widths."""
    step = sum(widths)
    out = []
    for i in range(0, len(values) - step + 1, step) if step else ():
        fields, at = [], i
        for w in widths:
            num = 0
            for c in values[at:at + w]:
                num = (num << 32) | c
            fields.append(num)
            at += w
        out.append(tuple(fields))
    return out


def _addr_cells(node: Node | None) -> int:
    return node.u32("#address-cells", 2) if node else 2


def _size_cells(node: Node | None) -> int:
    return node.u32("#size-cells", 1) if node else 1


def _translate(node: Node, addr: int) -> int | None:
    """Child address of ``node`` -> root address through each bus's 'ranges'; None if not mapped."""
    bus = node.parent
    while bus is not None and bus.parent is not None:
        if "ranges" not in bus.props:
            return None
        entries = _split(bus.cells("ranges"),
                         (_addr_cells(bus), _addr_cells(bus.parent), _size_cells(bus)))
        if entries:
            hit = next(((c, p) for c, p, s in entries if c <= addr < c + s), None)
            if hit is None:
                return None
            addr = hit[1] + (addr - hit[0])
        bus = bus.parent
    return addr


def _reg(node: Node) -> tuple[tuple[int, int], ...]:
    pairs = _split(node.cells("reg"), (_addr_cells(node.parent), _size_cells(node.parent)))
    out = []
    for base, size in pairs:
        root = _translate(node, base)
        if root is not None:
            out.append((root, size))
    return tuple(out)


def _interrupt_parent(node: Node, phandles: dict[int, Node]) -> Node | None:
    n = node
    while n is not None:
        if "interrupt-parent" in n.props:
            return phandles.get(n.u32("interrupt-parent", 0))
        n = n.parent
    return None


def _irqs(node: Node, phandles: dict[int, Node]) -> tuple[Irq, ...]:
    parent = _interrupt_parent(node, phandles)
    if parent is None or not set(parent.strings("compatible")) & {GIC_COMPATIBLE, *GICV2_COMPATIBLES}:
        return ()
    return tuple(Irq("spi" if kind == 0 else "ppi", number, flags)
                 for kind, number, flags in _split(node.cells("interrupts"), (1, 1, 1)))


def _labels(root: Node) -> dict[str, list[str]]:
    symbols = next((c for c in root.children if c.path == "/__symbols__"), None)
    by_path: dict[str, list[str]] = {}
    for label in sorted(symbols.props) if symbols else ():
        by_path.setdefault(symbols.strings(label)[0] if symbols.strings(label) else "", []).append(label)
    return by_path


def _dma(node: Node) -> tuple[str, ...]:
    """Why ``node`` can write memory on its own: its DMA properties and DMA-capable compatibles."""
    return (tuple(p for p in DMA_PROPERTIES if p in node.props)
            + tuple(c for c in node.strings("compatible") if c in DMA_COMPATIBLES))


def _device(node: Node, labels: dict, phandles: dict) -> Device:
    return Device(node.path, tuple(labels.get(node.path, ())), node.strings("compatible"),
                  _reg(node), _irqs(node, phandles), _dma(node),
                  "iommus" in node.props or "iommu-map" in node.props)


def build_board(name: str, dts_path: str, root: Node) -> Board:
    nodes = [n for n in root.walk() if n is not root and not n.path.startswith(_SKIP)]
    phandles = {n.u32("phandle", 0): n for n in nodes if "phandle" in n.props}
    labels = _labels(root)
    is_memory = [n for n in nodes if n.strings("device_type") == ("memory",)]
    cpus_node = next((n for n in root.children if n.name == "cpus"), None)
    mpidr = lambda n: (_split(n.cells("reg"), (_addr_cells(cpus_node),)) or [(0,)])[0][0]
    cpu_nodes = sorted((n for n in (cpus_node.children if cpus_node else ())
                        if n.strings("device_type") == ("cpu",)), key=mpidr)
    in_cpus = lambda n: cpus_node is not None and n.path.startswith(cpus_node.path + "/")
    devices = [_device(n, labels, phandles) for n in nodes
               if "reg" in n.props and n not in is_memory and not in_cpus(n)]
    gic = next((d for d in devices if GIC_COMPATIBLE in d.compatible), None)
    gic_v2 = next((d for d in devices if set(d.compatible) & set(GICV2_COMPATIBLES)), None)
    timer = next((n for n in nodes if TIMER_COMPATIBLE in n.strings("compatible")), None)
    pmu = next((n for n in nodes if PMU_COMPATIBLE in n.strings("compatible")), None)
    gic_found = (gic and len(gic.reg) >= 2) or (gic is None and gic_v2 and len(gic_v2.reg) >= 4)
    missing = [what for what, found in (("an arm,gic-v3 interrupt controller with 2 reg ranges (GICD, "
                                          "GICR) or an arm,gic-400 with 4 (GICD, GICC, GICH, GICV)",
                                          gic_found),
                                         ("an arm,armv8-timer node", timer),
                                         ("a /memory node", is_memory), ("a /cpus/cpu@* node", cpu_nodes))
               if not found]
    if missing:
        raise DiagnosticError([Diagnostic(Pos(dts_path, 1, 1), "", f"board '{name}' lacks {m}",
                                          "describe it in the board DTS") for m in missing])
    if gic is None:  # a GICv2 with its virtual interface in MMIO
        gic_fields = dict(gic_version=2, gicd=gic_v2.reg[0], gicr=(0, 0), gicc=gic_v2.reg[1],
                          gich=gic_v2.reg[2], gicv=gic_v2.reg[3])
    else:
        gic_fields = dict(gic_version=3, gicd=gic.reg[0], gicr=gic.reg[1])
    return Board(
        name=name, dts_path=dts_path,
        memory=tuple(sorted(bank for n in is_memory for bank in _reg(n))),
        cpus=tuple(BoardCpu(i, mpidr(n), n.path, (n.strings("compatible") or ("arm,cortex-a57",))[0])
                   for i, n in enumerate(cpu_nodes)),
        devices=tuple(devices), **gic_fields,
        timer_ppis=_irqs(timer, phandles),
        pmu_ppis=_irqs(pmu, phandles) if pmu is not None else (),
        nodes=tuple(_device(n, labels, phandles) for n in nodes),
    )
