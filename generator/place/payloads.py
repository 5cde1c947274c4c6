# SPDX-License-Identifier: GPL-2.0
"""The image store (pristine payload copies) and where each payload lands in its cell's RAM.

Store order: cells in spec order, each cell's image, DTB, initrd (the order of struct payload).
Inside the first RAM region: the image at its start, the initrd 2 MiB aligned after the loaded
kernel, the DTB at the start of the last 2 MiB block (or in the last 64 KiB when RAM is smaller).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diag import Diagnostic
from ..spec.model import Cell, System
from .linux_image import read_header
from .result import DTB_RESERVE, Mapping, Payload
from ..spec.units import fmt_range, fmt_size
from .units import SZ_2M, SZ_4K, align_up


@dataclass(frozen=True)
class StoreItem:
    cell: Cell
    kind: str              # "image" | "dtb" | "initrd"
    source: Path | None
    size: int
    reserve: int


def store_items(system: System) -> list[StoreItem]:
    """The image store's contents.  The checks proved every payload file exists (checks/images.py)."""
    items = []
    for cell in system.cells:
        for kind, source in (("image", cell.image), ("dtb", None), ("initrd", cell.initrd)):
            if kind == "dtb":
                items.append(StoreItem(cell, kind, None, DTB_RESERVE, DTB_RESERVE))
                continue
            if source is None:
                continue
            size = Path(source).stat().st_size
            items.append(StoreItem(cell, kind, Path(source), size, align_up(max(size, 1), SZ_4K)))
    return items


def store_size(items: list[StoreItem]) -> int:
    return align_up(sum(i.reserve for i in items), SZ_2M)


@dataclass(frozen=True)
class Boot:
    payloads: tuple[Payload, ...]
    entry_ipa: int
    dtb_ipa: int
    initrd: tuple[int, int] | None
    kernel_size: int


def lay_out_boot(system: System, cell: Cell, ram: Mapping, items: list[StoreItem],
                 store_pa: dict[int, int]) -> tuple[Boot | None, list[Diagnostic]]:
    """Load addresses of one cell's payloads inside its first RAM region (``ram``).

    ``items`` are this cell's store items; ``store_pa`` maps id(item) to its store address.
    """
    by_kind = {i.kind: i for i in items}
    image = by_kind.get("image")
    ram_end = ram.ipa + ram.size
    load = {}
    end = ram.ipa
    kernel_size = 0
    if image is not None:
        text_offset, kernel_size = 0, image.size
        if cell.os == "linux":
            hdr = read_header(image.source, image.size)
            text_offset, kernel_size = hdr.text_offset, hdr.image_size
        load["image"] = ram.ipa + text_offset
        end = load["image"] + kernel_size
    if "initrd" in by_kind:
        load["initrd"] = align_up(end, SZ_2M)
        end = load["initrd"] + by_kind["initrd"].size
    # The DTB gets a 2 MiB block of its own when RAM allows (Linux maps it with one block).
    dtb = ram_end - SZ_2M if ram.size >= 2 * SZ_2M else ram_end - DTB_RESERVE
    if dtb < end:
        dtb = ram_end - DTB_RESERVE
    if dtb < end or dtb < ram.ipa:
        need = end - ram.ipa + DTB_RESERVE
        path = f"{cell.path}.memory"
        what = (f"'{cell.name}' boot payloads need {fmt_size(align_up(need, SZ_4K))} in its first RAM "
                f"region ({fmt_range(ram.ipa, end - ram.ipa)} for the image"
                + (" and initrd" if "initrd" in by_kind else "")
                + f", plus {fmt_size(DTB_RESERVE)} for the DTB) but it has {fmt_size(ram.size)}")
        return None, [Diagnostic(system.pos(path), path, what, "enlarge the cell's first memory region")]
    load["dtb"] = dtb
    payloads = tuple(Payload(cell.name, i.kind, i.source, store_pa[id(i)], i.reserve, i.size,
                             load[i.kind], ram.pa + (load[i.kind] - ram.ipa)) for i in items)
    initrd = None
    if "initrd" in by_kind:
        initrd = (load["initrd"], load["initrd"] + by_kind["initrd"].size)
    return Boot(payloads, load.get("image", ram.ipa), dtb, initrd, kernel_size), []
