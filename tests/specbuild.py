# SPDX-License-Identifier: GPL-2.0
"""Build an image from a test spec with the real Makefile, for the tests and the benchmarks."""
from __future__ import annotations

import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent


class BuildError(Exception):
    pass


def make(*args: str) -> None:
    """make in the repository root; BuildError with make's output if it fails."""
    r = subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True)
    if r.returncode:
        raise BuildError(f"make {' '.join(args)} failed:\n{r.stdout}{r.stderr}")


def build_spec(name: str) -> pathlib.Path:
    """tests/specs/<name>.yaml built into build/specs/<name>; returns the image."""
    out = f"build/specs/{name}"
    make(f"SPEC=tests/specs/{name}.yaml", f"OUT={out}", "all")
    return ROOT / out / "tessera.elf"
