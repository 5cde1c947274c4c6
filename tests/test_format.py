# SPDX-License-Identifier: GPL-2.0
"""C code follows .clang-format (the machine checks formatting, people don't)."""
from __future__ import annotations

import subprocess

from conftest import ROOT


def test_c_sources_are_clang_formatted():
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "*.c", "*.h"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    files = [f for f in files if f.startswith(("hypervisor/", "cells/"))]
    assert files
    r = subprocess.run(["clang-format", "--dry-run", "--Werror", *files], cwd=ROOT,
                       capture_output=True, text=True)
    bad = sorted({line.split(":")[0] for line in r.stderr.splitlines() if ": error:" in line})
    assert r.returncode == 0, ("not clang-formatted (run: clang-format -i " + " ".join(bad) + ")\n"
                               + r.stderr[:2000])
