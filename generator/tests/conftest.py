# SPDX-License-Identifier: GPL-2.0
"""Shared test helpers: where things are, and running the generator as users do."""
from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SPECS = Path(__file__).resolve().parent / "specs"
IMAGES = SPECS / "images"
PYTHON = sys.executable


def rel(path: Path) -> str:
    return str(path.relative_to(REPO))


def extra_args(spec: Path) -> list[str]:
    """Arguments from ``<spec>.args`` next to a fixture (e.g. --board-dir for a test board)."""
    args = spec.with_suffix(".args")
    return shlex.split(args.read_text(), comments=True) if args.exists() else []


def run_generator(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python3 -m generator ARGS`` from the repo root, output captured as text."""
    full_env = {k: v for k, v in os.environ.items() if k != "TESSERA_DEBUG"}
    full_env.update(env or {})
    return subprocess.run([PYTHON, "-m", "generator", *args], cwd=REPO, capture_output=True,
                          text=True, env=full_env, check=False)


@pytest.fixture
def in_repo(monkeypatch):
    """Run the test from the repo root (relative paths as the CLI sees them)."""
    monkeypatch.chdir(REPO)
    return REPO
