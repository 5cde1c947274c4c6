# SPDX-License-Identifier: GPL-2.0
"""Diagnostics: positions, findings and the one formatter.  Imports nothing of the generator.

Form: ``file:line:col: key.path: what is wrong; how to fix it`` with optional indented
``file:line:col: note: ...`` lines for the other side of a conflict.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Pos:
    """A 1-based position in a source file (the path as the user gave it, or relative)."""
    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Note:
    pos: Pos | None
    text: str


@dataclass(frozen=True)
class Diagnostic:
    pos: Pos | None
    path: str          # key path, e.g. "cells[1].memory[0].base"; "" for the whole file
    what: str          # what is wrong
    fix: str = ""      # how to fix it ("" when there is no useful advice)
    notes: tuple[Note, ...] = field(default_factory=tuple)

    def format(self) -> str:
        head = f"{self.pos}: " if self.pos else ""
        if self.path:
            head += f"{self.path}: "
        text = head + self.what + (f"; {self.fix}" if self.fix else "")
        for n in self.notes:
            text += "\n  " + (f"{n.pos}: " if n.pos else "") + "note: " + n.text
        return text

    def sort_key(self):
        p = self.pos or Pos("", 0, 0)
        return (p.file, p.line, p.col, self.path, self.what)


class DiagnosticError(Exception):
    """Raised by library code that cannot continue; carries one or more findings."""

    def __init__(self, diags: list[Diagnostic]):
        super().__init__("\n".join(d.format() for d in diags))
        self.diags = list(diags)


def did_you_mean(word: str, choices) -> str:
    """' did you mean 'x'?' suffix text, or '' when nothing is close."""
    best = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{best[0]}'?" if best else ""


def format_all(diags: list[Diagnostic]) -> str:
    return "\n".join(d.format() for d in sorted(diags, key=Diagnostic.sort_key))
