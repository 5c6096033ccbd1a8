"""Special inquiry pages (专题询问): the list, one inquiry with its stepper (准备中 → 已询问 → 已办结),
its answerers and questions, each step's form; the broadcast-ready summary as a page to print and as
PDF or .docx (GB/T 9704 layout).

Who sees what: staff and the members and deputies who may register questions see the inquiries;
each step is gated by its own permission, and a refused step comes back on the page as typed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renda.core import downloads, official_documents, spreadsheets
from renda.core.errors import NotFound
from renda.core.official_documents import OfficialDocument, Section
from renda.core.permissions import may
from renda.core.views_helpers import add_action_errors, gate, get_or_404, requires
from renda.oversight import exports
from renda.oversight.actions import inquiries as actions
from renda.oversight.documents import place_name
from renda.oversight.forms.inquiries import (
    AnswerForm,
    ConcludeForm,
    FollowUpForm,
    InquiryForm,
    QuestionForm,
    RateForm,
    SummaryForm,
    answerers_text,
)
from renda.oversight.models import Inquiry, InquiryAnswerer, InquiryQuestion
from renda.oversight.queries import person_of_user
from renda.rectification.models import RectificationItem

READ = "register_inquiry_question"  # staff, deputies and members: those who take part
STEPS = {"edit": "prepare_inquiry", "question": "register_inquiry_question", "answer": "record_inquiry_answer",
         "rate": "rate_inquiry_answer", "summary": "record_inquiry_answer", "conclude": "record_inquiry_answer",
         "follow_up": "record_inquiry_answer"}
CONTENT_TYPES = {"pdf": "application/pdf",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def refuse(form, error) -> None:
    """An action's refusal onto the form (a NotFound or NotPermitted as a form-wide message)."""
    if isinstance(error, ValidationError):
        add_action_errors(form, error)
    else:
        form.add_error(None, str(error))


def stepper(states, current) -> list[dict]:
    states = list(states)
    at = [s.value for s in states].index(current) if current in [s.value for s in states] else -1
    return [{"label": s.label, "state": "done" if n < at else "current" if n == at else ""} for n, s in enumerate(states)]


def attachment(content: bytes, name: str, ext: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[ext])
    return downloads.attachment(response, name)


# ---------------------------------------------------------------- reading


def questions_of(inquiry: Inquiry) -> list[InquiryQuestion]:
    return list(InquiryQuestion.objects.in_congress(inquiry.congress_id).filter(inquiry=inquiry)
                .select_related("asker", "to", "answered_by").order_by("order"))


def answerers_of(inquiry: Inquiry) -> list[InquiryAnswerer]:
    return list(InquiryAnswerer.objects.in_congress(inquiry.congress_id).filter(inquiry=inquiry)
                .select_related("organisation"))


@require_http_methods(["GET", "POST"])
@requires(READ)
def inquiry_list(request, congress_code):
    """The inquiries, newest first; staff prepare a new one here (a refused one comes back as typed)."""
    c = request.congress
    can_prepare = may(request.user, c, "prepare_inquiry")
    form = InquiryForm(congress=c) if can_prepare else None
    status = 200
    if request.method == "POST":
        denied = gate(request, "prepare_inquiry")
        if denied:
            return denied
        form = InquiryForm(request.POST, congress=c)
        if form.is_valid():
            data = form.cleaned_data
            try:
                inquiry = actions.prepare_inquiry(c, actor=request.user, topic=data["topic"], meeting=data["meeting"],
                                                  answerers=data["answerers"], work_report=data["work_report"],
                                                  plan_item=data["plan_item"])
            except (ValidationError, PermissionDenied, NotFound) as error:
                refuse(form, error)
            else:
                messages.success(request, "专题询问已列入会议议程")
                return redirect("inquiry_detail", congress_code=congress_code, inquiry_id=inquiry.pk)
        status = 422
    inquiries = Inquiry.objects.in_congress(c).select_related("meeting__term").order_by("-id")
    q = exports.keyword(request)
    wanted_status = request.GET.get("status", "")
    if wanted_status in Inquiry.Status.values:
        inquiries = inquiries.filter(status=wanted_status)
    else:
        wanted_status = ""
    inquiries = exports.matching(inquiries, q, "topic", "summary")
    counts = dict(InquiryQuestion.objects.in_congress(c).filter(inquiry__in=inquiries).values("inquiry")
                  .annotate(n=Count("id")).values_list("inquiry", "n"))
    rows = [{"inquiry": i, "questions": counts.get(i.pk, 0)} for i in inquiries]
    if request.method == "GET" and (fmt := spreadsheets.wanted(request)):
        return spreadsheets.export_response(
            request, subject="专题询问", columns=exports.INQUIRY_COLUMNS, rows=rows, fmt=fmt,
            filters=spreadsheets.describe_filters([
                ("状态", Inquiry.Status(wanted_status).label if wanted_status else ""), ("关键词", q)]))
    return render(request, "oversight/inquiry_list.html", {"rows": rows, "form": form, "q": q,
                                                           "status": wanted_status, "statuses": Inquiry.Status.choices,
                                                           "open_form": request.method == "POST"}, status=status)


