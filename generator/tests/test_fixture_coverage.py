# SPDX-License-Identifier: GPL-2.0
"""Every message placement and scheduling can produce has a bad-spec fixture (like the checks').

``check`` runs placement and scheduling too (one pipeline), so each message below is the exact
output of ``check`` on its fixture (test_errors.py compares the whole .err).  A new
``Diagnostic(`` in place/ or sched/ fails this test until it gets a row here and a fixture.
"""
from __future__ import annotations

import re

import pytest

from .conftest import REPO, SPECS

# (source file, a phrase of the message, fixture stem)
MESSAGES = [
    ("place/ipa_check.py", "overlaps cells[0].memory[0] (default IPA)", "memory_ipa_overlap"),
    ("place/ipa_check.py", "ends above the 39-bit IPA space", "place_ipa_above_space"),
    ("place/ipa_check.py", "covers the GIC distributor", "place_ipa_covers_gic"),
    ("place/ipa_check.py", "is not in the RAM of 'app'", "monitor_rule_outside_ram"),
    ("place/layout.py", "their doorbells need INTIDs beyond 255", "place_doorbells"),
    ("place/layout.py", "64K is less than the hypervisor needs: 304K", "hypervisor_memory_too_small"),
    ("place/payloads.py", "boot payloads need 68K", "place_boot_payloads"),
    ("place/phys.py", "of contiguous RAM but the largest free block is", "place_no_contiguous_block"),
    ("place/phys.py", "image store (2M) take 0x40000000-0x403fffff, which overlaps", "place_store_overlap"),
    ("place/phys.py", "which is not inside board RAM", "place_store_outside_ram"),
    ("sched/plan.py", "power.states[1] 'one': realtime vCPUs do not fit on cpu 0", "sched_realtime_state"),
    ("sched/plan.py", "with every core online, realtime vCPUs do not fit", "sched_realtime_all_cores"),
]
# Warnings (a risk the spec accepted), each shown by a good spec's 'check' output.
WARNINGS = [
    ("place/layout.py", "isolation is not guaranteed for cell 'linux': its device 'fwcfg'", "everything"),
]
# Fixtures that show a second face of a message already counted above.
EXTRA = [
    ("place/ipa_check.py", "overlaps device /pl031@9010000", "place_ipa_covers_device"),
]


def _diagnostics_in(rel: str) -> int:
    return len(re.findall(r"\bDiagnostic\(", (REPO / "generator" / rel).read_text()))


def test_every_placement_and_scheduling_message_has_a_row():
    sources = sorted(p.relative_to(REPO / "generator").as_posix()
                     for folder in ("place", "sched") for p in (REPO / "generator" / folder).glob("*.py"))
    counted = {rel: _diagnostics_in(rel) for rel in sources if _diagnostics_in(rel)}
    rows = {}
    for rel, _, _ in MESSAGES + WARNINGS:
        rows[rel] = rows.get(rel, 0) + 1
    assert rows == counted


@pytest.mark.parametrize("rel,phrase,fixture", MESSAGES + EXTRA, ids=lambda v: v if isinstance(v, str) else "")
def test_message_has_a_fixture(rel, phrase, fixture):
    err = SPECS / "bad" / f"{fixture}.err"
    assert (SPECS / "bad" / f"{fixture}.yaml").exists() and err.exists(), fixture
    assert phrase in err.read_text(), (fixture, phrase)


@pytest.mark.parametrize("rel,phrase,spec", WARNINGS, ids=lambda v: v if isinstance(v, str) else "")
def test_warning_has_a_good_spec(rel, phrase, spec):
    from .conftest import rel as relpath, run_generator
    result = run_generator("check", "--spec", relpath(SPECS / "good" / f"{spec}.yaml"))
    assert result.returncode == 0 and "WARNING: " in result.stdout and phrase in result.stdout
