#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""IOC channels under QEMU -icount shift=0,sleep=off (1 ns = 1 instruction): the doorbell
(ring -> the other cell's handler's first instruction), a 64-byte round trip, and 1 MiB in
4 KiB messages against a plain memcpy of the same bytes, received by copying and in place.
Bare metal <-> bare metal: two cells measure themselves (cells/ioctest/bench.c,
tests/specs/ioc-bench.yaml), each sleeping in WFI on the doorbell while it waits.  With
--linux also Linux <-> bare metal: `tessera ioc bench link` at Linux's shell drives the same
bare-metal 'pong' (cells/linux/tool/ioc_bench.c, tests/specs/linux-ioc-bench.yaml), through
the system calls and the module.

    /usr/bin/python3 bench/ioc_bench.py [--linux] [--json]
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
LINUX_SPEC = "linux-ioc-bench"
TARGETS_NS = {"doorbell": 150, "rtt64": 400, "rtt64_polled": 400}  # issue 14, bare metal
PROMPT = r"^\[linux\] tessera# "
NAMES = {"doorbell": "doorbell, ring to handler", "rtt64": "64-byte round trip",
         "rtt64_polled": "64-byte round trip, polled"}


def parse(text: str, who: str) -> dict:
    """The figures in the lines 'iocbench: <who>doorbell|rtt64|throughput ...'."""
    figures = {}
    for name, rounds, lo, avg, hi in re.findall(
            rf"iocbench: {who}(\w+) rounds=(\d+) min_ns=(\d+) avg_ns=(\d+) max_ns=(\d+)", text):
        figures[name] = {"rounds": int(rounds), "min_ns": int(lo), "avg_ns": int(avg), "max_ns": int(hi)}
    for m in re.finditer(rf"iocbench: {who}(throughput\w*) bytes=(\d+) ioc_ns=(\d+) memcpy_ns=(\d+)"
                         r"(?: send_ns=(\d+))? recv_ns=(\d+)", text):
        t = figures[m.group(1)] = {"bytes": int(m.group(2)), "ioc_ns": int(m.group(3)),
                                   "memcpy_ns": int(m.group(4)), "recv_ns": int(m.group(6))}
        if m.group(5):
            t["send_ns"] = int(m.group(5))
    if not {"doorbell", "rtt64", "throughput"} <= figures.keys():
        sys.exit(f"ioc_bench: not every figure was reported:\n{text[-2000:]}")
    return figures


def bare_metal() -> dict:
    with Console(str(build_spec(SPEC)), icount=True) as con:
        con.expect(r"iocbench: done", timeout=300)
        return parse(con.output, "")


def linux() -> dict:
    with Console(str(build_spec(LINUX_SPEC)), icount=True) as con:
        con.expect(PROMPT, timeout=600)
        con.send("tessera ioc bench link; echo bench-exit=$?\n")
        m = con.expect(r"^\[linux\] bench-exit=(\d+)", timeout=600)
        if m.group(1) != "0":
            sys.exit(f"ioc_bench: tessera ioc bench failed:\n{con.output[-2000:]}")
        return parse(con.output, "linux ")


def show(title: str, figures: dict, targets: bool) -> None:
    print(title)
    for name, what in NAMES.items():
        if name not in figures:
            continue
        f = figures[name]
        target = f"; target {TARGETS_NS[name]} ns" if targets else ""
        print(f"  {what + ':':32} min {f['min_ns']} ns, avg {f['avg_ns']} ns, max {f['max_ns']} ns "
              f"({f['rounds']} rounds{target})")
    for key, what in (("throughput", "4 KiB messages, 1 MiB:"),
                      ("throughput_in_place", "the same, received in place:")):
        if key not in figures:
            continue
        t = figures[key]
        mib_s = t["bytes"] / t["ioc_ns"] * 1e9 / 2**20
        print(f"  {what:32} {t['ioc_ns'] / 1e6:.2f} ms ({mib_s:.0f} MiB/s), memcpy "
              f"{t['memcpy_ns'] / 1e6:.2f} ms: {t['ioc_ns'] / t['memcpy_ns']:.2f}x"
              + (" (target 2x)" if targets else ""))
        ends = [(who, t[k]) for who, k in (("sender", "send_ns"), ("receiver", "recv_ns")) if k in t]
        print(f"  {'  in the channel calls:':32} "
              + ", ".join(f"{who} {ns / 1e6:.2f} ms ({ns / t['memcpy_ns']:.2f}x)" for who, ns in ends))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--linux", action="store_true", help="also Linux <-> bare metal")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    figures = bare_metal()
    if args.linux:
        figures["linux"] = linux()
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
        return 0
    show("bare metal <-> bare metal:", figures, True)
    if args.linux:
        show("Linux (user space) <-> bare metal:", figures["linux"], False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
