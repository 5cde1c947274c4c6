# SPDX-License-Identifier: GPL-2.0
"""The architecture stays easy to see: who may import or include whom (STYLE.md, "How our tree
should look").  A new dependency that breaks a layer fails here, with the offending line."""
from __future__ import annotations

import re

from conftest import ROOT

# generator package -> the generator packages its modules may import (besides themselves)
GENERATOR_MAY_IMPORT = {
    "diag": set(),
    "spec": {"diag"},
    "board": {"diag", "spec"},          # board builds spec.model's Board
    "checks": {"diag", "spec", "board"},
    "place": {"diag", "spec", "board"},
    "sched": {"diag", "spec", "place"},
    "fmea": {"spec", "sched"},          # reads the model and the schedule, decides no placement
    "emit": {"diag", "spec", "board", "place", "sched", "fmea"},   # never checks; board only for dtc
}

IMPORT = re.compile(r"^\s*from \.\.(\w+)|^\s*from \.\. import (\w+)|^\s*import generator\.(\w+)", re.M)


def test_generator_layers():
    bad = []
    for pkg, allowed in GENERATOR_MAY_IMPORT.items():
        paths = [ROOT / "generator/diag.py"] if pkg == "diag" else \
            sorted((ROOT / "generator" / pkg).glob("*.py"))
        for path in paths:
            for m in IMPORT.finditer(path.read_text()):
                target = next(g for g in m.groups() if g)
                if pkg == "diag" or (target != pkg and target not in allowed):
                    bad.append(f"{path.relative_to(ROOT)}: imports generator.{target}")
    assert not bad, "\n".join(bad)


def test_only_board_reads_device_trees_with_libfdt():
    users = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "generator").rglob("*.py"))
             if re.search(r"^\s*(import|from) libfdt", p.read_text(), re.M)]
    assert users and all(u.startswith("generator/board/") for u in users), users


def test_only_board_runs_dtc():
    """One dtc wrapper (generator/board/dtc.py): no other generator module starts dtc."""
    users = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "generator").rglob("*.py"))
             if "tests" not in p.parts and re.search(r"\bsubprocess\b", p.read_text())]
    assert users == ["generator/board/dtc.py"], users


INCLUDE = re.compile(r'^#include "([^"]+)"', re.M)
# what drivers must not know about: cells, vCPUs and their scheduling
CORE_ONLY = {"cell.h", "vcpu.h", "vgic.h", "sched.h", "pcpu.h", "vuart.h", "psci.h", "hypercall.h"}


def includes(folder: str):
    for path in sorted((ROOT / "hypervisor" / folder).glob("*.[chS]")):
        for name in INCLUDE.findall(path.read_text()):
            yield path.relative_to(ROOT).as_posix(), name


def test_hypervisor_includes_go_through_include():
    headers = {p.name for p in (ROOT / "hypervisor/include").rglob("*.h")}
    arch_local = {p.name for p in (ROOT / "hypervisor/arch/aarch64").glob("*.h")}
    bad = []
    for folder in ("core", "drivers", "vdev", "arch/aarch64"):
        for path, name in includes(folder):
            ok = name in headers or name.startswith("uapi/") or name in ("sysconfig_gen.h",) or \
                (folder == "arch/aarch64" and name in arch_local) or \
                (folder == "drivers" and name == "sysreg.h")
            if not ok:
                bad.append(f"{path}: #include \"{name}\"")
    for path, name in includes("drivers"):
        if name in CORE_ONLY:
            bad.append(f"{path}: a driver includes {name}")
    assert not bad, "\n".join(bad)


# what only arch/aarch64/ (and the drivers it calls) may know: the interrupt controller, the
# virtual GIC and timer, system registers
ARCH_ONLY_HEADERS = {"vgic.h", "sysreg.h", "gic.h", "asm.h", "arch_defs.h", "irq.h"}
ARCH_ONLY_CODE = re.compile(r"__asm__|\basm\b|\bvgic_\w+\(|\bgic_\w+\(|(->|\.)arch\.|"
                            r"\bsysreg_(read|write)\b")


