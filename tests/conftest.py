# SPDX-License-Identifier: GPL-2.0
"""Shared fixtures: build an image from a test spec with the real Makefile."""
from __future__ import annotations

import pathlib

import pytest
from specbuild import ROOT, build_spec, build_spec_file  # noqa: F401 (build_spec: for tests that build one)

SPECS = ROOT / "tests" / "specs"


@pytest.fixture(scope="session")
def spec_image():
    cache: dict[str, pathlib.Path] = {}

    def get(name: str) -> pathlib.Path:
        if name not in cache:
            cache[name] = build_spec(name)
        return cache[name]
    return get


@pytest.fixture(scope="session")
def demo_image() -> pathlib.Path:
    """The default demo's spec (configs/qemu-virt.yaml) with the tests' build options: every
    cell's console lines live.  build/tessera.elf, the demo as `make run` boots it, routes the
    console by focus (tests/test_walkthrough.py)."""
    return build_spec_file("configs/qemu-virt.yaml", "build/specs/demo")
