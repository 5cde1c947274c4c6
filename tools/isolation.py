#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Isolation checked on the artifact: the stage-2 tables of the running system, read back from its
memory and walked here, must give the cells only what the spec gives them, and share physical
memory only as it declares (a channel between its two ends, a monitor's read-only window on a
watched cell's RAM, a device page or a GICv2's virtual CPU interface the generator shares).

    tools/isolation.py --spec S --elf OUT/tessera.elf --boot [--after SECONDS] [--dump FILE]
    tools/isolation.py --spec S --elf OUT/tessera.elf --dump FILE

--boot runs the image in QEMU on its board's machine, lets it run --after seconds, stops it and
saves the hypervisor's memory (QEMU's `pmemsave`: the tables, and `tessera_locator`, which says
where each cell's root is; include/locator.h), into --dump if given; without --boot, --dump is
such a file to check.  None of the hypervisor's code runs for the check: the walk follows the
descriptors as the MMU does.

Findings are printed one per line, and the exit status is 1 if there is any.
"""
from __future__ import annotations

import argparse
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

LOCATOR_MAGIC = 0x41534554      # include/locator.h
LOCATOR_VERSION = 1
ADDR_MASK = 0x0000_ffff_ffff_f000
LEVEL_SHIFT = {1: 30, 2: 21, 3: 12}   # 4 KiB granule, 39-bit IPA: the walk starts at level 1
AP_WRITE = 1 << 7
AP_READ = 1 << 6
XN = 1 << 54


@dataclass(frozen=True)
class Leaf:
    """One translation the tables give a cell."""
    ipa: int
    pa: int
    size: int
    readable: bool
    writable: bool
    executable: bool


class Memory:
    """The saved hypervisor memory: [base, base + len(data))."""

    def __init__(self, base: int, data: bytes):
        self.base, self.data = base, data

    def u64(self, pa: int) -> int:
        off = pa - self.base
        if off < 0 or off + 8 > len(self.data):
            raise LookupError(pa)
        return struct.unpack_from("<Q", self.data, off)[0]

    def u32(self, pa: int) -> int:
        return self.u64(pa & ~7) >> (32 * ((pa >> 2) & 1)) & 0xffff_ffff


SYMBOLS = ("tessera_locator", "__hv_start", "__hv_end")


def symbols(elf: Path) -> dict[str, int]:
    """Where the image puts what this tool reads; ValueError if it is no Tessera image of ours."""
    r = subprocess.run(["aarch64-linux-gnu-nm", str(elf)], capture_output=True, text=True)
    if r.returncode:
        raise ValueError(f"cannot read the symbols of {elf}: {r.stderr.strip() or 'nm failed'}")
    found = {f[2]: int(f[0], 16) for f in (line.split() for line in r.stdout.splitlines())
             if len(f) == 3 and f[1] in "RTBDrtbd" and f[2] in SYMBOLS}
    missing = [s for s in SYMBOLS if s not in found]
    if missing:
        raise ValueError(f"{elf} has no {', '.join(missing)}: not a Tessera image this tool can read")
    return found


def roots(mem: Memory, locator: int) -> list[int]:
    """Each cell's VTTBR_EL2 value, as the hypervisor keeps it."""
    magic, version = mem.u32(locator), mem.u32(locator + 4)
    if (magic, version) != (LOCATOR_MAGIC, LOCATOR_VERSION):
        raise ValueError(f"tessera_locator reads {magic:#x} version {version}, not {LOCATOR_MAGIC:#x} "
                         f"version {LOCATOR_VERSION}: not this tool's hypervisor")
    cells = mem.u64(locator + 8)
    count, size, vttbr_off = mem.u32(locator + 16), mem.u32(locator + 20), mem.u32(locator + 24)
    return [mem.u64(cells + i * size + vttbr_off) for i in range(count)]


def walk(mem: Memory, vttbr: int, findings: list[str], who: str) -> list[Leaf]:
    """Every valid leaf under the root, as the MMU reads them."""
    leaves = []

    def table(pa: int, level: int, ipa_base: int):
        for i in range(512):
            try:
                desc = mem.u64(pa + 8 * i)
            except LookupError:
                findings.append(f"{who}: a level-{level} table at {pa:#x} is outside the hypervisor's memory")
                return
            if not desc & 1:
                continue
            ipa = ipa_base + (i << LEVEL_SHIFT[level])
            if level < 3 and desc & 2:
                table(desc & ADDR_MASK, level + 1, ipa)
            elif level == 3 and not desc & 2:
                continue   # reserved at level 3: the MMU faults, nothing is mapped
            else:
                leaves.append(Leaf(ipa, desc & ADDR_MASK & ~((1 << LEVEL_SHIFT[level]) - 1),
                                   1 << LEVEL_SHIFT[level], bool(desc & AP_READ), bool(desc & AP_WRITE),
                                   not desc & XN))

    table(vttbr & ADDR_MASK, 1, 0)
    return merge(leaves)


