# SPDX-License-Identifier: GPL-2.0
"""place(): the whole placement of a checked system on its board, or every finding."""
from __future__ import annotations

from dataclasses import replace

from ..diag import Diagnostic, DiagnosticError
from ..spec.model import HV_MEMORY_BLOCK, Board, System
from ..spec.units import fmt_size
from .doorbells import MAX_SPI_INTID, assign_doorbells
from .hv_memory import hv_need
from .ipa import channel_ipas, device_mappings, inspect_windows, passthrough_devices, ram_mappings
from .ipa_check import check_ipa, check_rule_regions, gicr_window
from .payloads import lay_out_boot, store_items, store_size
from .phys import place_physical
from .result import MAP_CHANNEL, MAP_GICV, CellLayout, ChannelLayout, Mapping, Placement, WatchLayout
from .stage2 import stage2_pages
from .units import SZ_4K, align_up


def place(system: System, board: Board) -> Placement:
    """Raises DiagnosticError with every finding when something does not fit.

    ``system`` passed the checks: the console is a board UART and every device reference names a
    board device (checks/hypervisor.py, checks/devices.py), pinned bases are aligned, inside RAM
    and apart (checks/memory_overlap.py); those rules are not repeated here.

    The hypervisor's size is hypervisor.memory, or derived (place/hv_memory.py) from the stage-2
    page count, which is known only once everything is placed: placement runs again with the
    derived size while that grows (the count hardly depends on the hypervisor's size, so once
    or twice)."""
    given = system.hypervisor.memory
    hv_size = given if given is not None else HV_MEMORY_BLOCK
    for _ in range(4):
        placement = _place(system, board, hv_size)
        need = hv_need(system, board, placement.stage2_pages)
        if given is not None:
            if need.total > given:
                path = "hypervisor.memory"
                raise DiagnosticError([Diagnostic(
                    system.pos(path), path,
                    f"{fmt_size(given)} is less than the hypervisor needs: {fmt_size(align_up(need.total, SZ_4K))} "
                    f"({need.explain()})",
                    f"raise it to at least {fmt_size(align_up(need.total, SZ_4K))}, or remove 'memory' so the "
                    f"generator derives it ({fmt_size(need.derived)})")])
            break
        if need.derived <= hv_size:
            break
        hv_size = need.derived
    else:
        raise AssertionError(f"the derived hypervisor size does not settle ({fmt_size(hv_size)})")
    return replace(placement, hv_need=need, hv_derived=given is None)


