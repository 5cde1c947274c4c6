# SPDX-License-Identifier: GPL-2.0
"""Checks of the Linux cell recipe (cells/linux/).

Static checks always run.  Checks of build/cells/linux/{Image,
initramfs.cpio.gz,module/tessera.ko,tool/tessera} are skipped when they have
not been built (`make linux` builds them).  The QEMU boot test is opt-in:
TESSERA_LINUX_BOOT=1.
"""

import gzip
import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "cells", "linux")
BUILD = os.environ.get("BUILD", "build")
OUT = os.path.join(BUILD if os.path.isabs(BUILD) else os.path.join(ROOT, BUILD),
                   "cells", "linux")
LOCK = os.path.join(SRC, "packages.lock")
IMAGE = os.path.join(OUT, "Image")
INITRAMFS = os.path.join(OUT, "initramfs.cpio.gz")
MODULE = os.path.join(OUT, "module", "tessera.ko")
TEST_MODULES = [os.path.join(OUT, "module", f"{m}.ko")
                for m in ("tessera_spin", "tessera_hook", "tessera_stray")]  # linux.mk: LINUX_TEST_MODS
TOOL = os.path.join(OUT, "tool", "tessera")
HEADERS_OK = os.path.join(OUT, "headers", "release")
ROLES = {"kernel", "headers", "headers-common", "busybox"}

LINE_RE = re.compile(r"^(\S+) (\S+) (\S+) ([0-9a-f]{64})$")
MARKERS = ("tessera-linux: init started", "tessera-linux: cpus=",
           "tessera-linux: memtotal_kb=", "tessera-linux: ready")


def read_lock():
    suite, entries = None, {}
    with open(LOCK, encoding="utf-8") as f:
        for line in f.read().splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("suite "):
                suite = line.split()[1]
                continue
            m = LINE_RE.match(line)
            assert m, f"malformed lock line: {line!r}"
            assert m.group(1) not in entries, f"duplicate role {m.group(1)}"
            entries[m.group(1)] = m.group(2, 3, 4)
    return suite, entries


def elf_sections(data):
    """{name: bytes} of a little-endian ELF64 file's sections."""
    assert data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1, "not ELF64 LE"
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3a)

    def hdr(i):
        return struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
    strtab = hdr(shstrndx)
    names = data[strtab[4]:strtab[4] + strtab[5]]
    out = {}
    for i in range(shnum):
        h = hdr(i)
        name = names[h[0]:names.index(b"\0", h[0])].decode()
        out[name] = data[h[4]:h[4] + h[5]] if h[1] != 8 else b""   # SHT_NOBITS
    return out


def modinfo(path):
    """The .modinfo key=value pairs of a kernel module."""
    with open(path, "rb") as f:
        raw = elf_sections(f.read())[".modinfo"]
    return dict(kv.split("=", 1) for kv in raw.decode().split("\0") if "=" in kv)


def cpio_entries(path):
    """Parse a gzip'ed newc cpio: [(name, mode, uid, gid, mtime, data)]."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    out, off = [], 0
    while True:
        hdr = raw[off:off + 110]
        assert hdr[:6] == b"070701", f"bad newc magic at {off}"
        fields = [int(hdr[6 + 8 * i:14 + 8 * i], 16) for i in range(13)]
        mode, uid, gid, mtime, size, namesize = (fields[1], fields[2],
                                                 fields[3], fields[5],
                                                 fields[6], fields[11])
        name_end = off + 110 + namesize
        name = raw[off + 110:name_end - 1].decode()
        data_off = (name_end + 3) & ~3
        data = raw[data_off:data_off + size]
        off = (data_off + size + 3) & ~3
        if name == "TRAILER!!!":
            return out
        out.append((name, mode, uid, gid, mtime, data))


# ---------------------------------------------------------------- static

def test_lock_format():
    suite, entries = read_lock()
    assert suite == "bookworm"
    assert set(entries) == ROLES
    kpkg, kver, _ = entries["kernel"]
    assert re.fullmatch(r"linux-image-\d+\.\d+\.\d+-\d+-arm64(-unsigned)?", kpkg)
    assert re.fullmatch(r"\d+\.\d+\.\d+-\d+\S*", kver)
    assert entries["busybox"][0] == "busybox-static"


def test_lock_pins_the_kernels_own_headers():
    """The module is built against linux-headers-<release> and its -common package, at the
    kernel's version, each pinned with its sha256 like the kernel."""
    _, entries = read_lock()
    kpkg, kver, _ = entries["kernel"]
    release = re.fullmatch(r"linux-image-(.+?)(-unsigned)?", kpkg).group(1)
    hpkg, hver, hsum = entries["headers"]
    cpkg, cver, csum = entries["headers-common"]
    assert hpkg == "linux-headers-" + release
    assert re.fullmatch(r"linux-headers-\d+\.\d+\.\d+-\d+-common", cpkg), cpkg
    assert release.startswith(cpkg[len("linux-headers-"):-len("-common")] + "-"), (release, cpkg)
    assert hver == cver == kver
    assert re.fullmatch(r"[0-9a-f]{64}", hsum) and re.fullmatch(r"[0-9a-f]{64}", csum)