def inquiry_for(request, inquiry_id) -> Inquiry:
    return get_or_404(Inquiry.objects.in_congress(request.congress).select_related("meeting__term"), inquiry_id,
                      "找不到该专题询问")


def context(request, inquiry: Inquiry, bound: dict | None = None) -> dict:
    c, user = request.congress, request.user
    bound = bound or {}
    staff = actions.is_staff(user, c)
    own = person_of_user(user)
    preparing = inquiry.status == Inquiry.Status.PREPARING
    concluded = inquiry.status == Inquiry.Status.CONCLUDED
    questions = questions_of(inquiry)
    rows = []
    for q in questions:
        bound_answer = bound.get("answer") if bound.get("question_id") == q.pk else None
        bound_rate = bound.get("rate") if bound.get("question_id") == q.pk else None
        rows.append({
            "q": q,
            "answer_form": (bound_answer or AnswerForm(inquiry=inquiry, prefix=f"a{q.pk}", initial={
                "question": q.pk, "answered_by": q.answered_by_id or q.to_id, "answer": q.answer}))
            if not concluded and may(user, c, "record_inquiry_answer") else None,
            "rate_form": (bound_rate or RateForm(inquiry=inquiry, prefix=f"r{q.pk}", initial={
                "question": q.pk, "satisfaction": q.satisfaction or None}))
            if q.answer and not concluded and may(user, c, "rate_inquiry_answer")
            and (staff or (own is not None and own.pk == q.asker_id)) else None,
        })
    can = {name: may(user, c, permission) for name, permission in STEPS.items()}
    return {
        "inquiry": inquiry, "steps": stepper(Inquiry.Status, inquiry.status), "answerers": answerers_of(inquiry),
        "rows": rows, "counts": actions.satisfaction_counts(inquiry), "staff": staff,
        "edit_form": bound.get("edit") or (InquiryForm(congress=c, initial={
            "topic": inquiry.topic, "meeting": inquiry.meeting_id, "work_report": inquiry.work_report_id,
            "plan_item": inquiry.plan_item_id, "answerers": answerers_text(inquiry)})
            if preparing and can["edit"] else None),
        "question_form": bound.get("question") or (QuestionForm(inquiry=inquiry, staff=staff)
                                                   if preparing and can["question"] else None),
        "summary_form": bound.get("summary") or (SummaryForm(initial={"summary": inquiry.summary})
                                                 if inquiry.status == Inquiry.Status.HELD and can["summary"] else None),
        "conclude_form": ConcludeForm() if inquiry.status == Inquiry.Status.HELD and can["conclude"] else None,
        "follow_up_form": bound.get("follow_up") or (FollowUpForm(
            congress=c, questions=InquiryQuestion.objects.in_congress(c).filter(inquiry=inquiry).exclude(answer=""))
            if inquiry.status != Inquiry.Status.PREPARING and can["follow_up"] else None),
        "follow_ups": RectificationItem.objects.in_congress(c).filter(inquiry_question__inquiry=inquiry)
        .select_related("unit", "inquiry_question"),
        "open_": next(iter(bound), ""),
    }


@require_GET
@requires(READ)
def inquiry_detail(request, congress_code, inquiry_id):
    inquiry = inquiry_for(request, inquiry_id)
    return render(request, "oversight/inquiry_detail.html", context(request, inquiry))


def _form(what: str, request, inquiry: Inquiry):
    c, data = request.congress, request.POST
    qid = data.get("question_id", "")
    return {
        "edit": lambda: InquiryForm(data, congress=c),
        "question": lambda: QuestionForm(data, inquiry=inquiry, staff=actions.is_staff(request.user, c)),
        "answer": lambda: AnswerForm(data, inquiry=inquiry, prefix=f"a{qid}"),
        "rate": lambda: RateForm(data, inquiry=inquiry, prefix=f"r{qid}"),
        "summary": lambda: SummaryForm(data),
        "conclude": lambda: ConcludeForm(data),
        "follow_up": lambda: FollowUpForm(data, congress=c, questions=InquiryQuestion.objects.in_congress(c).filter(
            inquiry=inquiry).exclude(answer="")),
    }[what]()


