"""The figures of a deputy's record (履职档案), each computed from its source rows when read.

Each figure is a small function giving the year's source rows of one congress (``rows``) and the
ways a row belongs to a person (``ways``: a lookup to the person's id, with conditions on the same
join). ``count`` gives one person's figure and the queryset of the rows it counts (what the record's
links list); ``counts`` gives everybody's in one grouped query per way, so a list of a few hundred
deputies costs a fixed number of queries. Nothing is stored: change a source row and the figure changes.

Secret ballots: a vote counts as cast when the member's roll-call row exists or their ballot receipt
is marked returned (voting.BallotReceipt: "never what it said"); neither the roll-call choice nor any
ballot is read — only the vote's id is selected through the person's rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from renda.activities.models import Activity, Participant
from renda.core import rules
from renda.core.models import Congress
from renda.core.tenancy import cross_congress_query
from renda.duty_reports.models import DutyReport
from renda.liaison.models import Concern, ContactRecord, Reception
from renda.livelihood.models import Inspection, Proposal
from renda.meetings.models import Meeting, RosterEntry
from renda.oversight.models import Activity as OversightActivity
from renda.oversight.models import TeamMember
from renda.proposals.models import Answer, Rating, Suggestion
from renda.voting.models import Vote

# A way a source row belongs to a person: (lookup to the person's id, other conditions on that join).
Way = tuple[str, dict]


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    section: str
    unit: str
    rows: Callable[[Congress, int], QuerySet]
    ways: tuple[Way, ...]
    # A figure that adds up a value of its rows (training hours) instead of counting them.
    total: Callable[[QuerySet], QuerySet] | None = None
    cross_congress: str = ""  # the listed cross-congress query its rows need, if any
    help: str = ""

    def mine(self, congress: Congress, person_id: int, year: int) -> QuerySet:
        """The rows this figure counts for one person."""
        q = Q()
        for path, extra in self.ways:
            q |= Q(**{path: person_id, **extra})
        return self.rows(congress, year).filter(q).distinct()


@dataclass
class Count:
    value: int | Decimal
    rows: QuerySet = field(repr=False)


SECTIONS = ["会议", "表决", "议案建议", "联系群众", "活动和培训", "述职", "民生实事监督", "意见建议登记"]


# ---------------------------------------------------------------- meetings


def _roster(congress: Congress, year: int) -> QuerySet:
    return (RosterEntry.objects.in_congress(congress).filter(meeting__starts_at__year=year)
            .select_related("meeting", "meeting__term", "meeting__congress", "meeting__organisation")
            .order_by("meeting__starts_at", "id"))


def meetings_attended(congress: Congress, year: int) -> QuerySet:
    return _roster(congress, year).filter(voting=True, attendance=RosterEntry.Attendance.PRESENT)


def meetings_on_leave(congress: Congress, year: int) -> QuerySet:
    """Absent with leave: the roster says 请假 (set when the leave request is approved)."""
    return _roster(congress, year).filter(voting=True, attendance=RosterEntry.Attendance.LEAVE)


def meetings_absent(congress: Congress, year: int) -> QuerySet:
    """Absent without leave: marked 缺席 at the close (代表法第六十二条 makes this visible)."""
    return _roster(congress, year).filter(voting=True, attendance=RosterEntry.Attendance.ABSENT)


def sc_sessions_observed(congress: Congress, year: int) -> QuerySet:
    """列席 at standing-committee sessions: non-voting roster entries of the deputy's own person."""
    return _roster(congress, year).filter(voting=False, meeting__kind=Meeting.Kind.SC_SESSION,
                                          attendance=RosterEntry.Attendance.PRESENT)


# ---------------------------------------------------------------- votes


def votes_cast(congress: Congress, year: int) -> QuerySet:
    return (Vote.objects.in_congress(congress).filter(meeting__starts_at__year=year)
            .select_related("meeting", "meeting__term", "meeting__congress").order_by("meeting__starts_at", "id"))


# Took part: a roll-call row (its choice is never selected) or a returned ballot receipt.
VOTE_WAYS: tuple[Way, ...] = (("casts__person_id", {}), ("receipts__person_id", {"receipts__returned": True}))


# ---------------------------------------------------------------- suggestions and motions