def merge(leaves: list[Leaf]) -> list[Leaf]:
    """Neighbours with the same rights and contiguous IPA and PA, as one."""
    out: list[Leaf] = []
    for leaf in sorted(leaves, key=lambda l: l.ipa):
        last = out[-1] if out else None
        if (last and last.ipa + last.size == leaf.ipa and last.pa + last.size == leaf.pa and
                (last.readable, last.writable, last.executable) ==
                (leaf.readable, leaf.writable, leaf.executable)):
            out[-1] = Leaf(last.ipa, last.pa, last.size + leaf.size, last.readable, last.writable,
                           last.executable)
        else:
            out.append(leaf)
    return out


def overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def check(spec: str, mem: Memory, locator: int) -> tuple[list[str], list[str]]:
    """(findings, summary lines)."""
    from generator.board import load_board
    from generator.place import place
    from generator.place.result import MAP_CHANNEL, MAP_DEVICE, MAP_GICV, MAP_INSPECT
    from generator.spec.load import load_system
    from generator.spec.units import fmt_size

    system = load_system(spec)
    placement = place(system, load_board(system.board, str(ROOT / "dts/boards")))
    findings: list[str] = []
    vttbrs = roots(mem, locator)
    if len(vttbrs) != len(placement.cells):
        return [f"the image has {len(vttbrs)} cells, the spec {len(placement.cells)}: not this spec's image"], []
    tables = {}
    for lay, vttbr in zip(placement.cells, vttbrs):
        if vttbr >> 48 != lay.vmid:
            findings.append(f"{lay.name}: VMID {vttbr >> 48}, not {lay.vmid}")
        tables[lay.name] = walk(mem, vttbr, findings, lay.name)
    forbidden = [(placement.hv, "the hypervisor"), (placement.store, "the image store")]
    for lay in placement.cells:
        for leaf in tables[lay.name]:
            where = f"{lay.name}: IPA {leaf.ipa:#x}-{leaf.ipa + leaf.size - 1:#x} -> PA {leaf.pa:#x}"
            for region, what in forbidden:
                if overlap(leaf.pa, leaf.pa + leaf.size, region.base, region.end):
                    findings.append(f"{where}: reaches {what}'s memory")
            grant = next((m for m in lay.mappings if m.ipa <= leaf.ipa and leaf.ipa + leaf.size <= m.ipa_end), None)
            if grant is None or leaf.pa - grant.pa != leaf.ipa - grant.ipa:
                findings.append(f"{where}: the spec gives it nothing there")
            elif leaf.writable and grant.kind == MAP_INSPECT:
                findings.append(f"{where}: its window on {grant.label} is writable, not read-only")
        for m in lay.mappings:
            covered = sum(min(l.ipa + l.size, m.ipa_end) - max(l.ipa, m.ipa) for l in tables[lay.name]
                          if overlap(l.ipa, l.ipa + l.size, m.ipa, m.ipa_end))
            if covered != m.size:
                findings.append(f"{lay.name}: {m.label} ({m.kind}, IPA {m.ipa:#x}) is mapped for "
                                f"{covered:#x} of its {m.size:#x} bytes")
    # who may share a physical byte with whom: what the spec declares, nothing else
    shared: dict[str, int] = {}
    names = [lay.name for lay in placement.cells]
    watched = {w.ipa: names[watch.cell] for watch in placement.watches for w in watch.windows}

    def window(g, leaf, other: str) -> bool:
        """g is a monitor's read-only window, and other the cell it watches."""
        return g is not None and g.kind == MAP_INSPECT and not leaf.writable and watched.get(g.ipa) == other

    for i, a in enumerate(placement.cells):
        for b in placement.cells[i + 1:]:
            for la in tables[a.name]:
                for lb in tables[b.name]:
                    if not overlap(la.pa, la.pa + la.size, lb.pa, lb.pa + lb.size):
                        continue
                    ga = next((m for m in a.mappings if m.ipa <= la.ipa < m.ipa_end), None)
                    gb = next((m for m in b.mappings if m.ipa <= lb.ipa < m.ipa_end), None)
                    kinds = {ga.kind if ga else None, gb.kind if gb else None}
                    ok = (kinds == {MAP_CHANNEL} and ga.label == gb.label or
                          window(ga, la, b.name) or window(gb, lb, a.name) or
                          kinds <= {MAP_DEVICE, MAP_GICV} and None not in kinds)
                    pa0, pa1 = max(la.pa, lb.pa), min(la.pa + la.size, lb.pa + lb.size)
                    if not ok:
                        findings.append(f"{a.name} and {b.name} share PA {pa0:#x}-{pa1 - 1:#x}, "
                                        f"which the spec does not declare")
                        continue
                    grant, reader = (gb, b.name) if gb.kind == MAP_INSPECT else (ga, a.name)
                    how = f", {reader} read-only" if grant.kind == MAP_INSPECT else ""
                    key = f"{a.name} and {b.name} share {grant.kind} '{grant.label}'{how}"
                    shared[key] = shared.get(key, 0) + pa1 - pa0
    summary = [f"{len(names)} cells, {sum(len(t) for t in tables.values())} runs of translations read "
               f"back from their stage-2 tables"]
    summary += [f"{key}: {fmt_size(size)}" for key, size in shared.items()]
    return findings, summary


