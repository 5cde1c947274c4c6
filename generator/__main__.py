# SPDX-License-Identifier: GPL-2.0
"""Command line: ``check`` validates a spec, ``build`` validates then generates.

Both run the same pipeline (load, board, checks, placement, scheduling); ``build`` then emits.

The only code in the generator that prints or exits.  Exit status: 0 clean, 1 findings (all printed,
sorted by position, nothing written), 2 usage or internal error (traceback only with TESSERA_DEBUG=1).
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import traceback
from pathlib import Path

from .diag import Diagnostic, DiagnosticError, Pos, format_all

PROG = "python3 -m generator"
# Python module -> the Debian package that provides it (ci/bootstrap installs them all).
DEBIAN_PACKAGES = {"yaml": "python3-yaml", "jinja2": "python3-jinja2", "jsonschema": "python3-jsonschema",
                   "libfdt": "python3-libfdt", "kconfiglib": "python3-kconfiglib"}
_REPO = Path(__file__).resolve().parents[1]


def _default(rel: str) -> str:
    """``rel`` if it exists from here (the usual case: run from the repo root), else the repo's copy."""
    return rel if os.path.exists(rel) else os.path.relpath(_REPO / rel)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=PROG, description="Tessera system-description compiler.")
    sub = p.add_subparsers(dest="command", metavar="{check,build,inputs}")
    s = sub.add_parser("inputs", help="print the payload files a spec names, one per line",
                       description="print the payload files (images, initrds) a spec names, relative to "
                                   "the current directory, so make can build them first")
    s.add_argument("--spec", required=True, help="system spec (YAML)")
    for name, text in (("check", "validate a spec; writes nothing"), ("build", "validate a spec, then generate")):
        s = sub.add_parser(name, help=text, description=text)
        s.add_argument("--spec", required=True, help="system spec (YAML)")
        s.add_argument("--board-dir", default=None, help="folder of board DTS files (default: dts/boards)")
        s.add_argument("--config", default=None, help="Kconfig .config to read limits from (default: built-in)")
        s.add_argument("--kconfig", default=None, help="top Kconfig file (default: Kconfig)")
        if name == "build":
            s.add_argument("--out", required=True, help="output folder")
    return p


def _kconfig_diag(text: str, config: str) -> Diagnostic:
    """A kconfiglib warning ('file:line: warning: ...' or just 'warning: ...') as a finding."""
    m = re.match(r"(?P<file>[^\s:]+):(?P<line>\d+): (?:warning: )?(?P<msg>.*)", text, re.S)
    if m:
        return Diagnostic(Pos(m.group("file"), int(m.group("line")), 1), "", m.group("msg").strip(),
                          "fix the configuration (make menuconfig)")
    return Diagnostic(Pos(config, 1, 1), "", text.removeprefix("warning: ").strip(),
                      "fix the configuration (make menuconfig)")


def read_options(args) -> dict:
    """Limits and every Kconfig value, from --config (defaults when it is not given)."""
    from .checks.limits import DEFAULT_MAX_CELLS, DEFAULT_MAX_VCPUS

    options = {"max_cells": DEFAULT_MAX_CELLS, "max_vcpus": DEFAULT_MAX_VCPUS, "config": {},
               "spec": args.spec, "board_dir": args.board_dir}
    if args.config is None:
        return options
    import kconfiglib

    kconfig = args.kconfig or _default("Kconfig")
    try:
        kconf = kconfiglib.Kconfig(kconfig, warn_to_stderr=False)
        kconf.warn_assign_undef = True
        kconf.load_config(args.config)
    except OSError as e:
        name = e.filename or args.config
        raise DiagnosticError([Diagnostic(Pos(name, 1, 1), "", f"cannot read {name}: {e.strerror}",
                                          "check the --config/--kconfig paths")]) from None
    except kconfiglib.KconfigError as e:
        raise DiagnosticError([_kconfig_diag(str(e), kconfig)]) from None
    if kconf.warnings:
        raise DiagnosticError([_kconfig_diag(w, args.config) for w in kconf.warnings])
    options["config"] = {name: sym.str_value for name, sym in sorted(kconf.syms.items())
                         if sym.type != kconfiglib.UNKNOWN}
    for key, sym in (("max_cells", "MAX_CELLS"), ("max_vcpus", "MAX_VCPUS")):
        if sym in kconf.syms and kconf.syms[sym].str_value:
            options[key] = int(kconf.syms[sym].str_value, 0)
    return options


