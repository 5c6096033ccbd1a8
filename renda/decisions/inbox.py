"""What the major-matter decisions ask of the office today (see renda/core/inbox.py): decisions
passed but not yet published, and votes announced whose outcome is not yet recorded."""

from __future__ import annotations

from django.urls import reverse

from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.permissions import OFFICE
from renda.decisions.models import Decision
from renda.voting.models import Vote

S = Decision.Status

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "decisions.Decision",
    "voting.Vote",
)


def tasks(ask: Ask) -> list[Task]:
    if not ask.has(*OFFICE):
        return []
    code = ask.congress.code
    rows = Decision.objects.in_congress(ask.congress)
    found: list[Task] = []

    def url(d: Decision) -> str:
        return reverse("decisions_detail", kwargs={"congress_code": code, "pk": d.pk})

    unpublished = rows.filter(status=S.PASSED).order_by("decided_on", "id")
    count = unpublished.count()
    if count:
        found.append(Task("decisions_unpublished", "已通过、尚未公布的决议和决定", count,
                          reverse("decisions_list", kwargs={"congress_code": code}) + "?status=passed",
                          [Item(d.title[:60], url(d), f"{d.number_text}，{d.decided_on:%Y-%m-%d}通过")
                           for d in unpublished[:SHOWN]]))
    announced = rows.filter(status=S.VOTING, vote__status=Vote.Status.ANNOUNCED).order_by("id")
    count = announced.count()
    if count:
        found.append(Task("decisions_outcome", "表决结果已宣布、待记录的重大事项", count,
                          reverse("decisions_list", kwargs={"congress_code": code}) + "?status=voting",
                          [Item(d.title[:60], url(d), "请记录表决结果") for d in announced[:SHOWN]]))
    return found
