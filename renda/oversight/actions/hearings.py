"""Writes for hearing a body's special work report (听取和审议专项工作报告, 监督法第二章):

- ``schedule_work_report``: the office puts a body's report on a standing-committee session — the
  session's agenda item (听取和审议…) is made and linked; a report of the key-supervision
  suggestions' handling lists them; a report again (再次报告) names the unsatisfactory one it answers;
- ``file_work_report``: the body files the text (an upload) and/or its summary; lateness against the
  statutory lead times is derived (``oversight.hearing_deadlines``), a late filing may say why;
- ``review_work_report``: the committee's preliminary review (初审意见);
- the deliberation is the members' speeches on the item (``meetings.actions.record_speech``; the
  first one moves the report 已初审 → 已审议 through ``on_speech``);
- ``start_work_report_evaluation`` / ``record_work_report_outcome`` / ``conclude_work_report``: a
  satisfaction evaluation on the voting engine and its legal consequence, or the end without one.
"""

from __future__ import annotations

from django.utils import timezone

from renda.core import audit, rules, uploads
from renda.core.errors import NotPermitted, ValidationError
from renda.core.models import Congress
from renda.core.permissions import STAFF, organisations_of, roles_of
from renda.core.roles import Role
from renda.core.usecase import action, ensure_own
from renda.core.workflow import require_status
from renda.meetings.models import AgendaItem, Meeting
from renda.oversight import hearing_deadlines
from renda.oversight.models import PlanItem, WorkReport, WorkReportSuggestion
from renda.oversight.workflows import WORK_REPORT_WORKFLOW
from renda.people import validation
from renda.people.models import Organisation
from renda.people.validation import Errors
from renda.proposals.models import Suggestion
from renda.voting import actions as voting
from renda.voting.models import Vote

W = WorkReport.Status
BODY_TYPES = (Organisation.UnitType.GOVERNMENT, Organisation.UnitType.DEPARTMENT, Organisation.UnitType.COURT,
              Organisation.UnitType.PROCURATORATE, Organisation.UnitType.SUPERVISORY_COMMISSION,
              Organisation.UnitType.OTHER, "")
REVIEWERS = (Organisation.Kind.SPECIAL_COMMITTEE, Organisation.Kind.WORKING_COMMITTEE, Organisation.Kind.OFFICE)
UNSATISFIED = "不满意"
FIELDS = ["kind", "title", "body", "reporter", "committee", "meeting", "plan_item", "again_of"]


# ---------------------------------------------------------------- reading


def report_of(congress: Congress, report: WorkReport) -> WorkReport:
    """The report, locked for this transaction."""
    ensure_own(congress, report, "专项工作报告")
    return WorkReport.objects.in_congress(congress).select_for_update().get(pk=report.pk)


def agenda_title(title: str) -> str:
    title = title.strip()
    return (title if title.startswith("听取") else f"听取和审议{title}")[:200]


def suggestions_of(report: WorkReport) -> list[Suggestion]:
    ids = WorkReportSuggestion.objects.in_congress(report.congress_id).filter(work_report=report).values("suggestion_id")
    return list(Suggestion.objects.in_congress(report.congress_id).filter(pk__in=ids).order_by("number", "id"))


def unsatisfied(counts: dict, returned: int, fraction) -> bool:
    """不满意 votes exceed ``fraction`` of the ballots returned (exactly half is not more than half)."""
    return rules.more_than(int(counts.get(UNSATISFIED, 0) or 0), int(returned or 0), fraction)


def is_body_officer(user, congress: Congress, report: WorkReport) -> bool:
    return report.body_id in organisations_of(user, congress, Role.UNIT_OFFICER)


def _body(congress: Congress, report: WorkReport) -> Organisation:
    return Organisation.objects.in_congress(congress).get(pk=report.body_id)


def _meeting_day(congress: Congress, report: WorkReport):
    return timezone.localdate(Meeting.objects.in_congress(congress).get(pk=report.meeting_id).starts_at)


def _item(congress: Congress, report: WorkReport) -> AgendaItem | None:
    return AgendaItem.objects.in_congress(congress).filter(pk=report.agenda_item_id).first()


# ---------------------------------------------------------------- scheduling


