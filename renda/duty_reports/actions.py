"""Writes to the duty reports (述职), one function per use case: the office makes the year's list
(述职计划) and adds or removes people on it; the person (or staff for them) files the report; the
office rates it — by a satisfaction vote at a standing-committee session on the voting engine, or,
for a deputy, by recording the counts of the voters' evaluation at a liaison station.

A deputy's report to the voters (代表向选民述职, issue 16) shares the report, the counts and the grade:
the office schedules where (a station, or the electoral unit) and when, with a window for the
evaluation on the phone; opens it (the report is then 测评中); voters evaluate it without an account,
once per phone and once per person; the office may enter the paper ballots' counts, which are added to
the phone evaluations; closing writes the sum and its grade (``grade_of``, the same rule) on the report."""

from __future__ import annotations

import datetime
import re
import secrets
import unicodedata
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.dateparse import parse_datetime

from renda.core import audit, rules, uploads
from renda.core.errors import NotPermitted, ValidationError
from renda.core.models import Congress, Term
from renda.core.permissions import STAFF, roles_of
from renda.core.usecase import action, ensure_own
from renda.core.workflow import require_status
from renda.duty_reports.models import DutyPlan, DutyReport, VoterEvaluation
from renda.meetings.models import AgendaItem, Meeting
from renda.people.models import Mandate, Membership, Organisation, Person
from renda.people.validation import Errors, date, moment, text, whole_number
from renda.voting import actions as voting
from renda.voting.models import Vote

S = DutyReport.Status
APPOINTEE_KINDS = (Organisation.Kind.HANDLING_UNIT, Organisation.Kind.WORKING_COMMITTEE)
# Posts in those bodies that are staff, not appointed by the standing committee.
NOT_APPOINTED = ("联络员", "工作人员", "成员", "站长", "组长", "副组长")
PURPOSE_DOCUMENT = "oversight_document"


# ---------------------------------------------------------------- who is due


def term_of(congress: Congress, year: int) -> Term | None:
    """The term the year falls in (its first day of the year or later started by year's end)."""
    end = datetime.date(year, 12, 31)
    return Term.objects.in_congress(congress).filter(start__lte=end).order_by("-start").first()


def appointee_posts(congress: Congress, on: datetime.date | None = None):
    """Current posts in a handling unit or on a working committee (not staff posts such as 联络员): the
    appointees of this congress."""
    on = on or timezone.localdate()
    return (Membership.objects.in_congress(congress)
            .filter(organisation__kind__in=APPOINTEE_KINDS, start__lte=on)
            .exclude(end__lt=on).exclude(post__in=NOT_APPOINTED).select_related("person", "organisation").order_by("organisation__name", "id"))


def times_reported(congress: Congress, term: Term) -> dict[int, int]:
    """How often each person is on a list of this term (reported or due)."""
    rows = (DutyReport.objects.in_congress(congress).filter(plan__term=term)
            .values("person_id").annotate(n=Count("id")))
    return {row["person_id"]: row["n"] for row in rows}


def proposed_appointees(congress: Congress, year: int) -> list[Membership]:
    """The appointees rule ``duty_reports.appointee_times_per_term`` says are due this year: those
    on fewer of this term's lists than the rule asks (one post per person)."""
    term = term_of(congress, year)
    if term is None:
        return []
    times = rules.get(congress, "duty_reports.appointee_times_per_term")
    done = times_reported(congress, term)
    seen: set[int] = set()
    due = []
    for post in appointee_posts(congress, min(datetime.date(year, 12, 31), max(datetime.date(year, 1, 1),
                                                                               timezone.localdate()))):
        if post.person_id in seen or done.get(post.person_id, 0) >= times:
            continue
        seen.add(post.person_id)
        due.append(post)
    return due


def _post_text(m: Membership) -> str:
    return f"{m.organisation.name}{m.post}"


def _station_of(congress: Congress, person: Person) -> Organisation | None:
    mandate = Mandate.objects.in_congress(congress).filter(person=person).order_by("-id").first()
    station_id = getattr(mandate, "liaison_station_id", None) if mandate is not None else None
    return Organisation.objects.in_congress(congress).filter(pk=station_id).first() if station_id else None


