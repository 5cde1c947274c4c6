# SPDX-License-Identifier: GPL-2.0
"""Shared fixtures: build an image from a test spec with the real Makefile."""
from __future__ import annotations

import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SPECS = ROOT / "tests" / "specs"


def build_spec(name: str) -> pathlib.Path:
    """`make SPEC=tests/specs/<name>.yaml OUT=build/specs/<name>`; returns the image."""
    out = f"build/specs/{name}"
    r = subprocess.run(["make", "--no-print-directory", f"SPEC=tests/specs/{name}.yaml",
                        f"OUT={out}", "all"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, f"build of {name} failed:\n{r.stdout}\n{r.stderr}"
    return ROOT / out / "tessera.elf"


@pytest.fixture(scope="session")
def spec_image():
    cache: dict[str, pathlib.Path] = {}

    def get(name: str) -> pathlib.Path:
        if name not in cache:
            cache[name] = build_spec(name)
        return cache[name]
    return get
