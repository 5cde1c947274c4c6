# SPDX-License-Identifier: GPL-2.0
"""Numbers with units, as written in a spec: sizes (64K, 16M, 0x1000), durations (1ms, 200us), numbers.

Each parser takes an int or a str and returns an int, or raises ValueError with a message that
names the accepted forms.  One parser per kind, used by the schema's format checks and by the
model builder, so both agree.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

SIZE_FORMS = "bytes as 4096, 0x1000, 64K, 16M, 1G (or KiB/MiB/GiB)"
DURATION_FORMS = "a number with a unit: ns, us, ms or s (1ms, 200us, 0.5ms)"
NUMBER_FORMS = "a decimal or 0x-hex integer (4096, 0x4000_0000)"

_SIZE_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30,
               "KIB": 1 << 10, "MIB": 1 << 20, "GIB": 1 << 30}
_DURATION_UNITS = {"ns": 1, "us": 1_000, "ms": 1_000_000, "s": 1_000_000_000}
_INT_RE = re.compile(r"(0x[0-9a-f]+(?:_?[0-9a-f]+)*|[0-9]+(?:_?[0-9]+)*)", re.I)
_SIZE_RE = re.compile(r"\s*" + _INT_RE.pattern + r"\s*([a-z]*)\s*", re.I)
_DURATION_RE = re.compile(r"\s*([0-9]+(?:_?[0-9]+)*(?:\.[0-9]+)?)\s*([a-z]*)\s*", re.I)


def parse_int_text(text: str) -> int:
    """'4096', '0x1000', '1_000_000' -> int; ValueError otherwise (no octal, no sign)."""
    m = _INT_RE.fullmatch(text.strip())
    if not m:
        raise ValueError(f"'{text}' is not a number; write {NUMBER_FORMS}")
    return int(text.strip().replace("_", ""), 0 if text.strip().lower().startswith("0x") else 10)


def parse_number(value) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        return parse_int_text(value)
    raise ValueError(f"expected {NUMBER_FORMS}")


def parse_size(value) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a size: {SIZE_FORMS}")
    m = _SIZE_RE.fullmatch(value)
    unit = m.group(2).upper() if m else None
    if not m or unit not in _SIZE_UNITS:
        raise ValueError(f"bad size '{value}'; write {SIZE_FORMS}")
    return parse_int_text(m.group(1)) * _SIZE_UNITS[unit]


def parse_duration(value) -> int:
    """-> nanoseconds."""
    if not isinstance(value, str):
        raise ValueError(f"bad duration {value!r}; write {DURATION_FORMS}")
    m = _DURATION_RE.fullmatch(value)
    if not m or m.group(2) not in _DURATION_UNITS:
        raise ValueError(f"bad duration '{value}'; write {DURATION_FORMS}")
    try:
        ns = Decimal(m.group(1).replace("_", "")) * _DURATION_UNITS[m.group(2)]
    except InvalidOperation:
        raise ValueError(f"bad duration '{value}'; write {DURATION_FORMS}") from None
    if ns != ns.to_integral_value():
        raise ValueError(f"duration '{value}' is not a whole number of nanoseconds")
    return int(ns)


def fmt_size(n: int) -> str:
    """The one size formatter (messages, reports, memory maps): the shortest exact spelling a spec
    accepts - 1G, 16M, 64K - else the number of bytes (hex from 1K on)."""
    for suffix, unit in (("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)):
        if n and n % unit == 0:
            return f"{n // unit}{suffix}"
    return str(n) if n < 1024 else f"{n:#x}"


def fmt_duration(ns: int) -> str:
    """The one duration formatter: the largest unit that shows ``ns`` exactly with at most three
    decimals, in a spelling a spec accepts - 1ms, 200us, 1.3ms, 1234.567us, 5ns."""
    for suffix, unit in (("s", 10**9), ("ms", 10**6), ("us", 10**3)):
        if ns >= unit and (ns * 1000) % unit == 0:
            text = f"{ns // unit}.{ns % unit * 1000 // unit:03d}".rstrip("0").rstrip(".")
            return f"{text}{suffix}"
    return f"{ns}ns"


def fmt_range(base: int, size: int) -> str:
    return f"{base:#x}-{base + size - 1:#x}"
