# SPDX-License-Identifier: GPL-2.0
"""Issue 12, items 9-16: GIC, timer, PMU and PSCI fidelity, judged by a
conformance cell (cells/gictest, one case per variant) under Tessera and, for
everything the hardware defines, the same cell on bare QEMU: the bare run must
pass, which shows that the expectation is the hardware's."""
from __future__ import annotations

import re
import subprocess
import time

import pytest

from conftest import ROOT
from qemu import Console
from test_vgic import BARE_MACHINE

STOPPED = r"^\[hv\] cell gictest: (.*— stopped)\r?$"

# case -> (result lines it prints, seconds each may take)
CASES = {
    "level-spi": (["level_spi"], 15),        # G9a: 3 RTC alarms, 1 s apart
    "vtimer-level": (["vtimer_level"], 10),  # G9b
    "active": (["active_sgi", "active_ppi"], 10),  # G11
    "active-hw": (["active_hw"], 10),        # G11, a hardware-linked PPI (review)
    "pending": (["pending"], 10),            # G12
    "ptimer": (["ptimer"], 10),              # G13
    "pmu": (["pmu"], 10),                    # G14
}


def bare_elf(case: str) -> str:
    name = f"gictest-{case}-bare"
    elf = f"build/cells/{name}/{name}.elf"
    r = subprocess.run(["make", "--no-print-directory", elf], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, f"build of {elf} failed:\n{r.stdout}\n{r.stderr}"
    return str(ROOT / elf)


def bare_dtb_loader(tmp_path) -> tuple[str, ...]:
    """QEMU gives a bare ELF no device tree: dump the one it generates for
    this machine and load it where the bare cell looks (GICTEST_BARE_DTB)."""
    dtb = tmp_path / "virt.dtb"
    machine = list(BARE_MACHINE)
    machine[1] += f",dumpdtb={dtb}"
    subprocess.run(["qemu-system-aarch64", *machine, "-display", "none"], check=True,
                   capture_output=True, timeout=30)
    return ("-device", f"loader,file={dtb},addr=0x44000000,force-raw=on")


def expect_results(con: Console, prefix: str, names: list[str], timeout: float) -> list[str]:
    """Each case line in turn; fails on FAILED or on the hypervisor stopping
    the cell.  Returns the details of the ok lines."""
    details = []
    for name in names:
        m = con.expect(rf"^{prefix}gictest: {name}: (ok|FAILED)\b(.*?)\r?$|{STOPPED}", timeout=timeout)
        assert not m.group(3), f"{name}: the hypervisor stopped the cell: {m.group(3)}"
        assert m.group(1) == "ok", f"{name}: FAILED{m.group(2)}\n{con.tail(con.output)}"
        details.append(m.group(2).strip())
    return details


@pytest.mark.parametrize("where", ["tessera", "bare"])
@pytest.mark.parametrize("case", list(CASES))
def test_gic_case(spec_image, tmp_path, case, where):
    """G9a level SPI EOI'd before the device is cleared: each RTC alarm once.
    G9b the same for the virtual timer: each round once.
    G11 ISACTIVER0/ICACTIVER0 writes set and clear the active state, of the
        virtual timer too (while active it is not taken).
    G12 the virtual timer's interrupt shows in ISPENDR0 while disabled.
    G13 the EL1 physical timer (CNTP_*, PPI 30) interrupts, 3 rounds.
    G14 the DT describes a PMU whose cycle-counter overflow interrupts once."""
    names, timeout = CASES[case]
    if where == "tessera":
        con = Console(str(spec_image(f"gictest-{case}")))
        prefix = r"\[gictest\] "
    else:
        extra = bare_dtb_loader(tmp_path) if case == "pmu" else ()
        con = Console(bare_elf(case), machine=BARE_MACHINE, extra=extra)
        prefix = ""
    with con:
        details = expect_results(con, prefix, names, timeout)
        con.expect(rf"^{prefix}tick 2\r?$", timeout=5)   # and the cell runs on
        if case == "pmu":
            m = re.search(r"gictest: pmu: node '([^']+)', PPI (\d+) \(INTID (\d+)\)", con.output)
            assert m and int(m.group(3)) == 16 + int(m.group(2)), con.output
        assert "exception:" not in con.output, con.tail(con.output)
    assert details


def test_smccc_1_1_is_discoverable(spec_image):
    """G15: PSCI_FEATURES(SMCCC_VERSION) = SUCCESS, SMCCC_VERSION >= 1.1,
    SMCCC_ARCH_FEATURES(SMCCC_ARCH_FEATURES) = 0, and an architectural answer
    for each workaround id (DEN 0028: 0 or 1 as implemented, -1 NOT_SUPPORTED;
    WORKAROUND_2 may also say -2 NOT_REQUIRED)."""
    with Console(str(spec_image("gictest-smccc"))) as con:
        m = con.expect(r"^\[gictest\] gictest: smccc: (ok|FAILED) psci_features=(-?\d+) "
                       r"version=0x([0-9a-f]+) arch_features=(-?\d+)\r?$", timeout=10)
        w = con.expect(r"^\[gictest\] gictest: smccc: workaround_1=(-?\d+) workaround_2=(-?\d+) "
                       r"workaround_3=(-?\d+)\r?$", timeout=5)
    feat, version, arch = int(m.group(2)), int(m.group(3), 16), int(m.group(4))
    assert feat == 0, f"PSCI_FEATURES(SMCCC_VERSION) = {feat}: Linux will assume SMCCC 1.0"
    assert version >= 0x10001, f"SMCCC_VERSION = {version:#x}"
    assert arch == 0, f"SMCCC_ARCH_FEATURES(SMCCC_ARCH_FEATURES) = {arch}"
    wa1, wa2, wa3 = (int(x) for x in w.groups())
    assert wa1 in (0, 1, -1) and wa2 in (0, 1, -1, -2) and wa3 in (0, 1, -1), w.group(0)
    assert m.group(1) == "ok"


def test_board_powers_off_when_every_cell_has(spec_image):
    """G16: two cells each call PSCI SYSTEM_OFF; once both are off the
    hypervisor says so and powers the board off: QEMU exits by itself, 0."""
    with Console(str(spec_image("gictest-poweroff"))) as con:
        con.expect(r"^\[hv\] Tessera: system 'gictest-poweroff', 2 cells", timeout=10)
        off = {con.expect(r"^\[hv\] cell (a|b): powered off\r?$", timeout=10).group(1)}
        off.add(con.expect(r"^\[hv\] cell (a|b): powered off\r?$", timeout=10).group(1))
        assert off == {"a", "b"}, con.output
        con.expect(r"^\[hv\] .*powering off", timeout=10)
        end = time.monotonic() + 30
        while con.proc.poll() is None and time.monotonic() < end:
            time.sleep(0.1)
        assert con.proc.poll() is not None, "QEMU still running 30 s after the last cell powered off"
        assert con.proc.returncode == 0, f"QEMU exited with {con.proc.returncode}"
