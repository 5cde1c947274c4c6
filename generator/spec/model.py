# SPDX-License-Identifier: GPL-2.0
"""The checked system model: frozen dataclasses built from the YAML spec by spec/load.py.

Sizes are bytes (int), durations nanoseconds (int).  Every object carries ``path``, its key path
in the spec ("cells[1].memory[0]"); ``System.pos(path)`` gives the source position of that path or
of its nearest ancestor that has one.  Image paths are resolved relative to the spec file and kept
both as given (``*_text``, for messages) and resolved (``Path``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diag import Pos

OS_KINDS = ("linux", "baremetal")
RECOVERY_KINDS = ("none", "restart", "restore")
POWER_POLICIES = ("performance", "powersave", "ondemand")
CONTROL_RIGHTS = ("restart", "stop", "start")
INSPECT_KINDS = ("none", "read-only")

DEFAULT_IPA_BASE = 0x4000_0000
# Each cell's virtual GIC has INTIDs 0..CELL_INTIDS-1: passthrough SPIs and doorbells must fit.
# Emitted as SYSCONFIG_CELL_INTIDS, from which the hypervisor sizes its vGIC.
CELL_INTIDS = 256
# One GICv3 redistributor (RD_base + SGI_base, 64 KiB each) per vCPU: the size of each cell's
# redistributor window (place/ and the cell DT read it from here; the hypervisor gets it as
# SYSCONFIG_GICR_FRAME, for its vGIC windows and sys_config.gicr_stride).
GICR_FRAME = 0x2_0000


@dataclass(frozen=True)
class MemoryRegion:
    path: str                 # "cells[0].memory[0]" (or "cells[0].memory" for the scalar form)
    size: int
    base: int | None = None   # pinned physical base, else placed by the generator
    ipa: int | None = None    # guest-physical base; the first region defaults to DEFAULT_IPA_BASE


@dataclass(frozen=True)
class Realtime:
    path: str
    period_ns: int
    budget_ns: int


@dataclass(frozen=True)
class Checkpoint:
    path: str
    size: int
    base: int | None = None


@dataclass(frozen=True)
class RestartLimit:
    path: str
    count: int                # more restarts than this within window_ns: the cell fails
    window_ns: int


# A checkpoint area holds, before the cell's RAM image (hypervisor/core/checkpoint.c): the
# cell-wide state (virtual GIC distributor, UART), each vCPU's state, and a dirty-page map of one
# bit per 4 KiB page of RAM.  core/checkpoint.c static_asserts that its structs fit these
# (SYSCONFIG_CHECKPOINT_CELL_BYTES, _VCPU_BYTES); they measured 1040 and 2464 bytes.
CHECKPOINT_CELL_BYTES = 0x800
CHECKPOINT_VCPU_BYTES = 0xc00
CHECKPOINT_PAGE = 0x1000

# What a cell gets without 'restart_limit' (docs/spec.md).
DEFAULT_RESTART_LIMIT = (3, 60_000_000_000)

# How long a watched cell's vCPU may hold its timer interrupt untaken when the
# watch has no heartbeat (whose timeout applies otherwise).
DEFAULT_WATCH_TIMEOUT_NS = 1_000_000_000
# How long the monitor cell may go without sampling a watched vCPU before the hypervisor
# applies the monitor's own recovery (monitor.timeout; core/monitor.c).  It samples every
# MONITOR_SAMPLE_NS (cells/monitor/monitor.c); the bounds keep a timeout a few samples long.
DEFAULT_MONITOR_TIMEOUT_NS = 1_000_000_000
MONITOR_SAMPLE_NS = 10_000_000
MONITOR_TIMEOUT_MIN_NS = 100_000_000
MONITOR_TIMEOUT_MAX_NS = 3600 * 1_000_000_000


@dataclass(frozen=True)
class Cell:
    path: str                 # "cells[i]"
    index: int
    name: str
    os: str                   # OS_KINDS
    vcpus: int
    memory: tuple[MemoryRegion, ...]
    image: Path | None        # resolved against the spec's directory
    image_text: str | None    # as written in the spec
    initrd: Path | None = None
    initrd_text: str | None = None
    bootargs: str = ""
    devices: tuple[str, ...] = ()   # board device references: DT label or node path
    recovery: str = "none"          # RECOVERY_KINDS
    realtime: Realtime | None = None
    checkpoint: Checkpoint | None = None   # area for 'recovery: restore'
    trust_dma: bool = False         # accept passthrough DMA masters no IOMMU confines
    restart_limit: RestartLimit | None = None   # None: DEFAULT_RESTART_LIMIT
    console: str = "focus"          # its lines live on the terminal: "focus" or "always"

    @property
    def ram_size(self) -> int:
        return sum(m.size for m in self.memory)


@dataclass(frozen=True)
class CheckpointLayout:
    """Where things are in a cell's checkpoint area, as offsets from its base."""
    dirty_offset: int         # the dirty-page map, after the cell's and its vCPUs' state
    dirty_bytes: int          # a bit per 4 KiB page of RAM, in whole 64-bit words
    ram_offset: int           # the RAM image: everything before it is the overhead


