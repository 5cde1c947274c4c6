#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""IOC channels between two bare-metal cells under QEMU -icount shift=0,sleep=off (1 ns = 1
instruction): the doorbell (ring -> the other cell's handler's first instruction), a 64-byte
round trip, and 1 MiB in 4 KiB messages against a plain memcpy of the same bytes, all measured
by the cells themselves (cells/ioctest/bench.c, tests/specs/ioc-bench.yaml). Each end sleeps in
WFI on the doorbell while it waits.

    /usr/bin/python3 bench/ioc_bench.py [--json]
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from qemu import Console  # noqa: E402

from benchlib import build_spec  # noqa: E402

SPEC = "ioc-bench"
TARGETS_NS = {"doorbell": 150, "rtt64": 400}  # issue 14, bare-metal <-> bare-metal


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    with Console(str(build_spec(SPEC)), icount=True) as con:
        con.expect(r"iocbench: done", timeout=300)
        text = con.output
    figures = {}
    for name, rounds, lo, avg, hi in re.findall(
            r"iocbench: (doorbell|rtt64) rounds=(\d+) min_ns=(\d+) avg_ns=(\d+) max_ns=(\d+)", text):
        figures[name] = {"rounds": int(rounds), "min_ns": int(lo), "avg_ns": int(avg), "max_ns": int(hi)}
    m = re.search(r"iocbench: throughput bytes=(\d+) ioc_ns=(\d+) memcpy_ns=(\d+)", text)
    if len(figures) != 2 or not m:
        sys.exit(f"ioc_bench: the cells did not report every figure:\n{text[-2000:]}")
    figures["throughput"] = {"bytes": int(m.group(1)), "ioc_ns": int(m.group(2)),
                             "memcpy_ns": int(m.group(3))}
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
        return 0
    for name, what in (("doorbell", "doorbell, ring to handler"), ("rtt64", "64-byte round trip")):
        f = figures[name]
        print(f"{what + ':':28} min {f['min_ns']} ns, avg {f['avg_ns']} ns, max {f['max_ns']} ns "
              f"({f['rounds']} rounds; target {TARGETS_NS[name]} ns)")
    t = figures["throughput"]
    mib_s = t["bytes"] / t["ioc_ns"] * 1e9 / 2**20
    print(f"{'4 KiB messages, 1 MiB:':28} {t['ioc_ns'] / 1e6:.2f} ms ({mib_s:.0f} MiB/s), memcpy "
          f"{t['memcpy_ns'] / 1e6:.2f} ms: {t['ioc_ns'] / t['memcpy_ns']:.2f}x (target 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
