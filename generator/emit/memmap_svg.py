# SPDX-License-Identifier: GPL-2.0
"""memory-map.svg: one bar of physical RAM with its regions, and a cores x power-states grid.

Hand-written SVG with integer coordinates, so the output is byte-for-byte deterministic.  Small
regions get a minimum width so every one stays visible and labelled.
"""
from __future__ import annotations

from html import escape

from ..spec.units import fmt_size
from .inputs import EmitInput

WIDTH = 1000
BAR_Y, BAR_H = 40, 60
MIN_W = 6
COLOURS = {"ram": "#9ecae1", "channel": "#fdae6b", "checkpoint": "#c7e9c0", "hypervisor": "#bcbddc",
           "image-store": "#dadaeb"}


def _text(x: int, y: int, s: str, size: int = 11, anchor: str = "start", rotate: bool = False) -> str:
    rot = f' transform="rotate(60 {x} {y})"' if rotate else ""
    return (f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}"{rot}>'
            f"{escape(s)}</text>")


def _ram_bar(inp: EmitInput) -> list[str]:
    out = []
    banks = inp.board.memory
    total = sum(s for _, s in banks)
    x0 = 20
    span = WIDTH - 40
    out.append(_text(x0, 25, f"Physical RAM ({fmt_size(total)})", 14))
    offset = 0
    for bank_base, bank_size in banks:
        bx = x0 + offset * span // total
        bw = bank_size * span // total
        out.append(f'<rect x="{bx}" y="{BAR_Y}" width="{bw}" height="{BAR_H}" fill="#f0f0f0" stroke="#000"/>')
        for r in inp.placement.regions:
            if not bank_base <= r.base < bank_base + bank_size:
                continue
            rx = bx + (r.base - bank_base) * span // total
            rw = max(MIN_W, r.size * span // total)
            out.append(f'<rect x="{rx}" y="{BAR_Y}" width="{rw}" height="{BAR_H}" '
                       f'fill="{COLOURS.get(r.kind, "#ccc")}" stroke="#333">'
                       f"<title>{escape(f'{r.owner} {r.kind} {r.base:#x} {fmt_size(r.size)}')}</title></rect>")
            out.append(_text(rx + 2, BAR_Y + BAR_H + 12, f"{r.owner} {r.base:#x}", 9, rotate=True))
        offset += bank_size
    return out


def _grid(inp: EmitInput, top: int) -> tuple[list[str], int]:
    sched = inp.schedule
    cores = sorted(c.index for c in inp.board.cpus)
    cw, rh, lw = 160, 22, 120
    out = [_text(20, top, "vCPUs per core and power state", 14)]
    y = top + 15
    for j, core in enumerate(cores):
        out.append(_text(20 + lw + j * cw + cw // 2, y + 14, f"cpu {core}", 12, "middle"))
    for st in sched.states:
        y += rh + 6
        lines = {c: [v.name for v in sched.vcpus if st.vcpu_core[v.index] == c] for c in cores}
        h = rh * max(1, max(len(v) for v in lines.values()))
        out.append(_text(20, y + 15, st.name, 12))
        for j, core in enumerate(cores):
            x = 20 + lw + j * cw
            fill = "#ffffff" if core in st.cores else "#d9d9d9"
            out.append(f'<rect x="{x}" y="{y}" width="{cw}" height="{h}" fill="{fill}" stroke="#000"/>')
            for k, name in enumerate(lines[core]):
                out.append(_text(x + 4, y + 15 + k * rh, name, 11))
        y += h
    return out, y


def emit_memmap_svg(inp: EmitInput) -> dict[str, str]:
    body = _ram_bar(inp)
    grid, bottom = _grid(inp, BAR_Y + BAR_H + 140)
    height = bottom + 20
    svg = [f"<!-- {escape(inp.banner('memmap_svg.py')).replace('--', '- -')} -->",
           f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" font-family="monospace">',
           f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
           *body, *grid, "</svg>"]
    return {"memory-map.svg": "\n".join(svg) + "\n"}