def _people(congress: Congress, values: Any, errors: Errors, field: str, label: str, *, deputies: bool) -> list:
    """People (or their ids) of this congress: deputies hold a mandate here; appointees are given as
    posts (Membership or its id) of a handling unit or working committee."""
    if values in (None, ""):
        return []
    if not isinstance(values, list | tuple):
        errors.add(field, f"“{label}”须为列表")
        return []
    found = []
    for n, value in enumerate(values, start=1):
        pk = getattr(value, "pk", value)
        if deputies:
            person = Person.objects.filter(pk__in=Mandate.objects.in_congress(congress).values("person_id")).filter(
                pk=pk if isinstance(pk, int) else -1).first()
            if person is None:
                errors.add(field, f"“{label}”第{n}项不是本级人大代表")
            else:
                found.append(person)
        else:
            post = appointee_posts(congress).filter(pk=pk if isinstance(pk, int) else -1).first()
            if post is None:
                errors.add(field, f"“{label}”第{n}项不是本级承办单位或工作委员会的现任职务")
            else:
                found.append(post)
    return found


def _add(congress: Congress, plan: DutyPlan, deputies: list, posts: list, errors: Errors) -> list[DutyReport]:
    on_plan = set(DutyReport.objects.in_congress(congress).filter(plan=plan).values_list("person_id", flat=True))
    rows, adding = [], set()
    for person in deputies:
        if person.pk in on_plan or person.pk in adding:
            errors.add("deputies", f"{person.name}已在{plan.year}年述职计划中")
            continue
        adding.add(person.pk)
        rows.append(DutyReport(congress=congress, plan=plan, person=person, kind=DutyReport.Kind.DEPUTY,
                               post="人大代表", station=_station_of(congress, person)))
    for post in posts:
        if post.person_id in on_plan or post.person_id in adding:
            errors.add("appointees", f"{post.person.name}已在{plan.year}年述职计划中")
            continue
        adding.add(post.person_id)
        rows.append(DutyReport(congress=congress, plan=plan, person=post.person, kind=DutyReport.Kind.APPOINTEE,
                               post=_post_text(post), membership=post))
    return rows


@action("make_duty_plan")
def make_plan(congress: Congress, *, actor, year: Any, title: str = "", deputies: Any = None,
              appointees: Any = None, propose: bool = True) -> DutyPlan:
    """The year's list: the appointees given (or, with ``propose`` and none given, all the rule
    proposes) and the deputies chosen."""
    errors = Errors()
    number = whole_number(year, errors, "year", "年度", minimum=1949, maximum=9999)
    title = text({"title": title}, errors, "title", "标题", max_length=200)
    term = term_of(congress, number) if number else None
    if number and term is None:
        errors.add("year", f"{number}年没有对应的届次")
    if number and DutyPlan.objects.in_congress(congress).filter(year=number).exists():
        errors.add("year", f"{number}年的述职计划已经制定")
    people = _people(congress, deputies, errors, "deputies", "述职的代表", deputies=True)
    if appointees in (None, "") and propose and number and term is not None:
        posts = proposed_appointees(congress, number)
    else:
        posts = _people(congress, appointees, errors, "appointees", "述职的任命人员", deputies=False)
    errors.raise_if_any()
    assert term is not None
    plan = DutyPlan.objects.create(congress=congress, term=term, year=number, title=title or f"{number}年度述职计划",
                                   created_by=actor)
    rows = _add(congress, plan, people, posts, errors)
    errors.raise_if_any()
    DutyReport.objects.bulk_create(rows)
    audit.record(congress, actor, "make_duty_plan", plan, object_repr=plan.title,
                 after={"year": number, "people": [r.person.name for r in rows]})
    return plan


@action("make_duty_plan")
def add_to_plan(congress: Congress, plan: DutyPlan, *, actor, deputies: Any = None, appointees: Any = None) -> list[DutyReport]:
    ensure_own(congress, plan, "述职计划")
    errors = Errors()
    people = _people(congress, deputies, errors, "deputies", "述职的代表", deputies=True)
    posts = _people(congress, appointees, errors, "appointees", "述职的任命人员", deputies=False)
    if not errors.by_field and not people and not posts:
        errors.add("deputies", "请选择要列入述职计划的代表或任命人员")
    rows = _add(congress, plan, people, posts, errors)
    errors.raise_if_any()
    DutyReport.objects.bulk_create(rows)
    audit.record(congress, actor, "make_duty_plan", plan, object_repr=plan.title,
                 after={"added": [r.person.name for r in rows]})
    return rows


