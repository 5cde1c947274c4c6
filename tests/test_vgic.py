# SPDX-License-Identifier: GPL-2.0
"""The virtual GICv3 seen from a cell (cells/irqtest), booted in QEMU and judged
by its console: more pending SGIs than list registers, SGIs re-raised while
active, and a passthrough device's level SPI forwarded hardware-linked."""
from __future__ import annotations

import contextlib
import re
import subprocess
import time

from conftest import ROOT
from qemu import Console
from test_hypervisor import check_lines_whole

IRQTEST = 0           # the irqtest cell's index in both specs (Ctrl-] 0 focuses it)
FAULT = "[hv] cell irqtest:"


@contextlib.contextmanager
def diagnosed(con: Console):
    """On a failed expectation, ask the hypervisor for the irqtest cell's vGIC
    state and every core's list registers (Ctrl-] 0, Ctrl-] d) and add them
    to the failure message."""
    try:
        yield
    except AssertionError as e:
        mark = len(con.output)
        with contextlib.suppress(Exception):
            con.send(f"\x1d{IRQTEST}\x1dd")
            time.sleep(1.0)
        dump = con.output[mark:]
        hv = "\n".join(l for l in dump.splitlines() if l.startswith("[hv]") or "core" in l)
        raise AssertionError(f"{e}\n--- Ctrl-] d ---\n{hv}") from None


def ticker_keeps_running(con: Console, more: int = 3):
    n = int(con.expect(r"^\[ticker\] tick (\d+)\r?$", timeout=10).group(1))
    con.expect(rf"^\[ticker\] tick {n + more}\r?$", timeout=10)


def test_sgis_beyond_the_list_registers(spec_image):
    """16 SGIs raised with IRQs masked (4 list registers: 12 wait in the model
    and come in through maintenance interrupts) each arrive exactly once; SGIs
    0..7 each re-raised from their own handler (pending while active) arrive
    exactly twice."""
    with Console(str(spec_image("irq-overflow"))) as con:
        con.quiet = ("ticker",)
        with diagnosed(con):
            con.expect(r"^\[hv\] Tessera: system 'irq-overflow', 2 cells", timeout=10)
            m = con.expect(r"^\[irqtest\] irqtest: sgi received (\d+) of 16, each once: (yes|no)\r?$",
                           timeout=10)
            assert m.group(2) == "yes", f"SGIs lost or duplicated:\n{con.tail(con.output)}"
            m = con.expect(r"^\[irqtest\] irqtest: sgi re-raised while active (\d+) of 8, "
                           r"each twice: (yes|no)\r?$", timeout=10)
            assert m.group(2) == "yes", f"pending-while-active SGIs:\n{con.tail(con.output)}"
            con.expect(r"^\[irqtest\] irqtest: overflow ok\r?$", timeout=5)
            con.expect(r"^\[irqtest\] tick 3\r?$", timeout=10)
            ticker_keeps_running(con)
        assert FAULT not in con.output, con.tail(con.output)
        check_lines_whole(con)


def test_passthrough_rtc_alarms(spec_image):
    """The PL031 given to the cell (SPI 2 = INTID 34, level) is configured
    through the virtual distributor (enable, priority, trigger and routing
    written through) and raises three alarms, each handled exactly once: the
    guest's EOI must deactivate the physical SPI, or the second never comes."""
    with Console(str(spec_image("irq-passthrough"))) as con:
        con.quiet = ("ticker",)
        with diagnosed(con):
            con.expect(r"^\[hv\] Tessera: system 'irq-passthrough', 2 cells", timeout=10)
            con.expect(r"^\[irqtest\] irqtest: pl031 periphid 31 10 14 00\r?$", timeout=10)
            con.expect(r"^\[irqtest\] irqtest: rtc intid 34 enabled 1, IROUTER 0x0 ", timeout=5)
            seconds = []
            for k in range(1, 4):
                m = con.expect(rf"^\[irqtest\] irqtest: rtc alarm {k} at (\d+)\r?$", timeout=5)
                seconds.append(int(m.group(1)))
            con.expect(r"^\[irqtest\] irqtest: rtc ok\r?$", timeout=5)
            con.expect(r"^\[irqtest\] tick 3\r?$", timeout=10)
            ticker_keeps_running(con)
        assert seconds == sorted(set(seconds)), f"alarms not one per second: {seconds}"
        assert FAULT not in con.output, con.tail(con.output)
        check_lines_whole(con)


BARE_MACHINE = ["-M", "virt,gic-version=3", "-cpu", "cortex-a57", "-m", "128M"]


def bare_elf(variant: str) -> str:
    name = f"irqtest-{variant}-bare"
    elf = f"build/cells/{name}/{name}.elf"
    r = subprocess.run(["make", "--no-print-directory", elf], cwd=ROOT, capture_output=True,
                       text=True)
    assert r.returncode == 0, f"build of {elf} failed:\n{r.stdout}\n{r.stderr}"
    return str(ROOT / elf)


def test_irqtest_runs_bare_on_qemu():
    """The same cell on QEMU's own GICv3, without the hypervisor: what the
    vGIC tests above expect is what real hardware does."""
    with Console(bare_elf("overflow"), machine=BARE_MACHINE) as con:
        con.expect(r"^irqtest: raised 16 SGIs with IRQs masked, GICR_ISPENDR0=0x0000ffff\r?$",
                   timeout=10)
        con.expect(r"^irqtest: sgi received 16 of 16, each once: yes\r?$", timeout=5)
        con.expect(r"^irqtest: sgi re-raised while active 8 of 8, each twice: yes\r?$", timeout=5)
        con.expect(r"^irqtest: overflow ok\r?$", timeout=5)
        con.expect(r"^tick 2\r?$", timeout=5)
    with Console(bare_elf("rtc"), machine=BARE_MACHINE) as con:
        con.expect(r"^irqtest: rtc ok\r?$", timeout=10)
        con.expect(r"^tick 2\r?$", timeout=5)
        assert not re.search(r"FAILED|exception", con.output), con.output
