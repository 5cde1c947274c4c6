# SPDX-License-Identifier: GPL-2.0
"""Failure modes and effects, derived from the spec: for each cell and for the hypervisor, what
can fail, what detects it and how soon, how the system recovers, and what the other cells see.
Every answer comes from the checked model and the schedule (recovery, restart limits, the
monitor's watches, channels and their control rights, cores shared per power state); nothing is
asked of the spec that it does not say.  A failure that nobody detects, or that leaves its cell
down for good, is a gap: emit/fmea_md.py lists the gaps first.

What the hypervisor does with each detection is docs/guest-contract.md ("What stops (or
restarts) a cell", "The monitor cell"); the figures below (the monitor's 10 ms sample, the 1 s
default timeout) are the ones cells/monitor/monitor.c and emit/cell_dts.py use.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..sched.result import Schedule
from ..spec.model import (DEFAULT_RESTART_LIMIT, DEFAULT_WATCH_TIMEOUT_NS, MONITOR_SAMPLE_NS, Cell, System,
                          Watch)
from ..spec.units import fmt_duration


AT_ONCE = "at once"
NOBODY = ""


@dataclass(frozen=True)
class Mode:
    """One row of a cell's table."""
    failure: str              # what goes wrong
    detector: str             # who notices it; NOBODY if no one does
    within: str               # how soon ("at once", "500ms", ...); "-" if never
    recovery: str             # what then happens to the failed cell
    others: str               # what the other cells see
    gap: str = ""             # why this row is a gap ("" if it is none)


@dataclass(frozen=True)
class CellModes:
    cell: str
    summary: str              # recovery and limit, in a few words
    modes: tuple[Mode, ...]


@dataclass(frozen=True)
class Fmea:
    system: str
    cells: tuple[CellModes, ...]
    hypervisor: tuple[Mode, ...]

    @property
    def gaps(self) -> list[tuple[str, Mode]]:
        """(who, row) for every row that is a gap: the cells' first, then the hypervisor's."""
        return ([(c.cell, m) for c in self.cells for m in c.modes if m.gap] +
                [("hypervisor", m) for m in self.hypervisor if m.gap])


def _limit(cell: Cell) -> str:
    count, window = ((cell.restart_limit.count, cell.restart_limit.window_ns) if cell.restart_limit
                     else DEFAULT_RESTART_LIMIT)
    return f"more than {count} restarts within {fmt_duration(window)}"


def _recovery(cell: Cell, kind: str) -> str:
    """What a recovery of this kind does to the cell."""
    if kind == "restart":
        return "restarted cold (RAM zeroed, images copied again)"
    if kind == "restore":
        return ("restored from its checkpoint (only the pages written since are copied; cold "
                "before it has taken one)")
    return "stopped (FAULTED) until the operator's `hv> start`"


def _comes_back(kind: str) -> bool:
    return kind in ("restart", "restore")


class _View:
    """The facts about the other cells that every row needs."""

    def __init__(self, system: System, sched: Schedule):
        self.system, self.sched = system, sched
        mon = system.monitor
        self.monitor = mon.cell if mon else None
        self.monitor_timeout_ns = mon.timeout_ns if mon else 0
        self.watch = {w.cell: w for w in mon.watch} if mon else {}

    def peers(self, cell: str) -> list[tuple[str, str]]:
        """(the other end, its channels with cell, quoted) for every cell that shares one with
        it, heartbeat channels included (the model holds them), in channel order."""
        out: dict[str, list[str]] = {}
        for ch in self.system.channels:
            if cell in ch.between:
                out.setdefault(ch.between[1] if ch.between[0] == cell else ch.between[0],
                               []).append(f"'{ch.name}'")
        return [(peer, ("channel " if len(names) == 1 else "channels ") + ", ".join(names))
                for peer, names in out.items()]

    def controllers(self, cell: str) -> list[tuple[str, str, tuple[str, ...]]]:
        """(channel, controlling cell, rights) for every control channel that acts on cell."""
        return [(ch.name, ch.control.from_cell, ch.control.allow) for ch in self.system.channels
                if ch.control is not None and cell in ch.between and ch.control.from_cell != cell]

    def core_mates(self, cell: str) -> list[str]:
        """The cells that share a core with cell in some power state, by name."""
        index = {c.name: c.index for c in self.system.cells}[cell]
        mates = set()
        for st in self.sched.states:
            mine = {st.vcpu_core[v.index] for v in self.sched.vcpus if v.cell == index}
            mates |= {self.system.cells[v.cell].name for v in self.sched.vcpus
                      if v.cell != index and st.vcpu_core[v.index] in mine}
        return sorted(mates, key=lambda n: [c.name for c in self.system.cells].index(n))

    def down(self, cell: str, back: bool) -> str:
        """What the other cells see while cell is stopped or restarting (back: it comes back by
        itself)."""
        seen = []
        for peer, chs in self.peers(cell):
            seen.append(f"{peer}: {chs}: the peer restarted, what was in flight is dropped"
                        if back else f"{peer}: {chs}: quiet, no answers")
        if cell in self.watch:
            seen.append(f"{self.monitor}: its watch sees '{cell}' " +
                        ("restart and run again" if back else "stop"))
        if cell == self.monitor and self.watch:
            watched = ", ".join(self.watch)
            seen.append(f"{watched}: unwatched " + ("until the monitor is back" if back else "from then on"))
        mates = self.core_mates(cell)
        if mates:
            seen.append(f"{', '.join(mates)}: more time on the core they share with it")
        return "; ".join(seen) or "nothing: it shares no channel and no core"

    def quiet(self, cell: str) -> str:
        """What the other cells see while cell runs on but does nothing useful."""
        seen = [f"{peer}: {chs}: quiet, no answers" for peer, chs in self.peers(cell)]
        if cell == self.monitor and self.watch:
            seen.append(f"{', '.join(self.watch)}: unwatched from then on")
        mates = self.core_mates(cell)
        if mates:
            seen.append(f"{', '.join(mates)}: nothing on the core they share: it keeps its share, no more")
        return "; ".join(seen) or "nothing: it shares no channel and no core"