def _place(system: System, board: Board, hv_size: int) -> Placement:
    items = store_items(system)
    phys, diags = place_physical(system, board, store_size(items), hv_size)
    console = board.device(system.hypervisor.console)
    if diags:
        raise DiagnosticError(diags)

    store = phys[("store",)]
    store_pa, offset = {}, store.base
    for it in items:
        store_pa[id(it)] = offset
        offset += it.reserve

    ch_ipa = channel_ipas(system)
    cell_index = {c.name: c.index for c in system.cells}
    ends: dict[int, list[int]] = {c.index: [] for c in system.cells}
    for ch in system.channels:
        for end in ch.between:
            ends[cell_index[end]].append(ch.index)
    devices = {c.index: passthrough_devices(c, board) for c in system.cells}
    irqs = {i: sorted({q.intid for d in devs for q in d.irqs if q.kind == "spi"})
            for i, devs in devices.items()}
    doorbell = assign_doorbells(ends, {i: set(v) for i, v in irqs.items()})
    channels = tuple(
        ChannelLayout(ch.index, ch.name, phys[("chan", ch.index)].base, phys[("chan", ch.index)].size,
                      tuple(cell_index[e] for e in ch.between), (ch_ipa[ch.index],) * 2,
                      tuple(doorbell[(ch.index, cell_index[e])] for e in ch.between))
        for ch in system.channels)

    rams = {c.index: ram_mappings(c, phys) for c in system.cells}
    monitor = system.monitor
    watched = [system.cell(w.cell) for w in monitor.watch] if monitor else []
    inspected = [(c, rams[c.index], w.path) for c, w in zip(watched, monitor.watch if monitor else ())
                 if w.inspect == "read-only"]
    rule_diags = check_rule_regions(system, watched, rams)
    if rule_diags:
        raise DiagnosticError(rule_diags)
    windows = iter(inspect_windows(inspected))
    watches = []
    for c, w in zip(watched, monitor.watch if monitor else ()):
        wins = tuple(next(windows)) if w.inspect == "read-only" else ()
        watches.append(WatchLayout(c.index, wins[0].ipa if wins else 0, wins))

    cells = []
    for cell in system.cells:
        maps = rams[cell.index] + device_mappings(devices[cell.index],
                                                  [f"{cell.path}.devices[{j}]" for j in range(len(cell.devices))])
        maps += [Mapping(channels[i].ipa[0], channels[i].pa, channels[i].size, MAP_CHANNEL, channels[i].name,
                         f"channels[{i}]") for i in ends[cell.index]]
        if monitor and monitor.cell == cell.name:
            maps += [m for w in watches for m in w.windows]
        maps.sort(key=lambda m: (m.ipa, m.size))
        diags += check_ipa(system, board, cell, maps, console)
        if board.gic_version == 2:  # checked with the emulated ranges: its IPA is the GICC window
            maps.append(Mapping(board.gicc[0], board.gicv[0], board.gicv[1], MAP_GICV, "gicv", "board"))
            maps.sort(key=lambda m: (m.ipa, m.size))
        over = [ch for ch in ends[cell.index] if doorbell[(ch, cell.index)] > MAX_SPI_INTID]
        if over:
            path = f"channels[{over[0]}]"
            diags.append(Diagnostic(system.pos(path), path,
                                    f"'{cell.name}' is an end of {len(ends[cell.index])} channels: their "
                                    f"doorbells need INTIDs beyond {MAX_SPI_INTID}, the last one of a "
                                    f"cell's virtual GIC",
                                    "merge channels, or move some to another cell"))
        boot, bdiags = lay_out_boot(system, cell, rams[cell.index][0],
                                    [i for i in items if i.cell is cell], store_pa)
        diags += bdiags
        if boot is None:
            continue
        cells.append(CellLayout(cell.index, cell.name, cell.index + 1, tuple(maps), boot.payloads,
                                boot.entry_ipa, boot.dtb_ipa, boot.initrd, tuple(devices[cell.index]),
                                tuple(irqs[cell.index]), boot.kernel_size, gicr_window(board, cell.vcpus)))
    if diags:
        raise DiagnosticError(diags)

    regions = tuple(sorted(phys.values(), key=lambda r: (r.base, r.size)))
    pages = stage2_pages([c.mappings for c in cells], [sc.checkpoint is not None for sc in system.cells])
    return Placement(phys[("hv",)], store, regions, tuple(cells), channels, tuple(watches), console,
                     pages, tuple(_dma_warnings(system, devices)))


def _dma_warnings(system: System, devices: dict[int, list]) -> list[Diagnostic]:
    """One per DMA master a 'trust_dma: true' cell gets (checks/dma.py refuses the others)."""
    out = []
    for cell in system.cells:
        for ref, dev in zip(cell.devices, devices[cell.index]):
            if dev.dma and cell.trust_dma:
                path = f"{cell.path}.trust_dma"
                iommu = "no IOMMU is programmed for it" if dev.iommus else "the board has no IOMMU for it"
                out.append(Diagnostic(system.pos(path), path,
                                      f"isolation is not guaranteed for cell '{cell.name}': its device "
                                      f"'{ref}' ({dev.path}) can master DMA ({', '.join(dev.dma)}) and "
                                      f"{iommu}, so it can read and write all physical memory"))
    return out
