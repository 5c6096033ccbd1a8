"""What liaison with constituents asks of each person today (see renda/core/inbox.py)."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from renda.core import tallies
from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.permissions import OFFICE
from renda.core.roles import Role
from renda.liaison import reports
from renda.liaison import tallies as kept
from renda.liaison.models import Concern, ContactLink, RotaSlot

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "core.Tally",
    "liaison.Concern",
    "liaison.ContactLink",
    "liaison.ContactRecord",
    "liaison.RotaSlot",
)


def _url(ask: Ask, name: str, **kwargs) -> str:
    return reverse(name, kwargs={"congress_code": ask.congress.code, **kwargs})


def _concern(ask: Ask, c: Concern, late: bool = False) -> Item:
    where = c.station.name if c.station is not None else c.get_source_display()
    note = f"{where} · {c.raised_on:%m月%d日}反映" + (f" · {c.due_on:%m月%d日}前" if c.due_on else "")
    # A register item (代表直通车, 信访 …) opens on the register's page, which shows its history and raiser.
    url = (_url(ask, "opinion_detail", item_id=c.pk) if c.source in Concern.REGISTER_SOURCES
           else _url(ask, "liaison_concern", concern_id=c.pk))
    return Item(f"{c.category}：{c.text[:40]}", url, note, late)


def tasks(ask: Ask) -> list[Task]:
    congress, today = ask.congress, ask.today
    everything = Concern.objects.in_congress(congress).select_related("station")
    # The opinion register's items are in its own inbox module (opinions.inbox), except those referred to a unit.
    concerns = everything.exclude(source__in=Concern.REGISTER_SOURCES)
    queue = _url(ask, "liaison_queue")
    found: list[Task] = []
    if ask.roles & OFFICE:
        # Counted from the kept counts (liaison.tallies.OPEN), not from the backlog: late today are those
        # open with a deadline less the few whose deadline is still to come.
        kept_counts = {r.key[0]: r.count for r in tallies.read(kept.OPEN, congress, 0)}
        to_come = concerns.filter(status__in=Concern.OPEN, due_on__gte=today).count()
        untriaged = concerns.filter(status=Concern.Status.RECEIVED).order_by("raised_on", "id")
        # The first few late ones, each status along its own index (congress, status, due_on).
        late = sorted((c for status in Concern.OPEN for c in concerns.filter(status=status, due_on__lt=today)
                       .order_by("due_on", "id")[:SHOWN]), key=lambda c: (c.due_on, c.pk))[:SHOWN]
        found += [Task("concerns_untriaged", "待分办的群众诉求", kept_counts.get("received", 0), queue,
                       [_concern(ask, c) for c in untriaged[:SHOWN]]),
                  Task("concerns_overdue", "逾期未办结的群众诉求", kept_counts.get("due", 0) - to_come,
                       queue + "?overdue=1", [_concern(ask, c, True) for c in late], late=True)]
    mandate = ask.mandate
    if mandate is not None and ask.has(Role.DEPUTY, Role.SC_MEMBER):
        own = Q(responsible=mandate)
        if mandate.liaison_station_id:
            own |= Q(station_id=mandate.liaison_station_id, status=Concern.Status.RECEIVED)
        mine = concerns.filter(status__in=Concern.OPEN).filter(own)
        found.append(Task("my_concerns", "需要您跟进的群众诉求", mine.count(), queue,
                          [_concern(ask, c, bool(c.due_on and c.due_on < today)) for c in mine.order_by("due_on", "id")[:SHOWN]]))
        monday, sunday = ask.week
        duty = (RotaSlot.objects.in_congress(congress).filter(mandate=mandate, on__range=(monday, sunday))
                .select_related("station").order_by("on"))
        found.append(Task("station_duty", "本周进站接待", duty.count(), _url(ask, "liaison_stations"),
                          [Item(s.station.name, _url(ask, "liaison_station", station_id=s.station_id),
                                f"{s.on:%m月%d日}") for s in duty], todo=False))
    if ask.person is not None and ask.has(Role.DEPUTY, Role.SC_MEMBER):
        waiting = reports.not_contacted(congress, ask.person)
        for kind, label in ((ContactLink.Kind.MEMBER_DEPUTY, "今年尚未联系的代表"),
                            (ContactLink.Kind.DEPUTY_CONSTITUENT, "今年尚未联系的群众")):
            ties = [t for t in waiting if t.kind == kind]
            found.append(Task(f"not_contacted_{kind}", label, len(ties), _url(ask, "liaison_contacts"),
                              [Item(t.deputy.name if t.deputy else t.constituent, _url(ask, "liaison_contacts"))
                               for t in ties[:SHOWN]]))
    if ask.unit_ids:
        referred = everything.filter(status=Concern.Status.REFERRED, unit_id__in=ask.unit_ids).order_by("due_on", "id")
        found.append(Task("unit_concerns", "转来待答复的群众诉求", referred.count(), queue,
                          [_concern(ask, c, bool(c.due_on and c.due_on < today)) for c in referred[:SHOWN]]))
    return found