NOT_FILED = (Suggestion.Status.DRAFT, Suggestion.Status.WITHDRAWN)
ACCEPTED = (Suggestion.Status.ACCEPTED, Suggestion.Status.MERGED, Suggestion.Status.ASSIGNED,
            Suggestion.Status.ANSWERED, Suggestion.Status.REHANDLING, Suggestion.Status.CLOSED)
# The lead deputy, and each co-signer once confirmed (proposals.Author: "counts only after confirming").
AUTHOR_WAYS: tuple[Way, ...] = (("authors__person_id", {"authors__lead": True}),
                                ("authors__person_id", {"authors__lead": False, "authors__confirmed": True}))


def _filed(congress: Congress, year: int) -> QuerySet:
    return (Suggestion.objects.in_congress(congress).filter(year=year).exclude(status__in=NOT_FILED)
            .order_by("number", "id"))


def suggestions(congress: Congress, year: int) -> QuerySet:
    return _filed(congress, year).filter(kind=Suggestion.Kind.SUGGESTION)


def motions(congress: Congress, year: int) -> QuerySet:
    return _filed(congress, year).filter(kind=Suggestion.Kind.MOTION)


def items_accepted(congress: Congress, year: int) -> QuerySet:
    """立案 (or merged into one that was)."""
    return _filed(congress, year).filter(status__in=ACCEPTED)


def items_answered(congress: Congress, year: int) -> QuerySet:
    return _filed(congress, year).filter(answers__isnull=False).distinct()


def items_solved(congress: Congress, year: int) -> QuerySet:
    """办成: the latest answer is of the first outcome class (A: solved or adopted, rule suggestion.outcome_classes)."""
    first = str(rules.get(congress, "suggestion.outcome_classes")[0]).split()[0]
    latest = (Answer.objects.in_congress(congress).filter(suggestion=OuterRef("pk")).order_by("-round", "-id")
              .values("outcome")[:1])
    return _filed(congress, year).annotate(latest_outcome=Subquery(latest)).filter(latest_outcome=first)


def items_satisfied(congress: Congress, year: int) -> QuerySet:
    return _filed(congress, year)


SATISFIED_WAYS: tuple[Way, ...] = (
    ("answers__ratings__person_id", {"answers__ratings__result__in": (Rating.Level.SATISFIED, Rating.Level.BASICALLY)}),)


# ---------------------------------------------------------------- liaison


def receptions(congress: Congress, year: int) -> QuerySet:
    """Receptions at stations where the deputy sat (Reception.deputies; CPPCC members are not deputies)."""
    return (Reception.objects.in_congress(congress).filter(held_on__year=year).select_related("station")
            .order_by("held_on", "id"))


def concerns_handled(congress: Congress, year: int) -> QuerySet:
    return (Concern.objects.in_congress(congress).filter(raised_on__year=year).exclude(status=Concern.Status.DISMISSED)
            .order_by("raised_on", "id"))


def contacts(congress: Congress, year: int) -> QuerySet:
    """双联系: contacts the deputy made with constituents, and those a member made with the deputy."""
    return ContactRecord.objects.in_congress(congress).filter(on__year=year).select_related("link").order_by("on", "id")


def register_items(congress: Congress, year: int) -> QuerySet:
    return (Concern.objects.in_congress(congress).filter(raised_on__year=year, source__in=Concern.REGISTER_SOURCES)
            .order_by("raised_on", "id"))


# ---------------------------------------------------------------- activities and training


def _participations(congress: Congress, year: int) -> QuerySet:
    """Taking part as this congress's deputy in an activity of any congress of the area (the organiser
    holds the row; Participant.as_deputy_of names the congress whose deputy took part)."""
    return (Participant.unscoped.filter(as_deputy_of=congress, activity__starts_at__year=year,
                                        attendance=Participant.Attendance.PRESENT)
            .exclude(activity__status=Activity.Status.CANCELLED)
            .select_related("activity", "activity__congress").order_by("activity__starts_at", "id"))


def activities_attended(congress: Congress, year: int) -> QuerySet:
    return _participations(congress, year).exclude(activity__kind=Activity.Kind.TRAINING)


