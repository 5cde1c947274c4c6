# SPDX-License-Identifier: GPL-2.0
"""What placement decided: physical regions, each cell's stage-2 mappings and payloads, channels.

Frozen dataclasses; the emitters read them and decide nothing further.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diag import Diagnostic
from ..spec.model import Device
from .hv_memory import HvNeed

# PhysRegion.kind
PHYS_HYPERVISOR = "hypervisor"
PHYS_STORE = "image-store"
PHYS_RAM = "ram"
PHYS_CHANNEL = "channel"
PHYS_CHECKPOINT = "checkpoint"

# Mapping.kind, named as enum mem_kind in sysconfig.h
MAP_RAM = "ram"
MAP_DEVICE = "device"
MAP_CHANNEL = "channel"
MAP_INSPECT = "inspect"
MAP_GICV = "gicv"   # a GICv2's virtual CPU interface at the cell's GICC address: every cell's, banked per core

CHANNEL_IPA_BASE = 0x10_0000_0000
INSPECT_IPA_BASE = 0x20_0000_0000
IPA_BITS = 39                    # VTCR_EL2.T0SZ = 25, stage 2 starts at level 1
DOORBELL_FIRST_INTID = 96        # virtual SPIs for channel doorbells start here
DTB_RESERVE = 0x1_0000           # store space per cell DTB


@dataclass(frozen=True)
class PhysRegion:
    base: int
    size: int
    owner: str     # "hypervisor", "image store", a cell or channel name
    kind: str      # PHYS_*
    path: str      # spec key path it comes from, for messages

    @property
    def end(self) -> int:
        return self.base + self.size


@dataclass(frozen=True)
class Mapping:
    """One stage-2 mapping of a cell (struct mem_region)."""
    ipa: int
    pa: int
    size: int
    kind: str      # MAP_*
    label: str     # what it is: "memory[0]", a device path, a channel name, "linux memory[0]"
    path: str = field(default="", compare=False)   # spec key path it comes from, for messages

    @property
    def ipa_end(self) -> int:
        return self.ipa + self.size


@dataclass(frozen=True)
class Payload:
    """A pristine blob in the image store, copied to load_ipa on every (re)start (struct payload)."""
    cell: str
    kind: str              # "image" | "dtb" | "initrd"
    source: Path | None    # None for the DTB, which the emitter generates
    store_pa: int
    reserve: int           # bytes reserved in the store (4 KiB multiple)
    size: int              # bytes to copy; for the DTB the reserve until the DTB is compiled
    load_ipa: int
    load_pa: int


@dataclass(frozen=True)
class CellLayout:
    index: int
    name: str
    vmid: int
    mappings: tuple[Mapping, ...]      # sorted by IPA, disjoint
    payloads: tuple[Payload, ...]      # image, dtb, initrd
    entry_ipa: int
    dtb_ipa: int
    initrd: tuple[int, int] | None     # IPA start, end (exclusive)
    devices: tuple[Device, ...]        # passthrough devices, in spec order
    irqs: tuple[int, ...]              # passthrough SPI INTIDs, sorted
    kernel_size: int                   # bytes the image occupies once loaded (Linux image_size)
    gicr: tuple[int, int] = (0, 0)     # the cell's redistributor window (IPA, size): a frame per vCPU

    @property
    def ram(self) -> tuple[Mapping, ...]:
        return tuple(m for m in self.mappings if m.kind == MAP_RAM)


@dataclass(frozen=True)
class ChannelLayout:
    index: int
    name: str
    pa: int
    size: int
    cells: tuple[int, int]        # cell indices of the two ends
    ipa: tuple[int, int]          # where each end sees the region
    doorbell: tuple[int, int]     # virtual SPI INTID raised in each end


@dataclass(frozen=True)
class WatchLayout:
    cell: int                     # watched cell index
    inspect_ipa: int              # 0 when not inspected
    windows: tuple[Mapping, ...]  # in the monitor's stage 2


@dataclass(frozen=True)
class Placement:
    hv: PhysRegion
    store: PhysRegion
    regions: tuple[PhysRegion, ...]    # every physical region (hv and store too), sorted by base
    cells: tuple[CellLayout, ...]
    channels: tuple[ChannelLayout, ...]
    watches: tuple[WatchLayout, ...]   # in monitor.watch order
    console: Device                    # the board UART the hypervisor owns
    stage2_pages: int                  # 4 KiB translation-table pages for every cell's stage 2
    warnings: tuple[Diagnostic, ...] = ()   # what the spec accepted at a risk (trust_dma), for people
    hv_need: HvNeed | None = None      # what the hypervisor image needs (place/hv_memory.py)
    hv_derived: bool = False           # hv.size was derived (hypervisor.memory not given)

    def channels_of(self, cell: int) -> list[tuple[ChannelLayout, int]]:
        """A cell's channels with its end (0/1) of each, in the order of its channel list: the
        order of its device tree's channel nodes and of the doorbell hypercall's index."""
        return [(ch, end) for ch in self.channels for end in (0, 1) if ch.cells[end] == cell]
