# SPDX-License-Identifier: GPL-2.0
"""DTB bytes -> a plain tree of ``Node``s (name, path, raw properties).  The only libfdt user."""
from __future__ import annotations

from dataclasses import dataclass, field

import libfdt

_QUIET = (libfdt.FDT_ERR_NOTFOUND,)


@dataclass
class Node:
    path: str
    props: dict[str, bytes] = field(default_factory=dict)
    children: list["Node"] = field(default_factory=list)
    parent: "Node | None" = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1] or "/"

    def cells(self, prop: str) -> list[int]:
        raw = self.props.get(prop, b"")
        return [int.from_bytes(raw[i:i + 4], "big") for i in range(0, len(raw) - len(raw) % 4, 4)]

    def u32(self, prop: str, default: int) -> int:
        values = self.cells(prop)
        return values[0] if values else default

    def strings(self, prop: str) -> tuple[str, ...]:
        raw = self.props.get(prop, b"")
        return tuple(s.decode("utf-8", "replace") for s in raw.split(b"\0") if s)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def _node(fdt, offset: int, path: str, parent: Node | None) -> Node:
    node = Node(path, parent=parent)
    poff = fdt.first_property_offset(offset, _QUIET)
    while poff >= 0:
        prop = fdt.get_property_by_offset(poff)
        node.props[prop.name] = bytes(prop)
        poff = fdt.next_property_offset(poff, _QUIET)
    sub = fdt.first_subnode(offset, _QUIET)
    while sub >= 0:
        name = fdt.get_name(sub)
        node.children.append(_node(fdt, sub, f"{path.rstrip('/')}/{name}", node))
        sub = fdt.next_subnode(sub, _QUIET)
    return node


def read_tree(dtb: bytes) -> Node:
    fdt = libfdt.FdtRo(dtb)
    return _node(fdt, fdt.path_offset("/"), "/", None)
