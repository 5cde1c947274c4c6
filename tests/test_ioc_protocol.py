# SPDX-License-Identifier: GPL-2.0
"""The IOC ring protocol (hypervisor/include/uapi/tessera_ioc.h) on the host, no QEMU.

The C programs in tests/ioc/ are built with the host gcc under ASan and UBSan (any error
aborts) and judged by what they print: two ends in one thread against a model of the rings,
two threads with semaphores as doorbells, every interleaving of an honest restart with the
other end's calls, an end restored from a checkpoint again and again, and a hostile peer
(violations one by one, then a fixed-seed fuzz loop, also with shared words that change right
after each read). The header is also compiled for the cells with the cross compiler.
"""
from __future__ import annotations

import re
import subprocess

import pytest

from conftest import ROOT

SRC = ROOT / "tests/ioc"
UAPI = ROOT / "hypervisor/include/uapi"
HOST_CFLAGS = ["-O1", "-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
               "-Wall", "-Wextra", "-Werror", "-pthread", f"-I{UAPI}"]
# name -> (source, extra flags)
PROGRAMS = {
    "pair": ("ioc_pair.c", []),
    "threads": ("ioc_threads.c", []),
    "interleave": ("ioc_interleave.c", []),
    "restore": ("ioc_restore.c", []),
    "copy": ("ioc_copy.c", []),
    "hostile": ("ioc_hostile.c", []),
    "mutate": ("ioc_hostile.c", ["-DIOC_MUTATE", "-DFUZZ_ITERATIONS=50000"]),
}
CROSS = "aarch64-linux-gnu-"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Builds every program at once (the compiles are most of the time); returns the
    directory and each build's (returncode, stderr)."""
    out = tmp_path_factory.mktemp("ioc")
    procs = {name: subprocess.Popen(["gcc", *HOST_CFLAGS, *extra, "-o", str(out / name),
                                     str(SRC / src)], stderr=subprocess.PIPE, text=True)
             for name, (src, extra) in PROGRAMS.items()}
    return out, {name: (p.wait(), p.stderr.read()) for name, p in procs.items()}


