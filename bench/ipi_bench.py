#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""IPI cost: an SGI from one vCPU to another of the same cell, send to handler,
under QEMU -icount shift=0,sleep=off (1 ns = 1 instruction, repeatable), next
to the same cell (cells/gictest ipi) on bare QEMU with two cores.

Under -icount QEMU runs one core at a time, round robin, and switches when the
running core halts: "send to handler" is then every instruction executed, on
any core, from the send to the handler's first one.  On bare QEMU that is
little more than the sender's path into wfi.

    /usr/bin/python3 bench/ipi_bench.py [--json]
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from qemu import Console  # noqa: E402

from benchlib import build_spec, make  # noqa: E402

BARE_MACHINE = ["-M", "virt,gic-version=3", "-cpu", "cortex-a57", "-smp", "2", "-m", "128M"]


def run(image: pathlib.Path, machine: list[str] | None) -> dict:
    with Console(str(image), icount=True, machine=machine) as con:
        one = con.expect(r"gictest: ipi_ns=(\d+)", timeout=120)
        rt = con.expect(r"gictest: ipi: ok (\d+) round trips, round trip (\d+) ns", timeout=10)
    return {"ipi_ns": int(one.group(1)), "round_trip_ns": int(rt.group(2)), "rounds": int(rt.group(1))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    build_spec("gictest-ipi")
    bare_elf = "build/cells/gictest-ipi-bare/gictest-ipi-bare.elf"
    make(bare_elf)
    figures = {"tessera": run(ROOT / "build/specs/gictest-ipi/tessera.elf", None),
               "bare": run(ROOT / bare_elf, BARE_MACHINE)}
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
        return 0
    for key, label in (("ipi_ns", "ipi send->handler"), ("round_trip_ns", "ipi round trip")):
        ours, bare = figures["tessera"][key], figures["bare"][key]
        ratio = f"{ours / bare:.1f}" if bare else "-"
        print(f"{label}: Tessera {ours} ns, bare {bare} ns, ratio {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