def _check_schedule(congress: Congress, errors: Errors, *, kind, body, meeting, plan_item, committee, suggestions,
                    again_of) -> list[Suggestion]:
    if kind not in WorkReport.Kind.values:
        errors.add("kind", "“类别”须为以下之一：" + "、".join(WorkReport.Kind.labels))
    if body is None:
        errors.add("body", "“报告机关”必须选择")
    elif body.congress_id != congress.pk or body.kind != Organisation.Kind.HANDLING_UNIT or not body.active:
        errors.add("body", "“报告机关”须为本级的承办单位（人民政府及其部门、法院、检察院等）")
    if meeting is None:
        errors.add("meeting", "“审议的常委会会议”必须选择")
    elif meeting.congress_id != congress.pk or meeting.kind != Meeting.Kind.SC_SESSION:
        errors.add("meeting", "“审议的常委会会议”须为本级常务委员会会议")
    elif meeting.status == Meeting.Status.CLOSED:
        errors.add("meeting", f"“审议的常委会会议”{meeting.title}已闭会")
    if plan_item is not None and (plan_item.congress_id != congress.pk or plan_item.kind != PlanItem.Kind.WORK_REPORT):
        errors.add("plan_item", "“监督计划项目”须为本级监督工作计划中“听取审议专项工作报告”类的项目")
    if committee is not None and (committee.congress_id != congress.pk or committee.kind not in REVIEWERS):
        errors.add("committee", "“初审机构”须为本级的专门委员会、工作委员会或办事机构")
    chosen: list[Suggestion] = []
    if kind == WorkReport.Kind.KEY_SUGGESTIONS:
        ids = []
        for s in suggestions or []:
            ids.append(getattr(s, "pk", s))
        if not ids:
            errors.add("suggestions", "“重点督办建议”至少选择一件")
        else:
            chosen = list(Suggestion.objects.in_congress(congress).filter(pk__in=ids, key_supervision=True))
            if len({s.pk for s in chosen}) != len(set(ids)):
                errors.add("suggestions", "“重点督办建议”须为本级确定为重点督办的建议")
    elif suggestions:
        errors.add("suggestions", "只有“重点督办建议办理情况报告”列出重点督办建议")
    if kind == WorkReport.Kind.AGAIN:
        if again_of is None:
            errors.add("again_of", "“前次报告”必须选择：再次报告须针对测评不满意的报告")
        elif again_of.congress_id != congress.pk or again_of.outcome != WorkReport.Outcome.UNSATISFIED:
            errors.add("again_of", "“前次报告”须为本级满意度测评结果为不满意的报告")
        elif body is not None and again_of.body_id != body.pk:
            errors.add("again_of", f"“前次报告”是{_body(congress, again_of).name}的报告，再次报告的机关须相同")
    elif again_of is not None:
        errors.add("again_of", "只有“再次报告”才针对前次报告")
    return chosen


@action("schedule_work_report")
def schedule_work_report(congress: Congress, *, actor, title, body: Organisation | None, meeting: Meeting | None,
                         reporter="", kind=WorkReport.Kind.SPECIAL, plan_item: PlanItem | None = None,
                         committee: Organisation | None = None, suggestions=None,
                         again_of: WorkReport | None = None) -> WorkReport:
    """Put a body's report on a standing-committee session that has not closed: the report waits for
    the body's filing (待报送); the session gets its agenda item (听取和审议…), after the last one."""
    errors = Errors()
    data = {"title": title, "reporter": reporter}
    title = validation.text(data, errors, "title", "报告名称", required=True, max_length=200, multiline=False)
    reporter = validation.text(data, errors, "reporter", "报告人", max_length=100, multiline=False)
    chosen = _check_schedule(congress, errors, kind=kind, body=body, meeting=meeting, plan_item=plan_item,
                             committee=committee, suggestions=suggestions, again_of=again_of)
    errors.raise_if_any()
    assert meeting is not None
    if again_of is not None:
        again_of = report_of(congress, again_of)
        taken = WorkReport.objects.in_congress(congress).filter(again_of=again_of).first()
        if taken is not None:
            raise ValidationError({"again_of": f"“前次报告”已安排再次报告：{taken.title}"})
    last = max(AgendaItem.objects.in_congress(congress).filter(meeting=meeting).values_list("order", flat=True),
               default=0)
    item = AgendaItem.objects.create(congress=congress, meeting=meeting, order=last + 1,
                                     kind=AgendaItem.Kind.REPORT, title=agenda_title(title))
    report = WorkReport.objects.create(congress=congress, kind=kind, title=title, body=body, reporter=reporter,
                                       meeting=meeting, committee=committee, plan_item=plan_item, agenda_item=item,
                                       again_of=again_of)
    for suggestion in chosen:
        WorkReportSuggestion.objects.create(congress=congress, work_report=report, suggestion=suggestion)
    audit.record(congress, actor, "schedule_work_report", report,
                 after={**audit.snapshot(report, FIELDS), "agenda_item": item.title,
                        "suggestions": [s.pk for s in chosen]})
    return report


