# SPDX-License-Identifier: GPL-2.0
"""render_all(): every output file's bytes, in memory, or the internal errors that prevent them."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..diag import Diagnostic
from ..place.result import DTB_RESERVE, Placement
from ..sched.result import Schedule
from ..spec.model import Board, System
from .c_tables import emit_c_tables
from .fmea_md import emit_fmea
from .cell_dts import emit_cell_dts
from ..board import DtcError
from .idents import rel_path
from .inputs import EmitInput
from .ld_script import emit_ld_script
from .memmap_svg import emit_memmap_svg
from .memmap_txt import emit_memmap_txt
from .report import emit_report


def _internal(what: str) -> Diagnostic:
    return Diagnostic(None, "", f"internal error: {what}", "please report this generator bug")


def render_all(system: System, board: Board, placement: Placement, schedule: Schedule,
               out_dir: Path, root: Path) -> tuple[dict[str, bytes], list[Diagnostic]]:
    out_rel = rel_path(Path(out_dir).absolute(), root)
    payload_rel = {}
    for lay in placement.cells:
        for p in lay.payloads:
            payload_rel[(lay.name, p.kind)] = (f"{out_rel}/gen/cells/{lay.name}.dtb" if p.kind == "dtb"
                                               else rel_path(p.source, root))
    inp = EmitInput(system, board, placement, schedule, rel_path(system.spec_file, root), out_rel,
                    payload_rel, {})
    files: dict[str, str | bytes] = {}
    diags = []
    dtb_size = {}
    for cell in system.cells:
        try:
            dts, dtb = emit_cell_dts(inp, cell.index)
        except DtcError as e:
            diags.append(_internal(f"dtc rejected gen/cells/{cell.name}.dts: {e}"))
            continue
        if len(dtb) > DTB_RESERVE:
            diags.append(_internal(f"the DTB of '{cell.name}' is {len(dtb)} bytes, over its "
                                   f"{DTB_RESERVE}-byte store slot"))
        files[f"gen/cells/{cell.name}.dts"] = dts
        files[f"gen/cells/{cell.name}.dtb"] = dtb
        dtb_size[cell.name] = len(dtb)
    if diags:
        return {}, diags
    inp = replace(inp, dtb_size=dtb_size)
    for emit in (emit_c_tables, emit_ld_script, emit_report, emit_fmea, emit_memmap_txt, emit_memmap_svg):
        files.update(emit(inp))
    # which QEMU machine `make run` boots (the Makefile's QEMU_MACHINE_<board>)
    files["gen/board.mk"] = f"# {inp.banner('tree.py')}\nSPEC_BOARD := {board.name}\n"
    return {k: v.encode() if isinstance(v, str) else v for k, v in sorted(files.items())}, []
