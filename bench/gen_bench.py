# SPDX-License-Identifier: GPL-2.0
"""Generator benchmark: 64 cells and 256 channels through placement, scheduling and emission.

The board is qemu-virt with 64 cores (the hypervisor has no time slicing yet, so every vCPU needs
a core of its own in every power state).

Run from the repository root:  /usr/bin/python3 bench/gen_bench.py [--profile]
Prints 'generator: 64 cells, 256 channels: X.XXX s' and exits 1 if that took more than 2 s.
The system is built from model objects directly (no YAML), with stand-in payloads in a temp dir.
"""
from __future__ import annotations

import cProfile
import dataclasses
import pathlib
import pstats
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.build import build  # noqa: E402
from generator.diag import format_all  # noqa: E402
from generator.spec.model import BoardCpu, Channel  # noqa: E402
from generator.tests.factories import (MS, US, MiB, baremetal_cell, power_of,  # noqa: E402
                                       qemu_virt_board, system_of)

CELLS, CHANNELS, LIMIT_S = 64, 256, 2.0
REALTIME_EVERY = 16          # cells 0, 16, 32, 48: 100us every 1ms
CORES = 64                   # a core per vCPU: 16 clusters of 4 (MPIDR Aff1.Aff0)


def synthetic_system(root: pathlib.Path):
    image = root / "payload" / "cell.bin"
    image.parent.mkdir(parents=True)
    image.write_bytes(bytes(16 * 1024))
    cells = [baremetal_cell(i, image, 2 * MiB,
                            realtime=(1 * MS, 100 * US) if i % REALTIME_EVERY == 0 else None)
             for i in range(CELLS)]
    # Each cell talks to the cells 1..4 places after it: 256 distinct pairs, 8 channel ends per cell.
    channels = [Channel(f"channels[{k}]", k, f"ch{k}", (f"c{k % CELLS}", f"c{(k % CELLS + 1 + k // CELLS) % CELLS}"),
                        4096) for k in range(CHANNELS)]
    power = power_of(("full", tuple(range(CORES))), policy="ondemand")
    return system_of(cells, channels, power, hv_memory=16 * MiB, spec_file="bench/synthetic.yaml")


def run(root: pathlib.Path) -> float:
    system = synthetic_system(root)
    board = qemu_virt_board()
    board = dataclasses.replace(board, cpus=tuple(BoardCpu(i, (i // 4) << 8 | i % 4, f"/cpus/cpu@{i}")
                                                   for i in range(CORES)))
    start = time.perf_counter()
    diags = build(system, board, root / "build", {"root": root})
    elapsed = time.perf_counter() - start
    if diags:
        print(format_all(diags), file=sys.stderr)
        sys.exit(2)
    return elapsed


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="tessera-bench-") as tmp:
        if "--profile" in sys.argv:
            prof = cProfile.Profile()
            prof.enable()
            elapsed = run(pathlib.Path(tmp))
            prof.disable()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        else:
            elapsed = run(pathlib.Path(tmp))
    print(f"generator: {CELLS} cells, {CHANNELS} channels: {elapsed:.3f} s")
    return 0 if elapsed <= LIMIT_S else 1


if __name__ == "__main__":
    sys.exit(main())