# ---------------------------------------------------------------- filing and the preliminary review


@action("file_work_report")
def file_work_report(congress: Congress, report: WorkReport, *, actor, document=None, summary="",
                     late_reason="", received_at=None) -> WorkReport:
    """The body files its report: the text (an upload) and/or its main points. Staff may file on the
    body's behalf — and, entering a paper report afterwards, say when it was received
    (``received_at``, not in the future); a unit officer files for their own unit, now. A filing
    after a lead time may say why (逾期报送说明); a filing on time keeps none."""
    report = report_of(congress, report)
    staff = bool(roles_of(actor, congress) & STAFF)
    if received_at is not None and not staff:
        raise NotPermitted("只有工作人员可以补录报告的收到时间")
    if not staff and not is_body_officer(actor, congress, report):
        raise NotPermitted(f"您不是{_body(congress, report).name}的工作人员，不能报送该报告")
    WORK_REPORT_WORKFLOW.check(report.status, W.FILED, roles_of(actor, congress), congress, action="file_work_report")
    errors = Errors()
    data = {"summary": summary, "late_reason": late_reason}
    summary = validation.text(data, errors, "summary", "报告要点", max_length=4000, multiline=True)
    late_reason = validation.text(data, errors, "late_reason", "逾期报送说明", max_length=300, multiline=False)
    if document is not None:
        uploads.check(document, "oversight_document", errors, "document", what="报告文本")
    if document is None and not summary and not errors.by_field:
        errors.add("document", "“报告文本”和“报告要点”至少报送一项")
    now = timezone.now()
    if received_at is not None:
        received_at = validation.moment(received_at, errors, "received_at", "收到时间")
        if received_at is not None and received_at > now:
            errors.add("received_at", "“收到时间”不能晚于现在")
        elif received_at is not None:
            now = received_at
    errors.raise_if_any()
    late = hearing_deadlines.lead_times(congress, _meeting_day(congress, report), timezone.localdate(now))
    report.status, report.filed_at, report.filed_by, report.summary = W.FILED, now, actor, summary
    report.late_reason = late_reason if late.late else ""
    fields = ["status", "filed_at", "filed_by", "summary", "late_reason"]
    if document is not None:
        report.document = document
        fields.append("document")
    report.save(update_fields=fields)
    audit.record(congress, actor, "file_work_report", report, before={"status": W.EXPECTED},
                 after={"status": W.FILED, "document": report.document.name if document is not None else "",
                        "summary": summary[:200], "late": late.summary, "late_reason": report.late_reason})
    return report


@action("review_work_report")
def review_work_report(congress: Congress, report: WorkReport, *, actor, opinion, reviewed_on=None) -> WorkReport:
    """The committee's preliminary review (初审意见), dated no earlier than the filing and not in the
    future."""
    report = report_of(congress, report)
    WORK_REPORT_WORKFLOW.check(report.status, W.REVIEWED, roles_of(actor, congress), congress,
                               action="review_work_report")
    errors = Errors()
    data = {"opinion": opinion, "reviewed_on": reviewed_on}
    opinion = validation.text(data, errors, "opinion", "初审意见", required=True, max_length=8000, multiline=True)
    day = validation.date(data, errors, "reviewed_on", "初审日期", required=True)
    today = timezone.localdate()
    if day is not None and day > today:
        errors.add("reviewed_on", f"“初审日期”不能晚于今天（{today:%Y-%m-%d}）")
    elif day is not None and report.filed_at and day < timezone.localdate(report.filed_at):
        errors.add("reviewed_on", f"“初审日期”不能早于报告报送日期（{timezone.localdate(report.filed_at):%Y-%m-%d}）")
    errors.raise_if_any()
    report.status, report.preliminary_review, report.reviewed_on = W.REVIEWED, opinion, day
    report.save(update_fields=["status", "preliminary_review", "reviewed_on"])
    audit.record(congress, actor, "review_work_report", report, before={"status": W.FILED},
                 after={"status": W.REVIEWED, "reviewed_on": str(day), "opinion": opinion[:200]})
    return report


# ---------------------------------------------------------------- the deliberation (called by meetings.record_speech)


def on_speech(congress: Congress, item: AgendaItem, actor) -> WorkReport | None:
    """A speech on an item that hears a work report: the report must have had its preliminary review;
    the first speech moves it 已初审 → 已审议 (the workflow's ``record_speech`` transition). Runs
    inside record_speech's transaction; no audit of its own (the speech's record names the item)."""
    report = WorkReport.objects.in_congress(congress).select_for_update().filter(agenda_item=item).first()
    if report is None:
        return None
    if report.status in (W.EXPECTED, W.FILED):
        raise ValidationError({"agenda_item": f"报告“{report.title}”{report.get_status_display()}，须经初审后才能记录审议发言"})
    if report.status == W.REVIEWED:
        WORK_REPORT_WORKFLOW.check(report.status, W.DELIBERATED, roles_of(actor, congress), congress,
                                   action="record_speech")
        report.status = W.DELIBERATED
        report.save(update_fields=["status"])
    return report


