"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): every opinion
register permission. Assigning, answering and the raiser's acknowledgment are liaison's rows."""

from __future__ import annotations


def writes(world) -> dict:
    from renda.opinions import actions
    from renda.opinions.tests import factory

    c = world.congress

    def point(u):
        return actions.record_opinions(c, actor=u, source="symposium", activity=factory.activity(world),
                                       points=[{"speaker": world.deputies[0].person, "category": "教育", "text": "意见"}])

    return {
        "record_opinions": point,
        "send_direct_line": lambda u: factory.direct_line(world, user=u),
        "register_petition": lambda u: actions.register_petition(
            c, actor=u, data={"person_name": "赵六", "person_contact": "139", "category": "教育", "text": "来信"}),
        "classify_opinion": lambda u: actions.classify_opinion(c, factory.direct_line(world), actor=u, category="其他"),
        "merge_opinions": lambda u: actions.merge_opinions(c, factory.direct_line(world), actor=u,
                                                           others=[factory.direct_line(world)]),
        "record_petition_delivery": lambda u: actions.record_petition_delivery(
            c, factory.answered(world, factory.petition(world)), actor=u, how="电话"),
    }


def reads(world) -> dict:
    code = world.congress.code
    return {"view_opinion_register": f"/c/{code}/opinions/statistics/", "view_own_opinions": f"/c/{code}/opinions/mine/"}
