# SPDX-License-Identifier: GPL-2.0
"""spec/: units, YAML values and positions, the System model (full.yaml with stand-in images)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

from generator.diag import DiagnosticError, Pos
from generator.spec.load import load_system, load_yaml
from generator.spec.model import Ondemand, System
from generator.spec.units import fmt_size, parse_duration, parse_number, parse_size

from .conftest import IMAGES, REPO


@pytest.mark.parametrize("text, value", [
    (4096, 4096), ("4096", 4096), ("0x1000", 4096), ("1_048_576", 1 << 20), ("64K", 65536),
    ("16M", 16 << 20), ("1G", 1 << 30), ("64KiB", 65536), ("2MiB", 2 << 20), ("1GiB", 1 << 30),
    ("0x10K", 16 << 10), ("8m", 8 << 20),
])
def test_sizes(text, value):
    assert parse_size(text) == value


@pytest.mark.parametrize("text", ["2MB", "1.5M", "-4K", "K", "", "16 megs", "0x"])
def test_bad_sizes_name_the_accepted_forms(text):
    with pytest.raises(ValueError, match=re.escape("64K, 16M, 1G (or KiB/MiB/GiB)")):
        parse_size(text)


@pytest.mark.parametrize("text, ns", [
    ("1ms", 1_000_000), ("200us", 200_000), ("0.5ms", 500_000), ("2s", 2 * 10**9), ("15ns", 15),
    ("1_000us", 1_000_000), ("1.5us", 1500),
])
def test_durations(text, ns):
    assert parse_duration(text) == ns


@pytest.mark.parametrize("text", ["1", "1 min", "ms", "0.5ns", 1000, "1e3us"])
def test_bad_durations(text):
    with pytest.raises(ValueError):
        parse_duration(text)


def test_numbers():
    assert parse_number("0x4000_0000") == 0x40000000
    assert parse_number(12) == 12
    with pytest.raises(ValueError, match="not a number"):
        parse_number("0x12g")


@given(st.integers(min_value=0, max_value=1 << 48))
def test_fmt_size_round_trips(n):
    assert parse_size(fmt_size(n)) == n


def _write(tmp_path, text: str):
    spec = tmp_path / "spec.yaml"
    spec.write_text(text)
    return str(spec)


def test_values_and_positions(tmp_path):
    path = _write(tmp_path, "a: 0x10\nb: no\nc: '0x10'\nd: 010\nl:\n  - {x: 1_000, y: true}\n  - [1, 2]\n")
    loaded = load_yaml(path)
    assert loaded.values == {"a": 16, "b": "no", "c": "0x10", "d": 10, "l": [{"x": 1000, "y": True}, [1, 2]]}
    assert loaded.positions[""] == Pos(path, 1, 1)
    assert loaded.positions["l[0].y"] == Pos(path, 6, 19)
    assert loaded.positions["l[1][1]"] == Pos(path, 7, 9)
    assert loaded.key_positions["l[0].y"] == Pos(path, 6, 16)


def test_duplicate_keys_are_findings(tmp_path):
    path = _write(tmp_path, "a: 1\nb:\n  c: 1\n  c: 2\n")
    loaded = load_yaml(path)
    [d] = loaded.diags
    assert (d.pos, d.path, d.what) == (Pos(path, 4, 3), "b.c", "duplicate key 'c'")
    assert d.notes[0].pos == Pos(path, 3, 3)


def test_syntax_error_is_positioned(tmp_path):
    path = _write(tmp_path, "a: [1, 2\n")
    with pytest.raises(DiagnosticError) as e:
        load_yaml(path)
    assert e.value.diags[0].pos == Pos(path, 2, 1)


def _full_spec(tmp_path) -> str:
    """configs/examples/full.yaml with its image paths pointed at the test stand-ins."""
    text = (REPO / "configs/examples/full.yaml").read_text()
    text = text.replace("../../build/cells/linux/Image", str(IMAGES / "fake-Image"))
    text = text.replace("../../build/cells/linux/initramfs.cpio.gz", str(IMAGES / "tiny.bin"))
    text = text.replace("../../build/cells/ticker/ticker.bin", "images/tiny.bin")
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "tiny.bin").write_bytes((IMAGES / "tiny.bin").read_bytes())
    return _write(tmp_path, text)


def test_full_example_builds_the_model(tmp_path):
    spec = _full_spec(tmp_path)
    system = load_system(spec)
    assert isinstance(system, System)
    assert (system.spec_file, system.name, system.board) == (spec, "demo", "qemu-virt")
    assert system.hypervisor.console == "uart0" and system.hypervisor.memory == 16 << 20
    linux, rtos, monitor = system.cells
    assert [c.name for c in system.cells] == ["linux", "rtos", "monitor"]
    assert (linux.os, linux.vcpus, linux.devices, linux.recovery) == ("linux", 1, ("rtc0",), "restart")
    assert linux.bootargs == "console=ttyAMA0" and linux.initrd == IMAGES / "tiny.bin"
    assert [(r.path, r.size, r.base) for r in linux.memory] == [("cells[0].memory", 256 << 20, None)]
    assert rtos.image == tmp_path / "images" / "tiny.bin" and rtos.image_text == "images/tiny.bin"
    assert (rtos.realtime.period_ns, rtos.realtime.budget_ns) == (1_000_000, 200_000)
    assert monitor.memory[0].size == 4 << 20 and monitor.realtime is None
    data, ctl, heartbeat = system.channels
    # the watch's heartbeat brings a channel of its own, after the spec's
    assert (heartbeat.name, heartbeat.between, heartbeat.size, heartbeat.index, heartbeat.path) == \
        ("heartbeat-linux", ("linux", "monitor"), 4096, 2, "monitor.watch[0].heartbeat")
    assert (data.name, data.between, data.size, data.control) == ("rtos-data", ("linux", "rtos"), 65536, None)
    assert (ctl.control.from_cell, ctl.control.allow, ctl.control.path) == ("linux", ("restart",), "channels[1].control")
    [watch] = system.monitor.watch
    assert (system.monitor.cell, watch.cell, watch.inspect, watch.on_failure) == ("monitor", "linux", "read-only", "restart")
    assert (watch.heartbeat.period_ns, watch.heartbeat.timeout_ns) == (100_000_000, 500_000_000)
    assert system.power.policy == "ondemand"
    assert [(s.name, s.cpus) for s in system.power.states] == [("full", (0, 1, 2, 3)), ("low", (0, 1))]
    assert system.power.ondemand == Ondemand("power.ondemand", 100_000_000, 80, 20)
    assert system.pos("cells[1].realtime.budget") == Pos(spec, 24, 37)
    assert system.pos("cells[1].realtime.nothing") == system.pos("cells[1].realtime")


def test_full_example_passes_the_checks(tmp_path, in_repo):
    from generator.board import load_board
    from generator.checks import run_all
    system = load_system(_full_spec(tmp_path))
    assert run_all(system, load_board(system.board)) == []


def test_memory_list_paths(tmp_path):
    spec = _write(tmp_path, "system: s\nboard: b\nhypervisor: {console: u, memory: 4K}\ncells:\n"
                            "  - {name: a, os: baremetal, image: x, vcpus: 1,\n"
                            "     memory: [{size: 4K, ipa: 0x1000}, {size: 8K, base: '0x4800_0000'}]}\n")
    [cell] = load_system(spec).cells
    assert [(r.path, r.size, r.base, r.ipa) for r in cell.memory] == [
        ("cells[0].memory[0]", 4096, None, 0x1000), ("cells[0].memory[1]", 8192, 0x48000000, None)]
    assert cell.image == tmp_path / "x" and cell.image_text == "x"
    assert load_system(spec).power is None
