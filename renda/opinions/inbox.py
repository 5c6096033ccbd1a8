"""What the opinion register asks of each person today (see renda/core/inbox.py). Units' referred
items are in liaison's inbox module ("转来待答复的群众诉求" opens a register item on its page)."""

from __future__ import annotations

from django.urls import reverse

from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.permissions import may
from renda.core.roles import Role
from renda.liaison.models import Concern, register_items
from renda.proposals.models import Notice

S = Concern.Status

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "liaison.Concern",
    "proposals.Notice",
)


def _url(ask: Ask, name: str, **kwargs) -> str:
    return reverse(name, kwargs={"congress_code": ask.congress.code, **kwargs})


def _item(ask: Ask, c: Concern, note: str = "", late: bool = False) -> Item:
    return Item(f"{c.category}：{c.text[:40]}", _url(ask, "opinion_detail", item_id=c.pk),
                note or f"{c.get_source_display()} · {c.raised_on:%m月%d日}", late)


def tasks(ask: Ask) -> list[Task]:
    congress, today = ask.congress, ask.today
    register = register_items(Concern.objects.in_congress(congress))
    found: list[Task] = []
    if may(ask.user, congress, "merge_opinions"):
        waiting = register.filter(status=S.RECEIVED, merged_into__isnull=True).order_by("raised_on", "id")
        late = register.filter(status__in=Concern.OPEN, due_on__lt=today).select_related("unit").order_by("due_on", "id")
        found += [
            Task("opinions_to_assign", "待归并、交办的意见建议", waiting.count(),
                 _url(ask, "opinion_register") + "?status=received", [_item(ask, c) for c in waiting[:SHOWN]]),
            Task("opinions_overdue", "逾期未答复的意见建议", late.count(), _url(ask, "opinion_register") + "?overdue=1",
                 [_item(ask, c, f"{c.unit.name if c.unit else ''} · {c.due_on:%m月%d日}前", True) for c in late[:SHOWN]],
                 late=True),
        ]
    person = ask.person
    if person is not None and ask.has(Role.DEPUTY, Role.SC_MEMBER):
        answered = (register.filter(raised_by=person, status__in=(S.SOLVED, S.ANSWERED), merged_into__isnull=True)
                    .order_by("answered_on", "id"))
        found.append(Task("opinion_answers", "已答复您的意见，请确认", answered.count(), _url(ask, "my_opinions"),
                          [_item(ask, c, f"{c.answered_on:%m月%d日}答复") for c in answered[:SHOWN]]))
        told = (Notice.objects.in_congress(congress).filter(person=person, link__contains="/opinions/")
                .order_by("-id"))
        week = told.filter(created_at__date__gte=today.fromordinal(today.toordinal() - 7))
        found.append(Task("opinion_notices", "近 7 天意见建议的办理通知", week.count(), _url(ask, "my_opinions"),
                          [Item(n.text, n.link) for n in week[:SHOWN]], todo=False))
    return found
