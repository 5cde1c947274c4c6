# SPDX-License-Identifier: GPL-2.0
"""Every bad spec gives exactly its .err output and exit 1; every good spec passes 'check'."""
from __future__ import annotations

import pytest

from .conftest import SPECS, extra_args, rel, run_generator

BAD = sorted((SPECS / "bad").glob("*.yaml"))
GOOD = sorted((SPECS / "good").glob("*.yaml"))


def test_enough_fixtures():
    assert len(BAD) >= 35
    rules = {p.stem.split("_")[0] for p in BAD}
    assert {"schema", "load", "board", "names", "hypervisor", "memory", "devices", "irqs", "channels",
            "monitor", "power", "images", "realtime", "limits"} <= rules


@pytest.mark.parametrize("spec", BAD, ids=lambda p: p.stem)
def test_bad_spec(spec):
    expected = spec.with_suffix(".err").read_text()
    result = run_generator("check", "--spec", rel(spec), *extra_args(spec))
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == expected


@pytest.mark.parametrize("spec", GOOD, ids=lambda p: p.stem)
def test_good_spec(spec):
    result = run_generator("check", "--spec", rel(spec), *extra_args(spec))
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[-1].startswith(f"{rel(spec)}: ok (") and len(lines) == 1 + len(
        [w for w in lines if w.startswith("WARNING: ")]), result.stdout


def test_spec_not_found():
    result = run_generator("check", "--spec", "no/such/spec.yaml")
    assert result.returncode == 1
    assert result.stderr == ("no/such/spec.yaml:1:1: cannot read the spec: No such file or directory; "
                             "check the --spec path\n")


def test_zcu102_demo_passes():
    """configs/zcu102.yaml (Linux beside a real-time cell on a GICv2 board with a Cadence console)
    passes every rule: the hypervisor emulates the board's UART model for its cells."""
    result = run_generator("check", "--spec", "configs/zcu102.yaml")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("configs/zcu102.yaml: ok ("), result.stdout


def test_no_arguments_prints_usage():
    result = run_generator()
    assert result.returncode == 2
    assert result.stderr.startswith("usage: python3 -m generator")


def test_missing_config_file_is_a_finding():
    spec = SPECS / "good" / "minimal.yaml"
    result = run_generator("check", "--spec", rel(spec), "--config", "no/such/.config")
    assert result.returncode == 1
    assert "no/such/.config" in result.stderr and "Traceback" not in result.stderr


def test_internal_error_has_no_traceback(monkeypatch, capsys):
    from generator import __main__ as cli

    def boom(argv):
        raise ValueError("boom")
    monkeypatch.setattr(cli, "run", boom)
    monkeypatch.delenv("TESSERA_DEBUG", raising=False)
    assert cli.main() == 2
    err = capsys.readouterr().err
    assert err.startswith("internal error: ValueError: boom\n") and "TESSERA_DEBUG=1" in err
    assert "Traceback" not in err
    monkeypatch.setenv("TESSERA_DEBUG", "1")
    assert cli.main() == 2
    assert "Traceback" in capsys.readouterr().err


def test_build_stops_before_writing_on_findings(tmp_path):
    spec = SPECS / "bad" / "devices_twice.yaml"
    out = tmp_path / "out"
    result = run_generator("build", "--spec", rel(spec), "--out", str(out))
    assert result.returncode == 1
    assert result.stderr == spec.with_suffix(".err").read_text()
    assert not out.exists()


# ---- robustness: a spec mangled anywhere gives findings or a System, never an exception ----

def _leaf_paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaf_paths(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaf_paths(v, path + (i,))


def test_mangled_specs_never_crash(tmp_path_factory):
    import copy

    import yaml
    from hypothesis import HealthCheck, given, settings, strategies as st

    from generator.board import load_board
    from generator.build import analyse
    from generator.checks import run_all
    from generator.diag import DiagnosticError
    from generator.spec.load import load_system

    from .conftest import REPO

    good = SPECS / "good" / "everything.yaml"
    base = yaml.safe_load(good.read_text())
    paths = list(_leaf_paths(base))
    board = load_board("qemu-virt", str(REPO / "dts/boards"))
    words = st.sampled_from(["rtc0", "uart0", "gic", "linux", "rtos", "monitor", "0x1000", "4K", "0",
                             "1ms", "0ns", "restart", "full", "../images/tiny.bin", "../images/fake-Image"])
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 1 << 40), words, st.text(max_size=6))
    broad = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(st.sampled_from(["size", "base", "ipa", "name", "cell"]), inner, max_size=3),
                          max_leaves=6)
    typed = st.one_of(words, st.integers(0, 8), st.sampled_from([0x4000_0000, 0x4800_0000, 4096, 1 << 30, 3]),
                      st.lists(st.integers(0, 5), max_size=5), st.lists(words, max_size=3))
    values = st.one_of(typed, typed, typed, broad)
    folder = tmp_path_factory.mktemp("mangled") / "specs"
    folder.mkdir()
    spec = folder / "spec.yaml"
    (folder / "tiny.bin").write_bytes(b"\0" * 4096)
    (folder.parent / "images").mkdir()       # the spec's ../images/ payloads, so many specs place
    for name in ("tiny.bin", "fake-Image"):
        (folder.parent / "images" / name).write_bytes((SPECS / "images" / name).read_bytes())

    def like(path):      # mostly a value of the same kind as the one replaced, sometimes anything
        old = base
        for part in path:
            old = old[part]
        same = {int: st.one_of(st.integers(0, 8), st.sampled_from([0x4000_0000, 0x4800_0000, 4096, 1 << 30, 3])),
                str: words, list: st.one_of(st.lists(st.integers(0, 5), max_size=5), st.lists(words, max_size=3))}
        kind = same.get(type(old))
        return st.tuples(st.just(path), st.one_of(kind, kind, kind, values) if kind is not None else values)

    # No deadline: the time a spec takes is no part of the test (a loaded machine took 274 ms).
    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.sampled_from(paths).flatmap(like), min_size=1, max_size=3))
    def mangle(edits):
        doc = copy.deepcopy(base)
        for path, value in edits:
            if not path:
                continue
            target = doc
            try:
                for part in path[:-1]:
                    target = target[part]
                target[path[-1]] = value
            except (KeyError, IndexError, TypeError):
                continue
        spec.write_text(yaml.safe_dump(doc))
        try:
            system = load_system(str(spec))
        except DiagnosticError as e:
            assert e.diags
            return
        diags = run_all(system, board)
        for d in diags:
            d.format()
        if not diags:          # check runs placement and scheduling too: they must not crash either
            try:
                analyse(system, board)
            except DiagnosticError as e:
                for d in e.diags:
                    d.format()

    mangle()
