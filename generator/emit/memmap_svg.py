# SPDX-License-Identifier: GPL-2.0
"""memory-map.svg: physical RAM as a column of regions, and a cores x power-states grid.

Hand-written SVG with integer coordinates, so the output is byte-for-byte deterministic.  Each
region (and each free gap) of RAM gets a row of its own, in address order, whose height grows with
the logarithm of its size from ROW_MIN (a 4K region) to ROW_MIN + 18 * ROW_STEP (1G): a 4K channel
and a 256M cell are both visible, and the larger is still the taller.  Each row's one-line label
sits beside it, vertically inside the row, so labels never overlap whatever the sizes.
"""
from __future__ import annotations

from html import escape

from ..spec.units import fmt_size
from .inputs import EmitInput

WIDTH = 1000
TOP = 40
BAR_X, BAR_W = 20, 160
LABEL_X = BAR_X + BAR_W + 12
ROW_MIN = 18          # px: taller than a label line (FONT + 3), so labels stay apart
ROW_STEP = 4          # px per doubling of the size above 4K
FONT = 11
COLOURS = {"ram": "#9ecae1", "channel": "#fdae6b", "checkpoint": "#c7e9c0", "hypervisor": "#bcbddc",
           "image-store": "#dadaeb", "free": "#f0f0f0"}


def _text(x: int, y: int, s: str, size: int = FONT, anchor: str = "start", cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return (f'<text{klass} x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}">'
            f"{escape(s)}</text>")


def row_height(size: int) -> int:
    """ROW_MIN for 4K and less, ROW_STEP more per doubling (integer log2, so deterministic)."""
    return ROW_MIN + ROW_STEP * max(0, (max(size, 1) - 1).bit_length() - 12)


def _rows(inp: EmitInput) -> list[tuple[int, int, str, str]]:
    """(base, size, label, kind) per region and free gap, bank by bank, in address order."""
    out = []
    for bank_base, bank_size in inp.board.memory:
        at, end = bank_base, bank_base + bank_size
        for r in sorted((r for r in inp.placement.regions if bank_base <= r.base < end), key=lambda r: r.base):
            if r.base > at:
                out.append((at, r.base - at, "free", "free"))
            out.append((r.base, r.size, f"{r.owner} ({r.kind})", r.kind))
            at = max(at, r.end)
        if at < end:
            out.append((at, end - at, "free", "free"))
    return out


def _ram(inp: EmitInput) -> tuple[list[str], int]:
    total = sum(s for _, s in inp.board.memory)
    out = [_text(BAR_X, TOP - 15, f"Physical RAM ({fmt_size(total)}), one row per region "
                                  f"(row height grows with the log of the size)", 14)]
    y = TOP
    for base, size, label, kind in _rows(inp):
        h = row_height(size)
        cls = "free" if kind == "free" else "region"
        tip = f"{label} {base:#x}-{base + size - 1:#x} {fmt_size(size)}"
        out.append(f'<rect class="{cls}" x="{BAR_X}" y="{y}" width="{BAR_W}" height="{h}" '
                   f'fill="{COLOURS.get(kind, "#cccccc")}" stroke="#333"><title>{escape(tip)}</title></rect>')
        out.append(_text(BAR_X + BAR_W // 2, y + (h + FONT) // 2 - 1, fmt_size(size), FONT, "middle"))
        out.append(_text(LABEL_X, y + (h + FONT) // 2 - 1,
                         f"{base:#011x}-{base + size - 1:#011x}  {label}", FONT, cls="label"))
        y += h
    return out, y


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
    body, bottom = _ram(inp)
    grid, bottom = _grid(inp, bottom + 40)
    height = bottom + 20
    svg = [f"<!-- {escape(inp.banner('memmap_svg.py')).replace('--', '- -')} -->",
           f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" font-family="monospace">',
           f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
           *body, *grid, "</svg>"]
    return {"memory-map.svg": "\n".join(svg) + "\n"}
