# SPDX-License-Identifier: GPL-2.0
"""Memory placement: physical regions over board RAM, each cell's IPA layout and boot payloads."""
from .layout import place
from .result import Placement

__all__ = ["place", "Placement"]
