# SPDX-License-Identifier: GPL-2.0
"""The arm64 Linux Image header (Documentation/arch/arm64/booting.rst): where and how big once loaded."""
from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

ARM64_MAGIC = b"ARM\x64"
HEADER_SIZE = 64


@dataclass(frozen=True)
class ImageHeader:
    text_offset: int   # load offset from a 2 MiB aligned base
    image_size: int    # bytes the kernel occupies once loaded (text, data, bss, ...)


def read_header(path: Path, file_size: int) -> ImageHeader:
    """Header of a Linux Image; tolerant of stand-in files (no magic): then it is loaded as is."""
    with open(path, "rb") as f:
        head = f.read(HEADER_SIZE)
    if len(head) < HEADER_SIZE or head[56:60] != ARM64_MAGIC:
        return ImageHeader(0, file_size)
    text_offset, image_size = struct.unpack_from("<QQ", head, 8)
    # image_size 0 means a pre-3.17 kernel: text_offset is then 0x80000 and the size unknown.
    return ImageHeader(text_offset, max(image_size, file_size))
