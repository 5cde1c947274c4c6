# SPDX-License-Identifier: GPL-2.0
"""fmea.md: failure modes and effects (generator/fmea/modes.py), beside report.md, for people."""
from __future__ import annotations

from .. import fmea
from .env import render
from .inputs import EmitInput


def _detector(text: str) -> str:
    """A detector's table cell: nobody is said in bold.  The texts hold no '|': cell and channel
    names match spec/schema.json's name patterns."""
    return text or "**nobody**"


def _rows(modes: tuple[fmea.Mode, ...]) -> list[dict]:
    return [dict(failure=m.failure, detector=_detector(m.detector), within=m.within,
                 recovery=m.recovery, others=m.others) for m in modes]


def emit_fmea(inp: EmitInput) -> dict[str, str]:
    analysis = fmea.analyse(inp.system, inp.schedule)
    text = render("fmea.md.j2", banner=inp.banner("fmea_md.py"), system=inp.system.name,
                  board=inp.board.name,
                  gaps=[dict(who=who, failure=m.failure, why=m.gap) for who, m in analysis.gaps],
                  cells=[dict(name=c.cell, summary=c.summary, modes=_rows(c.modes)) for c in analysis.cells],
                  hypervisor=_rows(analysis.hypervisor))
    return {"fmea.md": text}