@action("make_duty_plan")
def remove_from_plan(congress: Congress, report: DutyReport, *, actor) -> None:
    ensure_own(congress, report, "述职报告")
    report = DutyReport.objects.in_congress(congress).select_for_update().get(pk=report.pk)
    require_status(report, S.DUE)
    audit.record(congress, actor, "make_duty_plan", report, object_repr=str(report),
                 before={"person": report.person.name}, after={"removed": True})
    DutyReport.objects.in_congress(congress).filter(pk=report.pk).delete()


# ---------------------------------------------------------------- filing


def may_file(actor, congress: Congress, report: DutyReport) -> bool:
    """Staff file for anyone; anyone else only their own report."""
    if roles_of(actor, congress) & STAFF:
        return True
    return getattr(actor, "is_authenticated", False) and report.person.user_id == actor.pk


def _locked(congress: Congress, report: DutyReport) -> DutyReport:
    ensure_own(congress, report, "述职报告")
    return DutyReport.objects.in_congress(congress).select_for_update().select_related("person").get(pk=report.pk)


@action("file_duty_report")
def file_report(congress: Congress, report: DutyReport, *, actor, title: str = "", text_: str = "",
                file=None) -> DutyReport:
    """The person (or staff for them) files the report: its text, a file, or both. Filed again
    before the rating, the newer one replaces it."""
    report = _locked(congress, report)
    if not may_file(actor, congress, report):
        raise NotPermitted("只能提交本人的述职报告")
    require_status(report, S.DUE, S.FILED)
    errors = Errors()
    title = text({"title": title}, errors, "title", "报告标题", max_length=200)
    body = text({"text": text_}, errors, "text", "述职报告", max_length=20000, multiline=True)
    if file not in (None, ""):
        uploads.check(file, PURPOSE_DOCUMENT, errors, "file", what="“报告文件”")
    elif not body and not errors.by_field:
        errors.add("text", "“述职报告”须填写正文或上传报告文件")
    errors.raise_if_any()
    before = {"status": report.status}
    report.title = title or f"{report.person.name}同志述职报告"
    report.text = body
    if file not in (None, ""):
        report.file = file
    report.status, report.filed_on, report.filed_by = S.FILED, timezone.localdate(), actor
    report.save()
    audit.record(congress, actor, "file_duty_report", report, object_repr=str(report), before=before,
                 after={"status": S.FILED, "title": report.title, "file": bool(report.file)})
    return report


# ---------------------------------------------------------------- rating


def grade_of(congress: Congress, satisfied: int, basic: int, unsatisfied: int) -> str:
    """不满意 when 不满意 exceeds the rule's fraction of those counted; else 满意 when 满意 alone
    exceeds half; else 基本满意."""
    total = satisfied + basic + unsatisfied
    fraction = Fraction(rules.get(congress, "duty_reports.unsatisfied_fraction"))
    if unsatisfied > fraction * total:
        return DutyReport.Grade.UNSATISFIED
    if satisfied * 2 > total:
        return DutyReport.Grade.SATISFIED
    return DutyReport.Grade.BASIC


def _store(congress: Congress, report: DutyReport, counts: dict, on: datetime.date) -> None:
    report.satisfied, report.basic, report.unsatisfied = counts["满意"], counts["基本满意"], counts["不满意"]
    report.grade = grade_of(congress, report.satisfied, report.basic, report.unsatisfied)
    report.status, report.rated_on = S.RATED, on


