#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""`make release`: the image of a spec, shown to be bit-identical when built twice and to keep its
cells apart when booted (tools/isolation.py), in a folder with what a product engineer ships
beside it: the reports, a manifest of every input (spec, board, build options, each cell's
payloads with their hashes, the pinned Debian packages, the source tree, the tools) and what
the cells share, and SHA256SUMS (`sha256sum -c SHA256SUMS` checks the folder).

    tools/release.py --spec S --config C --image OUT/tessera.elf --again CHECK/tessera.elf --out DIR

--again is the same spec built from scratch into another folder (the Makefile does that); any
byte that differs stops the release.  The manifest itself has no time, no host name and no
absolute path, so the same inputs give the same folder, byte for byte.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
import isolation  # noqa: E402

# What the image is built from, besides the spec's own files (hashed one by one).
SOURCE_DIRS = ("hypervisor", "generator", "cells", "dts")
SOURCE_FILES = ("Kconfig", "Makefile")
SKIP_PARTS = {"__pycache__", "tests"}
LOCK = "cells/linux/packages.lock"
TOOLS = {"gcc": ["aarch64-linux-gnu-gcc", "--version"], "ld": ["aarch64-linux-gnu-ld", "--version"],
         "dtc": ["dtc", "--version"], "python": [sys.executable, "--version"]}


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def rel(path: Path) -> str:
    return os.path.relpath(Path(path).resolve(), ROOT)


def entry(path: Path) -> dict:
    return {"path": rel(path), "sha256": sha256(path), "bytes": Path(path).stat().st_size}


def source_tree() -> dict:
    """One hash over every source file's path and hash, in path order."""
    files = [ROOT / f for f in SOURCE_FILES]
    for d in SOURCE_DIRS:
        files += [p for p in (ROOT / d).rglob("*")
                  if p.is_file() and not SKIP_PARTS & set(p.relative_to(ROOT).parts)]
    h = hashlib.sha256()
    for p in sorted(files, key=rel):
        h.update(f"{rel(p)}\0{sha256(p)}\n".encode())
    return {"files": len(files), "sha256": h.hexdigest(), "git": git()}


def git() -> dict | None:
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout != ""
    except (OSError, subprocess.CalledProcessError):
        return None   # not a checkout: the tree hash above still says what was built
    return {"commit": commit, "dirty": dirty}


def debian_packages() -> list[dict]:
    out = []
    for line in (ROOT / LOCK).read_text().splitlines():
        fields = line.split()
        if len(fields) == 4 and not line.startswith("#"):
            role, name, version, digest = fields
            out.append({"role": role, "package": name, "version": version, "sha256": digest})
    return out


def tools() -> dict:
    """The first line each tool prints about its version."""
    found = {}
    for name, argv in TOOLS.items():
        try:
            r = subprocess.run(argv, capture_output=True, text=True)
        except OSError:
            found[name] = "missing"
            continue
        out = (r.stdout or r.stderr).splitlines()
        found[name] = out[0].strip() if r.returncode == 0 and out else "missing"
    return found


def payloads(system) -> list[dict]:
    out = []
    for cell in system.cells:
        for kind, path in (("image", cell.image), ("initrd", cell.initrd)):
            if path:
                out.append({"cell": cell.name, "kind": kind, **entry(path)})
    return out


def manifest(spec: Path, config: Path, image: Path) -> dict:
    from generator.board import load_board
    from generator.spec.load import load_system

    system = load_system(str(spec))
    board = load_board(system.board, str(ROOT / "dts/boards"))
    return {
        "format": 1,
        "system": system.name,
        "board": {"name": board.name, **entry(ROOT / board.dts_path)},
        "image": {**entry(image), "path": "tessera.elf", "reproducible": True},
        "spec": entry(spec),
        "config": entry(config),
        "payloads": payloads(system),
        "debian_packages": debian_packages(),
        "sources": source_tree(),
        "tools": tools(),
    }


def release(args) -> int:
    image, again = Path(args.image), Path(args.again)
    if image.read_bytes() != again.read_bytes():
        print(f"release: {rel(image)} and {rel(again)}, built from the same inputs, differ: the build "
              f"is not reproducible (compare them with 'cmp -l'); no release written", file=sys.stderr)
        return 1
    try:
        findings, summary = isolation.check_booted(args.spec, image)
    except (ValueError, RuntimeError, OSError) as e:
        print(f"release: the isolation check could not run: {e}; no release written", file=sys.stderr)
        return 1
    if findings:
        print("release: the image breaks isolation (tools/isolation.py); no release written:\n  " +
              "\n  ".join(findings), file=sys.stderr)
        return 1
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copyfile(image, out / "tessera.elf")
    for report in ("report.md", "fmea.md"):
        shutil.copyfile(image.parent / report, out / report)
    # what the cells share, read back from the booted image's stage-2 tables (the first line,
    # a count of translation runs, depends on how far the cells got and is left out)
    text = json.dumps({**manifest(Path(args.spec), Path(args.config), image), "isolation": summary[1:]},
                      indent=2, sort_keys=True)
    (out / "manifest.json").write_text(text + "\n")
    sums = "".join(f"{sha256(p)}  {p.name}\n" for p in sorted(out.iterdir()))
    (out / "SHA256SUMS").write_text(sums)
    print(f"  RELEASE {rel(out)}: tessera.elf {sha256(image)[:16]}..., built twice, identical; "
          f"isolation checked")
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for opt in ("--spec", "--config", "--image", "--again", "--out"):
        p.add_argument(opt, required=True)
    return release(p.parse_args())


if __name__ == "__main__":
    sys.exit(main())
