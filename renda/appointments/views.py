"""The appointment pages: the bills list, a bill's form (create and edit, keeping what was typed),
the bill page with its nominees, their votes and each step's form, the 任命书 / 免职通知 downloads,
the oath ceremony's form and page, and the register of appointed officials (任命人员名册).

Staff and standing-committee members see them (view_appointments); each step is gated by its own
permission; another congress's bill, nominee or ceremony is not found."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from renda.appointments import actions, documents, queries
from renda.appointments.forms import BillForm, DecideForm, NomineeForm, OathForm, SubmitForm, WithdrawForm
from renda.appointments.models import AppointmentBill, Nominee, OathCeremony, OathTaker
from renda.appointments.workflows import BILL_WORKFLOW
from renda.core import downloads, official_documents, rules
from renda.core.errors import NotFound
from renda.core.permissions import may
from renda.core.spreadsheets import Column, describe_filters, export_response, wanted
from renda.core.views_helpers import add_action_errors, flash_errors, gate, get_or_404
from renda.voting import tally

CONTENT_TYPES = {"pdf": "application/pdf",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
# Each step of the bill page and the permission it needs (checked before the form is read).
STEPS = {"nominee": "draft_appointment_bill", "remove_nominee": "draft_appointment_bill",
         "withdraw": "draft_appointment_bill", "submit": "submit_appointment_bill",
         "vote": "put_appointments_to_vote", "decide": "decide_appointments", "issue": "issue_appointment_document"}


# The lists' exports (core.spreadsheets): the columns each list shows, with the dates as dates.
BILL_COLUMNS = [
    Column("任免案", "title"), Column("提请机关", lambda b: b.get_proposer_display()),
    Column("提请审议的会议", "meeting.title"), Column("会议日期", "meeting.starts_at", "date"),
    Column("状态", lambda b: b.get_status_display()),
]
REGISTER_COLUMNS = [
    Column("机构", "nominee.organisation.name"), Column("职务", "nominee.post"), Column("姓名", "nominee.person.name"),
    Column("任职日期", "nominee.membership.start", "date"), Column("任命书", lambda r: r.nominee.document_number or "未签发"),
    Column("宪法宣誓", lambda r: r.nominee.oath.ceremony.held_on if r.sworn else None, "date"), Column("状态", "status"),
]


def _bills(request):
    return AppointmentBill.objects.in_congress(request.congress)


def _bill(request, pk) -> AppointmentBill:
    return get_or_404(_bills(request).select_related("meeting__term", "meeting__congress", "meeting__organisation",
                                                     "submitted_by__term", "submitted_by__congress",
                                                     "submitted_by__organisation", "agenda_item"), pk,
                  "找不到该任免案")



@require_GET
def list_page(request, congress_code):
    denied = gate(request, "view_appointments")
    if denied:
        return denied
    bills = _bills(request).select_related("meeting__term", "meeting__congress", "meeting__organisation").order_by("-id")
    status = request.GET.get("status", "")
    if status in AppointmentBill.Status.values:
        bills = bills.filter(status=status)
    else:
        status = ""
    q = request.GET.get("q", "").strip()[:100]
    if q:
        bills = bills.filter(Q(title__icontains=q)
                             | Q(nominees__person__name__icontains=q)).distinct()
    if fmt := wanted(request):
        return export_response(request, subject="任免案", columns=BILL_COLUMNS, rows=bills, fmt=fmt,
                               filters=describe_filters([
                                   ("状态", AppointmentBill.Status(status).label if status else ""), ("关键词", q)]))
    return render(request, "appointments/list.html", {
        "bills": bills[:500], "status": status, "q": q, "statuses": AppointmentBill.Status.choices,
        "can_draft": may(request.user, request.congress, "draft_appointment_bill"),
        "can_oath": may(request.user, request.congress, "record_oath")})


def bill_form(request, congress_code, pk=None):
    """Register a 任免案 (pk None) or edit a draft one."""
    denied = gate(request, "draft_appointment_bill")
    if denied:
        return denied
    congress = request.congress
    bill = _bill(request, pk) if pk is not None else None
    if request.method != "POST":
        initial = {"proposer": bill.proposer, "title": bill.title, "meeting": bill.meeting_id,
                   "agenda_item": bill.agenda_item_id} if bill else {}
        return render(request, "appointments/bill_form.html", {"form": BillForm(initial=initial, congress=congress),
                                                               "bill": bill})
    form = BillForm(request.POST, request.FILES, congress=congress)
    if form.is_valid():
        d = form.cleaned_data
        try:
            if bill is None:
                bill = actions.create_bill(congress, actor=request.user, proposer=d["proposer"], title=d["title"],
                                           meeting=d["meeting"], letter=d["letter"], agenda_item=d["agenda_item"])
                done = "任免案已登记，请列入拟任免人员"
            else:
                actions.edit_bill(congress, bill, actor=request.user, proposer=d["proposer"], title=d["title"],
                                  meeting=d["meeting"], letter=d["letter"], agenda_item=d["agenda_item"])
                done = "任免案已修改"
        except (ValidationError, PermissionDenied, NotFound) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("appointments_bill", congress_code=congress_code, pk=bill.pk)
    return render(request, "appointments/bill_form.html", {"form": form, "bill": bill}, status=422)


def _nominee_rows(congress, bill, *, staff: bool):
    """Each nominee with their vote; a counted result is the staff's to check until it is announced."""
    rows = []
    nominees = Nominee.objects.in_congress(congress).filter(bill=bill).select_related(
        "person", "organisation", "vote", "oath")
    for n in nominees:
        vote = n.vote
        shown = vote is not None and (vote.status == "announced" or (staff and vote.status == "closed"))
        rows.append({"n": n, "vote": vote, "sworn": hasattr(n, "oath"),
                     "verdict": tally.verdict(vote) if shown else "",
                     "figures": tally.result_figures(vote) if shown and vote.result else []})
    return rows