def validate(args):
    """-> (system, board, options, placement, schedule): every step ``check`` and ``build`` share.

    Raises DiagnosticError with every finding.  Placement and scheduling run only on a spec the
    checks accept (they rely on what the checks proved)."""
    from .board import load_board
    from .build import analyse
    from .checks import run_all
    from .spec.load import load_system

    options = read_options(args)
    system = load_system(args.spec)
    board = load_board(system.board, args.board_dir or _default("dts/boards"), system.pos("board"))
    diags = run_all(system, board, options)
    if diags:
        raise DiagnosticError(diags)
    placement, sched = analyse(system, board)
    return system, board, options, placement, sched


def _emit(system, board, placement, sched, args, options) -> list[Diagnostic]:
    from .build import emit

    return list(emit(system, board, placement, sched, args.out, options) or [])


def _inputs(args) -> int:
    """Payload paths only: shape-checked, because the payloads may not be built yet."""
    from .spec.load import load_system

    try:
        system = load_system(args.spec)
    except DiagnosticError as e:
        print(format_all(e.diags), file=sys.stderr)
        return 1
    paths = {os.path.relpath(p) for c in system.cells for p in (c.image, c.initrd) if p}
    print("\n".join(sorted(paths)))
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def run(argv: list[str]) -> int:
    parser = _parser()
    if not argv:
        parser.print_usage(sys.stderr)
        return 2
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_usage(sys.stderr)
        return 2
    if args.command == "inputs":
        return _inputs(args)
    try:
        system, board, options, placement, sched = validate(args)
        diags = _emit(system, board, placement, sched, args, options) if args.command == "build" else []
    except DiagnosticError as e:
        diags = e.diags
    if diags:
        print(format_all(diags), file=sys.stderr)
        return 1
    for w in sorted(placement.warnings, key=Diagnostic.sort_key):
        print(f"WARNING: {w.format()}")
    verb = "ok" if args.command == "check" else f"built into {args.out}"
    print(f"{args.spec}: {verb} ({_count(len(system.cells), 'cell')}, {_count(len(system.channels), 'channel')})")
    if args.command == "build":
        from . import fmea

        gaps = len(fmea.analyse(system, sched).gaps)
        print(f"{args.out}/fmea.md: {_count(gaps, 'failure')} that nobody detects or recovers from")
    return 0


def main() -> int:
    try:
        return run(sys.argv[1:])
    except KeyboardInterrupt:
        return 130
    except ModuleNotFoundError as e:
        # A Debian package is missing (or the wrong interpreter runs us): say which.
        pkg = DEBIAN_PACKAGES.get(e.name or "", f"python3-{e.name}")
        print(f"generator: Python module '{e.name}' is missing; install it with "
              f"'apt-get install {pkg}' (or run 'make bootstrap'), and run the generator with "
              f"/usr/bin/python3, which sees Debian's modules", file=sys.stderr)
        return 2
    except Exception as e:  # noqa: BLE001 - users never see a traceback unless they ask
        if os.environ.get("TESSERA_DEBUG") == "1":
            traceback.print_exc()
        print(f"internal error: {type(e).__name__}: {e}", file=sys.stderr)
        if os.environ.get("TESSERA_DEBUG") != "1":
            print("rerun with TESSERA_DEBUG=1 to see the traceback, and report it", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
