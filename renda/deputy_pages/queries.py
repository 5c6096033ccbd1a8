"""Reads for 网上代表之家 and 致代表的信, shared by the pages and the API.

The public page shows what the public register shows of a deputy (people.views.sees_particulars: the
name, term, delegation and station — no occupation, workplace, birth date or phone), the station's
address and reception days with the deputy's own days at it, and the deputy's suggestions that
proposals already publishes (its ``view_published_suggestion`` relation: answered, not confidential)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.utils import timezone

from renda.core import rules
from renda.core.models import Congress
from renda.deputy_pages.models import Letter, LetterRecipient
from renda.liaison import reports as liaison_reports
from renda.liaison.models import RotaSlot, StationProfile
from renda.people.models import Mandate
from renda.proposals import queries as proposals
from renda.proposals.models import Author, Suggestion


def serving_mandate(congress: Congress, mandate_id) -> Mandate | None:
    """A serving deputy of this congress by mandate id; an ended mandate, another congress's or none → None."""
    if not str(mandate_id).isdecimal():
        return None
    return (Mandate.objects.in_congress(congress).filter(pk=int(mandate_id), status=Mandate.Status.SERVING)
            .select_related("person", "term", "delegation", "liaison_station").first())


def station_profile(congress: Congress, mandate: Mandate) -> StationProfile | None:
    station = mandate.liaison_station
    if station is None:
        return None
    return liaison_reports.profile(congress, station)


def duty_days(congress: Congress, mandate: Mandate, today: datetime.date | None = None) -> list[datetime.date]:
    """The days ahead the deputy sits at their station (the rota), within deputy_pages.duty_days_ahead."""
    today = today or timezone.localdate()
    ahead = today + datetime.timedelta(days=rules.get(congress, "deputy_pages.duty_days_ahead"))
    return list(RotaSlot.objects.in_congress(congress).filter(mandate=mandate, on__range=(today, ahead))
                .order_by("on").values_list("on", flat=True).distinct())


@dataclass
class PublicSuggestion:
    item: Suggestion
    lead: bool

    @property
    def answers(self):
        return list(self.item.answers.all())


def public_suggestions(congress: Congress, mandate: Mandate, limit: int = 50) -> list[PublicSuggestion]:
    """The deputy's suggestions (led, or co-signed and confirmed) that proposals publishes to anyone."""
    published = proposals.readable(congress, AnonymousUser(), "view_published_suggestion")
    roles = dict(Author.objects.in_congress(congress).filter(person_id=mandate.person_id)
                 .filter(Q(lead=True) | Q(confirmed=True)).values_list("suggestion_id", "lead"))
    items = published.filter(pk__in=list(roles)).prefetch_related("answers").order_by("-year", "-id")[:limit]
    return [PublicSuggestion(s, roles[s.pk]) for s in items]


# ── letters ──

@dataclass
class Counts:
    recipients: int
    read: int
    replied: int

    @property
    def unread(self) -> int:
        return self.recipients - self.read


def _counted(letters):
    return letters.annotate(n=Count("recipients"), n_read=Count("recipients", filter=Q(recipients__read_at__isnull=False)),
                            n_replied=Count("recipients", filter=Q(recipients__replied_at__isnull=False)))


def letters_with_counts(congress: Congress, limit: int | None = 100, *, q: str = "",
                        year: str = "") -> list[tuple[Letter, Counts]]:
    """The letters sent, newest first, each with its counts; by a keyword in the title, body or audience,
    by the year sent; ``limit`` None for every one (an export)."""
    letters = Letter.objects.in_congress(congress)
    q = " ".join((q or "").split())[:100]
    if q:
        letters = letters.filter(Q(title__icontains=q) | Q(body__icontains=q) | Q(audience__icontains=q))
    if year.isdecimal() and len(year) == 4:
        start = timezone.make_aware(datetime.datetime(int(year), 1, 1))
        letters = letters.filter(sent_at__gte=start, sent_at__lt=start.replace(year=int(year) + 1))
    rows = _counted(letters).order_by("-id")
    return [(letter, Counts(letter.n, letter.n_read, letter.n_replied))
            for letter in (rows[:limit] if limit else rows)]


def counts(congress: Congress, letter: Letter) -> Counts:
    row = _counted(Letter.objects.in_congress(congress).filter(pk=letter.pk)).get()
    return Counts(row.n, row.n_read, row.n_replied)


def recipients(congress: Congress, letter: Letter):
    return (LetterRecipient.objects.in_congress(congress).filter(letter=letter)
            .select_related("mandate__person", "mandate__delegation").order_by("mandate__person__name", "id"))


def letters_of(congress: Congress, mandate: Mandate | None):
    """A deputy's own copies, newest first."""
    if mandate is None:
        return LetterRecipient.objects.none()
    return (LetterRecipient.objects.in_congress(congress).filter(mandate=mandate)
            .select_related("letter").order_by("-letter_id"))


def copy_of(congress: Congress, letter: Letter, user) -> LetterRecipient | None:
    """The user's own copy of a letter, if it was sent to them (as a serving deputy here)."""
    from renda.liaison.actions import serving_mandate as mandate_of

    mandate = mandate_of(congress, user)
    if mandate is None:
        return None
    return (LetterRecipient.objects.in_congress(congress).filter(letter=letter, mandate=mandate)
            .select_related("mandate__person").first())


def replies_workbook(congress: Congress, letter: Letter):
    """The replies as .xlsx: one row per recipient, read and reply times, the reply."""
    from openpyxl import Workbook

    from renda.core.exports import append

    book = Workbook()
    sheet = book.active
    sheet.title = "代表回复"
    append(sheet, [letter.title])
    append(sheet, [f"发出：{timezone.localtime(letter.sent_at):%Y-%m-%d %H:%M}，收信范围：{letter.audience}"])
    append(sheet, ["代表", "代表团", "阅读时间", "回复时间", "回复"])
    for r in recipients(congress, letter):
        append(sheet, [r.mandate.person.name, r.mandate.delegation.name if r.mandate.delegation else "",
                       f"{timezone.localtime(r.read_at):%Y-%m-%d %H:%M}" if r.read_at else "未读",
                       f"{timezone.localtime(r.replied_at):%Y-%m-%d %H:%M}" if r.replied_at else "",
                       r.reply])
    for column, width in zip("ABCDE", (12, 16, 18, 18, 80), strict=True):
        sheet.column_dimensions[column].width = width
    return book
