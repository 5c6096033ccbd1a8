"""Reads of the comment periods and comments, for the pages, the API, the exports and the inbox:
which drafts are open to whom, the structured text to comment on, the comments grouped by article
in the version's order with counts by source, and what each person's own comments became."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from renda.core.chinese import numeral
from renda.core.models import Congress
from renda.core.permissions import organisations_of, roles_of
from renda.core.roles import Role
from renda.law_comments.actions import AUDIENCE_OF, sources_for, today
from renda.law_comments.models import CommentPeriod, LawComment
from renda.legislation.models import Provision

Source = LawComment.Source
WHOLE = "对草案的总体意见"


def periods(congress: Congress) -> QuerySet[CommentPeriod]:
    return CommentPeriod.objects.in_congress(congress).select_related("bill", "version", "congress")


def period(congress: Congress, pk) -> CommentPeriod | None:
    from renda.people.validation import id_or_none

    pk = id_or_none(pk)
    return periods(congress).filter(pk=pk).first() if pk else None


def open_on(congress: Congress, day: datetime.date | None = None) -> QuerySet[CommentPeriod]:
    day = day or today()
    return periods(congress).filter(opens_on__lte=day, closes_on__gte=day, closed_early_at__isnull=True)


def open_to_public(congress: Congress) -> QuerySet[CommentPeriod]:
    return open_on(congress).filter(for_public=True).order_by("closes_on", "id")


def open_to(user, congress: Congress) -> list[CommentPeriod]:
    """The periods open now to an audience the person comments as (the public's to everyone)."""
    audiences = {AUDIENCE_OF[s] for s in sources_for(user, congress)}
    if Role.CONTACT_POINT_STAFF in roles_of(user, congress) or roles_of(user, congress) & {Role.OFFICE_STAFF,
                                                                                           Role.ADMIN}:
        audiences.add("contact_points")
    return [p for p in open_on(congress).order_by("closes_on", "id") if set(p.audiences) & audiences]


def for_bill(congress: Congress, bill_id: int) -> QuerySet[CommentPeriod]:
    return periods(congress).filter(bill_id=bill_id).order_by("version__number", "id")


def article_label(provision: Provision | None) -> str:
    if provision is None:
        return WHOLE
    return f"第{numeral(provision.number)}条"


def provision_label(provision: Provision | None, article: Provision | None) -> str:
    """第二条, or 第二条第二款 for a paragraph."""
    if provision is None:
        return WHOLE
    if provision.kind == Provision.Kind.PARAGRAPH and article is not None:
        return f"{article_label(article)}第{numeral(provision.number)}款"
    return article_label(provision)


@dataclass
class TextArticle:
    """An article of the draft as the comment page shows it: its chapter and section headings (when
    they start here), its number and its paragraphs."""

    article: Provision
    label: str
    paragraphs: list[Provision]
    headings: list[str] = field(default_factory=list)


def structured_text(period_: CommentPeriod) -> list[TextArticle]:
    rows = list(Provision.objects.in_congress(period_.congress_id).filter(version_id=period_.version_id)
                .order_by("position"))
    found: list[TextArticle] = []
    pending: list[str] = []
    for row in rows:
        if row.kind == Provision.Kind.CHAPTER:
            pending.append(f"第{numeral(row.number)}章　{row.heading}".strip())
        elif row.kind == Provision.Kind.SECTION:
            pending.append(f"第{numeral(row.number)}节　{row.heading}".strip())
        elif row.kind == Provision.Kind.ARTICLE:
            found.append(TextArticle(row, article_label(row), [], pending))
            pending = []
        elif row.kind == Provision.Kind.PARAGRAPH and found and row.parent_id == found[-1].article.pk:
            found[-1].paragraphs.append(row)
    return found


def comments(period_: CommentPeriod) -> QuerySet[LawComment]:
    return (LawComment.objects.in_congress(period_.congress_id).filter(period=period_)
            .select_related("provision", "article", "organisation", "person"))


@dataclass
class Group:
    article: Provision | None
    label: str
    comments: list[LawComment]
    by_source: dict[str, int]
    undecided: int

    @property
    def anchor(self) -> str:
        return self.article.eid if self.article is not None else "whole"

    @property
    def source_counts(self) -> list[tuple[str, int]]:
        return [(label, self.by_source.get(value, 0)) for value, label in Source.choices if self.by_source.get(value)]


def grouped(period_: CommentPeriod, rows: list[LawComment] | None = None) -> list[Group]:
    """The comments by article in the version's order, the draft as a whole first; only articles that
    have comments."""
    rows = list(comments(period_).order_by("submitted_at", "id")) if rows is None else rows
    buckets: dict[int | None, list[LawComment]] = {}
    for row in rows:
        buckets.setdefault(row.article_id, []).append(row)
    order = {a.pk: a for a in Provision.objects.in_congress(period_.congress_id)
             .filter(pk__in=[k for k in buckets if k is not None]).order_by("position")}
    groups = []
    for key in [None, *order]:
        if key not in buckets:
            continue
        items = buckets[key]
        by_source: dict[str, int] = {}
        for item in items:
            by_source[item.source] = by_source.get(item.source, 0) + 1
        article = order.get(key) if key is not None else None
        groups.append(Group(article, article_label(article), items, by_source,
                            sum(1 for i in items if not i.decision)))
    return groups


@dataclass
class Totals:
    total: int
    by_source: list[tuple[str, str, int]]
    by_decision: list[tuple[str, str, int]]
    undecided: int


def totals(period_: CommentPeriod) -> Totals:
    rows = comments(period_)
    sources = dict(rows.order_by().values_list("source").annotate(n=Count("id")))
    decisions = dict(rows.order_by().values_list("decision").annotate(n=Count("id")))
    return Totals(total=sum(sources.values()),
                  by_source=[(v, label, sources.get(v, 0)) for v, label in Source.choices],
                  by_decision=[(v, label, decisions.get(v, 0)) for v, label in LawComment.Decision.choices],
                  undecided=decisions.get("", 0))


def own(congress: Congress, user) -> QuerySet[LawComment]:
    """The comments a signed-in person gave or forwarded, newest first."""
    return (LawComment.objects.in_congress(congress).filter(author=user)
            .select_related("period__bill", "period__version", "provision", "article", "organisation")
            .order_by("-submitted_at", "-id"))


def of_contact_points(congress: Congress, user) -> QuerySet[LawComment]:
    """A contact point's forwarded comments: its staff see their points'; the office every point's."""
    rows = LawComment.objects.in_congress(congress).filter(source=Source.CONTACT_POINT)
    if not roles_of(user, congress) & {Role.ADMIN, Role.OFFICE_STAFF}:
        rows = rows.filter(organisation_id__in=organisations_of(user, congress, Role.CONTACT_POINT_STAFF))
    return rows.select_related("period__bill", "period__version", "provision", "article", "organisation") \
        .order_by("-submitted_at", "-id")


def by_code(congress: Congress, code: str) -> LawComment | None:
    return (LawComment.objects.in_congress(congress).filter(reference_code=code)
            .select_related("period__bill", "period__version", "provision", "article").first())
