# SPDX-License-Identifier: GPL-2.0
"""memory-map.txt: one line per physical region, sorted by address."""
from __future__ import annotations

from ..spec.units import fmt_size
from .inputs import EmitInput


def phys_rows(inp: EmitInput) -> list[tuple[int, int, str, str]]:
    """(base, size, owner, kind) for every physical region and passthrough page range, sorted."""
    rows = [(r.base, r.size, r.owner, r.kind) for r in inp.placement.regions]
    for lay in inp.placement.cells:
        rows += [(m.pa, m.size, lay.name, f"device {m.label}") for m in lay.mappings if m.kind == "device"]
    return sorted(rows)


def emit_memmap_txt(inp: EmitInput) -> dict[str, str]:
    lines = [f"# {inp.banner('memmap_txt.py')}", "# start              end                  size      owner  kind"]
    for base, size, owner, kind in phys_rows(inp):
        lines.append(f"{base:#018x}-{base + size - 1:#018x}  {fmt_size(size):>9}  {owner}  {kind}")
    return {"memory-map.txt": "\n".join(lines) + "\n"}