def _crash(v: _View, cell: Cell) -> Mode:
    back = _comes_back(cell.recovery)
    return Mode("crash: an access outside its memory, an SMC or trapped instruction the hypervisor "
                "does not emulate, an SError",
                "the hypervisor (stage-2 fault or trap)", AT_ONCE, _recovery(cell, cell.recovery),
                v.down(cell.name, back),
                "" if back else "stays down: recovery is 'none'")


def _panic_resets(cell: Cell) -> bool:
    """Linux reboots after a panic (a PSCI SYSTEM_RESET) only with a nonzero 'panic=' in its
    bootargs; otherwise it halts with its vCPUs spinning, interrupts off."""
    m = re.search(r"(?:^|\s)panic=(-?\d+)(?:\s|$)", cell.bootargs)
    return m is not None and int(m.group(1)) != 0


def _reset(v: _View, cell: Cell) -> Mode:
    panic = cell.os == "linux" and _panic_resets(cell)
    what = ("reset or power-off: PSCI SYSTEM_RESET (a reboot" + (", or a panic: 'panic=' in its "
            "bootargs makes one a reset" if panic else "") + ") or SYSTEM_OFF")
    back = _comes_back(cell.recovery)
    recovery = (f"a reset: {_recovery(cell, cell.recovery)}; SYSTEM_OFF: stopped" if back
                else "stopped until the operator's `hv> start`")
    return Mode(what, "the cell itself, through the hypervisor", AT_ONCE, recovery,
                v.down(cell.name, back))


def _watch_recovery(cell: Cell, w: Watch) -> str:
    if w.on_failure == "none":
        return "reported only (one console line per episode); the cell stays as it is"
    return _recovery(cell, w.on_failure)


def _by_controller(v: _View, cell: str) -> str:
    """Who may act on cell over a control channel, when no watch does: their own detection."""
    acts = [f"{who} over channel '{ch}' (may {', '.join(rights)}), by its own judgement"
            for ch, who, rights in v.controllers(cell)]
    return "; ".join(acts)


def _hang(v: _View, cell: Cell) -> Mode:
    """Interrupts off, or a spin the timer never breaks: the monitor's timer check catches it."""
    failure = "hang with interrupts off: a vCPU takes no timer interrupt"
    if cell.os == "linux" and not _panic_resets(cell):
        failure += " (also a kernel panic: without 'panic=' in its bootargs Linux halts)"
    if cell.name == v.monitor:
        return _monitor_watched(v, cell, failure)
    w = v.watch.get(cell.name)
    if w is not None:
        timeout = w.heartbeat.timeout_ns if w.heartbeat else DEFAULT_WATCH_TIMEOUT_NS
        return Mode(failure, f"{v.monitor}: timer interrupt not taken",
                    f"{fmt_duration(timeout)} (+{fmt_duration(MONITOR_SAMPLE_NS)})",
                    _watch_recovery(cell, w), v.down(cell.name, _comes_back(w.on_failure)),
                    "" if _comes_back(w.on_failure) else "reported only: on_failure is 'none'")
    return _unwatched(v, cell, failure, "no monitor watch")


def _silence(v: _View, cell: Cell) -> Mode:
    """Alive to the timer but doing nothing useful: only a heartbeat tells."""
    failure = "silent: its timer runs but its work stops (a livelock, a dead user space)"
    if cell.name == v.monitor:
        return _monitor_watched(v, cell, failure)
    w = v.watch.get(cell.name)
    if w is not None and w.heartbeat is not None:
        hb = w.heartbeat
        return Mode(failure, f"{v.monitor}: no heartbeat on 'heartbeat-{cell.name}' (every "
                    f"{fmt_duration(hb.period_ns)})", fmt_duration(hb.timeout_ns),
                    _watch_recovery(cell, w), v.down(cell.name, _comes_back(w.on_failure)),
                    "" if _comes_back(w.on_failure) else "reported only: on_failure is 'none'")
    why = "no heartbeat" if w is not None else "no monitor watch"
    return _unwatched(v, cell, failure, why)