def run(built, name: str) -> str:
    out, builds = built
    rc, err = builds[name]
    assert rc == 0, f"build of {name} failed:\n{err}"
    r = subprocess.run([str(out / name)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, f"{name} failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    assert r.stdout.splitlines()[-1] == "PASS", r.stdout
    return r.stdout


def stats(line: str) -> dict[str, int]:
    return {k: int(v, 0) for k, v in re.findall(r"(\w+)=(0x[0-9a-f]+|\d+)", line)}


def test_two_ends_random_traffic_and_restarts(built):
    """Tens of thousands of messages of every size 0..max both ways, interleaved at random,
    against a model (order, count, seq, content, EAGAIN exactly when full, the doorbell
    flags); the rings wrap, and so do the u32 indices; then restarts of either end with
    messages queued both ways: one report on the survivor, nothing stale afterwards."""
    out = run(built, "pair")
    traffic = [stats(line) for line in out.splitlines() if line.startswith("traffic: ok")]
    assert len(traffic) == 3, out
    assert all(t["messages"] > 10000 and t["wrapped"] > 100 and t["full"] > 100 for t in traffic)
    assert {t["start"] for t in traffic} == {0, 0xfffff000, 0xffffffc0}
    restarts = [stats(line) for line in out.splitlines() if line.startswith("restart: ok")]
    assert len(restarts) == 2 and all(r["restarts"] == 12 for r in restarts), out
    assert "open: ok" in out


def test_two_threads_with_doorbells(built):
    """One thread per end, 100k messages each way at once, content checked; then one end
    re-opens itself 12 times while the other keeps sending: the survivor never breaks and
    reports each restart once. The ends sleep on their doorbells (semaphores rung when *ring
    says so) and no wake-up is ever lost: a lost one would hang the run."""
    out = run(built, "threads")
    traffic = next(x for x in out.splitlines() if x.startswith("threads traffic: ok"))
    assert "messages=100000 each way" in traffic and "lost=0" in traffic
    restart = next(x for x in out.splitlines() if x.startswith("threads restart: ok"))
    assert stats(restart)["restarts"] == 12 and stats(restart)["reported"] == 12
    assert "lost=0" in restart
    # The ends really slept on their doorbells (how often depends on the host's scheduling of
    # the two threads: on a loaded machine one may outrun the other for long stretches).
    assert sum(int(n) for n in re.search(r"sleeps=(\d+)\+(\d+)", traffic).groups()) > 0, traffic


def test_every_interleaving_of_a_restart(built):
    """A re-open or an acknowledgment, split at every point around each call of the other
    end: never BROKEN, never a message of another connection, always UP again after."""
    out = run(built, "interleave")
    lines = [x for x in out.splitlines() if x.startswith("interleave: ok")]
    assert len(lines) == 6, out
    assert sum(int(re.search(r"(\d+) interleavings", x)[1]) for x in lines) > 10000


def test_the_cells_ring_copy_matches_memcpy(built):
    """cells/lib/ioc_copy.h, the bare-metal cells' TIOC_MEMCPY (inline for 16..64 aligned
    bytes, memcpy otherwise): every size 0..160 at every pair of offsets 0..15 copies exactly
    its bytes, reading none past the source (ASan) and writing none around the destination;
    then messages of every size 0..256 through the protocol built with it."""
    out = run(built, "copy")
    assert "copy: ok cases=41216" in out and "channel: ok messages=257" in out, out


def test_an_end_restored_from_a_checkpoint_never_repeats_an_epoch(built):
    """The default demo's Linux end: a checkpoint once connected, then restore after restore
    while the region and the peer go on.  tioc_reset takes the later (mod 2^32) of its own
    epoch and the one its block holds, plus one: reset at each restore, every epoch is new and
    every request is answered; without that reset, the second restore leaves the end
    connecting for good (the peer acknowledges an epoch it no longer knows), a restart of
    the peer too.  The rule's cases: wrap-around, a block behind, half-way, never 0."""
    out = run(built, "restore")
    assert stats(next(x for x in out.splitlines() if x.startswith("rule: ok")))["cases"] == 9
    assert "restores: ok told=12 answered=12" in out, out
    assert "restores: ok untold=2 answered=1" in out, out


def test_hostile_peer(built):
    """Each violation breaks the victim at once and until reset (tx_head beyond R or
    unaligned, len above max or beyond what is there, wrong seq, a bad rx_tail on the write
    side); then 2 x 100k fixed-seed steps of valid traffic, resets and random writes into
    both halves: no access outside the region or the caller's buffer, recv never beyond
    cap, and in the clean phases every message arrives intact."""
    out = run(built, "hostile")
    assert re.search(r"^cases: ok 15 violations x 20 ring positions", out, re.M), out
    fuzz = [stats(x) for x in out.splitlines() if x.startswith("fuzz: ok")]
    assert len(fuzz) == 2 and sum(f["iterations"] for f in fuzz) == 200000, out
    for f in fuzz:
        assert f["broken"] > 1000 and f["deliberate"] > 100 and f["clean_messages"] > 1000
        assert f["dirty_recv_ok"] > 100    # received while scribbled on, whatever they hold


def test_hostile_peer_changing_words_after_each_read(built):
    """The same fuzz where every word the victim reads from the peer's half may change right
    after the read: reading anything twice would be caught (as an access out of bounds)."""
    out = run(built, "mutate")
    fuzz = [stats(x) for x in out.splitlines() if x.startswith("fuzz (mutating reads): ok")]
    assert len(fuzz) == 2 and all(f["broken"] > 100 and f["dirty_recv_ok"] > 30 for f in fuzz), out


def test_header_builds_for_cells(tmp_path):
    """tessera_ioc.h compiles freestanding for AArch64, with the brief flags and with the
    cells' own (cells/cells.mk) plus stricter warnings; it needs nothing but memcpy, and the
    ordering comes out as LDAR, STLR and DMB ISH."""
    inc = subprocess.run([CROSS + "gcc", "-print-file-name=include"], capture_output=True,
                         text=True, check=True).stdout.strip()
    flags = {
        "plain": ["-ffreestanding", "-nostdlib", "-O2", "-Wall", "-Wextra", "-Werror"],
        "cell": ["-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-ffreestanding",
                 "-nostdinc", "-isystem", inc, "-mgeneral-regs-only", "-mstrict-align",
                 "-fno-pie", "-fno-stack-protector", "-fno-common",
                 "-Wdeclaration-after-statement", "-Wstrict-prototypes", "-Wshadow",
                 "-Wcast-qual", "-Wcast-align", "-Wconversion", "-Wsign-conversion",
                 "-Wundef", "-Wpointer-arith"],
    }
    for name, f in flags.items():
        obj = tmp_path / f"{name}.o"
        r = subprocess.run([CROSS + "gcc", *f, f"-I{UAPI}", "-c", str(SRC / "ioc_cell.c"),
                            "-o", str(obj)], capture_output=True, text=True)
        assert r.returncode == 0, f"{name}:\n{r.stderr}"
        undefined = subprocess.run([CROSS + "nm", "-u", str(obj)], capture_output=True,
                                   text=True, check=True).stdout.split()
        assert set(undefined) <= {"U", "memcpy"}, undefined
        asm = subprocess.run([CROSS + "objdump", "-d", str(obj)], capture_output=True,
                             text=True, check=True).stdout
        for insn in (r"\bldar\b", r"\bstlr\b", r"\bdmb\s+ish\b"):
            assert re.search(insn, asm), f"{name}: no {insn} in\n{asm[:2000]}"
