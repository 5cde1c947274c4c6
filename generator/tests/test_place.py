# SPDX-License-Identifier: GPL-2.0
"""Placement: the full example's layout, messages for what does not fit, and properties over random specs."""
from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..diag import DiagnosticError
from ..place import place
from ..place.result import MAP_RAM, Mapping
from ..place.stage2 import cell_stage2_pages
from ..spec.model import Channel, Checkpoint, MemoryRegion
from .factories import MiB, KiB, baremetal_cell, full_system, qemu_virt_board, system_of

SZ_2M = 2 * MiB
BOARD = qemu_virt_board()
STUB_DIR = Path(tempfile.mkdtemp(prefix="tessera-place-"))
STUB = STUB_DIR / "stub.bin"
STUB.write_bytes(b"\x00" * 5000)


def test_full_example_layout(tmp_path):
    p = place(full_system(tmp_path), BOARD)
    by_owner = {(r.owner, r.kind): r for r in p.regions}
    assert by_owner[("linux", "ram")].base == 0x4000_0000
    assert by_owner[("rtos", "ram")].base == 0x5000_0000
    assert by_owner[("monitor", "ram")].base == 0x5080_0000
    # small channels packed next to each other after the cells
    assert by_owner[("rtos-data", "channel")].base == 0x50c0_0000
    assert by_owner[("rtos-ctl", "channel")].base == 0x50c1_0000
    # hypervisor and image store at the top, store directly after the hypervisor
    assert p.hv.base == 0x7ee0_0000 and p.hv.size == 16 * MiB
    assert p.store.base == p.hv.base + p.hv.size and p.store.end == 0x8000_0000
    linux = p.cells[0]
    assert linux.entry_ipa == 0x4000_0000
    assert linux.initrd == (0x4180_0000, 0x4180_0000 + 768 * KiB)   # after the 24 MiB image_size
    assert linux.dtb_ipa == 0x4fe0_0000                              # last 2 MiB block of RAM
    assert [m.kind for m in linux.mappings] == ["device", "ram", "channel", "channel"]
    assert linux.irqs == (34,)
    assert [c.doorbell for c in p.channels] == [(96, 96), (97, 97)]
    assert p.channels[0].ipa == (0x10_0000_0000,) * 2
    assert p.watches[0].inspect_ipa == 0x20_0000_0000
    assert p.cells[2].mappings[-1] == Mapping(0x20_0000_0000, 0x4000_0000, 256 * MiB, "inspect", "linux memory")
    assert [pl.kind for pl in linux.payloads] == ["image", "dtb", "initrd"]
    assert p.stage2_pages == 15


def test_stage2_pages_of_a_checkpointed_cell_split_its_ram():
    """Dirty-page tracking maps the RAM of a cell with a checkpoint page by page: one level-3
    page per 2 MiB of it, on top of the level-1 and level-2 pages."""
    ram = Mapping(0x4000_0000, 0x4000_0000, 8 * MiB, MAP_RAM, "")
    assert cell_stage2_pages([ram]) == 2
    assert cell_stage2_pages([ram], split_ram=True) == 2 + 4