@action("rate_duty_report")
def start_session_rating(congress: Congress, report: DutyReport, meeting: Meeting, *, actor,
                         agenda_item: AgendaItem | None = None) -> Vote:
    """Open a satisfaction evaluation of a filed report at a standing-committee session (only where
    the congress evaluates: rule ``sc.satisfaction_evaluation``)."""
    report = _locked(congress, report)
    ensure_own(congress, meeting, "会议")
    if agenda_item is not None:
        ensure_own(congress, agenda_item, "议程")
    require_status(report, S.FILED)
    if not rules.get(congress, "sc.satisfaction_evaluation"):
        raise ValidationError({"meeting": "本级未开展满意度测评（规则“开展满意度测评”已关闭），请改为录入评议结果"})
    if meeting.kind != Meeting.Kind.SC_SESSION:
        raise ValidationError({"meeting": "述职测评须在常务委员会会议上进行"})
    if meeting.status == Meeting.Status.CLOSED:
        raise ValidationError({"meeting": f"{meeting}已闭会，不能再开展满意度测评"})
    vote = voting.create_vote(congress, meeting, actor=actor, title=f"对{report.person.name}述职的满意度测评",
                              kind=Vote.Kind.SATISFACTION, agenda_item=agenda_item)
    report.status, report.vote, report.meeting, report.rated_by = S.RATING, vote, meeting, DutyReport.RatedBy.SESSION
    report.save(update_fields=["status", "vote", "meeting", "rated_by"])
    audit.record(congress, actor, "rate_duty_report", report, object_repr=str(report), before={"status": S.FILED},
                 after={"status": S.RATING, "vote": vote.pk, "meeting": meeting.pk})
    return vote


@action("rate_duty_report")
def record_session_rating(congress: Congress, report: DutyReport, *, actor) -> DutyReport:
    """Once the evaluation is closed (or announced), its counts and the grade go on the report."""
    report = _locked(congress, report)
    require_status(report, S.RATING)
    if not report.vote_id:
        raise ValidationError({"vote": "本次述职由选民评议，请在评议结束时记录结果"})
    vote = Vote.objects.in_congress(congress).select_related("meeting").get(pk=report.vote_id)
    if vote.status not in (Vote.Status.CLOSED, Vote.Status.ANNOUNCED) or not vote.result:
        raise ValidationError({"vote": f"满意度测评“{vote.title}”{vote.get_status_display()}，结束后才能记录测评结果"})
    counts = {k: int(v) for k, v in (vote.result.get("counts") or {}).items()}
    counts = {k: counts.get(k, 0) for k in ("满意", "基本满意", "不满意")}
    if not sum(counts.values()):
        raise ValidationError({"vote": "满意度测评没有有效票，不能记录测评结果"})
    _store(congress, report, counts, timezone.localtime(vote.closed_at).date() if vote.closed_at else timezone.localdate())
    report.save()
    audit.record(congress, actor, "rate_duty_report", report, object_repr=str(report), before={"status": S.RATING},
                 after={"status": S.RATED, "counts": counts, "grade": report.grade})
    return report


@action("rate_duty_report")
def record_station_rating(congress: Congress, report: DutyReport, *, actor, satisfied: Any, basic: Any,
                          unsatisfied: Any, on: Any = None, station: Organisation | None = None) -> DutyReport:
    """A deputy's report rated by the voters at a liaison station: the office records the meeting's
    counts (满意/基本满意/不满意: whole numbers, not negative, at least one counted)."""
    report = _locked(congress, report)
    require_status(report, S.FILED)
    errors = Errors()
    if report.kind != DutyReport.Kind.DEPUTY:
        errors.add("station", "只有代表述职可以由联络站选民评议；任命人员的述职由常委会测评")
    if report.evaluation:
        errors.add("satisfied", "本次述职已安排选民扫码评议，书面评议票数请在“录入书面评议票数”中录入，与扫码评议合计")
    counts = {"满意": whole_number(satisfied, errors, "satisfied", "满意"),
              "基本满意": whole_number(basic, errors, "basic", "基本满意"),
              "不满意": whole_number(unsatisfied, errors, "unsatisfied", "不满意")}
    if not errors.by_field and not sum(counts.values()):
        errors.add("satisfied", "“满意”“基本满意”“不满意”合计须大于 0")
    day = date({"on": on}, errors, "on", "评议日期") if on not in (None, "") else timezone.localdate()
    if day is not None and day > timezone.localdate():
        errors.add("on", f"“评议日期”不能晚于今天（{timezone.localdate()}）")
    if station is not None and (station.congress_id != congress.pk or station.kind != Organisation.Kind.LIAISON_STATION):
        errors.add("station", "“代表联络站”不是本级的代表联络站")
    errors.raise_if_any()
    assert day is not None
    _store(congress, report, counts, day)
    report.rated_by = DutyReport.RatedBy.STATION
    if station is not None:
        report.station = station
    report.save()
    audit.record(congress, actor, "rate_duty_report", report, object_repr=str(report), before={"status": S.FILED},
                 after={"status": S.RATED, "counts": counts, "grade": report.grade, "on": str(day)})
    return report