def checkpoint_layout(cell: Cell) -> CheckpointLayout:
    """The cell's own figure, not a worst case: its vCPU count and its RAM size decide it."""
    dirty_offset = CHECKPOINT_CELL_BYTES + cell.vcpus * CHECKPOINT_VCPU_BYTES
    pages = cell.ram_size // CHECKPOINT_PAGE
    dirty_bytes = (pages + 63) // 64 * 8
    ram_offset = -(-(dirty_offset + dirty_bytes) // CHECKPOINT_PAGE) * CHECKPOINT_PAGE
    return CheckpointLayout(dirty_offset, dirty_bytes, ram_offset)


@dataclass(frozen=True)
class Control:
    path: str
    from_cell: str
    allow: tuple[str, ...]    # CONTROL_RIGHTS


@dataclass(frozen=True)
class Channel:
    path: str                 # "channels[i]"
    index: int
    name: str
    between: tuple[str, str]
    size: int
    base: int | None = None
    control: Control | None = None


@dataclass(frozen=True)
class Heartbeat:
    path: str
    period_ns: int
    timeout_ns: int


@dataclass(frozen=True)
class Rule:
    """An integrity rule of a watch, as data: what to read (a region the watched kernel reports,
    or IPAs of the watched cell), how to judge it, how often.  A built-in rule by name gets its
    defaults from spec/rules.py, which the spec's own keys override."""
    path: str                 # "monitor.watch[i].rules[k]"
    name: str
    region: str               # "kernel.text", ... or "ipa" (then base, size); "" if unknown
    check: str                # "hash" | "allow" | "" if unknown
    allow: tuple[str, ...]    # module names, for check: allow
    period_ns: int
    base: int = 0
    size: int = 0


@dataclass(frozen=True)
class Watch:
    path: str                 # "monitor.watch[i]"
    cell: str
    heartbeat: Heartbeat | None
    inspect: str              # INSPECT_KINDS
    on_failure: str           # RECOVERY_KINDS
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class Monitor:
    path: str
    cell: str
    watch: tuple[Watch, ...]
    timeout_ns: int = DEFAULT_MONITOR_TIMEOUT_NS   # the hypervisor's watch on the monitor itself


@dataclass(frozen=True)
class PowerState:
    path: str                 # "power.states[i]"
    name: str
    cpus: tuple[int, ...]


@dataclass(frozen=True)
class Ondemand:
    path: str                 # "power.ondemand", or "power" when it is all defaults
    window_ns: int            # load is measured over this
    up: int                   # percent: above it, the next state with more cores
    down: int                 # percent: below it, the next state with fewer cores
    given: bool = True        # the spec has a power.ondemand mapping


ONDEMAND_WINDOW_NS = 100_000_000
ONDEMAND_UP = 80
ONDEMAND_DOWN = 20
ONDEMAND_WINDOW_RANGE_NS = (10_000_000, 10_000_000_000)
DEFAULT_ONDEMAND = Ondemand("power", ONDEMAND_WINDOW_NS, ONDEMAND_UP, ONDEMAND_DOWN, False)


@dataclass(frozen=True)
class Power:
    path: str
    policy: str
    states: tuple[PowerState, ...]
    ondemand: Ondemand = DEFAULT_ONDEMAND


# A derived hypervisor.memory is a whole number of these (a stage-2/stage-1 block).
HV_MEMORY_BLOCK = 0x20_0000


@dataclass(frozen=True)
class Hypervisor:
    path: str
    console: str              # board UART: DT label or node path
    memory: int | None        # None: derived by place/hv_memory.py
    base: int | None = None

    @property
    def memory_at_least(self) -> int:
        """What the checks count before placement: the given size, else one block (the least
        the derived size can be)."""
        return self.memory if self.memory is not None else HV_MEMORY_BLOCK


@dataclass(frozen=True)
class System:
    spec_file: str            # the spec path as given (used in messages)
    spec_dir: Path
    name: str
    board: str
    hypervisor: Hypervisor
    cells: tuple[Cell, ...]
    channels: tuple[Channel, ...] = ()
    monitor: Monitor | None = None
    power: Power | None = None      # None -> one state "full" with every board core
    positions: dict[str, Pos] = field(default_factory=dict, compare=False, repr=False)

    def pos(self, path: str) -> Pos | None:
        """Position of ``path`` or of its nearest ancestor ("a.b[2].c" -> "a.b[2]" -> "a.b" -> "a")."""
        p = path
        while p:
            if p in self.positions:
                return self.positions[p]
            cut = max(p.rfind("."), p.rfind("["))
            p = p[:cut] if cut > 0 else ""
        return self.positions.get("")

    def cell(self, name: str) -> Cell | None:
        return next((c for c in self.cells if c.name == name), None)


# ---- board model (generator/board/ builds it from dts/boards/<board>.dts) ----

@dataclass(frozen=True)
class Irq:
    kind: str                 # "spi" | "ppi"
    number: int               # as in the DT cell (SPI n -> INTID 32+n, PPI n -> INTID 16+n)
    flags: int                # DT trigger flags (1 edge rising, 4 level high)

    @property
    def intid(self) -> int:
        return self.number + (32 if self.kind == "spi" else 16)


@dataclass(frozen=True)
class Device:
    path: str                 # node path, "/pl011@9000000"
    labels: tuple[str, ...]   # ("uart0",)
    compatible: tuple[str, ...]
    reg: tuple[tuple[int, int], ...]   # (base, size) pairs, root address space
    irqs: tuple[Irq, ...]
    dma: tuple[str, ...] = ()          # why it can master DMA ("dma-coherent", ...); () if it cannot
    iommus: bool = False               # the board puts an IOMMU in front of it ('iommus')


@dataclass(frozen=True)
class BoardCpu:
    index: int                # position in /cpus, 0-based: the "core number" specs use
    mpidr: int                # from reg; affinity fields only
    path: str
    compatible: str = "arm,cortex-a57"   # the core model, which a cell's vCPUs show too


# The UART models the hypervisor can take as its console and emulate for cells: compatible -> name
# (SYSCONFIG_UART_<NAME> selects the driver).
UART_MODELS = {"arm,pl011": "pl011", "cdns,uart-r1p12": "cdns"}


def uart_model(dev: "Device") -> str:
    """The model name of a console UART ``dev`` (the checks made sure it is one)."""
    return next(UART_MODELS[c] for c in dev.compatible if c in UART_MODELS)


@dataclass(frozen=True)
class Board:
    name: str
    dts_path: str             # relative path, for messages
    memory: tuple[tuple[int, int], ...]   # RAM banks (base, size)
    cpus: tuple[BoardCpu, ...]
    devices: tuple[Device, ...]           # every node with 'reg' outside /cpus and /memory
    gicd: tuple[int, int]                 # distributor (base, size)
    gicr: tuple[int, int]                 # redistributor region (base, size); GICv3 only
    timer_ppis: tuple[Irq, ...]           # secure, non-secure, virtual, hyp (DT order)
    pmu_ppis: tuple[Irq, ...] = ()        # the PMU's overflow interrupt; () if the board has no PMU node
    uart_compatible: tuple[str, ...] = tuple(UART_MODELS)   # UART models a console may be
    nodes: tuple[Device, ...] = ()        # every node (with or without reg), to explain bad references
    gic_version: int = 3
    # GICv2 only: CPU interface, virtual interface control, virtual CPU interface (base, size)
    gicc: tuple[int, int] = (0, 0)
    gich: tuple[int, int] = (0, 0)
    gicv: tuple[int, int] = (0, 0)

    def gic_regions(self) -> tuple[tuple[int, int], ...]:
        """The GIC's register ranges the hypervisor itself uses."""
        if self.gic_version == 2:
            return (self.gicd, self.gicc, self.gich)
        return (self.gicd, self.gicr)

    def el2_slots(self, console: Device) -> dict[int, str]:
        """The hypervisor's own EL2 map in 1 GiB blocks (slot -> "NORMAL" or "DEVICE"): the RAM
        banks, and the GIC and console UART it drives.  A slot both would need is "BOTH" (the
        checks refuse such a board)."""
        slots: dict[int, str] = {}
        for kind, ranges in (("NORMAL", self.memory), ("DEVICE", self.gic_regions() + console.reg[:1])):
            for base, size in ranges:
                for i in range(base >> 30, ((base + size - 1) >> 30) + 1):
                    slots[i] = kind if slots.get(i, kind) == kind else "BOTH"
        return dict(sorted(slots.items()))

    def device(self, ref: str) -> Device | None:
        """Find a device by DT label or node path."""
        for d in self.devices:
            if ref == d.path or ref in d.labels:
                return d
        return None
