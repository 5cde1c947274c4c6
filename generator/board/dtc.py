# SPDX-License-Identifier: GPL-2.0
"""The one dtc wrapper of the generator (STYLE: board/ is the only code that runs dtc).

``compile_dts``: a board DTS file -> DTB bytes (labels kept in /__symbols__); dtc's errors become
positioned Diagnostics.  ``compile_source``: DTS text the generator wrote (a cell's DT) -> DTB
bytes, in memory; any dtc message is the generator's own bug and raises ``DtcError``.
"""
from __future__ import annotations

import re
import subprocess

from ..diag import Diagnostic, DiagnosticError, Pos

_POS_RE = re.compile(r"(?P<file>[^\s:]+):(?P<line>\d+)\.(?P<col>\d+)(?:-[\d.]+)?:?\s*(?P<msg>.*)")
_NOT_INSTALLED = "install the device-tree compiler (apt install device-tree-compiler)"


class DtcError(Exception):
    """dtc rejected (or warned about) DTS text the generator wrote."""


def _dtc(args: list[str], source: bytes | None = None) -> subprocess.CompletedProcess:
    """Run ``dtc ARGS`` (stdin = ``source``); raises FileNotFoundError when dtc is missing."""
    return subprocess.run(["dtc", *args], input=source, capture_output=True, check=False)


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
    """Compile the board DTS ``dts_path`` with ``dtc -@``; raise DiagnosticError on a dtc error."""
    try:
        proc = _dtc(["-q", "-@", "-I", "dts", "-O", "dtb", "-o", "-", dts_path])
    except FileNotFoundError:
        raise DiagnosticError([Diagnostic(Pos(dts_path, 1, 1), "", "dtc is not installed",
                                          _NOT_INSTALLED)]) from None
    if proc.returncode != 0:
        raise DiagnosticError(_diagnostics(proc.stderr.decode(errors="replace"), dts_path))
    return proc.stdout


def compile_source(source: str, name: str) -> bytes:
    """DTB bytes for generated DTS text ``source`` (``name`` replaces <stdin> in messages); raises
    DtcError with dtc's message.  Warnings count as errors: the templates never produce them."""
    try:
        res = _dtc(["-I", "dts", "-O", "dtb", "-o", "-", "-"], source.encode())
    except OSError as e:
        raise DtcError(f"cannot run dtc: {e}; {_NOT_INSTALLED}") from e
    msg = res.stderr.decode(errors="replace").replace("<stdin>", name).strip()
    if res.returncode != 0 or msg:
        raise DtcError(msg or f"dtc exited with {res.returncode}")
    return res.stdout
