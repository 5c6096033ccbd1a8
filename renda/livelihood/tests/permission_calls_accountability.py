"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py)."""

from __future__ import annotations


def writes(world) -> dict:
    return {}


def reads(world) -> dict:
    return {}
