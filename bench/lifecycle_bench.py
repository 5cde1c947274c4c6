#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Linux checkpoint, restore and cold restart under QEMU -icount shift=0,sleep=off (1 ns = 1
instruction), with the virtual counter read by Linux itself (`tessera now`):

- checkpoint: `tessera checkpoint` (both vCPUs paused, 256 MiB copied) -- around the call;
- restore to user space: `tessera now` then a panic (echo c > /proc/sysrq-trigger, panic=-1);
  the restored `tessera checkpoint && tessera now` prints again, so the difference is panic
  -> restore -> back in the shell's command;
- cold restart to user space: the operator's `hv> restart linux` -> init's first line... read
  as the counter `tessera now` prints at the shell, minus the counter before the restart.
The real-time cell's worst latency over the whole run is printed (under icount it holds QEMU's
round-robin of the cores on one thread, not only the hypervisor), and `hv> stats` tells how much of
Linux's lifecycle ran on another cell's core (none: everything runs on Linux's own cores).

    /usr/bin/python3 bench/lifecycle_bench.py [--json]
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

SPEC = "linux-restore"
PROMPT = r"^\[linux\] tessera# "
COUNTER = r"^\[linux\] tessera: counter (\d+)\r?$"


def counter(con: Console, command: str) -> int:
    con.expect(PROMPT, timeout=600)
    con.send(command + "\n")
    return int(con.expect(COUNTER, timeout=600).group(1))


def counter_after(con: Console, floor: int) -> int:
    """The first counter above `floor`. The restored kernel's serial driver may send again what
    its transmit buffer held when the checkpoint was taken (an older counter line): those carry
    earlier times and are skipped."""
    while True:
        value = int(con.expect(COUNTER, timeout=600).group(1))
        if value > floor:
            return value


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    with Console(str(build_spec(SPEC)), icount=True) as con:
        con.quiet = ("rtos",)
        t0 = counter(con, "tessera now; tessera checkpoint && tessera now")
        t1 = int(con.expect(COUNTER, timeout=600).group(1))
        before = counter(con, "tessera now; echo c > /proc/sysrq-trigger")
        con.expect(r"^\[hv\] cell linux: restoring from its checkpoint", timeout=600)
        restored = counter_after(con, before)
        before_cold = counter(con, "tessera now")
        con.send("\x1d\rrestart linux\rexit\r")
        con.expect(r"^\[linux\] tessera-linux: ready", timeout=600)
        cold = counter(con, "tessera now")
        con.send("\x1d\rstats\rexit\r")
        stats = con.expect(r"^\[hv\] cell 0 'linux': (\d+) lifecycle operations? on other cells' cores, "
                           r"longest (\d+) ns", timeout=60)
        text = con.output
    maxima = [int(m) for m in re.findall(r"^\[rtos\] rtos: tick \d+ latency .* max=(\d+)ns", text, re.M)]
    figures = {"checkpoint_ns": t1 - t0, "restore_to_user_ns": restored - before,
               "cold_restart_to_shell_ns": cold - before_cold,
               "rtos_worst_latency_ns": max(maxima) if maxima else None,
               "foreign_ops": int(stats.group(1)), "foreign_longest_ns": int(stats.group(2))}
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
        return 0
    print(f"Linux checkpoint (2 vCPUs, 256 MiB):        {figures['checkpoint_ns'] / 1e6:8.2f} ms")
    print(f"Linux restore, panic to user space (dirty):{figures['restore_to_user_ns'] / 1e6:8.2f} ms")
    print(f"Linux cold restart, hv> restart to shell:   {figures['cold_restart_to_shell_ns'] / 1e6:8.2f} ms")
    print(f"Linux's lifecycle on other cells' cores:     {figures['foreign_ops']} operations, "
          f"longest {figures['foreign_longest_ns']} ns")
    if figures["rtos_worst_latency_ns"] is not None:
        print(f"real-time cell's worst latency meanwhile:    {figures['rtos_worst_latency_ns']} ns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
