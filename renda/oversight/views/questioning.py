"""Questioning pages (质询案): the list, one questioning with its stepper, its signers (and the count
against the legal minimum), the decision, the answers (round 1, then the further answer) and the
signers' ratings.

Who sees what: staff and members see every questioning; a unit officer sees those put to their own
body (to answer them). Each step is gated by its own permission and refused steps come back as
typed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renda.core import spreadsheets
from renda.core.errors import NotFound
from renda.core.permissions import STAFF, may, organisations_of, roles_of
from renda.core.roles import Role
from renda.core.views_helpers import gate, get_or_404
from renda.oversight import exports
from renda.oversight.actions import questioning as actions
from renda.oversight.forms.questioning import (
    AnswerForm,
    DecideForm,
    EmptyForm,
    QuestioningForm,
    RateForm,
    SignForm,
)
from renda.oversight.models import Questioning, QuestioningAnswer, QuestioningSigner
from renda.oversight.queries import person_of_user
from renda.oversight.views.inquiries import refuse, stepper

Q = Questioning.Status
STEPS = {"sign": "draft_questioning", "withdraw": "draft_questioning", "file": "file_questioning",
         "decide": "decide_questioning", "answer": "record_questioning_answer", "rate": "rate_questioning_answer"}
# The path a questioning normally takes (未列入 replaces the rest when it is not listed).
PATH = [Q.DRAFT, Q.FILED, Q.ACCEPTED, Q.ANSWERED, Q.CONCLUDED]


def readers(request):
    """None when this user may see questionings; else the refusal (sign in, or 403)."""
    user, c = request.user, request.congress
    if roles_of(user, c) & (STAFF | {Role.DEPUTY, Role.SC_MEMBER, Role.UNIT_OFFICER}):
        return None
    return gate(request, "draft_questioning")


def visible(request):
    c, user = request.congress, request.user
    found = Questioning.objects.in_congress(c).select_related("meeting__term", "body")
    roles = roles_of(user, c)
    if not roles & (STAFF | {Role.DEPUTY, Role.SC_MEMBER}):
        # A unit officer: the questionings put to their body, once decided.
        found = found.filter(body_id__in=organisations_of(user, c, Role.UNIT_OFFICER)).exclude(
            status__in=[Q.DRAFT, Q.FILED, Q.REJECTED])
    return found


def path_of(q: Questioning) -> list[dict]:
    if q.status == Q.REJECTED:
        return stepper([Q.DRAFT, Q.FILED, Q.REJECTED], q.status)
    if q.status == Q.FURTHER:
        return stepper([Q.DRAFT, Q.FILED, Q.ACCEPTED, Q.FURTHER, Q.ANSWERED, Q.CONCLUDED], q.status)
    return stepper(PATH, q.status)


@require_http_methods(["GET", "POST"])
def questioning_list(request, congress_code):
    denied = readers(request)
    if denied:
        return denied
    c, user = request.congress, request.user
    staff = actions.is_staff(user, c)
    can_draft = may(user, c, "draft_questioning")
    form = QuestioningForm(congress=c, staff=staff) if can_draft else None
    status = 200
    if request.method == "POST":
        denied = gate(request, "draft_questioning")
        if denied:
            return denied
        form = QuestioningForm(request.POST, congress=c, staff=staff)
        if form.is_valid():
            data = form.cleaned_data
            try:
                q = actions.draft_questioning(c, actor=user, forum=data["forum"], meeting=data["meeting"],
                                              body=data["body"], title=data["title"], questions=data["questions"],
                                              signer=data.get("signer"))
            except (ValidationError, PermissionDenied, NotFound) as error:
                refuse(form, error)
            else:
                messages.success(request, "质询案已起草，您已领衔联名；请征集联名")
                return redirect("questioning_detail", congress_code=congress_code, questioning_id=q.pk)
        status = 422
    found = visible(request).order_by("-id")
    wanted_status = request.GET.get("status", "")
    if wanted_status in Q.values:
        found = found.filter(status=wanted_status)
    else:
        wanted_status = ""
    keyword = exports.keyword(request)
    found = exports.matching(found, keyword, "title", "questions", "body__name")
    signers = dict(QuestioningSigner.objects.in_congress(c).filter(questioning__in=found).values("questioning")
                   .annotate(n=Count("id")).values_list("questioning", "n"))
    rows = [{"q": q, "signers": signers.get(q.pk, 0)} for q in found]
    if request.method == "GET" and (fmt := spreadsheets.wanted(request)):
        return spreadsheets.export_response(
            request, subject="质询案", columns=exports.QUESTIONING_COLUMNS, rows=rows, fmt=fmt,
            filters=spreadsheets.describe_filters([
                ("状态", Q(wanted_status).label if wanted_status else ""), ("关键词", keyword)]))
    return render(request, "oversight/questioning_list.html", {
        "rows": rows, "form": form, "open_form": request.method == "POST", "q": keyword, "status": wanted_status,
        "statuses": Q.choices}, status=status)


def questioning_for(request, questioning_id) -> Questioning:
    return get_or_404(visible(request), questioning_id, "找不到该质询案")


def context(request, q: Questioning, bound: dict | None = None) -> dict:
    c, user = request.congress, request.user
    bound = bound or {}
    staff = actions.is_staff(user, c)
    own = person_of_user(user)
    signers = list(QuestioningSigner.objects.in_congress(c).filter(questioning=q).select_related("person").order_by("id"))
    signed = own is not None and any(s.person_id == own.pk for s in signers)
    needed, words = actions.minimum(c, q.forum)
    can = {name: may(user, c, permission) for name, permission in STEPS.items()}
    officer = q.body_id in organisations_of(user, c, Role.UNIT_OFFICER)
    answers = list(QuestioningAnswer.objects.in_congress(c).filter(questioning=q).order_by("round"))
    further_ok, further_line = actions.further_allowed(c, q)
    return {
        "q": q, "steps": path_of(q), "signers": signers, "needed": needed, "rule_words": words,
        "short": max(needed - len(signers), 0), "answers": answers, "staff": staff, "signed": signed,
        "unsatisfied": sum(1 for s in signers if s.satisfied is False),
        "rated": sum(1 for s in signers if s.satisfied is not None), "further_line": further_line,
        "further_ok": further_ok,
        "sign_form": bound.get("sign") or (SignForm(congress=c, staff=staff)
                                           if q.status == Q.DRAFT and can["sign"] and (staff or not signed) else None),
        "withdraw_form": EmptyForm() if q.status == Q.DRAFT and signed and signers[0].person_id != own.pk else None,
        "file_form": bound.get("file") or (EmptyForm() if q.status == Q.DRAFT and can["file"] and (staff or signed)
                                           else None),
        "decide_form": bound.get("decide") or (DecideForm(questioning=q) if q.status in (Q.FILED, Q.ANSWERED)
                                               and can["decide"] else None),
        "answer_form": bound.get("answer") or (AnswerForm(initial={"mode": q.mode}) if q.status in (Q.ACCEPTED, Q.FURTHER)
                                               and can["answer"] and (staff or officer) else None),
        "rate_form": bound.get("rate") or (RateForm(questioning=q, staff=staff) if q.status == Q.ANSWERED
                                           and can["rate"] and (staff or signed) else None),
        "open_": next(iter(bound), ""),
    }


@require_GET
def questioning_detail(request, congress_code, questioning_id):
    denied = readers(request)
    if denied:
        return denied
    q = questioning_for(request, questioning_id)
    return render(request, "oversight/questioning_detail.html", context(request, q))


@require_GET
def answer_file(request, congress_code, questioning_id, answer_id):
    """An answer's written document, for whoever may read the questioning's page."""
    denied = readers(request)
    if denied:
        return denied
    q = questioning_for(request, questioning_id)
    answer = get_or_404(QuestioningAnswer.objects.in_congress(request.congress).filter(questioning=q), answer_id,
                        "找不到该答复")
    if not answer.document:
        raise Http404("该答复没有上传书面答复文件")
    return FileResponse(answer.document.open("rb"), as_attachment=True, filename=answer.document.name.rsplit("/", 1)[-1])


def _form(what: str, request, q: Questioning):
    c, data, staff = request.congress, request.POST, actions.is_staff(request.user, request.congress)
    return {
        "sign": lambda: SignForm(data, congress=c, staff=staff),
        "withdraw": lambda: EmptyForm(data),
        "file": lambda: EmptyForm(data),
        "decide": lambda: DecideForm(data, questioning=q),
        "answer": lambda: AnswerForm(data, request.FILES),
        "rate": lambda: RateForm(data, questioning=q, staff=staff),
    }[what]()


def _take(what: str, request, q: Questioning, data: dict) -> str:
    c, user = request.congress, request.user
    if what == "sign":
        actions.sign_questioning(c, q, actor=user, person=data.get("person"))
        return "已联名"
    if what == "withdraw":
        actions.withdraw_signature(c, q, actor=user)
        return "已撤回联名"
    if what == "file":
        actions.file_questioning(c, q, actor=user)
        return "质询案已提出"
    if what == "decide":
        actions.decide_questioning(c, q, actor=user, decision=data["decision"], meeting=data["meeting"],
                                   mode=data["mode"], answer_by=data["answer_by"], reason=data["reason"])
        return "决定已记录"
    if what == "answer":
        answer = actions.record_questioning_answer(c, q, actor=user, answerer=data["answerer"], text=data["text"],
                                                   answered_on=data["answered_on"], document=data["document"],
                                                   mode=data["mode"])
        return f"第{answer.round}次答复已记录"
    actions.rate_questioning_answer(c, q, actor=user, satisfied=data["satisfied"], person=data.get("person"))
    return "评价已记录"


@require_POST
def questioning_action(request, congress_code, questioning_id, what):
    if what not in STEPS:
        raise Http404
    denied = gate(request, STEPS[what])
    if denied:
        return denied
    q = questioning_for(request, questioning_id)
    form = _form(what, request, q)
    if form.is_valid():
        try:
            done = _take(what, request, q, form.cleaned_data)
        except (ValidationError, PermissionDenied, NotFound) as error:
            refuse(form, error)
        else:
            messages.success(request, done)
            return redirect("questioning_detail", congress_code=congress_code, questioning_id=q.pk)
    q.refresh_from_db()
    return render(request, "oversight/questioning_detail.html", context(request, q, {what: form}), status=422)


urlpatterns: list = [
    path("oversight/questionings/", questioning_list, name="questioning_list"),
    path("oversight/questionings/<int:questioning_id>/", questioning_detail, name="questioning_detail"),
    path("oversight/questionings/<int:questioning_id>/answers/<int:answer_id>/file/", answer_file,
         name="questioning_answer_file"),
    path("oversight/questionings/<int:questioning_id>/do/<str:what>/", questioning_action, name="questioning_action"),
]
