# SPDX-License-Identifier: GPL-2.0
"""C code follows .clang-format, Python passes pyflakes (the machine checks these, people don't)."""
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


def test_python_sources_have_no_pyflakes_findings():
    """No unused import or variable, no undefined name, in any Python file of the tree."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "*.py"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    assert files
    r = subprocess.run(["/usr/bin/python3", "-m", "pyflakes", *files], cwd=ROOT, capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stdout[:3000] + r.stderr[:2000]
