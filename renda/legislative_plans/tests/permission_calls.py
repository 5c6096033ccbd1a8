"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): every
legislative_plans permission, each call on fresh rows at the stage it needs."""

from __future__ import annotations

import itertools

_seq = itertools.count(1)


def writes(world) -> dict:
    from renda.core.roles import Role
    from renda.legislation import actions as legislation
    from renda.legislative_plans import actions
    from renda.legislative_plans.tests.fixtures import law_in_force, legal_committee

    c, office = world.congress, world.office

    def a_plan():
        return actions.create_legislative_plan(c, actor=office, kind="yearly", year=2026 - next(_seq) % 20)

    def an_item(status="formal"):
        return actions.add_plan_item(c, a_plan(), actor=office, title=f"示例市条例{next(_seq)}", status=status,
                                     committee=legal_committee(world))

    def a_proposal():
        return actions.submit_legislative_proposal(c, actor=world.deputy, title=f"示例市条例{next(_seq)}",
                                                   necessity="确有必要")

    def body_of(user):
        return {world.users[Role.ADMIN]: world.unit, office: world.unit,
                world.users[Role.COMMITTEE_STAFF]: world.committee, world.users[Role.UNIT_OFFICER]: world.unit,
                world.users[Role.CONTACT_POINT_STAFF]: world.contact_point}.get(user)

    def a_review():
        return actions.start_post_enactment_review(c, law_in_force(world, f"示例市条例{next(_seq)}"), actor=office,
                                                   title="立法后评估", year=2024, lead_committee=legal_committee(world))

    def amendment_of(review):
        return legislation.create_bill(c, actor=world.root, title="修改条例的决定", purpose="amendment",
                                       law=review.law, text="第一条　为了保护流域生态，制定本条例。")

    return {
        "create_legislative_plan": lambda u: actions.create_legislative_plan(
            c, actor=u, kind="yearly", year=2000 + next(_seq) % 20),
        "add_plan_item": lambda u: actions.add_plan_item(c, a_plan(), actor=u, title="示例市农田灌溉用水管理条例",
                                                         status="formal"),
        "change_plan_item": lambda u: actions.change_plan_item(c, an_item("preparatory"), actor=u, status="formal",
                                                               reason="条件成熟"),
        "adopt_legislative_plan": lambda u: actions.adopt_legislative_plan(c, an_item().plan, actor=u,
                                                                           adopted_on="2026-02-26"),
        "start_bill_for_plan_item": lambda u: actions.start_bill_for_plan_item(
            c, an_item(), actor=u, text_="第一条　为了规范农田灌溉用水，制定本条例。"),
        "submit_legislative_proposal": lambda u: actions.submit_legislative_proposal(
            c, actor=u, title="示例市养犬管理条例", necessity="养犬扰民", organisation=body_of(u)),
        "decide_legislative_proposal": lambda u: actions.decide_legislative_proposal(
            c, a_proposal(), actor=u, accept=False, reason="暂不列入"),
        "start_legislative_research": lambda u: actions.start_legislative_research(
            c, actor=u, item=an_item(), title="立法调研", year=2026),
        "start_post_enactment_review": lambda u: actions.start_post_enactment_review(
            c, law_in_force(world, f"示例市条例{next(_seq)}"), actor=u, title="立法后评估", year=2024,
            lead_committee=legal_committee(world)),
        "link_review_amendment": lambda u: (lambda r: actions.link_review_amendment(
            c, r, actor=u, bill=amendment_of(r)))(a_review()),
    }


def reads(world) -> dict:
    return {"view_legislative_plans": f"/c/{world.congress.code}/legislative-plans/"}
