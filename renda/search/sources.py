"""What the search box finds: each searchable kind, how its text is gathered, where it opens, and who may see it.

Who may see an entry is a list of AUDIENCE KEYS, derived from the same rules as the item's own page
(proposals.queries.READ_RULES, liaison's handler scope, opinions.queries.may_open, meetings.queries.may_fetch,
oversight.queries.may_see_activity, legislation's ``view_bills``…). ``audience_of`` gives the searcher's keys
from the same rules; an entry is found only when the two overlap. A key is either a permission name held by
role (``view_submitted_suggestion``) or a permission-and-relation (``view_own_suggestion:person:12``): the
relation counts only for a holder of the permission, as on the pages.

Only text that every holder of an entry's keys may read is indexed: never a person's phone, ID or contact, never
a concern's raiser or contact (their page shows those to handlers only), never an unpublished answer to the public.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils import timezone

from renda.core.models import Congress
from renda.core.permissions import OFFICE, STAFF, may, organisations_of, roles_of
from renda.core.roles import Role
from renda.core.tenancy import congress_scope, current_congress
from renda.search.engine import Document

PUBLIC = "public"


def _at(value) -> datetime.datetime | None:
    """A date or datetime as an aware datetime (the engine sorts and filters years by it)."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time(12)))


def _join(*parts: object) -> str:
    return "\n".join(str(p) for p in parts if p)


def _key(permission: str, relation: str, pk: object) -> str:
    return f"{permission}:{relation}:{pk}"


def _related(row, field: str):
    """A row's foreign-key target read in the row's own congress (a bare ``row.field`` outside a request has
    no congress in scope, and the tenancy guard rightly refuses that)."""
    target_id = getattr(row, f"{field}_id")
    if target_id is None:
        return None
    cached = row._state.fields_cache.get(field)
    if cached is not None:
        return cached
    model = row._meta.get_field(field).related_model
    return model.objects.in_congress(row.congress_id).filter(pk=target_id).first()


@dataclass(frozen=True)
class Source:
    kind: str
    label: str
    model: type[models.Model]
    rows: Callable[[Congress], Any]             # every row of a congress (a queryset), for rebuild
    build: Callable[[object], Document | None]  # None: the row is not searchable (removed from the index)
    url: Callable[[str, int, frozenset[str]], str]  # congress code, object id, the searcher's keys


# ── 议案建议 (proposals) ──

def _suggestion_rows(congress):
    from renda.proposals.models import Suggestion

    return Suggestion.objects.in_congress(congress).prefetch_related("authors", "assignments", "answers")


def _suggestion(item) -> Document | None:
    from renda.proposals.queries import PUBLISHED

    authors = list(item.authors.all())
    current = [a for a in item.assignments.all() if a.ended_on is None]
    audience = [_key("view_own_suggestion", "person", a.person_id) for a in authors]
    audience += [_key("view_assigned_suggestion", "org", a.unit_id) for a in current]
    if item.submitted_at is not None:
        audience.append("view_submitted_suggestion")
    published = item.status in PUBLISHED and not item.confidential
    if published:
        audience.append("view_published_suggestion")
    answers = [a.text for a in sorted(item.answers.all(), key=lambda a: (a.round, a.pk))]
    lead = next((a.unit_id for a in current if a.lead), None)
    number = f"第{item.number:04d}号 " if item.number else ""
    return Document(congress_id=item.congress_id, kind="suggestion", object_id=item.pk,
                    title=item.title or "（无标题）", body=_join(number, item.category, item.body, *answers),
                    when=item.submitted_at or item.updated_at, status=item.status, unit_id=lead,
                    audience=sorted(set(audience)))


def _suggestion_url(code, pk, keys):
    return reverse("suggestion_detail", args=[code, pk])


# ── 群众诉求 (liaison) and 意见建议登记 (opinions): both Concern rows, told apart by source ──

def _concern_rows(congress, register: bool):
    from renda.liaison.models import Concern

    rows = Concern.objects.in_congress(congress)
    sources = Concern.REGISTER_SOURCES
    return rows.filter(source__in=sources) if register else rows.exclude(source__in=sources)


def _concern_text(c) -> str:
    # Never the raiser's name or contact: indexed text is what every key holder may read.
    return _join(c.category, c.place, c.text, c.answer, c.dismissed_reason)


