# SPDX-License-Identifier: GPL-2.0
"""Tessera system-description compiler: YAML spec + board DTS -> C tables, cell DTBs, reports."""