def _monitor_watched(v: _View, cell: Cell, failure: str) -> Mode:
    """The monitor cell itself: the hypervisor watches it, and a monitor that hangs or idles
    stops sampling its watches (core/monitor.c); its own recovery applies, as for a fault."""
    back = _comes_back(cell.recovery)
    return Mode(failure, "the hypervisor: no watch sample from it", fmt_duration(v.monitor_timeout_ns),
                _recovery(cell, cell.recovery), v.down(cell.name, back),
                "" if back else "stays down: recovery is 'none'")


def _unwatched(v: _View, cell: Cell, failure: str, why: str) -> Mode:
    acts = _by_controller(v, cell.name)
    if acts:
        return Mode(failure, acts, "as that cell decides", "as that cell asks",
                    v.down(cell.name, True))
    return Mode(failure, NOBODY, "-", "none: the cell stays as it is", v.quiet(cell.name),
                f"nobody detects it ({why}, no control channel acts on it)")


def _corruption(v: _View, cell: Cell) -> Mode:
    failure = "corruption of its code or of data that must not change"
    w = v.watch.get(cell.name)
    if w is not None and w.rules:
        rules = ", ".join(f"{r.name} every {fmt_duration(r.period_ns)}" for r in w.rules)
        shortest = min(r.period_ns for r in w.rules)
        return Mode(failure, f"{v.monitor}: integrity rules ({rules})",
                    f"{fmt_duration(shortest)} to {fmt_duration(max(r.period_ns for r in w.rules))}",
                    _watch_recovery(cell, w), v.down(cell.name, _comes_back(w.on_failure)),
                    "" if _comes_back(w.on_failure) else "reported only: on_failure is 'none'")
    return Mode(failure, NOBODY, "-", "none", "what the corruption makes it do",
                "nobody detects it (no integrity rules)")


def _overrun(v: _View, cell: Cell) -> Mode | None:
    mates = v.core_mates(cell.name)
    if cell.realtime is None and not mates:
        return None
    if cell.realtime is not None:
        rt = cell.realtime
        return Mode(f"overrun: it runs past its budget of {fmt_duration(rt.budget_ns)} every "
                    f"{fmt_duration(rt.period_ns)}", "the hypervisor's scheduler", AT_ONCE,
                    "held until its next period; only its own deadlines can suffer",
                    ", ".join(mates) + ": nothing, their share of the core is theirs" if mates else
                    "nothing: it has its cores to itself")
    return Mode("overrun: it never waits", "the hypervisor's scheduler", AT_ONCE,
                "sliced with the others on a shared core", ", ".join(mates) +
                ": their own slices (a real-time cell's budget comes first)")


def _channel_abuse(v: _View, cell: Cell) -> Mode | None:
    peers = v.peers(cell.name)
    if not peers:
        return None
    return Mode("a hostile or broken channel end: garbage or out-of-range indices in its half, "
                "doorbell storms",
                "each peer's reader (every shared value checked); the hypervisor coalesces doorbells",
                "at the peer's next call", "none needed: the peer resets the channel",
                "; ".join(f"{peer}: {chs}: broken, then reset; its other work goes on"
                          for peer, chs in peers))


def _restart_storm(v: _View, cell: Cell) -> Mode | None:
    """A restart limit turns the next restart into FAILED, on purpose: not a gap."""
    if not _comes_back(cell.recovery) and not (cell.name in v.watch and
                                               _comes_back(v.watch[cell.name].on_failure)):
        return None
    return Mode(f"restart storm: {_limit(cell)}", "the hypervisor's restart limit", AT_ONCE,
                "FAILED: it stays down until the operator's `hv> start`", v.down(cell.name, False))


def _cell_modes(v: _View, cell: Cell) -> CellModes:
    rows = [_crash(v, cell), _reset(v, cell), _hang(v, cell), _silence(v, cell), _corruption(v, cell),
            _restart_storm(v, cell), _overrun(v, cell), _channel_abuse(v, cell)]
    summary = f"recovery '{cell.recovery}'" + (f", {_limit(cell)}: FAILED" if _comes_back(cell.recovery)
                                              else "")
    return CellModes(cell.name, summary, tuple(r for r in rows if r is not None))


def _hypervisor_modes(v: _View) -> tuple[Mode, ...]:
    return (
        Mode("a guest's misbehaviour (faults, bad hypercall arguments, hostile shared memory, "
             "doorbell storms, control requests without the right)",
             "every value a guest supplies is checked", AT_ONCE,
             "the guest's own recovery (above), or an error code; never a hypervisor stop",
             "nothing; a control request without the right is refused with one console line"),
        Mode("an exception in the hypervisor itself (a bug)", "its exception vectors", AT_ONCE,
             "that core stops (`[hv] panic: hypervisor stopped on this core`); no recovery",
             "the cells with a vCPU on that core stop with it (report.md, 'Cores'); cells on other "
             "cores go on, and see the stopped ones' channels fall quiet",
             "no recovery of the hypervisor"),
    )


def analyse(system: System, sched: Schedule) -> Fmea:
    v = _View(system, sched)
    return Fmea(system.name, tuple(_cell_modes(v, c) for c in system.cells), _hypervisor_modes(v))
