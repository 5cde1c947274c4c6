# SPDX-License-Identifier: GPL-2.0
"""What every benchmark script shares: running make and building a test spec's image, with the
tests' own helper (tests/specbuild.py), exiting with make's output if it fails."""
from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import specbuild  # noqa: E402


def make(*args: str):
    try:
        specbuild.make(*args)
    except specbuild.BuildError as e:
        sys.exit(f"{pathlib.Path(sys.argv[0]).stem}: {e}")


def build_spec(name: str) -> pathlib.Path:
    """tests/specs/<name>.yaml built into build/specs/<name> (the tests' build options: every
    cell's console lines live); its image."""
    try:
        return specbuild.build_spec(name)
    except specbuild.BuildError as e:
        sys.exit(f"{pathlib.Path(sys.argv[0]).stem}: {e}")


def build_spec_file(spec: str, out: str) -> pathlib.Path:
    """Any spec built into `out` with the tests' build options; its image."""
    try:
        return specbuild.build_spec_file(spec, out)
    except specbuild.BuildError as e:
        sys.exit(f"{pathlib.Path(sys.argv[0]).stem}: {e}")
