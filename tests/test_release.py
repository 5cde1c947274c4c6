# SPDX-License-Identifier: GPL-2.0
"""`make release` (tools/release.py): the default demo built twice from scratch, bit-identical,
booted once to check its isolation, in a folder with its reports, a manifest of every input and
SHA256SUMS; a build that is not reproducible is no release."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys

from specbuild import INTERLEAVED, ROOT

SPEC = "configs/qemu-virt.yaml"
OUT = "build/specs/release"
FILES = ["SHA256SUMS", "fmea.md", "manifest.json", "report.md", "tessera.elf"]


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_release() -> dict[str, bytes]:
    r = subprocess.run(["make", "--no-print-directory", *INTERLEAVED, f"SPEC={SPEC}", f"OUT={OUT}",
                        "release"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert "built twice, identical" in r.stdout, r.stdout
    folder = ROOT / OUT / "release"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_make_release_writes_the_image_its_reports_and_a_manifest_of_every_input():
    files = make_release()
    assert sorted(files) == FILES
    folder = ROOT / OUT / "release"
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count(": OK") == 4, check.stdout + check.stderr

    image = ROOT / OUT / "tessera.elf"
    again = ROOT / "build/release-check/tessera.elf"
    m = json.loads(files["manifest.json"])
    assert m["image"] == {"path": "tessera.elf", "sha256": sha256(image), "bytes": image.stat().st_size,
                          "reproducible": True}
    assert sha256(again) == m["image"]["sha256"] and files["tessera.elf"] == image.read_bytes()
    assert (m["system"], m["board"]["name"], m["spec"]["path"]) == ("demo", "qemu-virt", SPEC)
    assert m["spec"]["sha256"] == sha256(ROOT / SPEC)
    assert m["config"]["path"] == "build/interleaved.config"
    # every payload of every cell, hashed as it was built into the image
    assert [(p["cell"], p["kind"]) for p in m["payloads"]] == [
        ("linux", "image"), ("linux", "initrd"), ("rtos", "image"), ("rtcd", "image"), ("monitor", "image")]
    for p in m["payloads"]:
        assert p["sha256"] == sha256(ROOT / p["path"]), p
    # the pinned Debian packages, as the lock file has them
    lock = [line.split() for line in (ROOT / "cells/linux/packages.lock").read_text().splitlines()
            if len(line.split()) == 4 and not line.startswith("#")]
    assert [[d["role"], d["package"], d["version"], d["sha256"]] for d in m["debian_packages"]] == lock
    assert m["sources"]["files"] > 100 and len(m["sources"]["sha256"]) == 64
    if (ROOT / ".git").exists():
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
        assert m["sources"]["git"]["commit"] == head.strip()
    assert m["tools"]["gcc"].startswith("aarch64-linux-gnu-gcc")
    # what the cells share, read back from the booted image's stage-2 tables (tools/isolation.py)
    assert m["isolation"] == ["linux and rtcd share channel 'rtc': 4K",
                              "linux and monitor share inspect 'linux memory', monitor read-only: 256M"]
    # no time, no host, no absolute path: the same inputs give the same folder
    assert str(ROOT) not in files["manifest.json"].decode()
    assert make_release() == files


def test_an_image_that_differs_when_built_again_is_no_release(tmp_path):
    image = ROOT / OUT / "tessera.elf"
    if not image.exists():
        make_release()
    a, b = tmp_path / "a" / "tessera.elf", tmp_path / "b" / "tessera.elf"
    for p in (a, b):
        p.parent.mkdir()
        shutil.copyfile(image, p)
    data = bytearray(b.read_bytes())
    data[len(data) // 2] ^= 1
    b.write_bytes(bytes(data))
    for report in ("report.md", "fmea.md"):
        shutil.copyfile(image.parent / report, a.parent / report)
    r = subprocess.run([sys.executable, "tools/release.py", "--spec", SPEC, "--config",
                        "build/interleaved.config", "--image", str(a), "--again", str(b),
                        "--out", str(tmp_path / "release")], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "differ: the build is not reproducible" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "release").exists()