def _bill_page(request, bill, forms=None, status=200, open_=""):
    congress, user = request.congress, request.user
    forms = forms or {}
    context = {
        "bill": bill, "rows": _nominee_rows(congress, bill, staff=may(user, congress, "open_vote")), "open": open_,
        "status_label": BILL_WORKFLOW.label(bill.status),
        "nominee_form": forms.get("nominee") or NomineeForm(congress=congress),
        "submit_form": forms.get("submit") or SubmitForm(congress=congress, session=bill.meeting_id,
                                                         initial={"agenda_item": bill.agenda_item_id}),
        "decide_form": forms.get("decide") or DecideForm(),
        "withdraw_form": forms.get("withdraw") or WithdrawForm(),
        "can": {what: may(user, congress, perm) for what, perm in STEPS.items()},
        "law_exam": rules.get(congress, "appointments.law_exam"),
    }
    return render(request, "appointments/bill.html", context, status=status)


@require_GET
def bill_page(request, congress_code, pk):
    denied = gate(request, "view_appointments")
    if denied:
        return denied
    return _bill_page(request, _bill(request, pk))


@require_POST
def bill_action(request, congress_code, pk, what):
    if what not in STEPS:
        raise Http404
    denied = gate(request, STEPS[what])
    if denied:
        return denied
    congress, user = request.congress, request.user
    bill = _bill(request, pk)
    form = None
    try:
        if what == "nominee":
            form = NomineeForm(request.POST, congress=congress)
            if not form.is_valid():
                return _bill_page(request, bill, {what: form}, status=422, open_=what)
            d = form.cleaned_data
            actions.add_nominee(congress, bill, actor=user, action=d["action"], organisation=d["organisation"],
                                post=d["post"], person=d["person"], person_data=form.person_data(),
                                education=d["education"], resume=d["resume"], law_exam_score=d["law_exam_score"],
                                statement=d["statement"], reason=d["reason"])
            done = "已列入拟任免人员"
        elif what == "remove_nominee":
            nominee = get_or_404(Nominee.objects.in_congress(congress).filter(bill=bill), request.POST.get("nominee"),
                                 "找不到该任免人员")
            actions.remove_nominee(congress, nominee, actor=user)
            done = "已移出"
        elif what == "withdraw":
            form = WithdrawForm(request.POST)
            form.is_valid()
            actions.withdraw_bill(congress, bill, actor=user, reason=form.cleaned_data.get("reason", ""))
            done = "任免案已撤回"
        elif what == "submit":
            form = SubmitForm(request.POST, congress=congress, session=bill.meeting_id)
            if not form.is_valid():
                return _bill_page(request, bill, {what: form}, status=422, open_=what)
            d = form.cleaned_data
            actions.submit_bill(congress, bill, actor=user, directors_meeting=d["directors_meeting"], on=d["on"],
                                agenda_item=d["agenda_item"])
            done = "主任会议已决定提请常委会审议，已列入会议议程"
        elif what == "vote":
            votes = actions.put_to_vote(congress, bill, actor=user)
            done = f"已逐人提请表决（{len(votes)} 项），请在表决页面开始表决"
        elif what == "decide":
            form = DecideForm(request.POST)
            form.is_valid()
            actions.decide(congress, bill, actor=user, on=form.cleaned_data.get("on"))
            done = "已根据表决结果作出任免决定"
        else:
            nominee = get_or_404(Nominee.objects.in_congress(congress).filter(bill=bill), request.POST.get("nominee"),
                                 "找不到该任免人员")
            issued = actions.issue_document(congress, nominee, actor=user)
            done = f"{issued.document_kind}已签发：{issued.document_number}"
    except (ValidationError, PermissionDenied, NotFound) as error:
        bill.refresh_from_db()
        if form is not None:
            add_action_errors(form, error)
            return _bill_page(request, bill, {what: form}, status=422, open_=what)
        flash_errors(request, error if not isinstance(error, NotFound) else ValidationError(str(error)))
        return redirect("appointments_bill", congress_code=congress_code, pk=bill.pk)
    messages.success(request, done)
    return redirect("appointments_bill", congress_code=congress_code, pk=bill.pk)


