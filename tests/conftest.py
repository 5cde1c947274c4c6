# SPDX-License-Identifier: GPL-2.0
"""Shared fixtures: build an image from a test spec with the real Makefile."""
from __future__ import annotations

import pathlib

import pytest
from specbuild import ROOT, build_spec  # noqa: F401 (build_spec: for tests that build one)

SPECS = ROOT / "tests" / "specs"


@pytest.fixture(scope="session")
def spec_image():
    cache: dict[str, pathlib.Path] = {}

    def get(name: str) -> pathlib.Path:
        if name not in cache:
            cache[name] = build_spec(name)
        return cache[name]
    return get
