# SPDX-License-Identifier: GPL-2.0
"""gen/layout.ld and gen/payloads.S: the image store as ELF sections at fixed addresses."""
from __future__ import annotations

from .env import render
from .idents import section_part
from .inputs import EmitInput


def _payloads(inp: EmitInput) -> list[dict]:
    out = []
    for lay in inp.placement.cells:
        for p in lay.payloads:
            out.append(dict(section=section_part(lay.name), kind=p.kind, store_pa=p.store_pa,
                            path=inp.payload_rel[(lay.name, p.kind)]))
    return sorted(out, key=lambda p: p["store_pa"])


def emit_ld_script(inp: EmitInput) -> dict[str, str]:
    ctx = dict(hv=inp.placement.hv, store=inp.placement.store, payloads=_payloads(inp))
    return {"gen/layout.ld": render("layout.ld.j2", banner=inp.banner("ld_script.py"), **ctx),
            "gen/payloads.S": render("payloads.S.j2", banner=inp.banner("ld_script.py"), **ctx)}