def _take(what: str, request, inquiry: Inquiry, data: dict, form) -> str:
    c, user = request.congress, request.user
    if what == "edit":
        actions.prepare_inquiry(c, actor=user, inquiry=inquiry, topic=data["topic"], meeting=data["meeting"],
                                answerers=[r | {"id": a.pk} if (a := _same(inquiry, r)) else r for r in data["answerers"]],
                                work_report=data["work_report"], plan_item=data["plan_item"])
        return "筹备内容已保存"
    if what == "question":
        q = actions.register_inquiry_question(c, inquiry, actor=user, text=data["text"], to=data["to"],
                                              asker=data.get("asker"))
        return f"已登记第{q.order}个问题"
    if what == "answer":
        q = actions.record_inquiry_answer(c, data["question"], actor=user, answered_by=data["answered_by"],
                                          answer=data["answer"])
        return f"第{q.order}个问题的回答已记录"
    if what == "rate":
        q = actions.rate_inquiry_answer(c, data["question"], actor=user, satisfaction=data["satisfaction"])
        return f"第{q.order}个问题的评价已记录"
    if what == "summary":
        actions.write_inquiry_summary(c, inquiry, actor=user, summary=data["summary"])
        return "询问情况综述已保存"
    if what == "conclude":
        actions.conclude_inquiry(c, inquiry, actor=user)
        return "专题询问已办结"
    items = actions.list_inquiry_follow_up(c, data["question"], actor=user, entries=[form.entry()])
    return f"已列入整改清单 {len(items)} 项"


def _same(inquiry: Inquiry, row: dict) -> InquiryAnswerer | None:
    """The answerer already listed under this name and post (kept, so questions naming them stay)."""
    return InquiryAnswerer.objects.in_congress(inquiry.congress_id).filter(
        inquiry=inquiry, name=row["name"], post=row["post"]).first()


@require_POST
def inquiry_action(request, congress_code, inquiry_id, what):
    """One step; a refused step comes back on the page as typed, its message beside it."""
    if what not in STEPS:
        raise Http404
    denied = gate(request, STEPS[what])
    if denied:
        return denied
    inquiry = inquiry_for(request, inquiry_id)
    form = _form(what, request, inquiry)
    qid = request.POST.get("question_id", "")
    bound_key = {"question_id": int(qid)} if qid.isdecimal() else {}
    if form.is_valid():
        try:
            done = _take(what, request, inquiry, form.cleaned_data, form)
        except (ValidationError, PermissionDenied, NotFound) as error:
            refuse(form, error)
        else:
            messages.success(request, done)
            return redirect("inquiry_detail", congress_code=congress_code, inquiry_id=inquiry.pk)
    inquiry.refresh_from_db()
    return render(request, "oversight/inquiry_detail.html", context(request, inquiry, {what: form} | bound_key),
                  status=422)


# ---------------------------------------------------------------- the broadcast-ready summary


def summary_document(inquiry: Inquiry) -> OfficialDocument:
    """询问情况综述: the topic, the answerers, each question with its answer and rating, the counts."""
    answerers = answerers_of(inquiry)
    questions = questions_of(inquiry)
    counts = actions.satisfaction_counts(inquiry)
    sections = [
        Section("应询人", items=[f"{a.organisation.name}{a.post}{a.name}{'' if a.present else '（未到会）'}"
                                 for a in answerers]),
        Section("询问和回答", paragraphs=[
            p for q in questions for p in (
                f"问{q.order}：{q.asker.name}{'问' + str(q.to) if q.to else ''}：{q.text}",
                f"答：{q.answered_by or ''}{'：' + q.answer if q.answer else '（未回答）'}"
                + (f"（询问人评价：{q.get_satisfaction_display()}）" if q.satisfaction else ""))]),
        Section("询问人评价", table=[["满意", "基本满意", "不满意", "未评价"],
                                   [counts["满意"], counts["基本满意"], counts["不满意"], counts["未评价"]]]),
    ]
    day = timezone.localdate(inquiry.meeting.starts_at)
    return OfficialDocument(
        title=f"关于{inquiry.topic}专题询问情况的综述",
        preamble=[f"{inquiry.meeting.title}对{inquiry.topic}开展专题询问。"] + (
            [p for p in inquiry.summary.splitlines() if p.strip()]),
        sections=sections, signature=f"{place_name(inquiry.meeting.congress)}人大常委会办公室", date=day)


@require_GET
@requires(READ)
def inquiry_print(request, congress_code, inquiry_id):
    inquiry = inquiry_for(request, inquiry_id)
    return render(request, "oversight/inquiry_print.html", {
        "inquiry": inquiry, "answerers": answerers_of(inquiry), "questions": questions_of(inquiry),
        "counts": actions.satisfaction_counts(inquiry)})


@require_GET
@requires(READ)
def inquiry_download(request, congress_code, inquiry_id, ext):
    if ext not in CONTENT_TYPES:
        raise Http404
    document = summary_document(inquiry_for(request, inquiry_id))
    render_ = official_documents.to_pdf if ext == "pdf" else official_documents.to_docx
    return attachment(render_(document), official_documents.filename(document, ext), ext)


urlpatterns: list = [
    path("oversight/inquiries/", inquiry_list, name="inquiry_list"),
    path("oversight/inquiries/<int:inquiry_id>/", inquiry_detail, name="inquiry_detail"),
    path("oversight/inquiries/<int:inquiry_id>/do/<str:what>/", inquiry_action, name="inquiry_action"),
    path("oversight/inquiries/<int:inquiry_id>/summary/", inquiry_print, name="inquiry_print"),
    path("oversight/inquiries/<int:inquiry_id>/summary.<str:ext>", inquiry_download, name="inquiry_download"),
]