def _concern(c) -> Document | None:
    from renda.liaison.models import Concern

    if c.source in Concern.REGISTER_SOURCES:
        audience = ["view_opinion_register"]
        if c.unit_id:
            audience.append(_key("opinion", "unit", c.unit_id))
        if c.raised_by_id:
            audience.append(_key("opinion", "raiser", c.raised_by_id))
        kind = "opinion"
    else:  # liaison.actions.HandlerScope.handles
        audience = ["liaison_office"]
        if c.responsible_id:
            audience.append(_key("concern", "mandate", c.responsible_id))
        if c.station_id:
            audience.append(_key("concern", "station", c.station_id))
        if c.unit_id:
            audience.append(_key("concern", "unit", c.unit_id))
        kind = "concern"
    return Document(congress_id=c.congress_id, kind=kind, object_id=c.pk, title=c.text[:60].replace("\n", " "),
                    body=_concern_text(c), when=_at(c.raised_on), status=c.status, unit_id=c.unit_id,
                    station_id=c.station_id, audience=audience)


def _concern_url(code, pk, keys):
    return reverse("liaison_concern", args=[code, pk])


def _opinion_url(code, pk, keys):
    return reverse("opinion_detail", args=[code, pk])


# ── 会议文件 and 会议 (meetings) ──

def _document_rows(congress):
    from renda.meetings.models import Document as MeetingDocument

    return MeetingDocument.objects.in_congress(congress).select_related("meeting", "agenda_item")


def _meeting_document(d) -> Document | None:
    """meetings.queries.may_fetch: staff always; after release, the public, or the roster (voting members,
    or everyone on it for 组成人员和列席人员). Before release the search drops it for all but staff
    (``visible``), so a document becomes findable at its release time without re-indexing."""
    audience = ["meeting_staff"]
    if d.audience == "public":
        audience.append(PUBLIC)
    else:
        audience.append(_key("roster", "voting", d.meeting_id))
        if d.audience == "attendees":
            audience.append(_key("roster", "any", d.meeting_id))
    agenda = _related(d, "agenda_item")
    return Document(congress_id=d.congress_id, kind="meeting_document", object_id=d.pk, title=d.title,
                    body=_join(str(_related(d, "meeting")), agenda.title if agenda else ""), when=d.release_at, audience=audience)


def _document_url(code, pk, keys):
    return reverse("document_download", args=[code, pk])


def _meeting_rows(congress):
    from renda.meetings.models import Meeting

    return Meeting.objects.in_congress(congress).prefetch_related("agenda")


def _meeting(m) -> Document | None:
    agenda = [_join(a.title, a.outcome) for a in m.agenda.all()]
    return Document(congress_id=m.congress_id, kind="meeting", object_id=m.pk, title=str(m),
                    body=_join(m.place, *agenda), when=m.starts_at, status=m.status, audience=[PUBLIC])


def _meeting_url(code, pk, keys):
    return reverse("meeting_detail", args=[code, pk])


# ── 民生实事项目 (livelihood) ──

def _project_rows(congress):
    from renda.livelihood.models import Proposal

    return Proposal.objects.in_congress(congress).prefetch_related("reports", "inspections")


def _project(p) -> Document | None:
    """A chosen project is public (its supervision page shows no personal data); a proposal under review is
    seen by the office on its call's page. The proposer's name and contact are never indexed."""
    chosen = p.status == "chosen"
    body = [p.place, p.beneficiaries, p.description]
    if chosen:
        body += [r.text for r in p.reports.all()] + [i.notes for i in p.inspections.all()]
    return Document(congress_id=p.congress_id, kind="livelihood", object_id=p.pk, title=p.title, body=_join(*body),
                    when=p.submitted_at, status=p.status, unit_id=p.lead_unit_id,
                    audience=[PUBLIC] if chosen else ["open_call"])


def _project_url(code, pk, keys):
    from renda.livelihood.models import Proposal

    proposal = Proposal.objects.filter(pk=pk).only("status", "call_id").first()
    if proposal is None or proposal.status == "chosen":
        return reverse("livelihood_project", args=[code, pk])
    return reverse("livelihood_call", args=[code, proposal.call_id])


# ── 监督报告 (oversight) ──

def _report_rows(congress):
    from renda.oversight.models import Report

    return Report.objects.in_congress(congress).select_related("activity").prefetch_related("findings")


def _report(r) -> Document | None:
    """oversight.queries.may_see_activity (view_oversight, or on the team); the public once final and the
    activity reported (views.reporting.public_report)."""
    activity = _related(r, "activity")
    audience = ["view_oversight", _key("oversight", "team", activity.pk)]
    if r.status == "final" and activity.status in ("reported", "on_agenda"):
        audience.append(PUBLIC)
    findings = [_join(f.heading, f.text) for f in r.findings.all()]
    return Document(congress_id=r.congress_id, kind="oversight_report", object_id=r.pk, title=r.title,
                    body=_join(activity.title, r.situation, *findings, r.closing),
                    when=r.finalised_at or activity.created_at, status=r.status,
                    unit_id=activity.lead_committee_id, audience=audience)


