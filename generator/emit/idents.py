# SPDX-License-Identifier: GPL-2.0
"""Every identifier, literal and path spelling the emitters produce comes from here."""
from __future__ import annotations

import os
import re
from pathlib import Path, PurePath


def c_string(text: str) -> str:
    """A C string literal (also valid in DTS and GNU as)."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif " " <= ch <= "~":
            out.append(ch)
        else:
            out.extend(f"\\{b:03o}" for b in ch.encode())
    return '"' + "".join(out) + '"'


def section_part(name: str) -> str:
    """A cell name as it may appear inside a section name (.payload.<cell>.<kind>)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", name)


def dt_label(name: str) -> str:
    """A DTS label: letters, digits, underscores, not starting with a digit."""
    label = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return label if not label[0].isdigit() else "_" + label


def rel_path(path: Path | str, root: Path) -> str:
    """A path relative to the repository root with forward slashes: outputs carry no absolute paths."""
    p = Path(path)
    if p.is_absolute():
        p = Path(os.path.relpath(p, root))
    return PurePath(p).as_posix()


def hex_u64(value: int) -> str:
    return f"{value:#x}"
