#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Dynamic multicore (issue 16), under QEMU -icount shift=0,sleep=off (1 ns = 1 instruction):

  switch    vCPU switch cost: the real-time cell and a cell that never waits sharing core 0
            (tests/specs/power-rt.yaml, state 'one'); hv> stats gives the core's average time
            from parking one vCPU to having loaded the next
  power     power-state change latency, full -> low and low -> full, with Linux idle and with a
            spinner on each of its vCPUs (tests/specs/power.yaml): the switch's own line,
            "[hv] power: state ... in N us" (from the command to the last move or core off),
            and the migration in it (one vCPU each way)
  rt        the real-time cell's timer latency in each state: beside a cell that never waits
            (tests/specs/power-rt.yaml, both on core 0 in 'one'), and beside an idle Linux
            (tests/specs/power.yaml, sharing core 0 with its vCPU 1 in 'low').  Not beside a
            loaded Linux: with -icount QEMU runs the cores in turn, and with two Linux cores
            spinning the real-time core gets its turns so late that its timer is always past
            due and its reports stop (the emulator's artifact; see bench/rtos_bench.py)
  energy    core-seconds online for one script under each policy (power.yaml with its policy
            set): Linux idle, then two hashing jobs, then idle again; from hv> power

    /usr/bin/python3 bench/power_bench.py [--only switch|power|rt|energy] [--json]
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from qemu import Console  # noqa: E402

from benchlib import build_spec, build_spec_file  # noqa: E402
from rtos_bench import CPU_LOAD as SPIN  # noqa: E402  (a spinner on each vCPU)

BOOT = 1800
RTOS = re.compile(r"^\[rtos\] rtos: tick (\d+) latency min=(\d+)ns avg=(\d+)ns max=(\d+)ns "
                  r"samples=(\d+) missed=(\d+)\r?$", re.M)
SWITCHED = r"^\[hv\] power: state '{}' \(from '{}'\) in (\d+) us, \d+ vCPU moves?\r?$"


def linux_ready(con: Console):
    con.quiet = ("rtos",)
    con.expect(r"^\[linux\] tessera-linux: ready", timeout=BOOT)
    con.expect(r"^\[linux\] tessera# ", timeout=BOOT)


def typed(con: Console, commands):
    for command in commands:
        con.send(command + "\n")
        con.expect(r"^\[linux\] tessera# ", timeout=600)


def rtos_reports(con: Console, n: int) -> dict:
    """The next n one-second reports, after skipping one (it may straddle a change)."""
    con.expect(RTOS.pattern, timeout=600)
    rows = [[int(x) for x in con.expect(RTOS.pattern, timeout=600).groups()] for _ in range(n)]
    samples = sum(r[4] for r in rows)
    return {"min_ns": min(r[1] for r in rows), "max_ns": max(r[3] for r in rows),
            "avg_ns": round(sum(r[2] * r[4] for r in rows) / samples), "samples": samples,
            "missed": rows[-1][5] - rows[0][5]}


def switch_cost(seconds: int = 2) -> dict:
    """In 'one', the real-time cell and the spinner share core 0, the only busy core (so that
    -icount's turn-taking adds nothing): two switches per period, spinner -> rtos -> spinner."""
    with Console(str(build_spec("power-rt")), icount=True) as con:
        con.expect(r"^\[rtos\] rtos: started", timeout=120)   # keys typed before are lost
        con.hv("power one")
        con.expect(SWITCHED.format("one", "full"), timeout=120)
        rtos_reports(con, seconds)
        con.hv("stats")
        m = con.expect(r"^\[hv\] core 0: online, shared, busy \d+ us, (\d+) switches of (\d+) ns on average",
                       timeout=60)
    return {"switches": int(m.group(1)), "avg_ns": int(m.group(2))}


def switch_times(con: Console, rounds: int) -> dict:
    times = {"full -> low": [], "low -> full": []}
    for _ in range(rounds):
        for src, dst in (("full", "low"), ("low", "full")):
            con.hv(f"power {dst}")
            times[f"{src} -> {dst}"].append(int(con.expect(SWITCHED.format(dst, src), timeout=120).group(1)))
            time.sleep(0.5)
    return {k: {"min_us": min(v), "avg_us": round(sum(v) / len(v), 1), "max_us": max(v)}
            for k, v in times.items()}


def power_latency(rounds: int = 5) -> dict:
    image = build_spec("power")
    with Console(str(image), icount=True) as con:
        linux_ready(con)
        idle = switch_times(con, rounds)
        typed(con, SPIN)
        loaded = switch_times(con, rounds)
    return {"linux idle": idle, "linux loaded": loaded}


def rt_latency(seconds: int = 3) -> dict:
    out = {}
    with Console(str(build_spec("power-rt")), icount=True) as con:
        con.expect(r"^\[rtos\] rtos: started", timeout=120)
        out["full, alone on core 0"] = rtos_reports(con, seconds)
        con.hv("power one")
        con.expect(SWITCHED.format("one", "full"), timeout=120)
        out["one, with the spinner on core 0"] = rtos_reports(con, seconds)
    with Console(str(build_spec("power")), icount=True) as con:
        linux_ready(con)
        out["full, Linux idle on cores 1, 2"] = rtos_reports(con, seconds)
        con.hv("power low")
        con.expect(SWITCHED.format("low", "full"), timeout=120)
        out["low, Linux idle on cores 0, 1"] = rtos_reports(con, seconds)
    return out


def policy_spec(policy: str) -> pathlib.Path:
    """tests/specs/power.yaml with another policy, built beside the tests' images."""
    text = (ROOT / "tests/specs/power.yaml").read_text()
    text = text.replace("system: power\n", f"system: power-{policy}\n")
    text = text.replace("policy: performance", f"policy: {policy}")
    spec = ROOT / "build/bench-specs" / f"power-{policy}.yaml"   # two levels down, as tests/specs
    spec.parent.mkdir(parents=True, exist_ok=True)
    spec.write_text(text)
    out = f"build/bench-specs/out-{policy}"
    return build_spec_file(str(spec.relative_to(ROOT)), out)


def core_seconds(policy: str, idle_s: int = 3) -> dict:
    with Console(str(policy_spec(policy)), icount=True) as con:
        linux_ready(con)
        rtos_reports(con, idle_s)
        con.send("for f in a b;do seq 300000|md5sum>/tmp/$f& done;wait;echo done\n")
        con.expect(r"^\[linux\] done\r?$", timeout=1800)
        rtos_reports(con, idle_s)
        start = len(con.output)
        con.hv("power")
        con.expect(r"^\[hv\] power:   rtos\.vcpu0 on cpu \d\r?$", timeout=60)
        text = con.output[start:]
    online = sum(int(ms) for ms in re.findall(r"^\[hv\] power:   core \d: \w+ \(firmware: [a-z ]+\), online (\d+) ms",
                                               text, re.M))
    states = {n: int(ms) for n, ms in re.findall(r"^\[hv\] power:   state '(\w+)': (\d+) ms", text, re.M)}
    switches = int(re.search(r"policy \w+, (\d+) switches", text).group(1))
    return {"core_seconds": round(online / 1000, 2), "seconds": round(sum(states.values()) / 1000, 2),
            "ms_per_state": states, "switches": switches}


def energy() -> dict:
    return {p: core_seconds(p) for p in ("performance", "powersave", "ondemand")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parts = {"switch": switch_cost, "power": power_latency, "rt": rt_latency, "energy": energy}
    ap.add_argument("--only", choices=sorted(parts), action="append")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    figures = {name: fn() for name, fn in parts.items() if not args.only or name in args.only}
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    for name, f in figures.items():
        print(f"== {name}")
        for k, v in f.items():
            print(f"  {k}: {json.dumps(v)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