def hmp(sock_path: str, commands: list[str]) -> str:
    """QEMU's human monitor: each command, after the prompt."""
    with socket.socket(socket.AF_UNIX) as s:
        s.connect(sock_path)
        s.settimeout(30)
        out = b""
        for cmd in ["", *commands]:
            if cmd:
                s.sendall(cmd.encode() + b"\n")
            while not out.endswith(b"(qemu) "):
                chunk = s.recv(4096)
                if not chunk:
                    return out.decode(errors="replace")
                out += chunk
            out += b"\n"
        return out.decode(errors="replace")


def boot_and_dump(elf: Path, board: str, after: float, start: int, size: int, dump: Path) -> None:
    """Runs elf on the board's QEMU machine for `after` seconds, then saves [start, start + size)
    of its physical memory into dump.  RuntimeError, with QEMU's own words, if it cannot."""
    from qemu import MACHINES, QEMU

    with tempfile.TemporaryDirectory() as tmp:
        sock, log = os.path.join(tmp, "hmp.sock"), os.path.join(tmp, "qemu.log")
        with open(log, "wb") as err:
            qemu = subprocess.Popen([QEMU, *MACHINES[board], "-display", "none", "-serial", "null",
                                     "-monitor", f"unix:{sock},server=on,wait=off", "-kernel", str(elf)],
                                    stdin=subprocess.DEVNULL, stdout=err, stderr=err)
        try:
            deadline = time.monotonic() + 30
            while not os.path.exists(sock) and qemu.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(after)
            if qemu.poll() is not None or not os.path.exists(sock):
                raise RuntimeError(f"QEMU did not run the image: {Path(log).read_text()[-500:]}")
            hmp(sock, ["stop", f'pmemsave {start:#x} {size:#x} "{dump}"'])
        finally:
            qemu.kill()
            qemu.wait()
    if not dump.exists() or dump.stat().st_size != size:
        raise RuntimeError(f"QEMU saved no {size:#x} bytes of memory at {start:#x}")


def check_booted(spec: str, elf: Path, after: float = 3.0,
                 dump: Path | None = None) -> tuple[list[str], list[str]]:
    """Boot elf, stop it after `after` seconds, and check what its tables give each cell:
    (findings, summary lines).  Raises ValueError if elf is no image of this tool's hypervisor."""
    from generator.spec.load import load_system

    sym = symbols(elf)
    start, end = sym["__hv_start"], sym["__hv_end"]
    with tempfile.TemporaryDirectory() as tmp:
        path = dump or Path(tmp) / "hv.bin"
        boot_and_dump(elf, load_system(spec).board, after, start, end - start, path.absolute())
        return check(spec, Memory(start, path.read_bytes()), sym["tessera_locator"])


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--spec", required=True)
    p.add_argument("--elf", required=True, type=Path)
    p.add_argument("--boot", action="store_true", help="run the image in QEMU and read it")
    p.add_argument("--dump", type=Path, help="the hypervisor's memory: saved here (--boot) or read")
    p.add_argument("--after", type=float, default=3.0, help="seconds to let it run first (--boot)")
    args = p.parse_args()
    from generator.diag import DiagnosticError, format_all

    if not args.boot and not args.dump:
        p.error("say --boot, or --dump with a saved copy of the hypervisor's memory")

    try:
        if args.boot:
            findings, summary = check_booted(args.spec, args.elf, args.after, args.dump)
        else:
            sym = symbols(args.elf)
            findings, summary = check(args.spec, Memory(sym["__hv_start"], args.dump.read_bytes()),
                                      sym["tessera_locator"])
    except (ValueError, RuntimeError, OSError) as e:
        print(f"isolation: {e}", file=sys.stderr)
        return 2
    except DiagnosticError as e:   # the spec: as `make check` says it
        print(format_all(e.diags), file=sys.stderr)
        return 2
    for line in summary:
        print(f"isolation: {line}")
    for line in findings:
        print(f"isolation: FINDING: {line}")
    print(f"isolation: {'FAILED, ' + str(len(findings)) + ' finding(s)' if findings else 'ok'}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
