# SPDX-License-Identifier: GPL-2.0
"""Validated value tree -> the frozen ``System`` model (units converted, image paths resolved)."""
from __future__ import annotations

import os
from pathlib import Path

from . import model as m
from .load import Loaded
from .rules import BUILTIN_RULES, MS
from .units import parse_duration, parse_number, parse_size


def _opt(value, parse):
    return None if value is None else parse(value)


def _file(spec_dir: Path, text: str | None) -> Path | None:
    if text is None:
        return None
    return Path(os.path.normpath(spec_dir / os.path.expanduser(text)))


def _memory(raw, path: str) -> tuple[m.MemoryRegion, ...]:
    if not isinstance(raw, list):
        return (m.MemoryRegion(path, parse_size(raw)),)
    return tuple(m.MemoryRegion(f"{path}[{j}]", parse_size(r["size"]), _opt(r.get("base"), parse_number),
                                _opt(r.get("ipa"), parse_number)) for j, r in enumerate(raw))


def _cell(raw: dict, i: int, spec_dir: Path) -> m.Cell:
    path = f"cells[{i}]"
    rt = raw.get("realtime")
    cp = raw.get("checkpoint")
    rl = raw.get("restart_limit")
    return m.Cell(
        path=path, index=i, name=raw["name"], os=raw["os"], vcpus=raw["vcpus"],
        memory=_memory(raw["memory"], f"{path}.memory"),
        image=_file(spec_dir, raw.get("image")), image_text=raw.get("image"),
        initrd=_file(spec_dir, raw.get("initrd")), initrd_text=raw.get("initrd"),
        bootargs=raw.get("bootargs", ""), devices=tuple(raw.get("devices", ())),
        recovery=raw.get("recovery", "none"), trust_dma=raw.get("trust_dma", False),
        console=raw.get("console", "focus"),
        realtime=rt and m.Realtime(f"{path}.realtime", parse_duration(rt["period"]),
                                   parse_duration(rt["budget"])),
        checkpoint=cp and m.Checkpoint(f"{path}.checkpoint", parse_size(cp["size"]),
                                       _opt(cp.get("base"), parse_number)),
        restart_limit=rl and m.RestartLimit(f"{path}.restart_limit", rl["count"],
                                            parse_duration(rl["window"])),
    )


def _channel(raw: dict, i: int) -> m.Channel:
    path = f"channels[{i}]"
    ctl = raw.get("control")
    return m.Channel(
        path=path, index=i, name=raw["name"], between=tuple(raw["between"]),
        size=parse_size(raw["size"]), base=_opt(raw.get("base"), parse_number),
        control=ctl and m.Control(f"{path}.control", ctl["from"], tuple(ctl["allow"])),
    )


def _rule(raw, path: str) -> m.Rule:
    """A rule by name (built-in defaults) or as a mapping (its keys over a built-in's)."""
    raw = {"name": raw} if isinstance(raw, str) else raw
    base = BUILTIN_RULES.get(raw["name"], dict(region="", check="", allow=(), period_ns=0))
    region, start, size = raw.get("region", base["region"]), 0, 0
    if isinstance(region, dict):
        region, start, size = "ipa", parse_number(region["base"]), parse_size(region["size"])
    period, check = raw.get("period"), raw.get("check", base["check"])
    inherited_allow = base["allow"] if check == base["check"] else ()
    return m.Rule(path=path, name=raw["name"], region=region, check=check,
                  allow=tuple(raw.get("allow", inherited_allow)),
                  period_ns=parse_duration(period) if period is not None else base["period_ns"] or 1000 * MS,
                  base=start, size=size)


def _watch(raw: dict, j: int) -> m.Watch:
    path = f"monitor.watch[{j}]"
    hb = raw.get("heartbeat")
    return m.Watch(
        path=path, cell=raw["cell"],
        heartbeat=hb and m.Heartbeat(f"{path}.heartbeat", parse_duration(hb["period"]),
                                     parse_duration(hb["timeout"])),
        inspect=raw.get("inspect", "none"), on_failure=raw.get("on_failure", "none"),
        rules=tuple(_rule(r, f"{path}.rules[{k}]") for k, r in enumerate(raw.get("rules", ()))),
    )


def _monitor(raw: dict | None) -> m.Monitor | None:
    if raw is None:
        return None
    timeout = parse_duration(raw["timeout"]) if "timeout" in raw else m.DEFAULT_MONITOR_TIMEOUT_NS
    return m.Monitor("monitor", raw["cell"], tuple(_watch(w, j) for j, w in enumerate(raw["watch"])),
                     timeout)


HEARTBEAT_CHANNEL_SIZE = 4096


def _heartbeat_channels(monitor: m.Monitor | None, first: int) -> tuple[m.Channel, ...]:
    """A channel 'heartbeat-<cell>' between each watched cell that has a heartbeat and the
    monitor, after the spec's own channels: the watched cell sends on it, the monitor listens."""
    if monitor is None:
        return ()
    watches = [w for w in monitor.watch if w.heartbeat]
    return tuple(m.Channel(path=w.heartbeat.path, index=first + k, name=f"heartbeat-{w.cell}",
                           between=(w.cell, monitor.cell), size=HEARTBEAT_CHANNEL_SIZE)
                 for k, w in enumerate(watches))


def _power(raw: dict | None) -> m.Power | None:
    if raw is None:
        return None
    states = tuple(m.PowerState(f"power.states[{k}]", s["name"], tuple(s["cpus"]))
                   for k, s in enumerate(raw["states"]))
    return m.Power("power", raw.get("policy", "performance"), states, _ondemand(raw.get("ondemand")))


def _ondemand(raw: dict | None) -> m.Ondemand:
    if raw is None:
        return m.DEFAULT_ONDEMAND
    window = parse_duration(raw["window"]) if "window" in raw else m.ONDEMAND_WINDOW_NS
    return m.Ondemand("power.ondemand", window, raw.get("up", m.ONDEMAND_UP), raw.get("down", m.ONDEMAND_DOWN))


def resolve(loaded: Loaded) -> m.System:
    """Build the System from a value tree that passed validate()."""
    raw = loaded.values
    spec_dir = Path(os.path.abspath(os.path.dirname(loaded.file) or "."))
    hyp = raw["hypervisor"]
    channels = tuple(_channel(c, i) for i, c in enumerate(raw.get("channels", ())))
    monitor = _monitor(raw.get("monitor"))
    return m.System(
        spec_file=loaded.file, spec_dir=spec_dir, name=raw["system"], board=raw["board"],
        hypervisor=m.Hypervisor("hypervisor", hyp["console"], _opt(hyp.get("memory"), parse_size),
                                _opt(hyp.get("base"), parse_number)),
        cells=tuple(_cell(c, i, spec_dir) for i, c in enumerate(raw["cells"])),
        channels=channels + _heartbeat_channels(monitor, len(channels)),
        monitor=monitor,
        power=_power(raw.get("power")),
        positions=dict(loaded.positions),
    )
