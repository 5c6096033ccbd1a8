"""The report's pages: its section on the activity page, the editor (texts, findings, figures with
their check, versions side by side, the team's comments, finalising, the hand-over to a session),
the downloads (report and covering letter, PDF and .docx), and the public pages of finished reports.

Who sees what: staff and standing-committee members (view_oversight) and the activity's team see the
draft (``queries.may_see_activity``); each step is gated by its own permission; the public sees a
report once it is final (the activity 报告已定稿 or 已提请审议), without anyone's name."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from renda.core import downloads, official_documents
from renda.core.errors import NotFound
from renda.core.permissions import STAFF, may, roles_of
from renda.core.views_helpers import add_action_errors, gate, get_or_404
from renda.oversight import arithmetic, documents, queries
from renda.oversight.actions import reporting as actions
from renda.oversight.forms.reporting import (
    AgendaForm,
    CommentForm,
    FigureForm,
    FigureRefForm,
    FinaliseForm,
    FindingForm,
    FindingRefForm,
    ReportTextForm,
    ResolveForm,
    VersionForm,
)
from renda.oversight.models import Activity, Figure, Finding, Report, ReportComment, ReportVersion

PUBLIC_STATES = (Activity.Status.REPORTED, Activity.Status.ON_AGENDA)
# Each step of the editor and the permission it needs (checked before the form is read).
STEPS = {"text": "draft_oversight_report", "version": "draft_oversight_report", "resolve": "draft_oversight_report",
         "comment": "comment_on_report", "finding": "record_finding", "remove_finding": "record_finding",
         "move_finding": "record_finding", "figure": "tag_report_figure", "remove_figure": "tag_report_figure",
         "finalise": "finalise_oversight_report", "agenda": "place_report_on_agenda"}
DOWNLOADS = {("report", "pdf"), ("report", "docx"), ("covering-letter", "pdf"), ("covering-letter", "docx")}
CONTENT_TYPES = {"pdf": "application/pdf",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}




def report_for(request, report_id) -> tuple[Report, Activity]:
    """The report of an activity this user may see, or 404 (the same for another congress's id)."""
    report = Report.objects.in_congress(request.congress).filter(pk=report_id).first()
    if report is None:
        raise Http404("找不到该报告")
    return report, queries.activity_for(request, report.activity_id)


def public_report(request, report_id) -> tuple[Report, Activity]:
    report = Report.objects.in_congress(request.congress).filter(
        pk=report_id, status=Report.Status.FINAL, activity__status__in=PUBLIC_STATES).select_related("activity").first()
    if report is None:
        raise Http404("找不到该报告")
    return report, report.activity


# ---------------------------------------------------------------- reading


def figure_rows(report: Report, activity: Activity) -> list[dict]:
    """The figures table: each with its check (✓ or the message) and, for a pulled one, what its
    source gives now."""
    figures = actions.figures_of(report)
    checks = arithmetic.check_figures(actions.specs(figures))
    rows = []
    for figure in figures:
        pulled, source_problem = None, ""
        if figure.source:
            try:
                value = actions.pulled_value(report.congress, activity, figure)
                pulled = actions.printed(value, figure.value) if value is not None else None
            except ValidationError as error:
                source_problem = "；".join(error.messages)
        check = checks[figure.key]
        rows.append({"f": figure, "ok": check.ok, "message": check.message, "pulled": pulled,
                     "source": _source_text(figure.source or {}), "source_problem": source_problem,
                     "parts": "、".join(str(p) for p in figure.parts or [])})
    return rows


def _source_text(source: dict) -> str:
    kind = source.get("kind")
    if not kind:
        return ""
    if kind == "questionnaire":
        measure = actions.MEASURES.get(source.get("measure", "responses"), "")
        question = f"第{source['question_id']}号题" if source.get("question_id") else ""
        choice = f"选项{source['choice']}" if source.get("choice") is not None else ""
        return f"问卷{question}{choice}{measure}"
    return actions.SOURCE_KINDS.get(kind, kind)


def _findings(report: Report) -> tuple[list[Finding], list[Finding]]:
    found = actions.findings_of(report)
    return ([f for f in found if f.kind == Finding.Kind.PROBLEM],
            [f for f in found if f.kind == Finding.Kind.RECOMMENDATION])


def filled_text(report: Report, values: dict[str, str]) -> dict:
    """The report's text as it will print: figures in, paragraphs split."""
    return {"title": arithmetic.fill(report.title, values),
            "situation": documents.paragraphs(report.situation, values),
            "closing": documents.paragraphs(report.closing, values)}


def activity_context(request, activity) -> dict:
    """What the activity page shows of the report (rendered by _activity_report.html)."""
    congress, user = request.congress, request.user
    report = Report.objects.in_congress(congress).filter(activity=activity).first()
    context: dict = {"report": report, "report_can_start": False, "report_start_form": None}
    if report is None:
        if activity.status == Activity.Status.UNDER_WAY and may(user, congress, "draft_oversight_report"):
            context["report_can_start"] = True
            context["report_start_form"] = ReportTextForm(initial={"title": f"关于{activity.title}的报告"})
        return context
    problems, recommendations = _findings(report)
    context |= {"report_problems": len(problems), "report_recommendations": len(recommendations),
                "report_versions": ReportVersion.objects.in_congress(congress).filter(report=report).count(),
                "report_open_comments": actions.unresolved_comments(report)}
    return context


def _editor(request, report: Report, activity: Activity, bound: dict | None = None, status: int = 200,
            open_: str = ""):
    congress, user = request.congress, request.user
    bound = bound or {}
    drafting = report.status == Report.Status.DRAFTING
    problems, recommendations = _findings(report)
    values = documents.figure_values(report)
    can = {step: may(user, congress, permission) for step, permission in STEPS.items()}
    can["comment"] = drafting and can["comment"] and (
        bool(roles_of(user, congress) & STAFF) or queries.on_team(user, congress, activity))
    for step in ("text", "version", "resolve", "finding", "remove_finding", "move_finding", "figure", "remove_figure",
                 "finalise"):
        can[step] = can[step] and drafting
    can["agenda"] = can["agenda"] and report.status == Report.Status.FINAL and activity.status == Activity.Status.REPORTED
    edited_form = bound.get("finding") if isinstance(bound.get("finding"), FindingForm) else None
    edited = actions._int(edited_form["finding"].value()) if edited_form is not None else None

    def rows(findings: list[Finding]) -> list[dict]:
        if not can["finding"]:
            return [{"f": f, "form": None} for f in findings]
        return [{"f": f, "form": bound.pop("finding") if f.pk == edited else
                 FindingForm(initial=FindingForm.initial_for(f), report=report, prefix=f"f{f.pk}")} for f in findings]

    versions = list(ReportVersion.objects.in_congress(congress).filter(report=report).select_related("saved_by")
                    .order_by("-number"))
    comments = list(ReportComment.objects.in_congress(congress).filter(report=report)
                    .select_related("by", "version", "finding").order_by("id"))
    context = {
        "report": report, "activity": activity, "drafting": drafting, "can": can, "open": open_,
        "problem_rows": rows(problems), "recommendation_rows": rows(recommendations),
        "figures": figure_rows(report, activity), "unknown": actions.unknown_keys(report),
        "versions": versions, "comments": comments, "refusals": actions.refusals(report) if drafting else {},
        "preview": filled_text(report, values),
        "text_form": bound.get("text") or ReportTextForm(initial={"title": report.title, "situation": report.situation,
                                                                   "closing": report.closing}),
        "version_form": bound.get("version") or VersionForm(),
        "comment_form": bound.get("comment") or CommentForm(report=report),
        "new_finding_form": bound.get("finding") or FindingForm(report=report, prefix="new"),
        "figure_form": bound.get("figure") or FigureForm(report=report),
        "finalise_form": bound.get("finalise") or FinaliseForm(),
        "agenda_form": (bound.get("agenda") or AgendaForm(congress=congress)) if can["agenda"] else None,
    }
    return render(request, "oversight/report_editor.html", context, status=status)


@require_GET
def report_page(request, congress_code, report_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    report, activity = report_for(request, report_id)
    return _editor(request, report, activity)


@require_POST
def start(request, congress_code, activity_id):
    """Start the report from the activity page (the activity moves on to 起草报告)."""
    denied = gate(request, "draft_oversight_report")
    if denied:
        return denied
    activity = queries.activity_for(request, activity_id)
    form = ReportTextForm(request.POST)
    if form.is_valid():
        try:
            report = actions.draft_oversight_report(request.congress, activity, actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "报告已开始起草")
            return redirect("oversight_report", congress_code=congress_code, report_id=report.pk)
    from renda.oversight.views.activities import activity_context as page_context

    context = page_context(request, activity)
    context["report_start_form"] = form
    return render(request, "oversight/activity.html", context, status=422)



def _form(what: str, request, report: Report):
    data = request.POST
    return {
        "text": lambda: ReportTextForm(data),
        "version": lambda: VersionForm(data),
        "comment": lambda: CommentForm(data, report=report),
        "resolve": lambda: ResolveForm(data),
        "finding": lambda: FindingForm(data, report=report, prefix=data.get("prefix") or "new"),
        "remove_finding": lambda: FindingRefForm(data),
        "move_finding": lambda: FindingRefForm(data),
        "figure": lambda: FigureForm(data, report=report),
        "remove_figure": lambda: FigureRefForm(data),
        "finalise": lambda: FinaliseForm(data),
        "agenda": lambda: AgendaForm(data, congress=request.congress),
    }[what]()


@require_POST
def report_action(request, congress_code, report_id, what):
    """One step of the editor; a refused step comes back on the editor as typed, its message beside it."""
    if what not in STEPS:
        raise Http404
    denied = gate(request, STEPS[what])
    if denied:
        return denied
    report, activity = report_for(request, report_id)
    form = _form(what, request, report)
    if not form.is_valid():
        return _editor(request, report, activity, {what: form}, status=422, open_=what)
    data = form.cleaned_data
    try:
        done = _take(what, request, report, data, form)
    except (ValidationError, PermissionDenied, NotFound) as error:
        add_action_errors(form, error if not isinstance(error, NotFound) else ValidationError(str(error)))
        report.refresh_from_db()
        return _editor(request, report, activity, {what: form}, status=422, open_=what)
    messages.success(request, done)
    return redirect("oversight_report", congress_code=congress_code, report_id=report.pk)


def _take(what: str, request, report: Report, data: dict, form) -> str:
    c, user = request.congress, request.user
    if what == "text":
        actions.draft_oversight_report(c, Activity.objects.in_congress(c).get(pk=report.activity_id), actor=user,
                                       title=data["title"], situation=data["situation"], closing=data["closing"])
        return "报告文字已保存"
    if what == "version":
        version = actions.save_report_version(c, report, actor=user, note=data["note"])
        return f"已保存为第{version.number}稿"
    if what == "comment":
        actions.comment_on_report(c, report, actor=user, text=data["text"], version=data["version"],
                                  finding=data["finding"])
        return "修改意见已提出"
    if what == "resolve":
        comment = get_or_404(ReportComment.objects.in_congress(c).filter(report=report), data["comment"], "找不到该意见")
        actions.resolve_report_comment(c, comment, actor=user)
        return "修改意见已标为已处理"
    if what == "finding":
        edited = None
        if data.get("finding"):
            edited = get_or_404(Finding.objects.in_congress(c).filter(report=report), data["finding"], "找不到该问题或建议")
        finding = actions.record_finding(
            c, report, actor=user, kind=data["kind"], heading=data["heading"], text=data["text"],
            site_visit=data["site_visit"], symposium=data["symposium"], evidence=data["evidence"],
            addresses=data["addresses"], unit=data["unit"], finding=edited)
        return f"已{'修改' if edited else '记录'}{finding.get_kind_display()}“{finding.heading}”"
    if what in ("remove_finding", "move_finding"):
        finding = get_or_404(Finding.objects.in_congress(c).filter(report=report), data["finding"], "找不到该问题或建议")
        if what == "remove_finding":
            actions.remove_finding(c, finding, actor=user)
            return f"已删除“{finding.heading}”"
        ids = list(Finding.objects.in_congress(c).filter(report=report, kind=finding.kind)
                   .order_by("order", "id").values_list("pk", flat=True))
        at = ids.index(finding.pk)
        to = at - 1 if data.get("direction") == "up" else at + 1
        if 0 <= to < len(ids):
            ids[at], ids[to] = ids[to], ids[at]
        actions.reorder_findings(c, report, actor=user, kind=finding.kind, ids=ids)
        return "顺序已调整"
    if what == "figure":
        figure = actions.tag_report_figure(c, report, actor=user, key=data["key"], label=data["label"], kind=data["kind"],
                                           value=data["value"], unit=data["unit"], parts=form.parts_list(),
                                           source=form.source_dict())
        return f"数据“{figure.label}”（{{{{{figure.key}}}}}）已标注"
    if what == "remove_figure":
        figure = get_or_404(Figure.objects.in_congress(c).filter(report=report), data["figure"], "找不到该数据")
        actions.remove_report_figure(c, figure, actor=user)
        return f"已删除数据“{figure.label}”"
    if what == "finalise":
        actions.finalise_oversight_report(c, report, actor=user, note=data["note"])
        return "报告已定稿"
    placed = actions.place_report_on_agenda(c, report, actor=user, meeting=data["meeting"], release_at=data["release_at"])
    for warning in placed.warnings:
        messages.warning(request, warning)
    return f"已提请{data['meeting'].title}审议，报告将按时发给组成人员"


@require_GET
def compare(request, congress_code, report_id):
    """Two versions side by side (?a=1&b=2; by default the last two)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    report, activity = report_for(request, report_id)
    versions = list(ReportVersion.objects.in_congress(request.congress).filter(report=report).order_by("number"))
    by_number = {v.number: v for v in versions}

    def pick(name, default):
        raw = actions._int(request.GET.get(name))
        return by_number.get(raw) if raw in by_number else default

    right = pick("b", versions[-1] if versions else None)
    left = pick("a", versions[-2] if len(versions) > 1 else right)
    rows = []
    if left and right:
        for label, key in (("标题", "title"), ("基本情况", "situation"), ("结语", "closing")):
            rows.append({"label": label, "a": left.content.get(key, ""), "b": right.content.get(key, ""),
                         "same": left.content.get(key) == right.content.get(key)})
        for label, key in (("存在的问题", "problems"), ("意见建议", "recommendations")):
            a = "\n\n".join(f"（{i}）{f['heading']}。{f['text']}" for i, f in enumerate(left.content.get(key, []), 1))
            b = "\n\n".join(f"（{i}）{f['heading']}。{f['text']}" for i, f in enumerate(right.content.get(key, []), 1))
            rows.append({"label": label, "a": a, "b": b, "same": a == b})
    return render(request, "oversight/report_compare.html", {"report": report, "activity": activity,
                                                             "versions": versions, "left": left, "right": right,
                                                             "rows": rows})


def attachment(data: bytes, name: str, ext: str) -> HttpResponse:
    """A private download with its Chinese name (core.downloads), never kept by a shared cache."""
    response = HttpResponse(data, content_type=CONTENT_TYPES[ext])
    downloads.attachment(response, name)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def download(request, congress_code, report_id, which, ext):
    """The report or its covering letter, as PDF or .docx. Those who see the activity get the draft;
    the public gets a finished report (not the covering letter)."""
    if (which, ext) not in DOWNLOADS:
        raise Http404
    try:
        report, activity = report_for(request, report_id)
    except Http404:
        if which != "report":
            raise
        report, activity = public_report(request, report_id)
    document = documents.report_document(report) if which == "report" else documents.covering_letter(report)
    render_ = official_documents.to_pdf if ext == "pdf" else official_documents.to_docx
    return attachment(render_(document), official_documents.filename(document, ext), ext)


# ---------------------------------------------------------------- public


@require_GET
def public_list(request, congress_code):
    """Finished reports for everyone: title and year only, no one's name."""
    reports = list(Report.objects.in_congress(request.congress).filter(
        status=Report.Status.FINAL, activity__status__in=PUBLIC_STATES).select_related("activity").order_by("-finalised_at"))
    return render(request, "oversight/report_public_list.html", {"reports": reports})


@require_GET
def public_detail(request, congress_code, report_id):
    """A finished report's text — situation, problems, recommendations — without the team, the
    speakers, the sites' visitors or photos."""
    report, activity = public_report(request, report_id)
    problems, recommendations = _findings(report)
    values = documents.figure_values(report)
    return render(request, "oversight/report_public.html", {
        "report": report, "activity": activity, "text": filled_text(report, values),
        "problems": [{"heading": arithmetic.fill(f.heading, values), "text": documents.paragraphs(f.text, values)}
                     for f in problems],
        "recommendations": [{"heading": arithmetic.fill(f.heading, values), "text": documents.paragraphs(f.text, values)}
                            for f in recommendations]})


urlpatterns: list = [
    path("oversight/reports/public/", public_list, name="oversight_report_public_list"),
    path("oversight/reports/public/<int:report_id>/", public_detail, name="oversight_report_public"),
    path("oversight/activities/<int:activity_id>/report/start/", start, name="oversight_report_start"),
    path("oversight/reports/<int:report_id>/", report_page, name="oversight_report"),
    path("oversight/reports/<int:report_id>/versions/", compare, name="oversight_report_versions"),
    path("oversight/reports/<int:report_id>/do/<str:what>/", report_action, name="oversight_report_action"),
    path("oversight/reports/<int:report_id>/<slug:which>.<str:ext>", download, name="oversight_report_download"),
]
