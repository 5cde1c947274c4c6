# SPDX-License-Identifier: GPL-2.0
"""gen/sysconfig.c and gen/sysconfig_gen.h: the const tables of sysconfig.h and their counts."""
from __future__ import annotations

from ..place.result import (MAP_CHANNEL, MAP_DEVICE, MAP_GICV, MAP_INSPECT, MAP_RAM, PHYS_CHECKPOINT, PHYS_HYPERVISOR,
                            PHYS_STORE)
from ..place.units import SZ_4K
from ..spec.units import fmt_size
from ..spec.model import (CELL_INTIDS, CHECKPOINT_CELL_BYTES, CHECKPOINT_VCPU_BYTES, DEFAULT_RESTART_LIMIT,
                          GICR_FRAME, Cell, checkpoint_layout, uart_model)
from .env import render
from .inputs import EmitInput

FLAGS = {
    MAP_RAM: "MEM_READ | MEM_WRITE | MEM_EXEC",
    MAP_DEVICE: "MEM_READ | MEM_WRITE | MEM_DEVICE",
    MAP_CHANNEL: "MEM_READ | MEM_WRITE",
    MAP_INSPECT: "MEM_READ",
    MAP_GICV: "MEM_READ | MEM_WRITE | MEM_DEVICE",
}
KINDS = {MAP_RAM: "MEM_KIND_RAM", MAP_DEVICE: "MEM_KIND_DEVICE", MAP_CHANNEL: "MEM_KIND_CHANNEL",
         MAP_INSPECT: "MEM_KIND_INSPECT", MAP_GICV: "MEM_KIND_DEVICE"}
OS = {"baremetal": "CELL_OS_BAREMETAL", "linux": "CELL_OS_LINUX"}
RECOVERY = {"none": "RECOVERY_NONE", "restart": "RECOVERY_RESTART", "restore": "RECOVERY_RESTORE"}
POLICY = {"performance": "POWER_PERFORMANCE", "powersave": "POWER_POWERSAVE", "ondemand": "POWER_ONDEMAND"}
INSPECT = {"none": "INSPECT_NONE", "read-only": "INSPECT_READ_ONLY"}
CONTROL = {"restart": "CONTROL_ALLOW_RESTART", "stop": "CONTROL_ALLOW_STOP", "start": "CONTROL_ALLOW_START"}


def _or(names) -> str:
    return " | ".join(names) if names else "0"


def _virtual_uart_intid(inp: EmitInput) -> int:
    """Every cell's emulated PL011 raises the board console's SPI in its own virtual GIC."""
    return next((q.intid for q in inp.placement.console.irqs if q.kind == "spi"), 0)


def _checkpoint(inp: EmitInput, cell: Cell) -> dict:
    """The cell's checkpoint area and where its parts start; all 0 without one."""
    area = next((r for r in inp.placement.regions if r.kind == PHYS_CHECKPOINT and r.owner == cell.name), None)
    if area is None:
        return dict(pa=0, size=0, dirty_offset=0, ram_offset=0)
    lay = checkpoint_layout(cell)
    return dict(pa=area.base, size=area.size, dirty_offset=lay.dirty_offset, ram_offset=lay.ram_offset)


