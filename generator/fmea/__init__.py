# SPDX-License-Identifier: GPL-2.0
"""Failure modes and effects of a checked, scheduled system (modes.py); emit/fmea_md.py renders
them as build/fmea.md."""
from .modes import AT_ONCE, NOBODY, CellModes, Fmea, Mode, analyse

__all__ = ["AT_ONCE", "NOBODY", "CellModes", "Fmea", "Mode", "analyse"]
