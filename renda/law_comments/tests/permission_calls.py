"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): every
comments permission, each call on a fresh period at the stage it needs."""

from __future__ import annotations


def writes(world) -> dict:
    import datetime

    from django.contrib.auth.models import AnonymousUser
    from django.utils import timezone

    from renda.law_comments import actions
    from renda.law_comments.tests.fixtures import ALL, make_version

    c, root = world.congress, world.root
    today = timezone.localdate()

    def period(audiences=ALL, days=30):
        return actions.open_comment_period(c, make_version(world), actor=root, audiences=audiences, opens_on=today,
                                           closes_on=today + datetime.timedelta(days=days))

    def ended():
        made = period(["deputies"], days=0)
        return actions.close_comment_period(c, made, actor=root)

    def comment():
        return actions.comment_on_draft(c, period(), actor=AnonymousUser(), text_="建议明确用水定额")

    return {
        "open_comment_period": lambda u: actions.open_comment_period(
            c, make_version(world), actor=u, audiences=["deputies"], opens_on=today,
            closes_on=today + datetime.timedelta(days=5)),
        "close_comment_period": lambda u: actions.close_comment_period(c, period(["deputies", "units"], 10), actor=u),
        "comment_on_draft": lambda u: actions.comment_on_draft(c, period(), actor=u, text_="总体赞成"),
        "forward_contact_point_comment": lambda u: actions.forward_contact_point_comment(
            c, period(), actor=u, text_="村民建议按亩计量", contact_point=world.contact_point, community="东风村",
            gathered_how="symposium", gathered_on=today),
        "decide_law_comment": lambda u: actions.decide_law_comments(c, [comment()], actor=u, decision="adopted"),
        "finalise_comment_summary": lambda u: actions.finalise_comment_summary(c, ended(), actor=u),
    }


def reads(world) -> dict:
    return {"view_law_comments": f"/c/{world.congress.code}/law-comments/periods/"}
