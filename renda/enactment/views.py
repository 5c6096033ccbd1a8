"""The enactment pages: the bills before the standing committee (list) and a bill's enactment page
(the section of ``{% bill_enactment_section %}`` on its own), and the step each form posts to. A
refused step re-renders the page with the form as typed and the message beside its field; another
congress's bill is not found."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from renda.core import spreadsheets
from renda.core.errors import NotFound
from renda.core.spreadsheets import Column
from renda.core.views_helpers import add_action_errors, flash_errors, gate, get_or_404, requires
from renda.enactment import actions
from renda.enactment.section import STEPS
from renda.legislation.models import Bill

S = Bill.Status
BEFORE_COMMITTEE = (S.SUBMITTED, S.UNDER_DELIBERATION, S.PASSED, S.AWAITING_APPROVAL, S.APPROVED)


# The list's export (core.spreadsheets): what the list shows, with the dates as dates.
COLUMNS = [
    Column("法规案", "title"), Column("类别", lambda b: b.get_kind_display()), Column("状态", lambda b: b.get_status_display()),
    Column("审议次数", "readings_required", "int"), Column("创建时间", "created_at", "date"),
]


def bills_of(congress):
    return Bill.objects.in_congress(congress).select_related("congress")


def bill_url(bill: Bill) -> str:
    """The bill's own page (legislation's) where there is one, else its enactment page."""
    code = bill.congress.code
    try:
        return reverse("legislation_bill", args=[code, bill.pk]) + "#enactment"
    except NoReverseMatch:
        return reverse("enactment_bill", args=[code, bill.pk])


@require_GET
@requires("view_enactment")
def list_page(request, congress_code):
    rows = bills_of(request.congress).filter(status__in=BEFORE_COMMITTEE).order_by("status", "-created_at")
    status = request.GET.get("status", "")
    if status in BEFORE_COMMITTEE:
        rows = rows.filter(status=status)
    else:
        status = ""
    q = request.GET.get("q", "").strip()[:100]
    if q:
        rows = rows.filter(title__icontains=q)
    if fmt := spreadsheets.wanted(request):
        return spreadsheets.export_response(
            request, subject="常委会审议中的法规案", columns=COLUMNS, rows=rows, fmt=fmt,
            filters=spreadsheets.describe_filters([("状态", S(status).label if status else ""), ("关键词", q)]))
    return render(request, "enactment/list.html", {
        "rows": rows[:500], "q": q, "status": status, "statuses": [(s.value, s.label) for s in BEFORE_COMMITTEE]})


def _page(request, bill: Bill, bound: dict | None = None, status: int = 200):
    return render(request, "enactment/bill.html", {"bill": bill, "enactment_forms": bound or {}}, status=status)


@require_GET
@requires("view_enactment")
def bill_page(request, congress_code, pk):
    return _page(request, get_or_404(bills_of(request.congress), pk, "找不到该法规案"))


def _moment(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9))) if day else None


def _run(name: str, c, user, bill: Bill, d: dict, files) -> str:
    if name == "submit":
        actions.submit_bill(c, bill, actor=user, version=d["version"], proposer_kind=d["proposer_kind"],
                            proposer=d["proposer"], presenter=d["presenter"],
                            explanation=d["explanation"] or None, submitted_on=d["submitted_on"])
        return "已提请常委会审议，待主任会议研究"
    if name == "preliminary":
        actions.record_preliminary_review(c, bill, actor=user, meeting=d["meeting"], committee=d["committee"],
                                          file=d["file"], title=d["title"], reported_on=d["reported_on"])
        return "初审意见的报告已列入主任会议议程"
    if name == "readings_required":
        actions.set_readings_required(c, bill, actor=user, readings=d["readings"], reason=d["reason"])
        return "审议次数已确定"
    if name == "schedule":
        reading = actions.schedule_reading(c, bill, actor=user, version=d["version"], meeting=d["meeting"],
                                           distributed_at=_moment(d["distributed_at"]),
                                           short_notice_reason=d["short_notice_reason"])
        return f"已列入{reading.meeting}（第{reading.number}次审议），草案已发给组成人员"
    if name == "held":
        reading = actions.record_reading(c, d["reading"], actor=user)
        return f"第{reading.number}次审议已记录"
    if name == "opinion":
        actions.record_opinion(c, d["reading"], actor=user, speaker=d["speaker"], text_=d["text"],
                               provision=d["provision"])
        return "审议意见已记录"
    if name == "report":
        actions.record_review_report(c, d["reading"], actor=user, kind=d["kind"], body=d["body"], file=d["file"],
                                     version=d["version"], title=d["title"])
        return "报告已记录"
    if name == "articles":
        made = actions.put_articles_to_vote(c, bill, actor=user, meeting=d["meeting"], provisions=list(d["provisions"]))
        return f"{len(made)}个条款已单独付表决：请在表决页开始表决"
    if name == "vote":
        actions.put_bill_to_vote(c, bill, actor=user, meeting=d["meeting"])
        return "已付表决：请在表决页开始表决"
    if name == "outcome":
        bill = actions.record_bill_vote(c, bill, actor=user)
        return "表决通过" if bill.status == S.PASSED else "表决未通过"
    if name == "end":
        actions.end_bill(c, bill, actor=user, on=d["on"], reason=d["reason"])
        return "已终止审议"
    if name == "approval":
        approval = actions.submit_for_approval(c, bill, actor=user, submitted_on=d["submitted_on"],
                                               reference=d["reference"], document=d["document"])
        return f"已报请批准，批准期限至{approval.due_on:%Y-%m-%d}"
    if name == "decision":
        approval = actions.record_approval(c, bill, actor=user, decided_on=d["decided_on"], outcome=d["outcome"],
                                           amendments=d["amendments"])
        return "批准决定已记录" + ("（超过四个月）" if approval.late else "")
    if name == "promulgate":
        actions.promulgate_law(c, bill, actor=user, announcement_number=d["announcement_number"],
                               announced_on=d["announced_on"], in_force_on=d["in_force_on"])
        return "已公布"
    filing = actions.record_filing(c, d["filing"], actor=user, filed_on=d["filed_on"], reference=d["reference"])
    return "备案已记录" + ("（逾期）" if filing.late else "")


@require_POST
def step(request, congress_code, pk, what):
    if what not in STEPS:
        raise Http404
    permission, form_class, _ = STEPS[what]
    denied = gate(request, permission)
    if denied:
        return denied
    c, user = request.congress, request.user
    bill = get_or_404(bills_of(c), pk, "找不到该法规案")
    form = form_class(request.POST, request.FILES, congress=c, bill=bill) if form_class else None
    if form is not None and not form.is_valid():
        return _page(request, bill, {what: form}, status=422)
    try:
        done = _run(what, c, user, bill, form.cleaned_data if form is not None else {}, request.FILES)
    except (ValidationError, PermissionDenied, NotFound) as error:
        fields = set(getattr(error, "error_dict", {}) or {})
        if form is None or not fields or not fields & set(form.fields):
            flash_errors(request, error if not isinstance(error, NotFound) else ValidationError(str(error)))
            return redirect(bill_url(bill))
        add_action_errors(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
        bill.refresh_from_db()
        return _page(request, bill, {what: form}, status=422)
    messages.success(request, done)
    return redirect(bill_url(bill))


urlpatterns: list = [
    path("enactment/", list_page, name="enactment_list"),
    path("enactment/bills/<int:pk>/", bill_page, name="enactment_bill"),
    path("enactment/bills/<int:pk>/do/<str:what>/", step, name="enactment_step"),
]
