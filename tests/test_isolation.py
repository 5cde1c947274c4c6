# SPDX-License-Identifier: GPL-2.0
"""Isolation checked on the artifact (tools/isolation.py, `make check-isolation`): the default
demo's stage-2 tables, read back from the running system's memory and walked as the MMU walks
them, share only the declared channel and the monitor's read-only window; and each way a table
could break isolation, written into a copy of that memory, is found."""
from __future__ import annotations

import struct
import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import isolation  # noqa: E402

SPEC = "configs/qemu-virt.yaml"
ELF = ROOT / "build/tessera.elf"
CELL = {"linux": 0, "rtos": 1, "rtcd": 2, "monitor": 3}   # configs/qemu-virt.yaml's order
RAM_IPA, INSPECT_IPA = 0x4000_0000, 0x20_0000_0000


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "tools/isolation.py", "--spec", SPEC, "--elf", str(ELF), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    """The demo booted for 2 s, stopped, and the hypervisor's memory saved: (path, bytes)."""
    path = tmp_path_factory.mktemp("isolation") / "hv.bin"
    r = run("--boot", "--after", "2", "--dump", str(path))
    assert r.returncode == 0, r.stdout + r.stderr
    return path, path.read_bytes()


class Image:
    """A copy of the saved memory to break on purpose, and where things are in it."""

    def __init__(self, data: bytes):
        sym = isolation.symbols(ELF)
        self.base, self.locator, self.data = sym["__hv_start"], sym["tessera_locator"], bytearray(data)
        self.vttbr = isolation.roots(isolation.Memory(self.base, bytes(data)), self.locator)

    def u64(self, pa: int) -> int:
        return struct.unpack_from("<Q", self.data, pa - self.base)[0]

    def put(self, pa: int, value: int) -> None:
        struct.pack_into("<Q", self.data, pa - self.base, value)

    def descriptor(self, cell: str, ipa: int, stop: int = 3) -> int:
        """The address of the entry that maps ipa in cell's tables (a block or a page), or of its
        level-`stop` table entry."""
        table = self.vttbr[CELL[cell]] & isolation.ADDR_MASK
        for level in (1, 2, 3):
            entry = table + 8 * ((ipa >> isolation.LEVEL_SHIFT[level]) & 511)
            desc = self.u64(entry)
            if level == stop or level == 3 or desc & 3 != 3:
                return entry
            table = desc & isolation.ADDR_MASK
        raise AssertionError("unreachable")

    def remap(self, cell: str, ipa: int, pa: int) -> None:
        """Points the block or page that maps ipa in cell's tables at pa."""
        entry = self.descriptor(cell, ipa)
        self.put(entry, (self.u64(entry) & ~isolation.ADDR_MASK) | pa)

    def check(self, tmp_path) -> subprocess.CompletedProcess:
        path = tmp_path / "broken.bin"
        path.write_bytes(bytes(self.data))
        return run("--dump", str(path))


def test_the_demo_shares_only_its_channel_and_the_monitors_read_only_window(dump):
    path, _ = dump
    r = run("--dump", str(path))
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "isolation: 4 cells, 8 runs of translations read back from their stage-2 tables"
    assert "isolation: linux and rtcd share channel 'rtc': 4K" in lines
    assert "isolation: linux and monitor share inspect 'linux memory', monitor read-only: 256M" in lines
    assert lines[-1] == "isolation: ok" and "FINDING" not in r.stdout


def test_a_cell_mapped_onto_another_cells_ram_is_found(dump, tmp_path):
    img = Image(dump[1])
    linux_ram = img.u64(img.descriptor("linux", RAM_IPA)) & isolation.ADDR_MASK
    img.remap("rtcd", RAM_IPA, linux_ram)
    r = img.check(tmp_path)
    assert r.returncode == 1
    assert f"FINDING: rtcd: IPA {RAM_IPA:#x}-0x401fffff -> PA {linux_ram:#x}: the spec gives it nothing there" in r.stdout
    assert f"FINDING: linux and rtcd share PA {linux_ram:#x}-{linux_ram + 0x1fffff:#x}, which the spec does not declare" in r.stdout
    # the monitor's window is on Linux alone: rtcd may not share it either
    assert f"FINDING: rtcd and monitor share PA {linux_ram:#x}-{linux_ram + 0x1fffff:#x}, which the spec does not declare" in r.stdout
    assert r.stdout.splitlines()[-1] == "isolation: FAILED, 3 finding(s)"


@pytest.mark.parametrize("cell, ipa, level, change, findings", [
    # the monitor's window on Linux's RAM made writable
    ("monitor", INSPECT_IPA, 3, lambda d: d | isolation.AP_WRITE,
     ["its window on linux memory is writable, not read-only",
      "FINDING: linux and monitor share PA 0x40000000"]),
    # a level-2 table at PA 0x1000 (flash, not the hypervisor's pool) under rtos's RAM
    ("rtos", RAM_IPA, 1, lambda d: 0x1000 | 3,
     ["FINDING: rtos: a level-2 table at 0x1000 is outside the hypervisor's memory",
      "FINDING: rtos: memory (ram, IPA 0x40000000) is mapped for 0x0 of its 0x200000 bytes"]),
], ids=["writable-window", "table-outside"])
def test_a_broken_descriptor_is_found(dump, tmp_path, cell, ipa, level, change, findings):
    img = Image(dump[1])
    entry = img.descriptor(cell, ipa, stop=level)
    img.put(entry, change(img.u64(entry)))
    r = img.check(tmp_path)
    assert r.returncode == 1
    for line in findings:
        assert line in r.stdout, r.stdout


def test_a_mapping_of_the_hypervisor_is_found(dump, tmp_path):
    img = Image(dump[1])
    img.remap("rtos", RAM_IPA, img.base)
    r = img.check(tmp_path)
    assert r.returncode == 1
    assert f"-> PA {img.base:#x}: reaches the hypervisor's memory" in r.stdout


def test_an_image_of_another_hypervisor_is_refused_in_one_line(dump, tmp_path):
    img = Image(dump[1])
    img.put(img.locator, 0)
    r = img.check(tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith("isolation: tessera_locator reads 0x0 version 0"), r.stderr


def test_a_wrong_image_or_spec_is_refused_in_one_line(tmp_path):
    """An ELF that is no hypervisor image (a cell's) and a spec with an error each get one
    message and exit 2, no traceback."""
    cell = ROOT / "build/cells/ticker/ticker.elf"
    r = subprocess.run([sys.executable, "tools/isolation.py", "--spec", SPEC, "--elf", str(cell),
                        "--dump", str(tmp_path / "none.bin")], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.startswith("isolation: ") and "not a Tessera image this tool can read" in r.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text((ROOT / SPEC).read_text().replace("system: demo", "system: demo\nbogus: 1"))
    r = subprocess.run([sys.executable, "tools/isolation.py", "--spec", str(bad), "--elf", str(ELF),
                        "--boot"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert "bogus" in r.stderr and r.stderr.startswith(str(bad)), r.stderr
