"""Demo deputy groups, built through the actions: the congress's existing groups given their basis
(their deputies become members), a field group with deputies from this congress and, where there is
one, the congress one level up; a leader each, this year's plan, and a watched chosen livelihood
project and an open rectification item where the demo has them."""

from __future__ import annotations

import datetime

from django.utils import timezone

from renda.core.models import Congress
from renda.deputy_groups import actions, queries
from renda.deputy_groups.models import GroupMember
from renda.people.models import Mandate


def build(congress: Congress, *, office, station=None, upper: Congress | None = None) -> list:
    """Groups for ``congress`` (run after its deputies and groups exist). ``upper``: a congress above
    whose deputies join the field group."""
    from renda.livelihood.models import Proposal, Watch
    from renda.rectification.models import RectificationItem

    year = timezone.localdate().year
    made = []
    for n, group in enumerate(queries.groups(congress).order_by("id")[:6]):
        if queries.profile_of(congress, group) is not None:
            continue
        group = actions.create_group(congress, actor=office, group=group, basis="area", scope=group.name.replace("代表小组", ""),
                                     station=station)
        members = queries.members_of(congress, group)
        if members:
            actions.set_group_leader(congress, members[0], actor=office)
            if len(members) > 1:
                actions.set_group_leader(congress, members[1], actor=office, post=GroupMember.Post.DEPUTY_LEADER)
        actions.adopt_plan(congress, group, actor=office, year=year, items=[
            {"on": datetime.date(year, 3, 15), "kind": "视察", "topic": "农村饮水安全工程", "place": "城关镇"},
            {"on": datetime.date(year, 6, 20), "kind": "进站接待", "topic": "集中接待选民", "place": "代表联络站"},
            {"on": datetime.date(year, 9, 10), "kind": "专题调研", "topic": "养老服务设施建设"},
        ][: 3 - n % 2])
        made.append(group)
    subject = actions.create_group(congress, actor=office, name="教育卫生专业代表小组", basis="field", scope="教育卫生",
                                   station=station)
    own = list(Mandate.objects.in_congress(congress).filter(status=Mandate.Status.SERVING).order_by("id")[:4])
    placements = [(subject, m) for m in own]
    if upper is not None:
        from renda.core.tenancy import cross_congress_query

        with cross_congress_query("deputies_of_area"):
            above = list(Mandate.unscoped.filter(congress=upper, status=Mandate.Status.SERVING).order_by("id")[:2])
        placements += [(subject, m) for m in above]
    if placements:
        members = actions.add_group_members(congress, actor=office, placements=placements)
        actions.set_group_leader(congress, members[0], actor=office)
    made.append(subject)
    # A chosen project the first group does not watch yet (the livelihood demo placed its own watches).
    watched = Watch.objects.in_congress(congress).filter(group=made[0]).values("proposal") if made else []
    project = (Proposal.objects.in_congress(congress).filter(status=Proposal.Status.CHOSEN).exclude(pk__in=watched)
               .order_by("id").first())
    if project is not None and made:
        actions.watch(congress, made[0], actor=office, project=project)
    item = RectificationItem.objects.in_congress(congress).exclude(status=RectificationItem.Status.CLOSED).order_by("id").first()
    if item is not None:
        actions.watch(congress, subject, actor=office, rectification_item=item)
    return made


def build_cppcc(congress: Congress, *, office, station, days: int = 3) -> list:
    """Two CPPCC members (两代表一委员之家) registered at ``station`` and on its rota for the next
    reception days beside the deputies already there."""
    from renda.liaison import actions as liaison
    from renda.liaison.models import RotaSlot

    members = [liaison.register_cppcc_member(congress, actor=office, person_data={"name": name, "sex": sex, "phone": phone},
                                             cppcc="市政协第十三届委员会", sector=sector, station=station)
               for name, sex, phone, sector in [("高秀兰", "女", "13904780011", "医药卫生界"),
                                                ("马志刚", "男", "13904780012", "农业界")]]
    today = timezone.localdate()
    for n in range(days):
        day = today + datetime.timedelta(days=7 * n + 2)
        on_day = RotaSlot.objects.in_congress(congress).filter(station=station, on=day, mandate__isnull=False)
        mandates = list(Mandate.objects.in_congress(congress).filter(pk__in=on_day.values("mandate_id")))
        liaison.set_rota(congress, station, actor=office, on=day, mandates=mandates, cppcc_members=[members[n % 2]])
    return members
