"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): 相似件."""


def writes(world) -> dict:
    return {}


def reads(world) -> dict:
    return {"view_similar_clusters": f"/c/{world.congress.code}/similar/clusters/?kind=suggestion"}
