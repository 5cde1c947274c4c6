# SPDX-License-Identifier: GPL-2.0
"""A missing Debian Python module gets one line naming the package, never a traceback."""
from __future__ import annotations

import subprocess
import sys

from .conftest import REPO

BLOCK_YAML = ("import sys, runpy; sys.modules['yaml'] = None; sys.argv = ['generator', 'check', "
              "'--spec', 'configs/qemu-virt.yaml']; runpy.run_module('generator', run_name='__main__')")


def test_missing_module_names_its_debian_package():
    r = subprocess.run([sys.executable, "-c", BLOCK_YAML], cwd=REPO, capture_output=True, text=True)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "Python module 'yaml' is missing; install it with 'apt-get install python3-yaml'" in r.stderr
