#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Hypervisor micro-benchmarks under QEMU -icount shift=0,sleep=off.

Virtual time then advances one nanosecond per guest instruction (trap entry and
exit cost nothing), so every figure below repeats exactly from run to run and
counts instructions.  Prints one table; `--json` prints the raw figures.  `--board zcu102` runs
the same cell on QEMU's ZCU102 (GIC-400, Cadence UART: tests/specs/bench-zcu102.yaml).

    /usr/bin/python3 bench/hv_bench.py [--board zcu102]
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from qemu import MACHINES, Console  # noqa: E402

from benchlib import build_spec  # noqa: E402

# The bench spec of each board
SPECS = {"qemu-virt": "bench", "zcu102": "bench-zcu102"}
# The leading peer's figures on this QEMU (DEVELOPERS.md); ours must be at most half.
PEER = {"hvc_null_ns": 160, "gicd_read_ns": 232, "entry_ns": 505_000, "footprint_bytes": 270_000}


def footprint(image: pathlib.Path) -> int:
    """Bytes of RAM the hypervisor itself occupies: code, data, stacks, tables (not the image store)."""
    syms = subprocess.run(["aarch64-linux-gnu-nm", str(image)], capture_output=True, text=True).stdout
    addr = {m.group(2): int(m.group(1), 16) for m in re.finditer(r"^([0-9a-f]+) \w (\S+)$", syms, re.M)}
    return addr["__hv_end"] - addr["__hv_start"]


def run_bench_cell(image: pathlib.Path, board: str) -> dict:
    with Console(str(image), icount=True, machine=MACHINES[board]) as con:
        con.expect(r"bench: done", timeout=120)
        text = con.output
    figures = {k: float(v) for k, v in re.findall(r"bench: (\w+_ns)=([0-9.]+)", text)}
    figures["footprint_bytes"] = footprint(image)
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--board", choices=sorted(SPECS), default="qemu-virt")
    args = ap.parse_args()
    figures = run_bench_cell(build_spec(SPECS[args.board]), args.board)
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
        return 0
    rows = [("null hypercall round trip (ns = instructions)", "hvc_null_ns"),
            ("trapped console UART write, one byte (ns)", "console_write_ns"),
            ("emulated GIC distributor read, GICD_TYPER (ns)", "gicd_read_ns"),
            ("reset to first guest instruction (ns)", "entry_ns"),
            ("hypervisor memory: code+data+stacks+tables (bytes)", "footprint_bytes")]
    print(f"{'figure':52} {'Tessera':>10} {'peer':>10} {'ratio':>6}")
    for label, key in rows:
        ours, peer = figures[key], PEER.get(key)
        ratio = f"{ours / peer:.2f}" if peer else "-"
        print(f"{label:52} {ours:>10.1f} {peer if peer else '-':>10} {ratio:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
