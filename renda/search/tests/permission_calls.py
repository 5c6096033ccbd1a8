"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): searching is open to
every role (what is found is narrowed by each item's own rules, see test_secrets)."""


def writes(world) -> dict:
    return {}


def reads(world) -> dict:
    return {"search": f"/c/{world.congress.code}/search/?q=建议"}
