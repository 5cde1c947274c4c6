# SPDX-License-Identifier: GPL-2.0
"""report.md: what was built, for people (cells, cores, memory, channels, monitor, power states)."""
from __future__ import annotations

from ..spec.units import fmt_duration, fmt_size
from .env import render
from .inputs import EmitInput


def _cells(inp: EmitInput) -> list[dict]:
    sched, out = inp.schedule, []
    for cell, lay in zip(inp.system.cells, inp.placement.cells):
        vs = [v for v in sched.vcpus if v.cell == cell.index]
        cores = "; ".join(f"{st.name}: " + ", ".join(str(st.vcpu_core[v.index]) for v in vs)
                          for st in sched.states)
        rt = cell.realtime
        out.append(dict(
            index=cell.index, name=cell.name, os=cell.os, vcpus=cell.vcpus, vmid=lay.vmid,
            realtime=f"{fmt_duration(rt.budget_ns)} every {fmt_duration(rt.period_ns)}" if rt else "",
            cores=cores, recovery=cell.recovery,
            ram=", ".join(f"{m.ipa:#x} -> {m.pa:#x} ({fmt_size(m.size)})" for m in lay.ram),
            devices=", ".join(d.path for d in lay.devices), irqs=", ".join(map(str, lay.irqs)),
            entry=lay.entry_ipa, dtb=lay.dtb_ipa, mappings=lay.mappings,
            payloads=[dict(kind=p.kind, store_pa=p.store_pa, load_ipa=p.load_ipa,
                           size=inp.dtb_size[cell.name] if p.kind == "dtb" else p.size)
                      for p in lay.payloads]))
    return out


def _policy(sched) -> str:
    """One line: what the policy does with these states."""
    pol, name = sched.policy, (lambda i: f"'{sched.states[i].name}'")
    boot = f"boots in {name(pol.boot_state)}"
    if pol.name != "ondemand":
        return f"`{pol.name}`: {boot} and stays there (hv> power switches by hand)."
    return (f"`ondemand`: {boot}; every {fmt_duration(pol.window_ns)} the boot core measures the load of the "
            f"cores on and goes one step up this ladder above {pol.up}%, one step down below {pol.down}% "
            f"(if the state below would stay at or under {pol.up}%): {' -> '.join(name(i) for i in pol.ladder)}.")


def _states(inp: EmitInput) -> list[dict]:
    sched, out = inp.schedule, []
    for st in sched.states:
        rows = []
        for v in sched.vcpus:
            rows.append(dict(name=v.name, core=st.vcpu_core[v.index],
                             realtime=f"yes (rank {v.priority})" if v.realtime else "no",
                             response=fmt_duration(st.response_ns[v.index]) if v.realtime else "-",
                             period=fmt_duration(v.period_ns) if v.realtime else "-"))
        out.append(dict(name=st.name, cores=", ".join(map(str, st.cores)), vcpus=rows))
    return out


def _monitor(inp: EmitInput) -> dict | None:
    mon = inp.system.monitor
    if mon is None:
        return None
    watches = []
    for w, lay in zip(mon.watch, inp.placement.watches):
        hb = w.heartbeat
        watches.append(dict(
            cell=w.cell, inspect=w.inspect, on_failure=w.on_failure,
            heartbeat=f"every {fmt_duration(hb.period_ns)}, timeout {fmt_duration(hb.timeout_ns)}" if hb else "-",
            ipa=f"{lay.inspect_ipa:#x}" if lay.windows else "-"))
    return dict(cell=mon.cell, watches=watches)


def emit_report(inp: EmitInput) -> dict[str, str]:
    sched, p = inp.schedule, inp.placement
    names = [c.name for c in inp.system.cells]
    vname = {v.index: v.name for v in sched.vcpus}
    cores = []
    for cpu in sorted(inp.board.cpus, key=lambda c: c.index):
        per_state = []
        for st in sched.states:
            if cpu.index not in st.cores:
                per_state.append("off")
                continue
            on = [v.name for v in sched.vcpus if st.vcpu_core[v.index] == cpu.index]
            per_state.append(", ".join(on) or "idle")
        cores.append(dict(index=cpu.index, mpidr=cpu.mpidr, per_state=per_state))
    channels = []
    for ch, lay in zip(inp.system.channels, p.channels):
        ctl = ch.control
        channels.append(dict(
            name=ch.name, ends=" <-> ".join(names[i] for i in lay.cells), pa=lay.pa, size=lay.size,
            ipa=lay.ipa[0], doorbells=" / ".join(f"{names[c]} {d}" for c, d in zip(lay.cells, lay.doorbell)),
            control=f"{ctl.from_cell} may {', '.join(ctl.allow)}" if ctl else "-"))
    transitions = [dict(src=sched.states[t.from_state].name, dst=sched.states[t.to_state].name,
                        moves=", ".join(f"{vname[m.vcpu]} cpu {m.from_core} -> {m.to_core}" for m in t.moves))
                   for t in sched.transitions]
    text = render("report.md.j2", banner=inp.banner("report.py"), system=inp.system.name,
                  warnings=[w.format() for w in p.warnings],
                  hv_memory=(f"derived from the need of {fmt_size(p.hv_need.total)}: {p.hv_need.explain()}, "
                             f"rounded up to 2M blocks" if p.hv_derived else
                             f"hypervisor.memory; the image needs about {fmt_size(p.hv_need.total)}")
                  if p.hv_need else "hypervisor.memory",
                  board=inp.board.name, hv=p.hv, store=p.store, console=p.console.path,
                  policy=sched.policy.name, power_policy=_policy(sched), stage2_pages=p.stage2_pages, cells=_cells(inp), cores=cores,
                  phys=[dict(base=r.base, end=r.end - 1, size=r.size, owner=r.owner, kind=r.kind)
                        for r in p.regions],
                  channels=channels, monitor=_monitor(inp), states=_states(inp), transitions=transitions)
    return {"report.md": text}
