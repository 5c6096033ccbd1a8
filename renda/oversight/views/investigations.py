"""Special investigation committee pages: the list, one committee with its stepper, the vote that
establishes it, its composition, its report and the decision; the evidence log on its own page,
restricted to the committee's members and staff (everyone else gets 403).

Who sees the committee's page: staff, deputies and standing-committee members."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renda.core import spreadsheets
from renda.core.errors import NotFound
from renda.core.permissions import may
from renda.core.views_helpers import gate, get_or_404, requires
from renda.oversight import exports
from renda.oversight.actions import investigations as actions
from renda.oversight.forms.inquiries import FollowUpForm
from renda.oversight.forms.investigations import (
    DecisionForm,
    EmptyForm,
    EvidenceForm,
    MembersForm,
    ProposeForm,
    ReportForm,
)
from renda.oversight.models import Evidence, Investigation, InvestigationMember
from renda.oversight.views.inquiries import refuse, stepper
from renda.rectification.models import RectificationItem
from renda.voting.models import Vote

V = Investigation.Status
READ = "view_investigation_evidence"  # staff and members: who may see the committees at all
STEPS = {"record_vote": "establish_investigation", "members": "establish_investigation",
         "evidence": "log_investigation_evidence", "report": "report_investigation", "decide": "report_investigation",
         "follow_up": "report_investigation"}


def path_of(inv: Investigation) -> list[dict]:
    if inv.status == V.NOT_ESTABLISHED:
        return stepper([V.PROPOSED, V.NOT_ESTABLISHED], inv.status)
    return stepper([V.PROPOSED, V.ESTABLISHED, V.REPORTED, V.DECIDED], inv.status)


@require_http_methods(["GET", "POST"])
@requires(READ)
def investigation_list(request, congress_code):
    c, user = request.congress, request.user
    can_propose = may(user, c, "establish_investigation")
    form = ProposeForm(congress=c) if can_propose else None
    status = 200
    if request.method == "POST":
        denied = gate(request, "establish_investigation")
        if denied:
            return denied
        form = ProposeForm(request.POST, congress=c)
        if form.is_valid():
            data = form.cleaned_data
            try:
                inv = actions.propose_investigation(c, actor=user, title=data["title"], subject=data["subject"],
                                                    meeting=data["meeting"])
            except (ValidationError, PermissionDenied, NotFound) as error:
                refuse(form, error)
            else:
                messages.success(request, "已提请设立，并在会议上建立了表决事项")
                return redirect("investigation_detail", congress_code=congress_code, investigation_id=inv.pk)
        status = 422
    investigations = Investigation.objects.in_congress(c).select_related("meeting__term").order_by("-id")
    wanted_status = request.GET.get("status", "")
    if wanted_status in Investigation.Status.values:
        investigations = investigations.filter(status=wanted_status)
    else:
        wanted_status = ""
    q = exports.keyword(request)
    investigations = exports.matching(investigations, q, "title", "subject")
    if request.method == "GET" and (fmt := spreadsheets.wanted(request)):
        return spreadsheets.export_response(
            request, subject="特定问题调查委员会", columns=exports.INVESTIGATION_COLUMNS, rows=investigations, fmt=fmt,
            filters=spreadsheets.describe_filters([
                ("状态", Investigation.Status(wanted_status).label if wanted_status else ""), ("关键词", q)]))
    return render(request, "oversight/investigation_list.html", {
        "investigations": investigations, "form": form, "open_form": request.method == "POST", "q": q,
        "status": wanted_status, "statuses": Investigation.Status.choices}, status=status)


def investigation_for(request, investigation_id) -> Investigation:
    return get_or_404(Investigation.objects.in_congress(request.congress).select_related("meeting__term"),
                      investigation_id, "找不到该特定问题调查委员会")


def context(request, inv: Investigation, bound: dict | None = None) -> dict:
    c, user = request.congress, request.user
    bound = bound or {}
    can = {name: may(user, c, permission) for name, permission in STEPS.items()}
    vote = Vote.objects.in_congress(c).filter(pk=inv.vote_id).first()
    members = list(InvestigationMember.objects.in_congress(c).filter(investigation=inv).select_related("person"))
    sees_evidence = actions.may_view_evidence(user, c, inv)
    return {
        "inv": inv, "steps": path_of(inv), "vote": vote, "members": members, "sees_evidence": sees_evidence,
        "vote_closed": vote is not None and vote.status in (Vote.Status.CLOSED, Vote.Status.ANNOUNCED),
        "record_vote_form": bound.get("record_vote") or (EmptyForm() if inv.status == V.PROPOSED
                                                         and can["record_vote"] else None),
        "members_form": bound.get("members") or (MembersForm(investigation=inv, initial=MembersForm.initial_for(inv))
                                                 if inv.status in (V.PROPOSED, V.ESTABLISHED) and can["members"] else None),
        "evidence_form": bound.get("evidence") or (EvidenceForm() if inv.status == V.ESTABLISHED and can["evidence"]
                                                   and sees_evidence else None),
        "report_form": bound.get("report") or (ReportForm(congress=c) if inv.status == V.ESTABLISHED and can["report"]
                                               else None),
        "decide_form": bound.get("decide") or (DecisionForm() if inv.status == V.REPORTED and can["decide"] else None),
        "follow_up_form": bound.get("follow_up") or (FollowUpForm(congress=c) if inv.status in (V.REPORTED, V.DECIDED)
                                                     and can["follow_up"] else None),
        "follow_ups": RectificationItem.objects.in_congress(c).filter(investigation=inv).select_related("unit"),
        "evidence_count": len(actions.evidence_of(c, inv, actor=user)) if sees_evidence else None,
    }


@require_GET
@requires(READ)
def investigation_detail(request, congress_code, investigation_id):
    inv = investigation_for(request, investigation_id)
    return render(request, "oversight/investigation_detail.html", context(request, inv))


@require_GET
def evidence_page(request, congress_code, investigation_id):
    """The evidence log: the committee's members and staff only (403 for everyone else)."""
    denied = gate(request, READ)
    if denied:
        return denied
    inv = investigation_for(request, investigation_id)
    try:
        entries = actions.evidence_of(request.congress, inv, actor=request.user)
    except PermissionDenied:
        raise PermissionDenied("调查取证材料仅限本调查委员会组成人员和机关工作人员查看") from None
    can_log = inv.status == V.ESTABLISHED and may(request.user, request.congress, "log_investigation_evidence")
    return render(request, "oversight/investigation_evidence.html", {
        "inv": inv, "entries": entries, "evidence_form": EvidenceForm() if can_log else None})


