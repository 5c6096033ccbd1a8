"""Writes to the duty reports (述职), one function per use case: the office makes the year's list
(述职计划) and adds or removes people on it; the person (or staff for them) files the report; the
office rates it — by a satisfaction vote at a standing-committee session on the voting engine, or,
for a deputy, by recording the counts of the voters' evaluation at a liaison station."""

from __future__ import annotations

import datetime
from fractions import Fraction
from typing import Any

from django.db.models import Count
from django.utils import timezone

from renda.core import audit, rules, uploads
from renda.core.errors import NotPermitted, ValidationError
from renda.core.models import Congress, Term
from renda.core.permissions import STAFF, roles_of
from renda.core.usecase import action, ensure_own
from renda.core.workflow import require_status
from renda.duty_reports.models import DutyPlan, DutyReport
from renda.meetings.models import AgendaItem, Meeting
from renda.people.models import Mandate, Membership, Organisation, Person
from renda.people.validation import Errors, date, text, whole_number
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