def _report_url(code, pk, keys):
    """The staff page for those who may see the activity (view_oversight, or on this report's own team);
    everyone else reaches the report only on its public page."""
    from renda.oversight.models import Report

    team = [int(k.rsplit(":", 1)[1]) for k in keys if k.startswith("oversight:team:")]
    if "view_oversight" in keys or (team and Report.objects.in_congress(Congress.objects.get(code=code)).filter(
            pk=pk, activity_id__in=team).exists()):
        return reverse("oversight_report", args=[code, pk])
    return reverse("oversight_report_public", args=[code, pk])


# ── 法规案与法规 (legislation) ──

def _provisions(version) -> list[str]:
    if version is None:
        return []
    from renda.legislation.models import Provision

    return [_join(p.heading, p.text) for p in Provision.objects.in_congress(version.congress_id)
            .filter(version=version).order_by("id")]


def _bill_rows(congress):
    from renda.legislation.models import Bill

    return Bill.objects.in_congress(congress)


def _bill(b) -> Document | None:
    from renda.legislation import queries

    version = queries.current_version(b)
    return Document(congress_id=b.congress_id, kind="bill", object_id=b.pk, title=b.title,
                    body=_join(version.explanation if version else "", *_provisions(version)),
                    when=b.created_at, status=b.status, audience=["view_bills"])


def _bill_url(code, pk, keys):
    return reverse("legislation_bill", args=[code, pk])


def _law_rows(congress):
    from renda.legislation.models import Law

    return Law.objects.in_congress(congress)


def _law(law) -> Document | None:
    from renda.legislation import queries

    return Document(congress_id=law.congress_id, kind="law", object_id=law.pk, title=law.title,
                    body=_join(*_provisions(queries.law_text(law))), when=law.created_at, status=law.status,
                    audience=[PUBLIC])


def _law_url(code, pk, keys):
    return reverse("legislation_law", args=[code, pk])


# ── 代表与机构 (people): names and posts only ──

def _deputy_rows(congress):
    from renda.people.models import Mandate

    return Mandate.objects.in_congress(congress).select_related("person", "delegation", "liaison_station")


def _deputy(m) -> Document | None:
    # The deputies' list is public: name, delegation, constituency, workplace and post (工作单位及职务).
    # Never phone, ID or birth date.
    p = m.person
    delegation = _related(m, "delegation")
    return Document(congress_id=m.congress_id, kind="deputy", object_id=m.pk, title=p.name,
                    body=_join(delegation.name if delegation else "", m.constituency, p.workplace),
                    when=None, status=m.status, delegation_id=m.delegation_id, station_id=m.liaison_station_id,
                    audience=[PUBLIC])


def _deputy_url(code, pk, keys):
    return reverse("deputy_detail", args=[code, pk])


def _organisation_rows(congress):
    from renda.people.models import Organisation

    return Organisation.objects.in_congress(congress)


def _organisation(o) -> Document | None:
    return Document(congress_id=o.congress_id, kind="organisation", object_id=o.pk, title=o.name,
                    body=_join(o.short_name, o.get_kind_display()), status="active" if o.active else "inactive",
                    audience=[PUBLIC])


def _organisation_url(code, pk, keys):
    return reverse("organisation_detail", args=[code, pk])


_SPECS = [
    ("suggestion", "议案建议", "proposals.Suggestion", _suggestion_rows, _suggestion, _suggestion_url),
    ("concern", "群众诉求", "liaison.Concern", lambda c: _concern_rows(c, False), _concern, _concern_url),
    ("opinion", "意见建议登记", "liaison.Concern", lambda c: _concern_rows(c, True), _concern, _opinion_url),
    ("meeting_document", "会议文件", "meetings.Document", _document_rows, _meeting_document, _document_url),
    ("meeting", "会议", "meetings.Meeting", _meeting_rows, _meeting, _meeting_url),
    ("livelihood", "民生实事项目", "livelihood.Proposal", _project_rows, _project, _project_url),
    ("oversight_report", "监督报告", "oversight.Report", _report_rows, _report, _report_url),
    ("bill", "法规案", "legislation.Bill", _bill_rows, _bill, _bill_url),
    ("law", "法规", "legislation.Law", _law_rows, _law, _law_url),
    ("deputy", "代表", "people.Mandate", _deputy_rows, _deputy, _deputy_url),
    ("organisation", "机构", "people.Organisation", _organisation_rows, _organisation, _organisation_url),
]


@functools.cache
def registry() -> dict[str, Source]:
    """kind → Source (models resolved on first use: this module is imported before the apps are ready)."""
    from django.apps import apps

    return {kind: Source(kind, label, apps.get_model(model), rows, build, url)
            for kind, label, model, rows, build, url in _SPECS}


KIND_LABELS = {kind: label for kind, label, *_ in _SPECS}


