# SPDX-License-Identifier: GPL-2.0
"""Run dtc: board DTS -> DTB bytes (labels kept in /__symbols__).  dtc's errors become Diagnostics."""
from __future__ import annotations

import os
import re
import subprocess
import tempfile

from ..diag import Diagnostic, DiagnosticError, Pos

_POS_RE = re.compile(r"(?P<file>[^\s:]+):(?P<line>\d+)\.(?P<col>\d+)(?:-[\d.]+)?:?\s*(?P<msg>.*)")


def _diagnostics(stderr: str, dts_path: str) -> list[Diagnostic]:
    diags = []
    for line in stderr.splitlines():
        text = line.strip()
        if not text or "warning" in text.lower():
            continue
        text = text.removeprefix("Error: ")
        m = _POS_RE.match(text)
        if m:
            msg = m.group("msg").removeprefix("ERROR ").strip()
            diags.append(Diagnostic(Pos(m.group("file"), int(m.group("line")), int(m.group("col"))),
                                    "", f"dtc: {msg}", "fix the board DTS"))
    if not diags:
        last = stderr.strip().splitlines()[-1] if stderr.strip() else "dtc failed"
        diags.append(Diagnostic(Pos(dts_path, 1, 1), "", f"dtc: {last}", "fix the board DTS"))
    return diags


def compile_dts(dts_path: str) -> bytes:
    """Compile ``dts_path`` with ``dtc -@``; raise DiagnosticError on a dtc error."""
    with tempfile.TemporaryDirectory(prefix="tessera-dtc-") as tmp:
        out = os.path.join(tmp, "board.dtb")
        try:
            proc = subprocess.run(["dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", out, dts_path],
                                  capture_output=True, text=True, check=False)
        except FileNotFoundError:
            raise DiagnosticError([Diagnostic(Pos(dts_path, 1, 1), "", "dtc is not installed",
                                              "install the device-tree compiler (apt install device-tree-compiler)")]) from None
        if proc.returncode != 0:
            raise DiagnosticError(_diagnostics(proc.stderr, dts_path))
        with open(out, "rb") as f:
            return f.read()
