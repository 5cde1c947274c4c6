# SPDX-License-Identifier: GPL-2.0
"""memory-map.svg stays legible at any size mix: every RAM region is a rectangle of at least a
minimum size, and no two labels overlap (the SVG is parsed, label boxes estimated from the
monospace font: 0.6 em per character, one line of 1 em)."""
from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

from ..build import build
from ..spec.model import Channel
from .conftest import SPECS
from .factories import KiB, MiB, baremetal_cell, qemu_virt_board, system_of

NS = "{http://www.w3.org/2000/svg}"
MIN_PX = 16


def _svg(out):
    return ET.parse(out / "memory-map.svg").getroot()


def _boxes(root):
    boxes = []
    for t in root.iter(f"{NS}text"):
        if t.get("class") != "label":
            continue
        x, y, size = int(t.get("x")), int(t.get("y")), int(t.get("font-size"))
        boxes.append((x, y - size, x + int(len(t.text) * 0.6 * size + 0.5), y + size // 4, t.text))
    return boxes


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _check_legible(out, placement_regions: int):
    root = _svg(out)
    rects = [r for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None]
    regions = [r for r in rects if r.get("class") == "region"]
    assert len(regions) == placement_regions
    for r in rects:
        assert int(r.get("height")) >= MIN_PX and int(r.get("width")) >= MIN_PX, r.find(f"{NS}title").text
    boxes = _boxes(root)
    assert len(boxes) == len(rects)                     # one label per row
    for a, b in itertools.combinations(boxes, 2):
        assert not _overlap(a, b), (a[4], b[4])
    # each label sits inside its row's height
    for r, box in zip(rects, boxes):
        top, h = int(r.get("y")), int(r.get("height"))
        assert top <= box[1] and box[3] <= top + h, box[4]
    return rects


def test_everything_spec_is_legible(tmp_path):
    from ..board import load_board
    from ..place import place
    from ..spec.load import load_system
    from .conftest import REPO
    system = load_system(str(SPECS / "good" / "everything.yaml"))
    board = load_board(system.board, str(REPO / "dts/boards"))
    out = tmp_path / "out"
    assert build(system, board, out, {"root": REPO}) == []
    _check_legible(out, len(place(system, board).regions))


def test_tiny_beside_huge(tmp_path):
    """A 4K channel between a 512M cell and the hypervisor: visible, and smaller than the cell."""
    image = tmp_path / "a.bin"
    image.write_bytes(bytes(4096))
    cells = [baremetal_cell(0, image, 512 * MiB, name="big"), baremetal_cell(1, image, 2 * MiB, name="small")]
    system = system_of(cells, [Channel("channels[0]", 0, "tiny", ("big", "small"), 4 * KiB)])
    out = tmp_path / "out"
    assert build(system, qemu_virt_board(), out, {"root": tmp_path}) == []
    rects = _check_legible(out, 5)          # two cells, the channel, the hypervisor, the store
    height = {r.find(f"{NS}title").text.split()[0]: int(r.get("height")) for r in rects}
    assert height["tiny"] < height["small"] < height["big"]