# ---------------------------------------------------------------- the voters' evaluation on the phone

E = DutyReport.Evaluation
ALREADY = "您已对本次述职作出评议"
DIGITS = re.compile(r"^[0-9X]{4}$")


class AlreadyEvaluated(ValidationError):
    """The phone or the person has evaluated this report already; nothing was written."""

    def __init__(self) -> None:
        super().__init__(ALREADY)


def _when(value: Any, errors: Errors, field: str, label: str) -> datetime.datetime | None:
    """A date and time (a datetime, or ISO text such as 2026-05-01T09:00), aware, or None if empty."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        parsed = parse_datetime(value.strip())
        if parsed is None:
            errors.add(field, f"“{label}”须为日期和时间，如 2026-05-01T09:00，收到：{value}")
            return None
        value = parsed
    return moment(value, errors, field, label)


def phone_counts(congress: Congress, report: DutyReport) -> dict[str, int]:
    """The phone evaluations so far, by rating (the live counts on the office's page)."""
    rows = (VoterEvaluation.objects.in_congress(congress).filter(report=report)
            .values("rating").annotate(n=Count("id")))
    found = {row["rating"]: row["n"] for row in rows}
    return {name: found.get(name, 0) for name in DutyReport.Grade.values}


def _sum_counts(congress: Congress, report: DutyReport) -> dict[str, int]:
    """Phone evaluations plus the paper counts: what closing writes on the report."""
    phone = phone_counts(congress, report)
    paper = {"满意": report.paper_satisfied or 0, "基本满意": report.paper_basic or 0,
             "不满意": report.paper_unsatisfied or 0}
    return {name: phone[name] + paper[name] for name in phone}


@action("schedule_voter_evaluation")
def schedule_voter_evaluation(congress: Congress, report: DutyReport, *, actor, held_at: Any,
                              station: Organisation | None = None, electoral_unit: str = "",
                              opens_at: Any = None, closes_at: Any = None) -> DutyReport:
    """Where (a liaison station, or the electoral unit by name — one of the two) and when the deputy
    reports to the voters, and the window of the evaluation on the phone (from ``opens_at``, the
    meeting's time if not given, until before ``closes_at``, rule ``duty_reports.evaluation_default_hours``
    later if not given). May be changed until the evaluation is opened."""
    report = _locked(congress, report)
    errors = Errors()
    if report.kind != DutyReport.Kind.DEPUTY:
        errors.add("station", "只有代表向选民述职才由选民评议；任命人员的述职由常委会测评")
    if report.status not in (S.DUE, S.FILED) or report.evaluation in (E.OPEN, E.CLOSED):
        state = f"（选民评议{report.get_evaluation_display()}）" if report.evaluation else ""
        errors.add("held_at", f"述职{report.get_status_display()}{state}，不能再安排选民评议")
    unit = text({"electoral_unit": electoral_unit}, errors, "electoral_unit", "选区（选举单位）", max_length=200,
                multiline=False)
    if station is not None and (station.congress_id != congress.pk or station.kind != Organisation.Kind.LIAISON_STATION):
        errors.add("station", "“代表联络站”不是本级的代表联络站")
    elif (station is None) == (not unit) and "electoral_unit" not in errors.by_field:
        errors.add("station", "请选择代表联络站或填写选区（选举单位），二者选其一")
    when = _when(held_at, errors, "held_at", "述职时间")
    if when is None and "held_at" not in errors.by_field:
        errors.add("held_at", "请填写“述职时间”")
    start = _when(opens_at, errors, "opens_at", "评议开始时间") or when
    end = _when(closes_at, errors, "closes_at", "评议结束时间")
    if end is None and start is not None and "closes_at" not in errors.by_field:
        end = start + datetime.timedelta(hours=rules.get(congress, "duty_reports.evaluation_default_hours"))
    if start is not None and end is not None:
        if end <= start:
            errors.add("closes_at", "“评议结束时间”须晚于“评议开始时间”")
        elif end <= timezone.now():
            errors.add("closes_at", "“评议结束时间”须晚于现在")
    errors.raise_if_any()
    before = {"evaluation": report.evaluation, "held_at": str(report.held_at or ""), "place": report.place}
    report.station = station
    report.electoral_unit = "" if station is not None else unit
    report.held_at, report.evaluation_opens_at, report.evaluation_closes_at = when, start, end
    report.evaluation = E.SCHEDULED
    report.evaluation_key = report.evaluation_key or secrets.token_urlsafe(16)
    report.save()
    audit.record(congress, actor, "schedule_voter_evaluation", report, object_repr=str(report), before=before,
                 after={"evaluation": E.SCHEDULED, "held_at": str(when), "place": report.place,
                        "opens_at": str(start), "closes_at": str(end)})
    return report


@action("open_voter_evaluation")
def open_voter_evaluation(congress: Congress, report: DutyReport, *, actor) -> DutyReport:
    """The office opens the scheduled evaluation (the report must be filed): the report is 测评中, and
    voters are accepted inside the window. It may be opened before the window starts (phones are told
    when it starts), not after it has ended."""
    report = _locked(congress, report)
    if report.evaluation != E.SCHEDULED:
        raise ValidationError({"evaluation": "请先安排述职的地点、时间和评议时段"
                               if not report.evaluation else f"选民评议{report.get_evaluation_display()}"})
    require_status(report, S.FILED)
    assert report.evaluation_closes_at is not None
    if report.evaluation_closes_at <= timezone.now():
        raise ValidationError({"closes_at": f"评议时段已于 {timezone.localtime(report.evaluation_closes_at):%Y-%m-%d %H:%M} "
                                            "结束，请重新安排评议时段"})
    report.evaluation, report.status = E.OPEN, S.RATING
    report.rated_by = DutyReport.RatedBy.STATION if report.station_id else DutyReport.RatedBy.VOTERS
    report.save(update_fields=["evaluation", "status", "rated_by"])
    audit.record(congress, actor, "open_voter_evaluation", report, object_repr=str(report),
                 before={"status": S.FILED, "evaluation": E.SCHEDULED}, after={"status": S.RATING, "evaluation": E.OPEN})
    return report


@action("close_voter_evaluation")
def close_voter_evaluation(congress: Congress, report: DutyReport, *, actor) -> DutyReport:
    """The office closes the evaluation (early, or once the window has ended): the phone evaluations
    plus the paper counts become the report's counts (满意/基本满意/不满意) and its grade
    (``grade_of``, rule ``duty_reports.unsatisfied_fraction``), as a station's recorded counts do."""
    report = _locked(congress, report)
    if report.evaluation != E.OPEN:
        raise ValidationError({"evaluation": "选民评议尚未开始" if report.evaluation != E.CLOSED else "选民评议已结束"})
    require_status(report, S.RATING)
    counts = _sum_counts(congress, report)
    if not sum(counts.values()):
        raise ValidationError({"evaluation": "本次述职还没有选民评议（扫码或书面），不能结束评议；"
                                             "如有书面评议票，请先录入书面评议票数"})
    assert report.evaluation_closes_at is not None
    report.evaluation_closes_at = min(report.evaluation_closes_at, timezone.now())
    report.evaluation = E.CLOSED
    _store(congress, report, counts, timezone.localdate())
    report.save()
    audit.record(congress, actor, "close_voter_evaluation", report, object_repr=str(report),
                 before={"status": S.RATING, "evaluation": E.OPEN},
                 after={"status": S.RATED, "evaluation": E.CLOSED, "counts": counts, "grade": report.grade})
    return report


@action("record_paper_counts")
def record_paper_counts(congress: Congress, report: DutyReport, *, actor, satisfied: Any, basic: Any,
                        unsatisfied: Any) -> DutyReport:
    """The paper ballots of a meeting with a phone evaluation (voters without a smartphone): their
    counts, entered whole (a later entry replaces the earlier — a correction, not a second batch), are
    added to the phone evaluations. Entered after the close, the report's counts and grade are
    recomputed."""
    report = _locked(congress, report)
    errors = Errors()
    if not report.evaluation:
        errors.add("satisfied", "本次述职未安排选民扫码评议；联络站评议结果请用“录入联络站选民评议结果”")
    counts = {"满意": whole_number(satisfied, errors, "satisfied", "满意"),
              "基本满意": whole_number(basic, errors, "basic", "基本满意"),
              "不满意": whole_number(unsatisfied, errors, "unsatisfied", "不满意")}
    errors.raise_if_any()
    before = {"paper": {"满意": report.paper_satisfied, "基本满意": report.paper_basic, "不满意": report.paper_unsatisfied},
              "grade": report.grade}
    report.paper_satisfied, report.paper_basic, report.paper_unsatisfied = (counts["满意"], counts["基本满意"],
                                                                            counts["不满意"])
    after: dict[str, Any] = {"paper": counts}
    if report.evaluation == E.CLOSED:
        total = _sum_counts(congress, report)
        if not sum(total.values()):
            raise ValidationError({"satisfied": "评议已结束，扫码与书面评议合计须大于 0"})
        _store(congress, report, total, report.rated_on or timezone.localdate())
        after.update(counts_total=total, grade=report.grade)
    report.save()
    audit.record(congress, actor, "record_paper_counts", report, object_repr=str(report), before=before, after=after)
    return report


def _normal_name(value: str) -> str:
    return re.sub(r"[\s·•・.]", "", unicodedata.normalize("NFKC", value))


def _keyed(kind: str, report: DutyReport, value: str) -> str:
    """A keyed hash of ``value`` for this report only (the server's secret key): recognises a repeat
    without storing the phone's token or the voter's name and digits."""
    return salted_hmac(f"renda.duty_reports.{kind}", f"{report.pk}:{value}").hexdigest()


def evaluation_window_problem(report: DutyReport, now: datetime.datetime | None = None) -> str:
    """'' while the evaluation is accepted: opened by the office and ``opens_at <= now < closes_at``
    (at the closing time itself it is refused); else what to tell the voter."""
    now = now or timezone.now()
    if report.evaluation == E.CLOSED:
        return "本次述职评议已结束"
    if report.evaluation != E.OPEN or report.evaluation_opens_at is None or report.evaluation_closes_at is None:
        return "本次述职评议尚未开始"
    if now < report.evaluation_opens_at:
        return f"本次述职评议将于 {timezone.localtime(report.evaluation_opens_at):%Y-%m-%d %H:%M} 开始"
    if now >= report.evaluation_closes_at:
        return "本次述职评议已结束"
    return ""


@action("evaluate_duty_report")
def evaluate_duty_report(congress: Congress, report: DutyReport, *, actor, device: str, name: Any, digits: Any,
                         rating: Any, comment: Any = "") -> VoterEvaluation:
    """A voter's evaluation on the phone, without an account: 满意/基本满意/不满意 and an optional
    comment, with the voter's name and the last four digits of their phone or ID number. One per phone
    (``device``: the id in the signed token the page set on the phone) and one per person (name and
    digits) on each report: a second is refused with “您已对本次述职作出评议” and nothing is written.
    Only while the office has the evaluation open and inside its window."""
    report = _locked(congress, report)
    problem = evaluation_window_problem(report)
    if problem:
        raise ValidationError(problem)
    errors = Errors()
    if not device:
        errors.add("device", "无法识别本手机：请允许浏览器保存 Cookie 后重新扫码")
    if rating not in DutyReport.Grade.values:
        errors.add("rating", "请选择“满意”“基本满意”或“不满意”")
    who = text({"name": name}, errors, "name", "姓名", max_length=50)
    if "name" not in errors.by_field and not who:
        errors.add("name", "请填写“姓名”")
    tail = unicodedata.normalize("NFKC", str(digits or "")).strip().upper()
    if not DIGITS.match(tail):
        errors.add("digits", "“手机号或身份证号后四位”须为 4 位数字（身份证号末位可为 X）")
    remark = text({"comment": comment}, errors, "comment", "意见建议", max_length=500, multiline=True)
    errors.raise_if_any()
    phone, person = _keyed("device", report, device), _keyed("voter", report, f"{_normal_name(who)}:{tail}")
    same = VoterEvaluation.objects.in_congress(congress).filter(report=report)
    if same.filter(device=phone).exists() or same.filter(voter=person).exists():
        raise AlreadyEvaluated
    try:
        with transaction.atomic():
            row = VoterEvaluation.objects.create(congress=congress, report=report, rating=rating, comment=remark,
                                                 device=phone, voter=person)
    except IntegrityError:
        raise AlreadyEvaluated from None
    audit.record(congress, actor, "evaluate_duty_report", row, object_repr=str(report),
                 after={"report": report.pk, "rating": rating, "comment": bool(remark)})
    return row
