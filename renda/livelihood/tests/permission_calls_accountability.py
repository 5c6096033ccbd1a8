"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): the leader in
charge, the decided ranking, commendations and the accountability chain; and the set-up the
accountability tests share (a chosen project under supervision, made directly: the call's voting is
tested elsewhere)."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

_seq = itertools.count(1)


def supervised_project(world, *, year: int | None = None, title: str | None = None):
    """A chosen project of a call (status 已票决) with the world's unit as lead unit, watched by its group."""
    from renda.livelihood.models import Call, Milestone, Proposal, Watch

    c = world.congress
    today = timezone.localdate()
    n = next(_seq)
    call = Call.objects.create(congress=c, year=year or today.year, title=f"民生实事项目征集{n}",
                               opens_on=today - datetime.timedelta(days=60), closes_on=today - datetime.timedelta(days=30),
                               to_choose=1, status=Call.Status.CHOSEN)
    project = Proposal.objects.create(congress=c, call=call, title=title or f"老旧小区改造{n}", description="改造",
                                      source=Proposal.Source.PUBLIC, status=Proposal.Status.CHOSEN, lead_unit=world.unit,
                                      budget="100")
    Watch.objects.create(congress=c, proposal=project, group=world.group)
    Milestone.objects.create(congress=c, proposal=project, title="开工", due_on=today + datetime.timedelta(days=30))
    return project


def writes(world) -> dict:
    from renda.livelihood import actions
    from renda.livelihood import actions_accountability as accountability
    from renda.testing import make_meeting

    c = world.congress
    today = timezone.localdate()
    return {
        "set_project_leader": lambda u: actions.set_project_leader(c, supervised_project(world), actor=u,
                                                                   person=world.deputies[1].person),
        "decide_livelihood_ranking": lambda u: accountability.decide_ranking(
            c, supervised_project(world).call, make_meeting(world, kind="directors", members=2), actor=u),
        "commend_livelihood": lambda u: accountability.commend(
            c, supervised_project(world).call, actor=u, title="表扬通报", issued_on=today,
            entries=[{"unit": world.unit, "reason": "按期完成"}]),
        "hold_unit_accountable": lambda u: accountability.open_case(
            c, actor=u, unit=world.unit, proposal=supervised_project(world), reason="项目逾期未开工"),
    }


def reads(world) -> dict:
    return {}
