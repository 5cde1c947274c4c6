# SPDX-License-Identifier: GPL-2.0
"""Human-readable durations for messages and reports: 1ms, 200us, 1.3ms."""
from __future__ import annotations

_UNITS = ((1_000_000_000, "s"), (1_000_000, "ms"), (1_000, "us"), (1, "ns"))


def fmt_duration(ns: int) -> str:
    for scale, unit in _UNITS:
        if ns >= scale or scale == 1:
            text = f"{ns / scale:.3f}".rstrip("0").rstrip(".")
            return f"{text}{unit}"
    raise AssertionError("unreachable")
