# SPDX-License-Identifier: GPL-2.0
"""Scheduling: rate-monotonic RTA, vCPU -> core per power state, and the moves between states."""
from .plan import schedule
from .result import Schedule

__all__ = ["schedule", "Schedule"]
