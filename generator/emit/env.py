# SPDX-License-Identifier: GPL-2.0
"""The one Jinja2 environment: StrictUndefined, no autoescape, filters for literals."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from ..spec.units import fmt_size
from .dts_literals import gic_irqs, reg_list, u64_cells, unit_address
from .idents import c_string, hex_u64

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             undefined=jinja2.StrictUndefined, autoescape=False,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["hex"] = hex_u64
    env.filters["cstr"] = c_string
    env.filters["size"] = fmt_size
    env.filters.update(u64=u64_cells, irqs=gic_irqs, regs=reg_list, ua=unit_address)
    env.filters["zip_pairs"] = lambda seq: list(zip(seq, list(seq)[1:]))
    return env


def render(template: str, **context) -> str:
    text = environment().get_template(template).render(**context)
    return text if text.endswith("\n") else text + "\n"