def test_checkpoint_overhead_is_the_cells_own():
    """Cell-wide state, each vCPU's, a dirty bit per 4 KiB page of all its RAM (no 1 GiB cap),
    rounded up to 4 KiB: small for a small cell, growing with vCPUs and RAM."""
    from ..spec.model import CHECKPOINT_CELL_BYTES, CHECKPOINT_VCPU_BYTES, checkpoint_layout
    small = checkpoint_layout(baremetal_cell(0, STUB, SZ_2M))
    assert small.dirty_offset == CHECKPOINT_CELL_BYTES + CHECKPOINT_VCPU_BYTES
    assert small.dirty_bytes == 512 // 8 and small.ram_offset == 8 * KiB
    linux = checkpoint_layout(baremetal_cell(0, STUB, 256 * MiB, vcpus=2))
    assert (linux.dirty_offset, linux.dirty_bytes, linux.ram_offset) == (8 * KiB, 8 * KiB, 16 * KiB)
    big = checkpoint_layout(baremetal_cell(0, STUB, (MemoryRegion("a", 3072 * MiB), MemoryRegion("b", 4 * KiB))))
    assert big.dirty_bytes == (3 * 256 * 1024 // 64 + 1) * 8      # 3 GiB and one page more: one more word
    many = checkpoint_layout(baremetal_cell(0, STUB, SZ_2M, vcpus=64))
    assert many.ram_offset == 196 * KiB > 64 * KiB


def test_stage2_pages_counts_partial_blocks():
    assert cell_stage2_pages([Mapping(0x4000_0000, 0x4000_0000, 4 * MiB, MAP_RAM, "")]) == 2
    # PA not 2 MiB aligned: every 2 MiB slot needs a level-3 table
    assert cell_stage2_pages([Mapping(0x4000_0000, 0x4000_1000, 4 * MiB, MAP_RAM, "")]) == 4
    # 3 MiB: one block and one partial slot; a second 1 GiB slot adds a level-2 table
    assert cell_stage2_pages([Mapping(0x4000_0000, 0x4000_0000, 3 * MiB, MAP_RAM, ""),
                              Mapping(0x10_0000_0000, 0x5000_0000, 4 * KiB, "channel", "")]) == 5


def test_region_that_does_not_fit(tmp_path):
    s = full_system(tmp_path)
    big = replace(s.cells[0], memory=(MemoryRegion("cells[0].memory", 1024 * MiB),))
    s = replace(s, cells=(big,) + s.cells[1:])
    with pytest.raises(DiagnosticError) as e:
        place(s, BOARD)
    [d] = e.value.diags
    assert d.format() == (
        "configs/examples/full.yaml:16:13: cells[0].memory: cells[0] 'linux' memory needs 1G of "
        "contiguous RAM but the largest free block is 1006M (1006M free in total); "
        "shrink it or other regions, or add RAM to the board")


def test_pinned_overlap_is_the_checks_rule(tmp_path):
    """Pinned regions apart is checks/memory_overlap.py's rule (one home); place() relies on it."""
    from ..checks import run_all
    cells = [baremetal_cell(0, STUB, (MemoryRegion("cells[0].memory", 4 * MiB, 0x4000_0000),)),
             baremetal_cell(1, STUB, (MemoryRegion("cells[1].memory", 4 * MiB, 0x4020_0000),))]
    [d] = [d for d in run_all(system_of(cells), BOARD) if "overlaps" in d.what]
    assert d.path == "cells[1].memory.base"
    assert "overlaps cells[0] 'c0' RAM 0x40000000-0x403fffff" in d.what


def test_pinned_hypervisor_store_conflict(tmp_path):
    """The one pinned conflict only placement sees: the image store after a pinned hypervisor."""
    cells = [baremetal_cell(0, STUB, (MemoryRegion("cells[0].memory", 4 * MiB, 0x4100_0000),))]
    s = system_of(cells)
    s = replace(s, hypervisor=replace(s.hypervisor, base=0x4000_0000))
    with pytest.raises(DiagnosticError) as e:
        place(s, BOARD)
    [d] = e.value.diags
    assert d.path == "hypervisor.base"
    assert "image store (2M) take 0x40000000-0x411fffff, which overlaps cells[0] 'c0' memory" in d.what


def test_boot_payloads_need_room(tmp_path):
    s = full_system(tmp_path)
    small = replace(s.cells[0], memory=(MemoryRegion("cells[0].memory", 16 * MiB),))
    with pytest.raises(DiagnosticError) as e:
        place(replace(s, cells=(small,) + s.cells[1:]), BOARD)
    assert "boot payloads need" in e.value.diags[0].what


# ---- properties over random specs ----

SIZES = st.one_of(st.integers(1, 8).map(lambda k: k * SZ_2M), st.integers(1, 2048).map(lambda k: k * 4 * KiB))


@st.composite
def random_specs(draw):
    n = draw(st.integers(1, 8))
    free_slots = list(draw(st.permutations(range(8))))   # 32 MiB slots in the bottom 256 MiB
    cells, pinned = [], {}
    for i in range(n):
        regs = []
        for j in range(draw(st.integers(1, 2))):
            size = draw(SIZES if j else SIZES.filter(lambda s: s >= 256 * KiB))   # room to boot
            base = None
            if free_slots and draw(st.booleans()):
                base = 0x4000_0000 + free_slots.pop() * 32 * MiB + draw(st.sampled_from([0, 4 * KiB, SZ_2M]))
                pinned[(i, j)] = base
            regs.append(MemoryRegion(f"cells[{i}].memory[{j}]", size, base))
        ckpt = None
        if draw(st.booleans()):
            ckpt = Checkpoint(f"cells[{i}].checkpoint", draw(st.sampled_from([64 * KiB, SZ_2M, 3 * SZ_2M])))
        cells.append(baremetal_cell(i, STUB, tuple(regs), checkpoint=ckpt))
    channels = []
    if n >= 2:
        for k in range(draw(st.integers(0, 6))):
            a, b = draw(st.permutations(range(n)))[:2]
            channels.append(Channel(f"channels[{k}]", k, f"ch{k}", (f"c{a}", f"c{b}"),
                                    draw(st.sampled_from([4 * KiB, 12 * KiB, 64 * KiB, SZ_2M]))))
    return system_of(cells, channels), pinned


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_specs())
def test_placement_properties(spec):
    system, pinned = spec
    p = place(system, BOARD)
    regions = sorted(p.regions, key=lambda r: r.base)
    (ram_base, ram_size), = BOARD.memory
    for a, b in zip(regions, regions[1:]):
        assert a.end <= b.base, (a, b)
    for r in regions:
        assert ram_base <= r.base and r.end <= ram_base + ram_size
        assert r.base % (4 * KiB) == 0 and r.size % (4 * KiB) == 0
    by_path = {r.path: r for r in regions}
    for cell in system.cells:
        for j, m in enumerate(cell.memory):
            r = by_path[m.path]
            if (cell.index, j) in pinned:
                assert r.base == pinned[(cell.index, j)]
            elif m.size % SZ_2M == 0:
                assert r.base % SZ_2M == 0, r
    for ch in system.channels:
        if ch.size % SZ_2M == 0:
            assert by_path[ch.path].base % SZ_2M == 0
    assert p.hv.base % SZ_2M == 0 and p.store.base == p.hv.end
    for lay in p.cells:
        maps = lay.mappings
        for a, b in zip(maps, maps[1:]):
            assert a.ipa_end <= b.ipa
        for m in maps:
            assert m.ipa % (4 * KiB) == 0 and m.pa % (4 * KiB) == 0 and m.size % (4 * KiB) == 0
        ram = lay.ram[0]
        assert ram.ipa == 0x4000_0000 and lay.entry_ipa == ram.ipa
        assert ram.ipa <= lay.dtb_ipa < ram.ipa_end and lay.dtb_ipa % 8 == 0


