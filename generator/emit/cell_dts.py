# SPDX-License-Identifier: GPL-2.0
"""gen/cells/<cell>.dts and .dtb: exactly what one cell sees, in guest-physical addresses."""
from __future__ import annotations

from ..board import compile_source
from ..spec.model import DEFAULT_WATCH_TIMEOUT_NS, Device, Irq, uart_model
from .env import render
from .inputs import EmitInput


def _node_name(dev: Device) -> str:
    return dev.path.rstrip("/").rsplit("/", 1)[-1]


def _device(dev: Device) -> dict:
    return dict(node=_node_name(dev), compatible=dev.compatible, reg=dev.reg,
                irqs=[q for q in dev.irqs if q.kind == "spi"],
                primecell="arm,primecell" in dev.compatible)


# A console UART as the cell's OS knows it on this board: the hypervisor emulates the board's
# model, so Linux uses its usual driver and console name (ttyAMA0, ttyPS0).
UART_NODES = {
    "pl011": dict(compatible=("arm,pl011", "arm,primecell"), clock_names=("uartclk", "apb_pclk")),
    "cdns": dict(compatible=("cdns,uart-r1p12", "xlnx,xuartps"), clock_names=("uart_clk", "pclk")),
}


def _gic(inp: EmitInput, lay) -> dict:
    """The virtual GIC's node: the board's version; a GICv2's CPU interface is at the board's
    GICC address, backed by its GICV."""
    board = inp.board
    if board.gic_version == 2:
        return dict(version=2, regs=((board.gicd[0], 0x1000), (board.gicc[0], board.gicv[1])))
    return dict(version=3, regs=((board.gicd[0], 0x10000), lay.gicr))


def cell_dts_source(inp: EmitInput, index: int) -> str:
    cell, lay = inp.system.cells[index], inp.placement.cells[index]
    console = inp.placement.console
    names = [c.name for c in inp.system.cells]
    monitor = inp.system.monitor
    beats = {f"heartbeat-{w.cell}": w.heartbeat.period_ns // 1_000_000
             for w in (monitor.watch if monitor else ()) if w.heartbeat}
    channels = [dict(ipa=ch.ipa[end], size=ch.size, spi=ch.doorbell[end] - 32, name=ch.name,
                     peer=names[ch.cells[1 - end]], end=end, index=i,
                     heartbeat_ms=beats.get(ch.name))
                for i, (ch, end) in enumerate(inp.placement.channels_of(index))]
    is_monitor = monitor is not None and monitor.cell == cell.name
    # Each window says where its bytes are in the watched cell too: the monitor
    # translates the addresses a watched kernel reports.
    windows = [dict(ipa=m.ipa, size=m.size, cell=names[w.cell],
                    cell_ipa=next(r.ipa for r in inp.placement.cells[w.cell].ram if r.pa == m.pa))
               for w in inp.placement.watches for m in w.windows if is_monitor]
    cells = {c.name: c for c in inp.system.cells}
    watches = [dict(index=i, cell=w.cell, vcpus=cells[w.cell].vcpus, on_failure=w.on_failure,
                    timeout_ms=(w.heartbeat.timeout_ns if w.heartbeat else DEFAULT_WATCH_TIMEOUT_NS)
                    // 1_000_000,
                    period_ms=w.heartbeat.period_ns // 1_000_000 if w.heartbeat else 0,
                    rules=w.rules)
               for i, w in enumerate(monitor.watch if is_monitor else ())]
    uart_irqs = [q for q in console.irqs if q.kind == "spi"] or [Irq("spi", 1, 4)]
    return render(
        "cell.dts.j2", banner=inp.banner("cell_dts.py"), name=cell.name, cell_id=cell.index,
        bootargs=cell.bootargs if cell.bootargs or cell.os == "linux" else None, initrd=lay.initrd,
        memory=lay.ram, cpus=range(cell.vcpus), cpu_compatible=inp.board.cpus[0].compatible,
        gic=_gic(inp, lay), timer=inp.board.timer_ppis,
        pmu=[q for q in inp.board.pmu_ppis if q.kind == "ppi"],
        uart=dict(node=_node_name(console), path="/" + _node_name(console), base=console.reg[0][0],
                  irqs=uart_irqs[:1], **UART_NODES[uart_model(console)]),
        devices=[_device(d) for d in lay.devices], channels=channels, windows=windows,
        watches=watches)


def emit_cell_dts(inp: EmitInput, index: int) -> tuple[str, bytes]:
    """(DTS text, DTB bytes); raises DtcError."""
    name = inp.system.cells[index].name
    src = cell_dts_source(inp, index)
    return src, compile_source(src, f"gen/cells/{name}.dts")
