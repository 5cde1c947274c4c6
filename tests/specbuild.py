# SPDX-License-Identifier: GPL-2.0
"""Build an image from a test spec with the real Makefile, for the tests and the benchmarks."""
from __future__ import annotations

import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent


class BuildError(Exception):
    pass


# The tests' build options: configs/interleaved_defconfig, every cell's console lines live
# (CONFIG_CONSOLE_INTERLEAVED), so a test reads any cell's output as it comes.  The default
# demo (build/tessera.elf, the user's .config) routes by focus; tests of that build say so.
INTERLEAVED = ("KCONFIG_CONFIG=build/interleaved.config", "DEFCONFIG=interleaved_defconfig")


def make(*args: str) -> None:
    """make in the repository root; BuildError with make's output if it fails."""
    r = subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True)
    if r.returncode:
        raise BuildError(f"make {' '.join(args)} failed:\n{r.stdout}{r.stderr}")


def build_spec_file(spec: str, out: str) -> pathlib.Path:
    """The spec at `spec` (from the repository root) built into `out` with the tests' build
    options; returns the image."""
    make(*INTERLEAVED, f"SPEC={spec}", f"OUT={out}", "all")
    return ROOT / out / "tessera.elf"


def build_spec(name: str) -> pathlib.Path:
    """tests/specs/<name>.yaml built into build/specs/<name>; returns the image."""
    return build_spec_file(f"tests/specs/{name}.yaml", f"build/specs/{name}")
