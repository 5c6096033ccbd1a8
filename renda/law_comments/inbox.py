"""What the comments ask of whom today (see renda/core/inbox.py): the committee, the comments of a
closed period not yet decided (and periods all decided but not finalised); deputies, members, unit
officers and contact points' staff, the drafts open to them that close within a week."""

from __future__ import annotations

import datetime

from django.urls import reverse

from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.permissions import STAFF
from renda.core.roles import Role
from renda.law_comments import queries
from renda.law_comments.models import CommentPeriod, LawComment

SOON_DAYS = 7
ANSWERED_DAYS = 14

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "core.Congress",
    "law_comments.CommentPeriod",
    "law_comments.LawComment",
    "legislation.Bill",
    "legislation.BillVersion",
)


def _title(p: CommentPeriod) -> str:
    return f"{p.bill.title}（{p.version.label or p.version.get_stage_display()}）"[:60]


def tasks(ask: Ask) -> list[Task]:
    found: list[Task] = []
    code, c, today = ask.congress.code, ask.congress, ask.today
    if ask.has(*STAFF):
        ended = [p for p in queries.periods(c).filter(finalised_at__isnull=True).order_by("closes_on", "id")
                 if p.has_ended_by(today)]
        undecided = {p.pk: n for p, n in ((p, LawComment.objects.in_congress(c).filter(period=p, decision="").count())
                                          for p in ended)}
        waiting = [p for p in ended if undecided[p.pk]]
        if waiting:
            found.append(Task("law_comments_undecided", "征求意见已截止、待研究处理的立法意见",
                              sum(undecided[p.pk] for p in waiting), reverse("law_comments_periods", args=[code]),
                              [Item(_title(p), reverse("law_comments_period", args=[code, p.pk]),
                                    f"{undecided[p.pk]} 条未研究") for p in waiting[:SHOWN]]))
        ready = [p for p in ended if not undecided[p.pk]]
        if ready:
            found.append(Task("law_comments_finalise", "意见已研究处理完毕、待定稿的意见汇总", len(ready),
                              reverse("law_comments_periods", args=[code]),
                              [Item(_title(p), reverse("law_comments_period", args=[code, p.pk]), "请定稿")
                               for p in ready[:SHOWN]]))
    if ask.has(Role.DEPUTY, Role.SC_MEMBER, Role.UNIT_OFFICER, Role.CONTACT_POINT_STAFF):
        soon = [p for p in queries.open_to(ask.user, c) if p.closes_on <= today + datetime.timedelta(days=SOON_DAYS)
                and p.audiences != ["public"]]
        given = set(LawComment.objects.in_congress(c).filter(author=ask.user, period__in=soon)
                    .values_list("period_id", flat=True))
        soon = [p for p in soon if p.pk not in given]
        if soon:
            point = ask.has(Role.CONTACT_POINT_STAFF)
            found.append(Task("law_comments_closing", "向您征求意见、7日内截止的法规草案", len(soon),
                              reverse("law_comments_contact_point" if point else "law_comments_public", args=[code]),
                              [Item(_title(p), reverse("law_comments_draft", args=[code, p.pk])
                                    + ("?as=contact_point" if point else ""),
                                    f"{p.closes_on:%-m月%-d日}截止", late=p.closes_on == today) for p in soon[:SHOWN]]))
    since = today - datetime.timedelta(days=ANSWERED_DAYS)
    answered = list(LawComment.objects.in_congress(c).filter(author=ask.user, decided_at__date__gte=since)
                    .exclude(decision="").select_related("period__bill").order_by("-decided_at")[:50])
    if answered:  # 事事有回音: to know, not to do
        found.append(Task("law_comments_answered", "您提出或报送的立法意见有了研究处理结果", len(answered),
                          reverse("law_comments_mine", args=[code]),
                          [Item(f"{a.period.bill.title}：{a.text}"[:60], reverse("law_comments_track", args=[code, a.reference_code]),
                                a.get_decision_display()) for a in answered[:SHOWN]], todo=False))
    return found
