# SPDX-License-Identifier: GPL-2.0
"""Compile a generated DTS with dtc, in memory.  A dtc error is the generator's own bug."""
from __future__ import annotations

import subprocess


class DtcError(Exception):
    pass


def compile_dts(source: str, name: str) -> bytes:
    """DTB bytes for ``source``; raises DtcError with dtc's message (warnings count as errors,
    because the template should never produce them)."""
    try:
        res = subprocess.run(["dtc", "-I", "dts", "-O", "dtb", "-o", "-", "-"],
                             input=source.encode(), capture_output=True, check=False)
    except OSError as e:
        raise DtcError(f"cannot run dtc: {e}") from e
    msg = res.stderr.decode(errors="replace").replace("<stdin>", name).strip()
    if res.returncode != 0 or msg:
        raise DtcError(msg or f"dtc exited with {res.returncode}")
    return res.stdout
