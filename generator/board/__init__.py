# SPDX-License-Identifier: GPL-2.0
"""Board DTS -> ``Board`` model.  The only package that runs dtc or imports libfdt.

Public API: ``load_board``, ``list_boards``, and for the emitters ``compile_source`` (generated
DTS text -> DTB bytes) with its ``DtcError``."""
from __future__ import annotations

import os

from ..diag import Diagnostic, DiagnosticError, Pos, did_you_mean
from ..spec.model import Board
from .dtc import DtcError, compile_dts, compile_source
from .fdt import read_tree
from .parse import build_board

__all__ = ["DtcError", "compile_source", "list_boards", "load_board"]

DEFAULT_BOARD_DIR = "dts/boards"


def list_boards(board_dir: str) -> list[str]:
    try:
        return sorted(f[:-4] for f in os.listdir(board_dir) if f.endswith(".dts"))
    except OSError:
        return []


def load_board(name: str, board_dir: str = DEFAULT_BOARD_DIR, pos: Pos | None = None) -> Board:
    """Load ``<board_dir>/<name>.dts``; ``pos`` is the spec's ``board:`` value, for an unknown board."""
    boards = list_boards(board_dir)
    if name not in boards:
        hint = did_you_mean(name, boards)
        known = f"boards in {board_dir}: {', '.join(boards)}" if boards else f"{board_dir} has no *.dts boards"
        raise DiagnosticError([Diagnostic(pos, "board", f"unknown board '{name}'",
                                          f"{hint} ({known})" if hint else known)])
    dts_path = os.path.join(board_dir, name + ".dts")
    return build_board(name, dts_path, read_tree(compile_dts(dts_path)))
