#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Cold restart of a bare-metal cell under QEMU -icount shift=0,sleep=off (1 ns = 1 instruction):
from its PSCI SYSTEM_RESET to its next first instruction, and to its first console line being out,
as the cell itself measures them (cells/restartbench keeps the request time in its IOC channel,
which a restart does not clear). "First console line": the cell's first line ("restartbench: up")
is put on the physical UART synchronously in the trap of its newline's write, so the figure ends
when that write returns to the cell, the whole line (prefix and CRLF) on the physical console.
The cell is 2 MiB, zeroed on every restart; the real-time cell runs beside it.

Then the operator restarts it OPERATOR_RESTARTS times from the hv> prompt, which runs on core 0,
the real-time cell's core: `hv> stats` tells how long that core spent in the longest of them (the
loading itself runs on the restarted cell's own core). The cell's own restarts cost other cores
nothing: they show no operation there.

    /usr/bin/python3 bench/restart_bench.py [--json]
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

# seed 002 restarts its driver OS in 56 ms; ArcOS in 0.2 ms; issue 13's target is < 1 ms
SPEC = "restart-bench"
OPERATOR_RESTARTS = 5
STATS = r"^\[hv\] cell 0 'bench': (\d+) lifecycle operations? on other cells' cores, longest (\d+) ns"
REFERENCE_NS = {"seed 002": 56_000_000, "ArcOS": 200_000}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    with Console(str(build_spec(SPEC)), icount=True) as con:
        con.expect(r"restartbench: done", timeout=120)
        text = con.output
        con.send("\x1d\rstats\r")
        own = con.expect(STATS, timeout=60)
        for _ in range(OPERATOR_RESTARTS):
            con.send("restart bench\r")
            con.expect(r"restartbench: up", timeout=60)
        con.send("stats\rexit\r")
        operator = con.expect(STATS, timeout=60)
    rounds = [(int(entry), int(line)) for entry, line in re.findall(
        r"restartbench: restart \d+ trigger_to_entry_ns=(\d+) trigger_to_line_ns=(\d+)", text)]
    if not rounds:
        sys.exit("restart_bench: the cell reported no restart")
    figures = {"restarts": len(rounds), "own_restarts_foreign_ops": int(own.group(1)),
               "operator_restarts": int(operator.group(1)),
               "operator_restart_foreign_longest_ns": int(operator.group(2))}
    for key, times in (("entry", [e for e, _ in rounds]), ("line", [ln for _, ln in rounds])):
        figures[key] = {"min_ns": min(times), "avg_ns": sum(times) / len(times), "max_ns": max(times)}
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
        return 0
    print(f"bare-metal cold restart ({len(rounds)} restarts, 2 MiB):")
    for key, what in (("entry", "first instruction"), ("line", "first console line")):
        f = figures[key]
        print(f"  SYSTEM_RESET to {what + ':':19} min {f['min_ns'] / 1000:.1f} us, "
              f"avg {f['avg_ns'] / 1000:.1f} us, max {f['max_ns'] / 1000:.1f} us")
    print(f"  work on other cells' cores: {figures['own_restarts_foreign_ops']} operations for its own "
          f"restarts; {figures['operator_restarts']} operator restarts from the real-time cell's core, "
          f"longest {figures['operator_restart_foreign_longest_ns'] / 1000:.1f} us there")
    print("references:")
    for name, ns in REFERENCE_NS.items():
        print(f"  {name}: {ns / 1000:.0f} us")
    return 0


if __name__ == "__main__":
    sys.exit(main())