def test_debs_py_refuses_a_lock_whose_headers_are_not_the_kernels(tmp_path):
    """A hand-edited lock with headers of another version is an error, not a silent mismatch."""
    with open(LOCK, encoding="utf-8") as f:
        text = f.read()
    _, entries = read_lock()
    hpkg, hver, hsum = entries["headers"]
    bad = tmp_path / "packages.lock"
    bad.write_text(text.replace(f"headers {hpkg} {hver} {hsum}",
                                f"headers {hpkg} {hver}+other {hsum}"))
    r = subprocess.run([sys.executable, os.path.join(SRC, "debs.py"), "--lock", str(bad),
                        "--work", str(tmp_path), "path", "headers"],
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert "not at the kernel's version" in r.stderr and "make linux-lock" in r.stderr


def test_scripts_have_spdx_header():
    for name in ("linux.mk", "debs.py", "extract-kernel.sh", "extract-headers.sh",
                 "make-initramfs.sh", "init", "inittab", "profile",
                 "qemu-smoke.py", "module/Kbuild", "module/Makefile"):
        with open(os.path.join(SRC, name), encoding="utf-8") as f:
            head = f.read().splitlines()[:2]
        assert "# SPDX-License-Identifier: GPL-2.0" in head, name


def test_init_prints_markers():
    with open(os.path.join(SRC, "init"), encoding="utf-8") as f:
        text = f.read()
    for m in MARKERS:
        assert m in text, m
    # the module is loaded before "ready", and init says how that went
    assert text.index("insmod /lib/modules/tessera.ko") < text.index("tessera-linux: ready")
    assert "tessera-linux: module=loaded" in text and "tessera-linux: module=FAILED" in text


def test_module_includes_the_uapi_header_not_a_copy():
    """The guest ABI has one home, hypervisor/include/uapi/tessera.h: the module includes it
    through its include path, the tool shares only the ioctl header."""
    mod = os.path.join(SRC, "module")
    assert not os.path.exists(os.path.join(mod, "tessera.h"))
    with open(os.path.join(mod, "core.c"), encoding="utf-8") as f:
        assert "#include <tessera.h>" in f.read()
    with open(os.path.join(mod, "Kbuild"), encoding="utf-8") as f:
        assert "-I$(TESSERA_UAPI)" in f.read()
    with open(os.path.join(SRC, "tool", "tessera.c"), encoding="utf-8") as f:
        assert '#include "tessera_ioctl.h"' in f.read()


# ---------------------------------------------------------------- built

needs_image = pytest.mark.skipif(
    not os.path.isfile(IMAGE),
    reason=f"{os.path.relpath(IMAGE, ROOT)} not built (run `make linux`)")
needs_initramfs = pytest.mark.skipif(
    not os.path.isfile(INITRAMFS),
    reason=f"{os.path.relpath(INITRAMFS, ROOT)} not built (run `make linux`)")


@needs_image
def test_image_is_raw_arm64():
    with open(IMAGE, "rb") as f:
        hdr = f.read(64)
    assert hdr[56:60] == b"ARM\x64", "no arm64 Image magic at offset 56"
    assert os.path.getsize(IMAGE) > 4 << 20


@needs_image
def test_image_matches_locked_kernel():
    release = os.path.join(OUT, "kernel.release")
    if not os.path.isfile(release):
        pytest.skip("kernel.release not built")
    kpkg = read_lock()[1]["kernel"][0]
    with open(release) as f:
        rel = f.read().strip()
    assert kpkg.startswith("linux-image-" + rel), (kpkg, rel)


@needs_initramfs
def test_initramfs_contents():
    ents = cpio_entries(INITRAMFS)
    names = [e[0] for e in ents]
    for need in ("init", "bin/busybox", "bin/sh", "etc/inittab", "lib/modules/tessera.ko",
                 "bin/tessera"):
        assert need in names, need
    assert names == sorted(names), "entries not sorted"
    for name, mode, uid, gid, _, data in ents:
        assert (uid, gid) == (0, 0), name
        if name in ("init", "bin/busybox", "bin/tessera"):
            assert mode & 0o111, f"{name} not executable"
    assert len({e[4] for e in ents}) == 1, "mtimes not fixed"
    busybox = dict((e[0], e[5]) for e in ents)["bin/busybox"]
    assert busybox[:4] == b"\x7fELF" and busybox[18] == 183, "not arm64 ELF"
    init = dict((e[0], e[5]) for e in ents)["init"]
    assert init.startswith(b"#!/bin/busybox sh")
    files = dict((e[0], e[5]) for e in ents)
    tool = files["bin/tessera"]
    assert tool[:4] == b"\x7fELF" and tool[18] == 183, "tessera tool not arm64 ELF"
    assert b"/lib/ld-linux" not in tool, "tessera tool is not static"
    if os.path.isfile(MODULE):
        with open(MODULE, "rb") as f:
            assert files["lib/modules/tessera.ko"] == f.read()


@needs_initramfs
def test_initramfs_reproducible(tmp_path):
    _, entries = read_lock()
    pkg, ver, digest = entries["busybox"]
    deb = os.path.join(OUT, "debs",
                       f"{pkg}_{ver.replace(':', '%3a')}_arm64.deb")
    if not os.path.isfile(deb):
        pytest.skip("busybox .deb not cached")
    out = tmp_path / "initramfs.cpio.gz"
    env = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get(
        "SOURCE_DATE_EPOCH", "0"))
    if not all(os.path.isfile(p) for p in (MODULE, TOOL, *TEST_MODULES)):
        pytest.skip("tessera.ko, the test modules or the tessera tool not built")
    subprocess.run([os.path.join(SRC, "make-initramfs.sh"), deb, SRC,
                    str(out), MODULE, TOOL, *TEST_MODULES], check=True, env=env, capture_output=True)

    def h(p):
        with open(p, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    assert h(out) == h(INITRAMFS)


@pytest.mark.skipif(os.environ.get("TESSERA_LINUX_BOOT") != "1",
                    reason="QEMU boot test is opt-in: TESSERA_LINUX_BOOT=1")
@needs_image
@needs_initramfs
def test_boot_on_bare_qemu():
    if not shutil.which("qemu-system-aarch64"):
        pytest.skip("qemu-system-aarch64 not installed")
    r = subprocess.run([sys.executable, os.path.join(SRC, "qemu-smoke.py"),
                        "--build", os.path.dirname(os.path.dirname(OUT)),
                        "--append", "quiet"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr


# ---------------------------------------------------------------- tessera.ko

needs_module = pytest.mark.skipif(
    not os.path.isfile(MODULE),
    reason=f"{os.path.relpath(MODULE, ROOT)} not built (run `make linux`)")


@needs_module
def test_module_vermagic_is_the_kernels_release():
    """The stock kernel loads the module only if its vermagic starts with the kernel's
    release: the release read from the Image's package and the lock's headers."""
    release_file = os.path.join(OUT, "kernel.release")
    if not os.path.isfile(release_file):
        pytest.skip("kernel.release not built")
    with open(release_file) as f:
        release = f.read().strip()
    info = modinfo(MODULE)
    assert info["vermagic"].split()[0] == release, info["vermagic"]
    assert "modversions" in info["vermagic"].split()    # as the kernel's CONFIG_MODVERSIONS
    assert info["name"] == "tessera" and info["license"] == "GPL"
    assert read_lock()[1]["headers"][0] == "linux-headers-" + release


@needs_module
def test_module_has_no_build_paths():
    with open(MODULE, "rb") as f:
        data = f.read()
    for path in (ROOT, OUT, os.path.realpath(OUT)):
        assert path.encode() not in data, path
    assert ".debug_info" not in elf_sections(data), "debug info not stripped"


@needs_module
@pytest.mark.skipif(not os.path.isfile(HEADERS_OK), reason="headers not extracted")
def test_module_and_tool_builds_are_byte_identical(tmp_path):
    """Two more builds of tessera.ko and the tool, from copies of the sources at two other
    paths, are byte-identical to each other and to the one in the initramfs."""
    def build(where):
        out = tmp_path / where
        env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
        r = subprocess.run(["make", "--no-print-directory", "-f", "cells/linux/linux.mk",
                            f"BUILD={BUILD}", f"LINUX_MODULE_OUT={out}/module",
                            f"LINUX_TOOL={out}/tool/tessera",
                            f"{out}/module/tessera.ko", f"{out}/tool/tessera"],
                           cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
        assert r.returncode == 0, r.stdout + r.stderr
        return [(out / p).read_bytes() for p in ("module/tessera.ko", "tool/tessera")]

    first, second = build("first"), build("second-elsewhere")
    assert first == second
    with open(MODULE, "rb") as f:
        assert first[0] == f.read()
    if os.path.isfile(TOOL):
        with open(TOOL, "rb") as f:
            assert first[1] == f.read()
