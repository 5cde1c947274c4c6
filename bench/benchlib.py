# SPDX-License-Identifier: GPL-2.0
"""What every benchmark script shares: running make, building a test spec's image."""
from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def make(*args: str):
    """make in the repository root; exits with make's output if it fails."""
    r = subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True)
    if r.returncode:
        sys.exit(f"{pathlib.Path(sys.argv[0]).stem}: make {' '.join(args)} failed:\n{r.stdout}{r.stderr}")


def build_spec(name: str) -> pathlib.Path:
    """tests/specs/<name>.yaml built into build/specs/<name>; its image."""
    make(f"SPEC=tests/specs/{name}.yaml", f"OUT=build/specs/{name}", "all")
    return ROOT / "build/specs" / name / "tessera.elf"