def _cells(inp: EmitInput) -> list[dict]:
    sched, out = inp.schedule, []
    first_vcpu = {}
    for v in sched.vcpus:
        first_vcpu.setdefault(v.cell, v.index)
    boot_core = sched.states[sched.policy.boot_state].vcpu_core
    for cell, lay in zip(inp.system.cells, inp.placement.cells):
        out.append(dict(
            index=cell.index, name=cell.name, os=OS[cell.os], os_name=cell.os,
            recovery=RECOVERY[cell.recovery], vmid=lay.vmid, num_vcpus=cell.vcpus,
            first_vcpu=first_vcpu[cell.index], entry_ipa=lay.entry_ipa, dtb_ipa=lay.dtb_ipa,
            console_ipa=inp.placement.console.reg[0][0], console_intid=_virtual_uart_intid(inp),
            checkpoint=_checkpoint(inp, cell), ram_size=sum(m.size for m in lay.ram),
            restart_limit=(cell.restart_limit.count, cell.restart_limit.window_ns)
            if cell.restart_limit else DEFAULT_RESTART_LIMIT,
            irq_pcpu=boot_core[first_vcpu[cell.index]], console_always=int(cell.console == "always"),
            channels=[dict(channel=ch.index, end=end, name=ch.name, peer=ch.cells[1 - end],
                           peer_intid=ch.doorbell[1 - end])
                      for ch, end in inp.placement.channels_of(cell.index)],
            regions=[dict(ipa=m.ipa, pa=m.pa, size=m.size, flags=FLAGS[m.kind], kind=KINDS[m.kind],
                          label=m.label, kind_name=m.kind) for m in lay.mappings],
            payloads=[dict(kind=p.kind, store_pa=p.store_pa, load_pa=p.load_pa, reserve=p.reserve,
                           size=inp.dtb_size[cell.name] if p.kind == "dtb" else p.size)
                      for p in lay.payloads],
            irqs=list(lay.irqs)))
    return out


def _channels(inp: EmitInput) -> list[dict]:
    out = []
    for ch, lay in zip(inp.system.channels, inp.placement.channels):
        ctl = ch.control
        out.append(dict(
            name=ch.name, pa=lay.pa, size=lay.size, cells=lay.cells, ipa=lay.ipa, doorbell=lay.doorbell,
            control_from=str(ch.between.index(ctl.from_cell)) if ctl else "SYSCONFIG_NONE",
            control_allow=_or([CONTROL[a] for a in sorted(ctl.allow, key=list(CONTROL).index)] if ctl else [])))
    return out


