"""The home page's inbox: what needs this person today, in this congress.

Each app says what it asks of whom in its own ``inbox.py`` (a function ``tasks(ask) -> list[Task]``);
this module gathers them for the home page and counts them for the header. A task is either work to
do (counted in the header's 待办 number) or something to know this week (a meeting, a station
duty), shown but not counted. Counters of the whole congress are a report, not a home: they stay on
the overview page.
"""

from __future__ import annotations

import datetime
import functools
import time
from dataclasses import dataclass, field
from functools import cached_property
from importlib import import_module

from django.apps import apps
from django.core.cache import caches
from django.utils import timezone
from django.utils.module_loading import import_string

from renda.core import before_commit, tallies, versioned
from renda.core.models import Congress
from renda.core.permissions import organisations_of, roles_of
from renda.core.roles import Role

SOURCES = [
    "renda.meetings.inbox.tasks",
    "renda.voting.inbox.tasks",
    "renda.proposals.inbox.tasks",
    "renda.liaison.inbox.tasks",
    "renda.oversight.inbox.tasks",
    "renda.oversight.inbox_hearings.tasks",
    "renda.oversight.inbox_opinions.tasks",
    "renda.oversight.inbox_questioning.tasks",
    "renda.rectification.inbox.tasks",
    "renda.agenda.inbox.tasks",
    "renda.duty_reports.inbox.tasks",
    "renda.work_points.inbox.tasks",
    "renda.appointments.inbox.tasks",
    "renda.decisions.inbox.tasks",
    "renda.legislative_plans.inbox.tasks",
    "renda.law_comments.inbox.tasks",
    "renda.enactment.inbox.tasks",
    "renda.activities.inbox.tasks",
    "renda.deputy_pages.inbox.tasks",
    "renda.opinions.inbox.tasks",
]
SHOWN = 5  # items listed under a task; the rest are one tap away


@dataclass
class Item:
    title: str
    url: str
    note: str = ""
    late: bool = False


@dataclass
class Task:
    key: str
    label: str
    count: int
    url: str
    items: list[Item] = field(default_factory=list)
    late: bool = False     # overdue work: shown first, in red
    todo: bool = True      # False: to know, not to do (not counted in the header)


@dataclass
class Ask:
    """Who is asking, looked up once for all the sources."""

    congress: Congress
    user: object
    today: datetime.date = field(default_factory=timezone.localdate)

    @cached_property
    def roles(self) -> frozenset[Role]:
        return roles_of(self.user, self.congress)

    def has(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))

    @cached_property
    def person(self):
        return getattr(self.user, "person", None) if getattr(self.user, "is_authenticated", False) else None

    @cached_property
    def mandate(self):
        from renda.people.models import Mandate

        if self.person is None:
            return None
        return (Mandate.objects.in_congress(self.congress).filter(person=self.person, status=Mandate.Status.SERVING)
                .first())

    @cached_property
    def unit_ids(self) -> list[int]:
        return organisations_of(self.user, self.congress, Role.UNIT_OFFICER) if self.has(Role.UNIT_OFFICER) else []

    @property
    def week(self) -> tuple[datetime.date, datetime.date]:
        """Monday to Sunday of this week."""
        monday = self.today - datetime.timedelta(days=self.today.weekday())
        return monday, monday + datetime.timedelta(days=6)


# What every source reads through ``Ask`` (the account, its roles, its person and mandate, its units).
ASKED = ("auth.User", "core.RoleGrant", "people.Person", "people.Mandate", "people.Organisation")


def tasks_for(congress: Congress, user) -> list[Task]:
    """Every task for this user here: overdue first, then work to do, then things to know."""
    if not getattr(user, "is_authenticated", False):
        return []
    ask = Ask(congress, user)
    found: list[Task] = []
    for source in SOURCES:
        found.extend(_tasks_of(source, ask))
    return _ordered(found)


def _tasks_of(source: str, ask: Ask) -> list[Task]:
    return [t for t in import_string(source)(ask) if t.count]


def _ordered(found: list[Task]) -> list[Task]:
    return sorted(found, key=lambda t: (not t.late, not t.todo))


@functools.cache
def reads(source: str) -> tuple[str, ...]:
    """The tables a source's tasks are worked out from: ``Ask``'s and those its module lists (``READS``)."""
    module = import_module(source.rsplit(".", 1)[0])
    return tuple(sorted({apps.get_model(label)._meta.db_table for label in (*ASKED, *module.READS)}))


def kept_tasks(congress: Congress, user) -> list[Task]:
    """``tasks_for``, each source's tasks kept until a table it reads is written (``tallies.table_versions``),
    the day turns or ``versioned.KEPT_FOR`` seconds pass. After a write, an office user's next page works
    out again only the sources that read what was written: a hall vote's casts leave the suggestions'
    tasks standing, a reply to a suggestion the votes'. A write whose tables are not known (outside an
    action) redraws them all."""
    if not getattr(user, "is_authenticated", False):
        return []
    versions = tallies.table_versions(congress)
    every = versions.get(tallies.EVERY_TABLE, 0)
    today, now = timezone.localdate(), time.monotonic()
    stamps = {source: (today, every, *(versions.get(table, 0) for table in reads(source))) for source in SOURCES}
    store = caches["local"]
    key = f"inbox:{congress.pk}:{user.pk}:{user.is_superuser}"
    kept: dict = store.get(key) or {}
    ask = Ask(congress, user, today)
    if before_commit.in_action():  # an action's own uncommitted rows are never kept
        kept, _ = _brought_up_to_date(kept, stamps, ask, now)
    elif any(_stale(kept.get(source), stamp, now) for source, stamp in stamps.items()):
        # The same person's requests arriving together (several tabs, a page and its htmx parts) wait for
        # the first to work the tasks out, instead of each working them out again (versioned.one_at_a_time).
        with versioned.one_at_a_time(key) as first:
            if not first:
                kept = store.get(key) or {}
            kept, changed = _brought_up_to_date(kept, stamps, ask, now)
            if changed:
                store.set(key, kept, versioned.KEPT_FOR)
    return _ordered([task for source in SOURCES for task in kept[source][2]])


def _stale(hit: tuple | None, stamp: tuple, now: float) -> bool:
    return hit is None or hit[0] != stamp or now - hit[1] >= versioned.KEPT_FOR


def _brought_up_to_date(kept: dict, stamps: dict, ask: Ask, now: float) -> tuple[dict, bool]:
    """``kept`` with each stale source's tasks worked out again, and whether any was."""
    kept, changed = dict(kept), False
    for source, stamp in stamps.items():
        if _stale(kept.get(source), stamp, now):
            kept[source] = (stamp, now, _tasks_of(source, ask))
            changed = True
    return kept, changed


def todo_count(tasks: list[Task]) -> int:
    return sum(t.count for t in tasks if t.todo)


def for_request(request) -> list[Task]:
    """The request's tasks, computed once however many times the page asks (home and header), and
    kept between requests source by source (``kept_tasks``): every page's header shows the count, and
    gathering the tasks asks some forty questions of the database."""
    if not hasattr(request, "_renda_tasks"):
        congress = getattr(request, "congress", None)
        user = request.user
        if congress is None or not getattr(user, "is_authenticated", False):
            request._renda_tasks = []
        else:
            request._renda_tasks = kept_tasks(congress, user)
    return request._renda_tasks