def training_sessions(congress: Congress, year: int) -> QuerySet:
    return _participations(congress, year).filter(activity__kind=Activity.Kind.TRAINING)


def oversight_teams(congress: Congress, year: int) -> QuerySet:
    """On the team of a standing-committee survey, law-enforcement inspection or visit (oversight app)
    that has begun — the invited deputies and the members alike; experts and staff are not deputies'
    work and are left out."""
    return (TeamMember.objects.in_congress(congress).filter(activity__year=year)
            .exclude(activity__status=OversightActivity.Status.PREPARING)
            .exclude(role__in=[TeamMember.Role.EXPERT, TeamMember.Role.STAFF])
            .select_related("activity").order_by("activity__starts_on", "id"))


def _hours(rows: QuerySet) -> QuerySet:
    """Hours recorded for the participant, else the session's (they were present): activities.queries.hours_of."""
    hours = Coalesce("hours", "activity__hours", Value(Decimal("0")), output_field=DecimalField(max_digits=7, decimal_places=1))
    return rows.annotate(earned=hours)


# ---------------------------------------------------------------- duty reports


def duty_reports(congress: Congress, year: int) -> QuerySet:
    return (DutyReport.objects.in_congress(congress).filter(plan__year=year)
            .exclude(status=DutyReport.Status.DUE).select_related("plan").order_by("id"))


def duty_reports_satisfied(congress: Congress, year: int) -> QuerySet:
    return duty_reports(congress, year).filter(status=DutyReport.Status.RATED, grade=DutyReport.Grade.SATISFIED)


# ---------------------------------------------------------------- livelihood


def livelihood_proposed(congress: Congress, year: int) -> QuerySet:
    return Proposal.objects.in_congress(congress).filter(call__year=year).order_by("id")


def livelihood_votes(congress: Congress, year: int) -> QuerySet:
    """Votes on projects: choosing them (票决) and evaluating them at the year's end."""
    evaluations = Proposal.objects.in_congress(congress).filter(evaluation__isnull=False).values("evaluation_id")
    return votes_cast(congress, year).filter(Q(kind=Vote.Kind.PROJECTS) | Q(pk__in=evaluations))


def livelihood_inspections(congress: Congress, year: int) -> QuerySet:
    """Supervision visits to a chosen project by the deputy's group, or led by them."""
    return (Inspection.objects.in_congress(congress).filter(on__year=year).select_related("proposal", "group")
            .order_by("on", "id"))


