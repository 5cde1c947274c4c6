# SPDX-License-Identifier: GPL-2.0
"""Two clean builds of the same tree, at two different paths, give a byte-identical image."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess

from conftest import ROOT


def tree_copy(dst):
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split("\0")
    for f in filter(None, files):
        if (ROOT / f).is_file():
            (dst / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / f, dst / f)
    # Reuse downloaded Debian packages (checked against the lock file) instead of fetching again.
    debs = ROOT / "build/cells/linux/debs"
    if debs.is_dir():
        shutil.copytree(debs, dst / "build/cells/linux/debs")


def build_image(tree) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    r = subprocess.run(["make", "--no-print-directory", "all"], cwd=tree, capture_output=True,
                       text=True, env=env, timeout=1200)
    assert r.returncode == 0, r.stdout + r.stderr
    return hashlib.sha256((tree / "build/tessera.elf").read_bytes()).hexdigest()


def test_two_clean_builds_are_identical(tmp_path):
    a, b = tmp_path / "first", tmp_path / "second-elsewhere"
    tree_copy(a)
    tree_copy(b)
    assert build_image(a) == build_image(b)
