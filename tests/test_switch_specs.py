# SPDX-License-Identifier: GPL-2.0
"""Switching specs in one build directory: `make SPEC=a` then `make SPEC=b` with the same OUT
(the README's own commands do this with OUT=build).  The second build used to stop with
"No rule to make target '<OUT>/gen/cells/<a's cell>.dtb'": make expanded the DTB wildcard
before the generator removed the stale DTBs."""
from __future__ import annotations

import shutil
import subprocess

from conftest import ROOT
from specbuild import INTERLEAVED

OUT = "build/specs/switch"


def _make(spec: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *INTERLEAVED, f"SPEC=tests/specs/{spec}.yaml",
                           f"OUT={OUT}", "all"], cwd=ROOT, capture_output=True, text=True)


def test_two_specs_one_after_another_in_one_out_dir():
    shutil.rmtree(ROOT / OUT, ignore_errors=True)
    for spec, cells in (("two-cells", {"rtos", "app"}), ("fuzz", {"fuzz", "ticker"}),
                        ("two-cells", {"rtos", "app"})):
        r = _make(spec)
        assert r.returncode == 0, f"make SPEC={spec} OUT={OUT} failed:\n{r.stdout}\n{r.stderr}"
        assert f"tests/specs/{spec}.yaml: built into {OUT}" in r.stdout
        dtbs = {p.stem for p in (ROOT / OUT / "gen/cells").glob("*.dtb")}
        assert dtbs == cells, (spec, dtbs)
        assert (ROOT / OUT / "tessera.elf").is_file()
    report = (ROOT / OUT / "report.md").read_text()
    assert "from tests/specs/two-cells.yaml" in report.splitlines()[0]