def _scope(congress_id: int):
    """Related rows read while building an entry stay in the row's congress (the tenant managers add it)."""
    current = current_congress()
    if current is not None and current.pk == congress_id:
        return contextlib.nullcontext()
    return congress_scope(Congress.objects.get(pk=congress_id))


def document_for(row: Any) -> Document | None:
    """The index entry of one source row (whichever kind its model and fields make it)."""
    from renda.liaison.models import Concern

    for source in registry().values():
        if isinstance(row, source.model):
            with _scope(getattr(row, "congress_id")):  # noqa: B009 - every source model is a tenant model
                if isinstance(row, Concern):  # one model, two kinds
                    return _concern(row)
                return source.build(row)
    return None


def kind_of(row) -> str | None:
    """The kind a source row is indexed under, without reading anything else (it may be being deleted)."""
    from renda.liaison.models import Concern

    if isinstance(row, Concern):
        return "opinion" if row.source in Concern.REGISTER_SOURCES else "concern"
    return next((s.kind for s in registry().values() if isinstance(row, s.model)), None)


def kinds_of_model(model) -> list[str]:
    """Every kind a model's rows may be indexed under (a Concern is a concern or an opinion)."""
    return [s.kind for s in registry().values() if issubclass(model, s.model)]


def documents(congress: Congress) -> Iterator[Document]:
    """Every entry of a congress, for rebuilding the index."""
    with congress_scope(congress):
        for source in registry().values():
            for row in source.rows(congress).iterator(chunk_size=500):
                document = source.build(row)
                if document is not None:
                    yield document


def url_of(kind: str, object_id: int, congress_code: str, keys: Iterable[str]) -> str:
    return registry()[kind].url(congress_code, object_id, frozenset(keys))


# ── the searcher's keys ──

def _person(user):
    return getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None


def audience_of(request_or_user, congress: Congress) -> list[str]:
    """The searcher's audience keys in this congress, by the same rules as the pages (see each source)."""
    user = getattr(request_or_user, "user", request_or_user)
    keys = {PUBLIC}
    for permission in ("view_submitted_suggestion", "view_published_suggestion", "view_opinion_register",
                       "view_oversight", "view_bills", "open_call"):
        if may(user, congress, permission):
            keys.add(permission)
    if not getattr(user, "is_authenticated", False):
        return sorted(keys)
    roles = roles_of(user, congress)
    person = _person(user)
    units = organisations_of(user, congress, Role.UNIT_OFFICER) if Role.UNIT_OFFICER in roles else []
    # suggestions (proposals.queries.READ_RULES)
    if person is not None and may(user, congress, "view_own_suggestion"):
        keys.add(_key("view_own_suggestion", "person", person.pk))
    if may(user, congress, "view_assigned_suggestion"):
        keys.update(_key("view_assigned_suggestion", "org", u) for u in units)
    # station concerns (liaison.actions.handler_scope)
    if roles & OFFICE:
        keys.add("liaison_office")
    if roles & {Role.DEPUTY, Role.SC_MEMBER} and person is not None:
        from renda.people.models import Mandate

        # liaison.actions.serving_mandate, asked by the person (its index) rather than through the user
        mandate = Mandate.objects.in_congress(congress).filter(person=person, status=Mandate.Status.SERVING).first()
        if mandate is not None:
            keys.add(_key("concern", "mandate", mandate.pk))
            if mandate.liaison_station_id:
                keys.add(_key("concern", "station", mandate.liaison_station_id))
    keys.update(_key("concern", "unit", u) for u in units)
    # opinion register (opinions.queries.may_open)
    keys.update(_key("opinion", "unit", u) for u in units)
    if person is not None:
        keys.add(_key("opinion", "raiser", person.pk))
    # meeting documents (meetings.queries.may_fetch)
    if roles & STAFF:
        keys.add("meeting_staff")
    if person is not None:
        from renda.meetings.models import RosterEntry

        for meeting_id, voting in RosterEntry.objects.in_congress(congress).filter(person=person).values_list(
                "meeting_id", "voting"):
            keys.add(_key("roster", "any", meeting_id))
            if voting:
                keys.add(_key("roster", "voting", meeting_id))
        # oversight reports (oversight.queries.on_team)
        from renda.oversight.models import TeamMember

        keys.update(_key("oversight", "team", a) for a in TeamMember.objects.in_congress(congress)
                    .filter(person=person).values_list("activity_id", flat=True))
    return sorted(keys)


def visible(hit_kind: str, when: datetime.datetime | None, keys: Iterable[str]) -> bool:
    """What the index cannot know ahead: a meeting document before its release time is for staff only."""
    if hit_kind == "meeting_document" and when is not None and when > timezone.now():
        return "meeting_staff" in set(keys)
    return True
