# SPDX-License-Identifier: GPL-2.0
"""Cell images: the files exist, fit the cell's first RAM region, and Linux images are arm64 Images."""
from __future__ import annotations

import os
from pathlib import Path

from ..diag import Diagnostic
from ..spec.model import Board, Cell, System
from ..spec.units import fmt_size
from .common import err

ARM64_MAGIC = b"ARM\x64"
ARM64_MAGIC_OFFSET = 56
ARM64_IMAGE_SIZE_OFFSET = 16
ARM64_HEADER_SIZE = 64


def _missing(system: System, path: str, kind: str, file: Path, text: str) -> Diagnostic | None:
    if file.is_file():
        return None
    state = "is a directory" if file.is_dir() else "not found"
    return err(system, path, f"{kind} '{text}' {state} (looked for {os.path.relpath(file)})",
               "build it first, or fix the path (it is relative to the spec's directory)")


def _linux_footprint(system: System, c: Cell, size: int) -> tuple[int, Diagnostic | None]:
    with open(c.image, "rb") as f:
        header = f.read(ARM64_HEADER_SIZE)
    if len(header) < ARM64_HEADER_SIZE or header[ARM64_MAGIC_OFFSET:ARM64_MAGIC_OFFSET + 4] != ARM64_MAGIC:
        return size, err(system, f"{c.path}.image",
                         f"'{c.image_text}' is not an arm64 Linux Image (no \"ARM\\x64\" magic at offset 56)",
                         "use arch/arm64/boot/Image (not vmlinux or a compressed Image.gz), "
                         "or set 'os: baremetal' for a raw binary")
    image_size = int.from_bytes(header[ARM64_IMAGE_SIZE_OFFSET:ARM64_IMAGE_SIZE_OFFSET + 8], "little")
    return max(size, image_size), None


def _cell(system: System, c: Cell) -> list[Diagnostic]:
    out = []
    if c.initrd is not None:
        out += filter(None, [_missing(system, f"{c.path}.initrd", "initrd", c.initrd, c.initrd_text)])
    missing = _missing(system, f"{c.path}.image", "image", c.image, c.image_text)
    if missing:
        return out + [missing]
    size = c.image.stat().st_size
    need, problem = (size, None) if c.os != "linux" else _linux_footprint(system, c, size)
    if problem:
        return out + [problem]
    ram = c.memory[0]
    if need > ram.size:
        what = ("needs" if need > size else "is") + f" {fmt_size(need)}"
        what += " (image_size in its header)" if need > size else ""
        size_path = ram.path if ram.path.endswith(".memory") else f"{ram.path}.size"
        out.append(err(system, f"{c.path}.image",
                       f"image '{c.image_text}' {what}, more than the cell's first RAM region ({fmt_size(ram.size)})",
                       f"raise the memory size to at least {fmt_size(-(-need // 4096) * 4096)}",
                       (size_path, "the region's size is set here")))
    return out


def check(system: System, board: Board) -> list[Diagnostic]:
    return [d for c in system.cells for d in _cell(system, c)]