def _monitor(inp: EmitInput) -> dict:
    mon = inp.system.monitor
    if mon is None:
        return dict(cell="SYSCONFIG_NONE", watches=[], timeout_ms=0)
    watches = []
    for w, lay in zip(mon.watch, inp.placement.watches):
        watches.append(dict(cell=lay.cell, on_failure=RECOVERY[w.on_failure], inspect=INSPECT[w.inspect],
                            hb_period=w.heartbeat.period_ns if w.heartbeat else 0,
                            hb_timeout=w.heartbeat.timeout_ns if w.heartbeat else 0,
                            inspect_ipa=lay.inspect_ipa, num_rules=len(w.rules)))
    return dict(cell=str(inp.system.cell(mon.cell).index), watches=watches,
                timeout_ms=mon.timeout_ns // 1_000_000)


def region_name(r) -> str:
    if r.kind in (PHYS_HYPERVISOR, PHYS_STORE):
        return r.owner
    return f"{r.kind} '{r.owner}'"


def _phys_chain(inp: EmitInput) -> list[dict]:
    """Every physically backed range once (RAM, store, channels, checkpoints, passthrough pages),
    sorted; the asserts check each against its successor only."""
    ranges = [(r.base, r.end, region_name(r)) for r in inp.placement.regions]
    for lay in inp.placement.cells:
        ranges += [(m.pa, m.pa + m.size, f"device {m.label} of '{lay.name}'")
                   for m in lay.mappings if m.kind == MAP_DEVICE]
    ranges.sort()
    return [dict(a_end=a[1], b_base=b[0], what=f"{a[2]} below {b[2]}") for a, b in zip(ranges, ranges[1:])]


def _context(inp: EmitInput) -> dict:
    p, s, sched = inp.placement, inp.system, inp.schedule
    pol = sched.policy
    none = "SYSCONFIG_NONE"
    states = [dict(name=st.name, cpu_mask=sum(1 << c for c in st.cores),
                   run_cpus=sum(1 << c for c in st.run_cores), num_run_cpus=len(st.run_cores),
                   shared_cpus=sum(1 << c for c in st.shared_cores), vcpu_pcpu=list(st.vcpu_core),
                   up=none if pol.up_from(st.index) is None else pol.up_from(st.index),
                   down=none if pol.down_from(st.index) is None else pol.down_from(st.index))
              for st in sched.states]
    power = dict(policy=POLICY[pol.name], boot_state=pol.boot_state, window_ns=pol.window_ns,
                 up=pol.up, down=pol.down)
    spi_owner = sorted((intid, index) for index, lay in enumerate(p.cells) for intid in lay.irqs)
    return dict(
        banner=inp.banner("c_tables.py"), system=s.name, hv=p.hv, store=p.store,
        console_pa=p.console.reg[0][0],
        console_intid=_virtual_uart_intid(inp),
        boot_cpus=sum(1 << c for c in set(sched.states[pol.boot_state].vcpu_core)), spi_owner=spi_owner,
        power=power, gicd=inp.board.gicd[0], gicr=inp.board.gicr[0],
        pcpus=[c.mpidr for c in sorted(inp.board.cpus, key=lambda c: c.index)],
        cells=_cells(inp), channels=_channels(inp), monitor=_monitor(inp),
        vcpus=[dict(cell=v.cell, index=v.number, realtime=v.realtime,
                    priority=v.priority if v.realtime else "SYSCONFIG_NONE",
                    vmpidr=v.number, period=v.period_ns or 0, budget=v.budget_ns or 0, name=v.name)
               for v in sched.vcpus],
        states=states,
        transitions=[dict(src=t.from_state, dst=t.to_state, moves=t.moves) for t in sched.transitions],
        stage2_pages=p.stage2_pages,
        max_vcpus=max((c.vcpus for c in s.cells), default=0),
        cell_intids=CELL_INTIDS, gicr_frame=GICR_FRAME, uart_model=uart_model(p.console).upper(),
        gic_version=inp.board.gic_version, gicc=inp.board.gicc[0], gich=inp.board.gich[0],
        el2_slots=inp.board.el2_slots(p.console),
        checkpoint_cell_bytes=CHECKPOINT_CELL_BYTES, checkpoint_vcpu_bytes=CHECKPOINT_VCPU_BYTES,
        phys_chain=_phys_chain(inp), sz_4k=SZ_4K,
        ram_regions=[(c.name, m) for c, lay in zip(s.cells, p.cells) for m in lay.ram],
    )


def _cell_comments(inp: EmitInput) -> list[list[str]]:
    blocks = []
    for cell, lay in zip(inp.system.cells, inp.placement.cells):
        lines = [f"cells[{cell.index}] '{cell.name}': {cell.os}, {cell.vcpus} vCPU(s), vmid {lay.vmid}, "
                 f"entry {lay.entry_ipa:#x}, DTB {lay.dtb_ipa:#x}"]
        for m in lay.mappings:
            lines.append(f"  {m.kind:8} IPA {m.ipa:#013x} -> PA {m.pa:#012x} {fmt_size(m.size):>8}  {m.label}")
        if lay.irqs:
            lines.append("  SPIs " + ", ".join(str(i) for i in lay.irqs))
        cp = _checkpoint(inp, cell)
        if cp["size"]:
            lines.append(f"  checkpoint area PA {cp['pa']:#012x} {fmt_size(cp['size'])}: dirty-page map at "
                         f"+{cp['dirty_offset']:#x}, RAM image at +{cp['ram_offset']:#x}")
        blocks.append(lines)
    return blocks


def emit_c_tables(inp: EmitInput) -> dict[str, str]:
    ctx = _context(inp)
    header = render("sysconfig_gen.h.j2", cell_comments=_cell_comments(inp), **ctx)
    return {"gen/sysconfig.c": render("sysconfig.c.j2", **ctx), "gen/sysconfig_gen.h": header}
