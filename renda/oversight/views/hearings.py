"""Work-report pages (听取和审议专项工作报告): the list with each report's lead-time flags, a report's
page with the stepper of its state, its filing, preliminary review, speeches, key-supervision
suggestions and evaluation, and one page per step (``do/<step>/``: schedule, file, review, speech;
the evaluation's buttons post straight from the report's page).

Who sees what: staff and standing-committee members (``view_oversight``) see every report; a unit
officer sees the reports of their own unit (to file them). Each step is gated by its permission."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from renda.core import rules, spreadsheets
from renda.core.errors import NotFound
from renda.core.permissions import STAFF, may, organisations_of, roles_of
from renda.core.roles import Role
from renda.core.views_helpers import add_action_errors, flash_errors, gate
from renda.meetings import actions as meeting_actions
from renda.meetings.models import AgendaItem, Meeting, Speech
from renda.oversight import exports, hearing_deadlines
from renda.oversight.actions import hearings as actions
from renda.oversight.forms.hearings import FileForm, ReviewForm, ScheduleForm, SpeechForm
from renda.oversight.models import WorkReport
from renda.proposals.models import Assignment
from renda.voting.models import Vote

W = WorkReport.Status
STEP_ORDER = [W.EXPECTED, W.FILED, W.REVIEWED, W.DELIBERATED, W.EVALUATING, W.CONCLUDED]
FORM_STEPS = {"file": "file_work_report", "review": "review_work_report", "speech": "record_speech"}
BUTTON_STEPS = {"evaluate": "evaluate_work_report", "outcome": "evaluate_work_report",
                "conclude": "evaluate_work_report"}


def _may_see(request, report: WorkReport) -> bool:
    c, user = request.congress, request.user
    return may(user, c, "view_oversight") or actions.is_body_officer(user, c, report)


def report_for(request, pk) -> WorkReport:
    """A report this user may see, or 404 (the same for another congress's id)."""
    report = (WorkReport.objects.in_congress(request.congress).filter(pk=pk)
              .select_related("body", "committee", "meeting__term", "meeting__congress", "plan_item", "again_of",
                              "congress", "evaluation", "agenda_item").first())
    if report is None or not _may_see(request, report):
        raise Http404("找不到该专项工作报告")
    return report


def detail_url(congress_code: str, pk: int) -> str:
    return reverse("work_report_detail", kwargs={"congress_code": congress_code, "pk": pk})


def steps(report: WorkReport) -> list[dict]:
    """The stepper: every state up to the current one done, the current one marked; an evaluation
    not held is left out once the report ended without it."""
    shown = [s for s in STEP_ORDER if not (s == W.EVALUATING and report.status == W.CONCLUDED and not report.evaluation_id)]
    at = shown.index(W(report.status)) if report.status in shown else 0
    return [{"label": W(s).label, "state": "done" if i < at else "current" if i == at else ""}
            for i, s in enumerate(shown)]


def rows(reports) -> list[dict]:
    today = timezone.localdate()
    return [{"r": r, "late": hearing_deadlines.lateness(r, today)} for r in reports]


def coming(congress, *, after=None) -> list[dict]:
    """Work reports of the standing-committee sessions not yet closed (held after ``after``, the
    directors' meeting's start, when given): the directors' meeting's box."""
    reports = (WorkReport.objects.in_congress(congress)
               .filter(meeting__kind=Meeting.Kind.SC_SESSION)
               .exclude(meeting__status=Meeting.Status.CLOSED)
               .select_related("body", "meeting__term", "meeting__congress", "congress")
               .order_by("meeting__starts_at", "id"))
    if after is not None:
        reports = reports.filter(meeting__starts_at__gt=after)
    return rows(reports)


def suggestion_rows(report: WorkReport) -> list[dict]:
    """Point 7: the key-supervision suggestions the report covers, with their handling status and
    lead unit."""
    found = actions.suggestions_of(report)
    leads = {a.suggestion_id: a for a in Assignment.objects.in_congress(report.congress_id)
             .filter(suggestion__in=found, lead=True, ended_on__isnull=True).select_related("unit")}
    return [{"s": s, "lead": leads.get(s.pk)} for s in found]


def speeches_of(report: WorkReport) -> list[Speech]:
    if not report.agenda_item_id:
        return []
    return list(Speech.objects.in_congress(report.congress_id).filter(agenda_item_id=report.agenda_item_id)
                .select_related("speaker").order_by("id"))


def visible_reports(congress, user):
    """The reports this user may list: every one with view_oversight, their own bodies' for a unit
    officer; None for anyone else."""
    reports = WorkReport.objects.in_congress(congress)
    if may(user, congress, "view_oversight"):
        return reports
    units = organisations_of(user, congress, Role.UNIT_OFFICER)
    if units:
        return reports.filter(body_id__in=units)
    return None


def work_report_list(request, congress_code):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    reports = visible_reports(request.congress, request.user)
    if reports is None:
        raise PermissionDenied("您没有“查看监督工作”的权限，也不是报告机关的联络人员")
    status = request.GET.get("status", "")
    reports = reports.select_related("body", "meeting__term", "meeting__congress", "congress")
    if status in W.values:
        reports = reports.filter(status=status)
    else:
        status = ""
    q = exports.keyword(request)
    reports = exports.matching(reports, q, "title", "reporter", "body__name", "summary")
    listed = rows(reports)
    if fmt := spreadsheets.wanted(request):
        return spreadsheets.export_response(
            request, subject="专项工作报告", columns=exports.WORK_REPORT_COLUMNS, rows=listed, fmt=fmt,
            filters=spreadsheets.describe_filters([("状态", W(status).label if status else ""), ("关键词", q)]))
    return render(request, "oversight/hearing_list.html", {
        "rows": listed, "status": status, "q": q, "statuses": W.choices,
        "late_count": sum(1 for row in listed if row["late"].late and row["r"].status in (W.EXPECTED, W.FILED)),
        "can_schedule": may(request.user, request.congress, "schedule_work_report")})


def work_report_detail(request, congress_code, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    report = report_for(request, pk)
    c, user = request.congress, request.user
    roles = roles_of(user, c)
    staff = bool(roles & STAFF)
    body_officer = actions.is_body_officer(user, c, report)
    evaluating_on = bool(rules.get(c, "sc.satisfaction_evaluation"))
    vote = Vote.objects.in_congress(c).filter(pk=report.evaluation_id).first() if report.evaluation_id else None
    can = {
        "file": report.status == W.EXPECTED and may(user, c, "file_work_report") and (staff or body_officer),
        "review": report.status == W.FILED and may(user, c, "review_work_report"),
        "speech": report.status in (W.REVIEWED, W.DELIBERATED) and may(user, c, "record_speech"),
        "evaluate": report.status == W.DELIBERATED and evaluating_on and may(user, c, "evaluate_work_report"),
        "conclude": report.status == W.DELIBERATED and may(user, c, "evaluate_work_report"),
        "outcome": report.status == W.EVALUATING and may(user, c, "evaluate_work_report"),
        "again": report.outcome == WorkReport.Outcome.UNSATISFIED and may(user, c, "schedule_work_report")
                 and not WorkReport.objects.in_congress(c).filter(again_of=report).exists(),
    }
    vote_done = vote is not None and vote.status in (Vote.Status.CLOSED, Vote.Status.ANNOUNCED)
    again = WorkReport.objects.in_congress(c).filter(again_of=report).first()
    return render(request, "oversight/hearing_detail.html", {
        "report": report, "steps": steps(report), "late": hearing_deadlines.lateness(report), "can": can,
        "suggestions": suggestion_rows(report) if report.kind == WorkReport.Kind.KEY_SUGGESTIONS else [],
        "speeches": speeches_of(report), "vote": vote, "vote_done": vote_done, "again": again,
        "see_all": may(user, c, "view_oversight"), "evaluating_on": evaluating_on,
        "unsatisfied_fraction": rules.get(c, "oversight.unsatisfied_fraction"),
        "again_months": rules.get(c, "oversight.report_again_months")})



def _step_page(request, title: str, form, back: str, *, report=None, multipart=False, status=200, note=""):
    return render(request, "oversight/hearing_step.html", {"title": title, "form": form, "back": back,
                                                           "report": report, "multipart": multipart,
                                                           "note": note}, status=status)


@require_http_methods(["GET", "POST"])
def work_report_new(request, congress_code):
    denied = gate(request, "schedule_work_report")
    if denied:
        return denied
    c = request.congress
    back = reverse("work_report_list", kwargs={"congress_code": congress_code})
    if request.method == "GET":
        initial = {}
        again = WorkReport.objects.in_congress(c).filter(pk=request.GET.get("again_of") or 0,
                                                         outcome=WorkReport.Outcome.UNSATISFIED).first() \
            if (request.GET.get("again_of") or "").isdecimal() else None
        if again is not None:
            initial = {"kind": WorkReport.Kind.AGAIN, "again_of": again.pk, "body": again.body_id,
                       "title": again.title, "committee": again.committee_id, "reporter": again.reporter}
        return _step_page(request, "安排听取专项工作报告", ScheduleForm(initial=initial, congress=c), back)
    form = ScheduleForm(request.POST, congress=c)
    if form.is_valid():
        data = form.cleaned_data
        try:
            report = actions.schedule_work_report(
                c, actor=request.user, title=data["title"], kind=data["kind"], body=data["body"],
                reporter=data["reporter"], meeting=data["meeting"], committee=data["committee"],
                plan_item=data["plan_item"], suggestions=list(data["suggestions"]), again_of=data["again_of"])
        except (ValidationError, PermissionDenied, NotFound) as error:
            add_action_errors(form, error if not isinstance(error, NotFound) else ValidationError(str(error)))
        else:
            messages.success(request, "已安排听取该报告，并列入会议议程")
            return redirect("work_report_detail", congress_code=congress_code, pk=report.pk)
    return _step_page(request, "安排听取专项工作报告", form, back, status=422)


def _form_for(step: str, request, report: WorkReport, data=None, files=None):
    c, user = request.congress, request.user
    if step == "file":
        return FileForm(data, files)
    if step == "review":
        return ReviewForm(data, initial={"reviewed_on": timezone.localdate()})
    only = None if roles_of(user, c) & STAFF else getattr(user, "person", None)
    return SpeechForm(data, files, meeting_id=report.meeting_id, congress_id=c.pk, only=only)


STEP_TITLES = {"file": "报送专项工作报告", "review": "初审意见", "speech": "记录审议发言"}


@require_http_methods(["GET", "POST"])
def work_report_step(request, congress_code, pk, step):
    """One form step (file, review, speech) on its own page; a refused step comes back as typed, its
    message beside it (422)."""
    if step not in FORM_STEPS:
        raise Http404
    denied = gate(request, FORM_STEPS[step])
    if denied:
        return denied
    report = report_for(request, pk)
    back = detail_url(congress_code, report.pk)
    multipart = step in ("file", "speech")
    note = ""
    if step == "file":
        late = hearing_deadlines.lateness(report)
        note = ("已逾期：" + late.summary + "。请在“逾期报送说明”中说明原因。") if late.late else \
            f"请于 {late.lead_times[0].last_day:%Y-%m-%d} 前报送（会前 {late.lead_times[0].days} 日）。"
    if request.method == "GET":
        return _step_page(request, STEP_TITLES[step], _form_for(step, request, report), back, report=report,
                          multipart=multipart, note=note)
    form = _form_for(step, request, report, request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        c, user = request.congress, request.user
        try:
            if step == "file":
                actions.file_work_report(c, report, actor=user, document=data["document"], summary=data["summary"],
                                         late_reason=data["late_reason"])
                done = "报告已报送"
            elif step == "review":
                actions.review_work_report(c, report, actor=user, opinion=data["opinion"],
                                           reviewed_on=data["reviewed_on"])
                done = "初审意见已记录"
            else:
                item = AgendaItem.objects.in_congress(c).filter(pk=report.agenda_item_id).first()
                if item is None:
                    raise ValidationError({"speaker": "该报告没有会议议程，不能记录审议发言"})
                meeting_actions.record_speech(c, item, actor=user, speaker=data["speaker"], text=data["text"],
                                              document=data["document"])
                done = "审议发言已记录"
        except (ValidationError, PermissionDenied, NotFound) as error:
            add_action_errors(form, error if not isinstance(error, NotFound) else ValidationError(str(error)))
        else:
            messages.success(request, done)
            return redirect(back)
    return _step_page(request, STEP_TITLES[step], form, back, report=report, multipart=multipart, status=422,
                      note=note)


@require_POST
def work_report_button(request, congress_code, pk, step):
    """The evaluation's steps: start it, record its outcome, or end without one."""
    if step not in BUTTON_STEPS:
        raise Http404
    denied = gate(request, BUTTON_STEPS[step])
    if denied:
        return denied
    report = report_for(request, pk)
    c, user = request.congress, request.user
    try:
        if step == "evaluate":
            vote = actions.start_work_report_evaluation(c, report, actor=user)
            messages.success(request, f"已建立满意度测评“{vote.title}”，请在会议表决中开始测评")
        elif step == "outcome":
            done = actions.record_work_report_outcome(c, report, actor=user)
            messages.success(request, f"测评结果：{done.get_outcome_display()}")
        else:
            actions.conclude_work_report(c, report, actor=user)
            messages.success(request, "审议结束，未开展满意度测评")
    except (ValidationError, PermissionDenied, NotFound) as error:
        flash_errors(request, error if not isinstance(error, NotFound) else ValidationError(str(error)))
    return redirect("work_report_detail", congress_code=congress_code, pk=report.pk)


def work_report_file(request, congress_code, pk):
    """The filed text, for whoever may see the report."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    report = report_for(request, pk)
    if not report.document:
        raise Http404("该报告没有上传报告文本")
    return FileResponse(report.document.open("rb"), as_attachment=True,
                        filename=report.document.name.rsplit("/", 1)[-1])


def speech_file(request, congress_code, pk, speech_id):
    """A speech's uploaded text, from the report's page."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    report = report_for(request, pk)
    speech = Speech.objects.in_congress(request.congress).filter(pk=speech_id, agenda_item_id=report.agenda_item_id).first()
    if speech is None or not speech.document:
        raise Http404("找不到该发言稿")
    return FileResponse(speech.document.open("rb"), as_attachment=True, filename=speech.document.name.rsplit("/", 1)[-1])


urlpatterns = [
    path("oversight/work-reports/<int:pk>/text/", work_report_file, name="work_report_file"),
    path("oversight/work-reports/<int:pk>/speeches/<int:speech_id>/text/", speech_file, name="work_report_speech_file"),
    path("oversight/work-reports/", work_report_list, name="work_report_list"),
    path("oversight/work-reports/new/", work_report_new, name="work_report_new"),
    path("oversight/work-reports/<int:pk>/", work_report_detail, name="work_report_detail"),
    path("oversight/work-reports/<int:pk>/do/<slug:step>/", work_report_step, name="work_report_step"),
    path("oversight/work-reports/<int:pk>/act/<slug:step>/", work_report_button, name="work_report_button"),
]