# ---- hypervisor.memory: derived when absent, checked when given ----

def test_hypervisor_memory_is_derived_when_absent():
    s = system_of([baremetal_cell(0, STUB)], hv_memory=None)
    p = place(s, BOARD)
    assert p.hv_derived and p.hv.size == SZ_2M and p.hv.base % SZ_2M == 0
    assert p.hv_need.stage2_pages == p.stage2_pages and p.hv_need.total < SZ_2M
    assert p.store.base == p.hv.end


def test_derived_hypervisor_memory_grows_with_the_stage2_pool():
    # IPA and PA 4K apart: a level-3 table per 2M of a 900M region, 1.8M of tables in all.
    cell = baremetal_cell(0, STUB, (MemoryRegion("cells[0].memory[0]", 900 * MiB, ipa=0x4000_1000),))
    p = place(system_of([cell], hv_memory=None), BOARD)
    assert p.stage2_pages > 450 and p.hv.size == 2 * SZ_2M
    assert p.hv.size >= p.hv_need.total > SZ_2M


def test_given_hypervisor_memory_is_kept_and_checked():
    p = place(system_of([baremetal_cell(0, STUB)], hv_memory=1 * MiB), BOARD)
    assert not p.hv_derived and p.hv.size == 1 * MiB
    with pytest.raises(DiagnosticError) as e:
        place(system_of([baremetal_cell(0, STUB)], hv_memory=64 * KiB), BOARD)
    [d] = e.value.diags
    assert d.path == "hypervisor.memory" and d.what.startswith("64K is less than the hypervisor needs")