# ---------------------------------------------------------------- the evaluation and its outcome


@action("evaluate_work_report")
def start_work_report_evaluation(congress: Congress, report: WorkReport, *, actor) -> Vote:
    """Open a satisfaction evaluation (满意/基本满意/不满意, secret) of the report on its session's
    voting engine; only where the congress evaluates (rule ``sc.satisfaction_evaluation``)."""
    report = report_of(congress, report)
    WORK_REPORT_WORKFLOW.check(report.status, W.EVALUATING, roles_of(actor, congress), congress,
                               action="evaluate_work_report")
    meeting = Meeting.objects.in_congress(congress).get(pk=report.meeting_id)
    if meeting.status == Meeting.Status.CLOSED:
        raise ValidationError({"meeting": f"{meeting.title}已闭会，不能再开展满意度测评"})
    vote = voting.create_vote(congress, meeting, actor=actor, title=f"对“{report.title}”的满意度测评",
                              kind=Vote.Kind.SATISFACTION, agenda_item=_item(congress, report))
    report.status, report.evaluation = W.EVALUATING, vote
    report.save(update_fields=["status", "evaluation"])
    audit.record(congress, actor, "evaluate_work_report", report, before={"status": W.DELIBERATED},
                 after={"status": W.EVALUATING, "vote": vote.pk})
    return vote


@action("evaluate_work_report")
def record_work_report_outcome(congress: Congress, report: WorkReport, *, actor) -> WorkReport:
    """Once the evaluation is closed (or announced), its result decides: 不满意 votes more than the
    rule's fraction (``oversight.unsatisfied_fraction``) of the ballots returned → 不满意, and the body
    reports again within ``oversight.report_again_months`` of the session's date; otherwise 满意."""
    report = report_of(congress, report)
    WORK_REPORT_WORKFLOW.check(report.status, W.CONCLUDED, roles_of(actor, congress), congress,
                               action="evaluate_work_report")
    require_status(report, W.EVALUATING)
    vote = Vote.objects.in_congress(congress).get(pk=report.evaluation_id)
    if vote.status not in (Vote.Status.CLOSED, Vote.Status.ANNOUNCED) or not vote.result:
        raise ValidationError({"evaluation": f"满意度测评“{vote.title}”{vote.get_status_display()}，结束后才能记录测评结果"})
    result = vote.result
    counts, returned = result.get("counts") or {}, int(result.get("returned") or 0)
    if unsatisfied(counts, returned, rules.get(congress, "oversight.unsatisfied_fraction")):
        months = rules.get(congress, "oversight.report_again_months")
        report.outcome = WorkReport.Outcome.UNSATISFIED
        report.report_again_by = rules.add_months(_meeting_day(congress, report), months)
    else:
        report.outcome, report.report_again_by = WorkReport.Outcome.SATISFIED, None
    report.status = W.CONCLUDED
    report.save(update_fields=["status", "outcome", "report_again_by"])
    audit.record(congress, actor, "evaluate_work_report", report, before={"status": W.EVALUATING},
                 after={"status": W.CONCLUDED, "outcome": report.outcome, "counts": counts, "returned": returned,
                        "report_again_by": str(report.report_again_by or "")})
    return report


@action("evaluate_work_report")
def conclude_work_report(congress: Congress, report: WorkReport, *, actor) -> WorkReport:
    """The deliberation ends without an evaluation (审议结束，不测评)."""
    report = report_of(congress, report)
    WORK_REPORT_WORKFLOW.check(report.status, W.CONCLUDED, roles_of(actor, congress), congress,
                               action="evaluate_work_report")
    require_status(report, W.DELIBERATED)
    report.status = W.CONCLUDED
    report.save(update_fields=["status"])
    audit.record(congress, actor, "evaluate_work_report", report, before={"status": W.DELIBERATED},
                 after={"status": W.CONCLUDED, "evaluated": False})
    return report


def again_due(congress: Congress):
    """Unsatisfactory reports whose report again is not yet scheduled, with their last day."""
    return (WorkReport.objects.in_congress(congress)
            .filter(outcome=WorkReport.Outcome.UNSATISFIED, reported_again__isnull=True)
            .select_related("body", "meeting", "congress").order_by("report_again_by", "id"))
