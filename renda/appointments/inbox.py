"""What 人事任免 asks of the office today (see renda/core/inbox.py): bills whose votes are all
announced and wait for the decision, appointees passed but without their 任命书 (or removals without
their 免职通知), and appointees still to swear the constitutional oath where the rule requires it."""

from __future__ import annotations

from django.urls import reverse

from renda.appointments import queries
from renda.appointments.actions import due_to_swear
from renda.appointments.models import AppointmentBill, Nominee
from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.permissions import OFFICE

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "appointments.AppointmentBill",
    "appointments.Nominee",
    "appointments.OathTaker",
    "core.RuleSetting",
    "voting.Vote",
)


def tasks(ask: Ask) -> list[Task]:
    if not ask.has(*OFFICE):
        return []
    c, code = ask.congress, ask.congress.code
    found: list[Task] = []
    voting = AppointmentBill.objects.in_congress(c).filter(status=AppointmentBill.Status.VOTING).exclude(
        pk__in=Nominee.objects.in_congress(c).exclude(vote__status="announced").values("bill_id")).order_by("id")
    count = voting.count()
    if count:
        found.append(Task("appointments_decide", "任免案表决结果已宣布，待作出任免决定", count,
                          reverse("appointments_list", args=[code]) + "?status=voting",
                          [Item(b.title, reverse("appointments_bill", args=[code, b.pk])) for b in voting[:SHOWN]]))
    unissued = Nominee.objects.in_congress(c).filter(status=Nominee.Status.PASSED, document_number="") \
        .select_related("person", "organisation").order_by("decided_on", "id")
    count = unissued.count()
    if count:
        found.append(Task("appointments_issue", "待签发任命书或免职通知", count, reverse("appointments_list", args=[code]),
                          [Item(f"{n.person.name}（{n.organisation.name}{n.post}）",
                                reverse("appointments_bill", args=[code, n.bill_id]), n.document_kind)
                           for n in unissued[:SHOWN]]))
    if queries.oath_required(c):
        due = due_to_swear(c)
        count = due.count()
        if count:
            found.append(Task("appointments_oath", "任命人员待进行宪法宣誓", count,
                              reverse("appointments_oath_new", args=[code]),
                              [Item(f"{n.person.name}（{n.organisation.name}{n.post}）",
                                    reverse("appointments_register", args=[code]), queries.PENDING_OATH)
                               for n in due[:SHOWN]]))
    return found