FIGURES: list[Figure] = [
    Figure("meetings_attended", "出席会议", "会议", "次", meetings_attended, (("person_id", {}),)),
    Figure("meetings_on_leave", "请假缺席会议", "会议", "次", meetings_on_leave, (("person_id", {}),)),
    Figure("meetings_absent", "未请假缺席会议", "会议", "次", meetings_absent, (("person_id", {}),),
           help="代表法第六十二条：未经批准两次不出席本级人民代表大会会议的，代表资格终止"),
    Figure("sc_sessions_observed", "列席常委会会议", "会议", "次", sc_sessions_observed, (("person_id", {}),)),
    Figure("votes_cast", "参加表决", "表决", "项", votes_cast, VOTE_WAYS,
           help="只记参加表决的次数；无记名投票只记已投票，不记投票内容"),
    Figure("suggestions_led", "领衔提出建议", "议案建议", "件", suggestions, (AUTHOR_WAYS[0],)),
    Figure("suggestions_cosigned", "附议（联名）建议", "议案建议", "件", suggestions, (AUTHOR_WAYS[1],)),
    Figure("motions_led", "领衔提出议案", "议案建议", "件", motions, (AUTHOR_WAYS[0],)),
    Figure("motions_cosigned", "附议（联名）议案", "议案建议", "件", motions, (AUTHOR_WAYS[1],)),
    Figure("items_accepted", "立案", "议案建议", "件", items_accepted, AUTHOR_WAYS),
    Figure("items_answered", "已答复", "议案建议", "件", items_answered, AUTHOR_WAYS),
    Figure("items_solved", "办成（A类）", "议案建议", "件", items_solved, AUTHOR_WAYS),
    Figure("items_satisfied", "本人评价满意或基本满意", "议案建议", "件", items_satisfied, SATISFIED_WAYS),
    Figure("receptions", "联络站接待群众", "联系群众", "次", receptions, (("deputies__person_id", {}),)),
    Figure("concerns_handled", "负责办理群众诉求", "联系群众", "件", concerns_handled, (("responsible__person_id", {}),)),
    Figure("contacts", "双联系记录", "联系群众", "次", contacts,
           (("link__holder_id", {}), ("link__deputy_id", {}))),
    Figure("activities_attended", "参加闭会期间活动", "活动和培训", "次", activities_attended, (("person_id", {}),),
           cross_congress="record_activities_elsewhere"),
    Figure("oversight_teams", "参加常委会调研、执法检查、视察", "活动和培训", "次", oversight_teams, (("person_id", {}),)),
    Figure("training_sessions", "参加培训", "活动和培训", "次", training_sessions, (("person_id", {}),),
           cross_congress="record_activities_elsewhere"),
    Figure("training_hours", "培训学时", "活动和培训", "学时", training_sessions, (("person_id", {}),), total=_hours,
           cross_congress="record_activities_elsewhere"),
    Figure("duty_reports", "述职", "述职", "次", duty_reports, (("person_id", {}),)),
    Figure("duty_reports_satisfied", "述职评议满意", "述职", "次", duty_reports_satisfied, (("person_id", {}),)),
    Figure("livelihood_proposed", "提出民生实事项目建议", "民生实事监督", "件", livelihood_proposed,
           (("proposers__person_id", {}),)),
    Figure("livelihood_votes", "参加民生实事项目票决、测评", "民生实事监督", "项", livelihood_votes, VOTE_WAYS),
    Figure("livelihood_inspections", "参加项目监督视察", "民生实事监督", "次", livelihood_inspections,
           (("group__group_mandates__person_id", {"group__group_mandates__congress_id": F("congress_id")}),
            ("led_by_id", {}))),
    Figure("register_items", "反映意见建议（代表直通车等）", "意见建议登记", "件", register_items, (("raised_by_id", {}),)),
]

BY_KEY = {f.key: f for f in FIGURES}


def figure(key: str) -> Figure:
    return BY_KEY[key]


def _reading(f: Figure):
    return cross_congress_query(f.cross_congress) if f.cross_congress else nullcontext()


def count(congress: Congress, person_id: int, year: int, key: str) -> Count:
    """One person's figure and the rows it counts."""
    f = BY_KEY[key]
    rows = f.mine(congress, person_id, year)
    with _reading(f):
        if f.total is not None:
            value = f.total(rows).aggregate(n=Sum("earned"))["n"] or Decimal("0")
        else:
            value = rows.count()
    return Count(value, rows)


def source_rows(congress: Congress, person_id: int, year: int, key: str) -> list:
    """The rows one person's figure counts, read now (inside the figure's listed cross-congress query)."""
    f = BY_KEY[key]
    rows = f.mine(congress, person_id, year)
    with _reading(f):
        return list(f.total(rows) if f.total is not None else rows)


def counts(congress: Congress, year: int, person_ids: Iterable[int], key: str) -> dict[int, int | Decimal]:
    """Everybody's figure: one grouped query per way. Ways of one figure may overlap (a member of the
    group who also led the visit), so with several ways the rows' ids are collected and counted once."""
    f = BY_KEY[key]
    ids = list(person_ids)
    with _reading(f):
        if len(f.ways) == 1:
            path, extra = f.ways[0]
            rows = f.rows(congress, year).filter(**{f"{path}__in": ids, **extra}).order_by()
            if f.total is not None:
                grouped = f.total(rows).values(path).annotate(n=Sum("earned"))
            else:
                grouped = rows.values(path).annotate(n=_distinct_ids())
            return {row[path]: row["n"] or 0 for row in grouped}
        seen: dict[int, set] = defaultdict(set)
        for path, extra in f.ways:
            rows = f.rows(congress, year).filter(**{f"{path}__in": ids, **extra}).order_by()
            for person_id, pk in rows.values_list(path, "pk").distinct():
                seen[person_id].add(pk)
        return {person_id: len(pks) for person_id, pks in seen.items()}


def _distinct_ids():
    from django.db.models import Count as Counted

    return Counted("pk", distinct=True)


