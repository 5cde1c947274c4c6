# SPDX-License-Identifier: GPL-2.0
"""Exact response-time analysis for fixed-priority preemptive periodic servers on one core.

Deadline = period.  R_i = C_i + sum over higher-priority j of ceil(R_i / T_j) * C_j, iterated from
R_i = C_i to a fixpoint or until it exceeds T_i (then the server misses its deadline).  Integer
nanoseconds throughout, so the result is exact.
"""
from __future__ import annotations

from collections.abc import Sequence


def response_times(servers: Sequence[tuple[int, int]]) -> list[int]:
    """servers: (budget C, period T), highest priority first.  Returns each R_i; a value > T_i is
    the first iterate that passed the deadline (for messages), not a true response time."""
    out = []
    for i, (c, t) in enumerate(servers):
        hp = servers[:i]
        r = c
        while r <= t:
            nxt = c + sum(-(-r // tj) * cj for cj, tj in hp)
            if nxt == r:
                break
            r = nxt
        out.append(r)
    return out


def schedulable(servers: Sequence[tuple[int, int]]) -> bool:
    return all(r <= t for r, (_, t) in zip(response_times(servers), servers))