def _stream(field) -> FileResponse:
    return FileResponse(field.open("rb"), as_attachment=True, filename=field.name.rsplit("/", 1)[-1])


@require_GET
def evidence_file(request, congress_code, investigation_id, evidence_id):
    """One evidence entry's file: the committee's members and staff only (403 for everyone else)."""
    denied = gate(request, READ)
    if denied:
        return denied
    inv = investigation_for(request, investigation_id)
    if not actions.may_view_evidence(request.user, request.congress, inv):
        raise PermissionDenied("调查取证材料仅限本调查委员会组成人员和机关工作人员查看")
    entry = get_or_404(Evidence.objects.in_congress(request.congress).filter(investigation=inv), evidence_id,
                       "找不到该调查取证材料")
    if not entry.file:
        raise Http404("该材料没有上传文件")
    return _stream(entry.file)


@require_GET
def report_file(request, congress_code, investigation_id):
    """The investigation report's uploaded text, for whoever may read the committee's page."""
    denied = gate(request, READ)
    if denied:
        return denied
    inv = investigation_for(request, investigation_id)
    if not inv.report_document:
        raise Http404("该调查委员会没有上传调查报告文本")
    return _stream(inv.report_document)


def _form(what: str, request, inv: Investigation):
    c, data = request.congress, request.POST
    return {
        "record_vote": lambda: EmptyForm(data),
        "members": lambda: MembersForm(data, investigation=inv),
        "evidence": lambda: EvidenceForm(data, request.FILES),
        "report": lambda: ReportForm(data, request.FILES, congress=c),
        "decide": lambda: DecisionForm(data),
        "follow_up": lambda: FollowUpForm(data, congress=c),
    }[what]()


def _take(what: str, request, inv: Investigation, data: dict, form) -> str:
    c, user = request.congress, request.user
    if what == "record_vote":
        inv = actions.record_establishment(c, inv, actor=user)
        return "表决通过，调查委员会已设立" if inv.status == V.ESTABLISHED else "表决未通过，调查委员会未设立"
    if what == "members":
        made = actions.set_investigation_members(c, inv, actor=user, members=form.pairs())
        return f"组成人员已保存（{len(made)} 人）"
    if what == "evidence":
        actions.log_investigation_evidence(c, inv, actor=user, on=data["on"], title=data["title"], source=data["source"],
                                           description=data["description"], file=data["file"])
        return "调查取证材料已登记"
    if what == "report":
        actions.report_investigation(c, inv, actor=user, meeting=data["meeting"], report=data["report"],
                                     document=data["document"])
        return "调查报告已提出"
    if what == "decide":
        actions.decide_on_investigation(c, inv, actor=user, decision=data["decision"], decided_on=data["decided_on"])
        return "决议已记录"
    items = actions.list_investigation_follow_up(c, inv, actor=user, entries=[form.entry()])
    return f"已列入整改清单 {len(items)} 项"


@require_POST
def investigation_action(request, congress_code, investigation_id, what):
    if what not in STEPS:
        raise Http404
    denied = gate(request, STEPS[what])
    if denied:
        return denied
    inv = investigation_for(request, investigation_id)
    form = _form(what, request, inv)
    if form.is_valid():
        try:
            done = _take(what, request, inv, form.cleaned_data, form)
        except (ValidationError, PermissionDenied, NotFound) as error:
            refuse(form, error)
        else:
            messages.success(request, done)
            target = "investigation_evidence" if what == "evidence" else "investigation_detail"
            return redirect(target, congress_code=congress_code, investigation_id=inv.pk)
    inv.refresh_from_db()
    if what == "evidence" and actions.may_view_evidence(request.user, request.congress, inv):
        entries = actions.evidence_of(request.congress, inv, actor=request.user)
        return render(request, "oversight/investigation_evidence.html",
                      {"inv": inv, "entries": entries, "evidence_form": form}, status=422)
    return render(request, "oversight/investigation_detail.html", context(request, inv, {what: form}), status=422)


urlpatterns: list = [
    path("oversight/investigations/", investigation_list, name="investigation_list"),
    path("oversight/investigations/<int:investigation_id>/", investigation_detail, name="investigation_detail"),
    path("oversight/investigations/<int:investigation_id>/evidence/", evidence_page, name="investigation_evidence"),
    path("oversight/investigations/<int:investigation_id>/evidence/<int:evidence_id>/file/", evidence_file,
         name="investigation_evidence_file"),
    path("oversight/investigations/<int:investigation_id>/report/file/", report_file,
         name="investigation_report_file"),
    path("oversight/investigations/<int:investigation_id>/do/<str:what>/", investigation_action,
         name="investigation_action"),
]