@require_GET
def document_download(request, congress_code, pk, ext):
    denied = gate(request, "view_appointments")
    if denied:
        return denied
    if ext not in CONTENT_TYPES:
        raise Http404
    nominee = get_or_404(Nominee.objects.in_congress(request.congress).select_related("person", "organisation",
                                                                                      "congress"),
                         pk, "找不到该任免人员")
    if not nominee.document_number:
        raise Http404("尚未签发任命书或免职通知")
    doc = documents.document(nominee)
    render_ = official_documents.to_pdf if ext == "pdf" else official_documents.to_docx
    response = HttpResponse(render_(doc), content_type=CONTENT_TYPES[ext])
    return downloads.attachment(response, downloads.dated(f"{nominee.person.name}{nominee.document_kind}", ext))


@require_GET
def register_page(request, congress_code):
    denied = gate(request, "view_appointments")
    if denied:
        return denied
    rows = queries.register(request.congress)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        rows = [r for r in rows if any(q in text for text in (r.nominee.person.name, r.nominee.organisation.name,
                                                              r.nominee.post, r.nominee.document_number or ""))]
    if fmt := wanted(request):
        return export_response(request, subject="任命人员名册", columns=REGISTER_COLUMNS, rows=rows, fmt=fmt,
                               filters=describe_filters([("关键词", q)]))
    return render(request, "appointments/register.html", {"rows": rows, "q": q,
                                                           "oath_required": queries.oath_required(request.congress)})


def oath_form(request, congress_code):
    denied = gate(request, "record_oath")
    if denied:
        return denied
    congress = request.congress
    due = list(actions.due_to_swear(congress))
    if request.method != "POST":
        return render(request, "appointments/oath_form.html", {"form": OathForm(congress=congress, due=due),
                                                               "due": due})
    form = OathForm(request.POST, congress=congress, due=due)
    if form.is_valid():
        d = form.cleaned_data
        try:
            ceremony = actions.record_oath(congress, actor=request.user, meeting=d["meeting"], held_on=d["held_on"],
                                           leader=d["leader"], persons=list(d["persons"]), attendance=d["attendance"],
                                           presided_by=d["presided_by"], note=d["note"])
        except (ValidationError, PermissionDenied, NotFound) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "宪法宣誓仪式已记录")
            return redirect("appointments_oath", congress_code=congress_code, pk=ceremony.pk)
    return render(request, "appointments/oath_form.html", {"form": form, "due": due}, status=422)


@require_GET
def oath_page(request, congress_code, pk):
    denied = gate(request, "view_appointments")
    if denied:
        return denied
    ceremony = get_or_404(OathCeremony.objects.in_congress(request.congress).select_related(
        "leader", "meeting__term", "meeting__congress", "meeting__organisation"), pk, "找不到该宣誓仪式")
    takers = OathTaker.objects.in_congress(request.congress).filter(ceremony=ceremony).select_related(
        "person", "nominee__organisation")
    return render(request, "appointments/oath.html", {"ceremony": ceremony, "takers": takers})


urlpatterns = [
    path("appointments/", list_page, name="appointments_list"),
    path("appointments/new/", bill_form, name="appointments_new"),
    path("appointments/register/", register_page, name="appointments_register"),
    path("appointments/oaths/new/", oath_form, name="appointments_oath_new"),
    path("appointments/oaths/<int:pk>/", oath_page, name="appointments_oath"),
    path("appointments/nominees/<int:pk>/document.<str:ext>", document_download, name="appointments_document"),
    path("appointments/<int:pk>/", bill_page, name="appointments_bill"),
    path("appointments/<int:pk>/edit/", bill_form, name="appointments_edit"),
    path("appointments/<int:pk>/do/<str:what>/", bill_action, name="appointments_action"),
]
