# SPDX-License-Identifier: GPL-2.0
"""One home per fact inside the generator: one formatter of each kind, one dtc wrapper, one GICR
frame size, and no rule that both checks/ and place/ judge."""
from __future__ import annotations

import re

from .conftest import REPO

SOURCES = sorted(p for p in (REPO / "generator").rglob("*.py") if "tests" not in p.parts)


def _defining(pattern: str) -> list[str]:
    return [p.relative_to(REPO).as_posix() for p in SOURCES if re.search(pattern, p.read_text(), re.M)]


def test_one_formatter_of_each_kind():
    for name in ("fmt_size", "fmt_duration", "fmt_range"):
        assert _defining(rf"^def {name}\(") == ["generator/spec/units.py"], name


def test_one_dtc_wrapper():
    assert _defining(r"\[\"dtc\"") == ["generator/board/dtc.py"]


def test_one_gicr_frame_size():
    assert _defining(r"0x2_?0000\b") == ["generator/spec/model.py"]


def test_place_does_not_repeat_the_checks():
    """The console, device references, pinned alignment and overlaps are the checks' rules."""
    text = "\n".join(p.read_text() for p in sorted((REPO / "generator/place").glob("*.py")))
    for phrase in ("no board UART", "no board device", "is not 4 KiB aligned", "cannot read '"):
        assert phrase not in text, phrase


def test_ipa_overlap_is_placements_rule():
    assert "_ipa_overlaps" not in (REPO / "generator/checks/memory_overlap.py").read_text()