def test_core_calls_only_the_arch_seam():
    """Core code and the devices it emulates (vdev/) include no arch-private header, run no
    assembly and never look inside an 'arch' field: everything architectural goes through the
    arch_* functions of include/arch.h."""
    bad = [f"{path}: #include \"{name}\"" for folder in ("core", "vdev")
           for path, name in includes(folder) if name in ARCH_ONLY_HEADERS]
    drivers = {"gic.h", "uart.h"}     # the drivers' own interfaces, which arch and core call
    for path in sorted((ROOT / "hypervisor/core").glob("*.[ch]")) + \
            sorted((ROOT / "hypervisor/vdev").glob("*.[ch]")) + \
            [h for h in sorted((ROOT / "hypervisor/include").glob("*.h")) if h.name not in drivers]:
        for n, line in enumerate(path.read_text().splitlines(), 1):
            code = line.split("//")[0]
            if path.name != "arch.h" and ARCH_ONLY_CODE.search(code) and not code.lstrip().startswith("*"):
                bad.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    arch_private = {p.name for p in (ROOT / "hypervisor/arch/aarch64").glob("*.h")}
    assert {"vgic.h", "sysreg.h", "arch_defs.h"} <= arch_private, "vGIC and sysreg headers are arch's"
    shared = {p.name for p in (ROOT / "hypervisor/include").glob("*.h")}
    assert not shared & {"vgic.h", "sysreg.h"}, "arch-private headers in the shared include/"
    assert not bad, "\n".join(bad)


# a cell folder -> the other folders of the same cell it may include from
CELL_SHARED = {"cells/linux/tool": ("cells/linux/module",)}   # tessera_ioctl.h, the ioctl ABI


def test_cells_see_only_their_runtime_and_the_uapi():
    uapi = {p.name for p in (ROOT / "hypervisor/include/uapi").glob("*.h")}   # tessera.h, tessera_ioc.h
    assert {"tessera.h", "tessera_ioc.h"} <= uapi
    bad = []
    for path in sorted((ROOT / "cells").rglob("*.[chS]")):
        shared = CELL_SHARED.get(path.parent.relative_to(ROOT).as_posix(), ())
        for name in INCLUDE.findall(path.read_text()):
            local = (path.parent / name).exists() or (ROOT / "cells/lib" / name).exists() \
                or any((ROOT / d / name).exists() for d in shared)
            if not local and name not in uapi:
                bad.append(f"{path.relative_to(ROOT)}: #include \"{name}\"")
    assert not bad, "\n".join(bad)


# Kconfig symbols that select rather than configure: the board choice names the defconfig's board
# (the spec's 'board:' is what the generator reads); nothing consumes them yet.
KCONFIG_WITHOUT_CONSUMER = {"BOARD", "BOARD_QEMU_VIRT", "BOARD_ZCU102"}


def test_every_kconfig_symbol_has_a_consumer():
    """A Kconfig option nothing reads is a promise nobody keeps: each one is read as CONFIG_<SYM>
    by the hypervisor, cells or the Makefile, or by name ("SYM") in the generator."""
    symbols = re.findall(r"^config (\w+)", (ROOT / "Kconfig").read_text(), re.M)
    texts = [p.read_text(errors="replace") for folder in ("hypervisor", "cells", "generator")
             for p in sorted((ROOT / folder).rglob("*")) if p.is_file() and p.suffix in (".c", ".h", ".S", ".py")
             and "tests" not in p.parts]
    texts.append((ROOT / "Makefile").read_text())
    unread = [s for s in symbols if s not in KCONFIG_WITHOUT_CONSUMER
              and not any(f"CONFIG_{s}" in t or f'"{s}"' in t for t in texts)]
    assert not unread, f"Kconfig symbols nothing reads: {unread}"
