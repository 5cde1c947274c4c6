# SPDX-License-Identifier: GPL-2.0
"""The benchmarks run and report their figures (values are recorded in docs/benchmarks.md,
never asserted as limits here)."""
from __future__ import annotations

import json
import subprocess

import pytest

from conftest import ROOT

PY = "/usr/bin/python3"


@pytest.mark.parametrize("board", ["qemu-virt", "zcu102"])
def test_hypervisor_bench_reports_figures(board):
    r = subprocess.run([PY, "bench/hv_bench.py", "--json", "--board", board], cwd=ROOT,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    figures = json.loads(r.stdout)
    for key in ("hvc_null_ns", "console_write_ns", "gicd_read_ns", "entry_ns", "footprint_bytes"):
        assert figures[key] > 0, figures


def test_generator_bench_reports_time():
    r = subprocess.run([PY, "bench/gen_bench.py"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert "generator: 64 cells, 256 channels:" in r.stdout, r.stdout + r.stderr


def test_rtos_latency_bench_reports_every_setting():
    r = subprocess.run([PY, "bench/rtos_bench.py", "--seconds", "2", "--json"], cwd=ROOT,
                       capture_output=True, text=True, timeout=1200)
    assert r.returncode == 0, r.stdout + r.stderr
    figures = json.loads(r.stdout)
    assert set(figures) == {"bare", "alone", "irq-load", "loaded"}
    for name, f in figures.items():
        assert f["samples"] > 0 and f["min_ns"] <= f["avg_ns"] <= f["max_ns"], (name, f)


def test_ipi_bench_reports_tessera_and_bare():
    r = subprocess.run([PY, "bench/ipi_bench.py", "--json"], cwd=ROOT, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    figures = json.loads(r.stdout)
    assert set(figures) == {"tessera", "bare"}, figures
    for name, f in figures.items():
        assert f["rounds"] == 1000 and f["ipi_ns"] > 0 and f["round_trip_ns"] >= f["ipi_ns"], (name, f)


def test_restart_bench_reports_every_restart():
    r = subprocess.run([PY, "bench/restart_bench.py", "--json"], cwd=ROOT, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    figures = json.loads(r.stdout)
    assert figures["restarts"] == 10, figures
    for key in ("entry", "line"):
        f = figures[key]
        assert 0 < f["min_ns"] <= f["avg_ns"] <= f["max_ns"], (key, figures)
    assert figures["line"]["min_ns"] > figures["entry"]["min_ns"], figures  # each line after its entry
    # its own restarts run on its own core only; the operator's from the real-time cell's core
    assert figures["own_restarts_foreign_ops"] == 0 and figures["operator_restarts"] == 5, figures
    assert figures["operator_restart_foreign_longest_ns"] > 0, figures


def test_lifecycle_bench_reports_linux_checkpoint_restore_and_restart():
    r = subprocess.run([PY, "bench/lifecycle_bench.py", "--json"], cwd=ROOT, capture_output=True,
                       text=True, timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr
    f = json.loads(r.stdout)
    assert f["checkpoint_ns"] > 0 and f["restore_to_user_ns"] > 0 and f["cold_restart_to_shell_ns"] > 0, f
    # the prompt runs on core 0, the real-time cell's: the operator's restart is the one operation
    assert f["foreign_ops"] == 1 and f["foreign_longest_ns"] > 0, f


def test_ioc_bench_reports_doorbell_round_trip_and_throughput():
    """Both pairs report every figure: bare metal <-> bare metal, and Linux's user space <->
    bare metal through the module.  Under -icount the figures are virtual time and repeat
    exactly, so the bare-metal doorbell is held to issue 14's 150 ns, the polled 64-byte round
    trip on average to its 400 ns, and 1 MiB in 4 KiB messages received in place to 2 times a
    memcpy of the same bytes."""
    r = subprocess.run([PY, "bench/ioc_bench.py", "--linux", "--json"], cwd=ROOT, capture_output=True,
                       text=True, timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr
    figures = json.loads(r.stdout)
    for f, names in ((figures, ("doorbell", "rtt64", "rtt64_polled")), (figures["linux"], ("doorbell", "rtt64"))):
        for name in names:
            assert f[name]["rounds"] == 1000 and 0 < f[name]["min_ns"] <= f[name]["avg_ns"], f
        assert f["rtt64"]["min_ns"] > f["doorbell"]["min_ns"], f  # a round trip holds two doorbells
        t = f["throughput"]
        assert t["bytes"] == 1 << 20 and 0 < t["recv_ns"] < t["ioc_ns"], f
    # Polling saves both doorbells and both interrupts; the per-end time in the channel calls
    # is less than the whole (both ends' copies, one after the other under -icount).
    assert figures["rtt64_polled"]["avg_ns"] < figures["rtt64"]["avg_ns"], figures
    assert 0 < figures["throughput"]["send_ns"] < figures["throughput"]["ioc_ns"], figures
    assert figures["doorbell"]["max_ns"] <= 150, figures["doorbell"]
    assert figures["rtt64_polled"]["avg_ns"] <= 400, figures["rtt64_polled"]
    # In place, the receiver copies nothing: its calls cost less than the copying ones, and
    # the bytes cross in the sender's one copy.
    copied, in_place = figures["throughput"], figures["throughput_in_place"]
    assert in_place["bytes"] == copied["bytes"] and in_place["recv_ns"] < copied["recv_ns"], figures
    assert in_place["ioc_ns"] <= 2 * in_place["memcpy_ns"], in_place


def test_power_bench_reports_the_switch_cost():
    """bench/power_bench.py --only switch: the real-time cell and a cell that never waits share
    core 0; hv> stats counts their switches and times them."""
    r = subprocess.run([PY, "bench/power_bench.py", "--only", "switch", "--json"], cwd=ROOT,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    figures = json.loads(r.stdout)["switch"]
    assert figures["switches"] > 1000 and figures["avg_ns"] > 0, figures
