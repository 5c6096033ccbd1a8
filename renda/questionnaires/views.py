"""Pages for questionnaires: the staff's list, builder, codes and live results (with the export), and
the public answer page behind the QR code (no account; one answer per browser or per code)."""

from __future__ import annotations

import re
import secrets

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.db.models import Q as Where
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from renda.core import downloads
from renda.core.permissions import may
from renda.core.spreadsheets import Column, describe_filters, export_response, wanted
from renda.core.views_helpers import add_action_errors, flash_errors, get_or_404, is_htmx, requires
from renda.people.validation import id_or_none
from renda.questionnaires import actions, guard, reports
from renda.questionnaires.forms import (
    AnswerForm,
    CodesForm,
    QuestionForm,
    QuestionFormSet,
    QuestionnaireForm,
    question_initial,
)
from renda.questionnaires.models import AnswerCode, Question, Questionnaire, Response
from renda.questionnaires.tally import tally

Q = Questionnaire.Status
PREFIX = "questions"
ROW_FIELDS = list(QuestionForm.base_fields)
COOKIE_DAYS = 400  # the longest a browser keeps a cookie
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
TEXTS_SHOWN = 200  # free-text answers listed on the results page; the export has them all


def get_questionnaire(request, questionnaire_id) -> Questionnaire:
    return get_or_404(Questionnaire.objects.in_congress(request.congress), questionnaire_id, "找不到该问卷")


def public_link(request, questionnaire: Questionnaire) -> str:
    return request.build_absolute_uri(reverse("questionnaire_answer", args=[request.congress.code,
                                                                            questionnaire.link_code]))


def qr_svg(link: str, scale: int = 5):
    return mark_safe(segno.make(link, error="m").svg_inline(scale=scale, dark="#000", light="#fff"))  # noqa: S308 (our own SVG)


def _questions(questionnaire: Questionnaire) -> list[Question]:
    return list(Question.objects.in_congress(questionnaire.congress_id).filter(questionnaire=questionnaire))


# ── staff ──

# The list's export (core.spreadsheets): each questionnaire with its times and the number of answers.
LIST_COLUMNS = [
    Column("问卷", lambda r: r[0].title), Column("状态", lambda r: r[0].get_status_display()),
    Column("答卷方式", lambda r: r[0].get_access_display()), Column("开始时间", lambda r: r[0].opened_at, "datetime"),
    Column("截止时间", lambda r: r[0].closes_at, "datetime"), Column("结束时间", lambda r: r[0].closed_at, "datetime"),
    Column("答卷数", lambda r: r[1], "int"),
]

@requires("view_questionnaire_results")
def questionnaire_list(request, congress_code):
    congress = request.congress
    found = Questionnaire.objects.in_congress(congress)
    status = request.GET.get("status", "")
    if status in Questionnaire.Status.values:
        found = found.filter(status=status)
    else:
        status = ""
    q = request.GET.get("q", "").strip()[:100]
    if q:
        found = found.filter(Where(title__icontains=q) | Where(intro__icontains=q))
    if fmt := wanted(request):
        answered = dict(Response.objects.in_congress(congress).filter(questionnaire__in=found).values("questionnaire")
                        .annotate(n=Count("id")).values_list("questionnaire", "n"))
        rows = [(item, answered.get(item.pk, 0)) for item in found]
        return export_response(request, subject="问卷调查", columns=LIST_COLUMNS, rows=rows, fmt=fmt,
                               filters=describe_filters([
                                   ("状态", Questionnaire.Status(status).label if status else ""), ("关键词", q)]))
    return render(request, "questionnaires/list.html", {
        "items": list(found), "q": q, "status": status, "statuses": Questionnaire.Status.choices,
        "may_build": may(request.user, congress, "build_questionnaire")})


@requires("build_questionnaire")
@require_http_methods(["GET", "POST"])
def questionnaire_new(request, congress_code):
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = actions.create_questionnaire(request.congress, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"已新建问卷“{questionnaire.title}”，请添加题目")
            return redirect("questionnaire_detail", congress_code, questionnaire.pk)
    return render(request, "questionnaires/new.html", {"form": form}, status=422 if form.errors else 200)


BROKEN_EDITOR = (f"题目表单不完整或已损坏（缺少题目数量，或题目数量不是 0 至 {actions.MAX_QUESTIONS} 的整数），"
                 "未作任何修改。请刷新页面后重新编辑。")
TOO_MANY_ROWS = f"一份问卷最多 {actions.MAX_QUESTIONS} 题，不能再添加"


def _rows(post) -> list[dict] | None:
    """The question rows as typed (strings), in the order on the page; None when the form's count of
    rows is missing or not a whole number from 0 to the most a questionnaire has (a broken form, which
    must not be read as "no questions")."""
    total = post.get(f"{PREFIX}-TOTAL_FORMS", "").strip()
    if not (total.isascii() and total.isdecimal()) or len(total) > 4 or int(total) > actions.MAX_QUESTIONS:
        return None
    return [{f: post.get(f"{PREFIX}-{i}-{f}", "") for f in ROW_FIELDS} for i in range(int(total))]


def _bound(rows: list[dict]):
    data = {f"{PREFIX}-TOTAL_FORMS": str(len(rows)), f"{PREFIX}-INITIAL_FORMS": "0",
            f"{PREFIX}-MIN_NUM_FORMS": "0", f"{PREFIX}-MAX_NUM_FORMS": str(actions.MAX_QUESTIONS)}
    for i, row in enumerate(rows):
        data.update({f"{PREFIX}-{i}-{f}": v for f, v in row.items() if v not in ("", None)})
    return QuestionFormSet(data, prefix=PREFIX)


def _new_row() -> dict:
    return {"kind": Question.Kind.SINGLE, "required": "on", "scale_min": "1", "scale_max": "5"}


def _settings_form(questionnaire: Questionnaire, data=None) -> QuestionnaireForm:
    """Once open, only the closing time may change: the other fields are shown, not sent."""
    form = QuestionnaireForm(data, initial={f: getattr(questionnaire, f) for f in QuestionnaireForm.base_fields})
    if questionnaire.status == Q.OPEN:
        for name in ("title", "intro", "access"):
            form.fields[name].disabled = True
    return form


def _detail_page(request, questionnaire: Questionnaire, *, formset=None, settings_form=None, page_errors=(),
                 status=200):
    congress = request.congress
    may_build = may(request.user, congress, "build_questionnaire")
    questions = _questions(questionnaire)
    if formset is None and questionnaire.status == Q.DRAFT and may_build:
        formset = QuestionFormSet(prefix=PREFIX, initial=[question_initial(q) for q in questions] or [{
            "kind": Question.Kind.SINGLE, "required": True, "scale_min": 1, "scale_max": 5}])
    if settings_form is None and may_build and questionnaire.status in (Q.DRAFT, Q.OPEN):
        settings_form = _settings_form(questionnaire)
    link = public_link(request, questionnaire)
    return render(request, "questionnaires/detail.html", {
        "q": questionnaire, "questions": questions, "formset": formset, "settings_form": settings_form,
        "page_errors": page_errors, "link": link,
        "qr": qr_svg(link) if questionnaire.status != Q.DRAFT else "",
        "accepting": actions.accepting(questionnaire), "may_build": may_build,
        "may_open": may(request.user, congress, "open_questionnaire"),
        "may_close": may(request.user, congress, "close_questionnaire"),
        "may_codes": may(request.user, congress, "issue_answer_codes"),
        "codes": AnswerCode.objects.in_congress(congress).filter(questionnaire=questionnaire).count(),
    }, status=status)


@requires("view_questionnaire_results")
def questionnaire_detail(request, congress_code, questionnaire_id):
    return _detail_page(request, get_questionnaire(request, questionnaire_id))


@requires("build_questionnaire")
@require_POST
def questionnaire_questions(request, congress_code, questionnaire_id):
    """The question editor: "add", "drop" and "up" re-render every row as typed; "save" sets them. (Not
    "remove": a control of that name would hide the form's own remove(), which htmx calls to swap it.)"""
    questionnaire = get_questionnaire(request, questionnaire_id)
    rows = _rows(request.POST)
    if rows is None:
        return _detail_page(request, questionnaire, page_errors=[BROKEN_EDITOR], status=422)
    focus = None
    if "add" in request.POST:
        if len(rows) >= actions.MAX_QUESTIONS:
            return _detail_page(request, questionnaire, formset=_bound(rows), page_errors=[TOO_MANY_ROWS], status=422)
        rows.append(_new_row())
        focus = len(rows) - 1
    elif request.POST.get("drop", "").isdecimal() and int(request.POST["drop"]) < len(rows):
        rows.pop(int(request.POST["drop"]))
    elif request.POST.get("up", "").isdecimal() and 0 < int(request.POST["up"]) < len(rows):
        i = int(request.POST["up"])
        rows[i - 1], rows[i] = rows[i], rows[i - 1]
        focus = i - 1
    else:
        return _save_questions(request, questionnaire, rows)
    formset = _bound(rows)
    if focus is not None and focus < len(formset.forms):  # the row just added or moved, to type on
        formset.forms[focus].fields["text"].widget.attrs["autofocus"] = True
    return _detail_page(request, questionnaire, formset=formset)


def _save_questions(request, questionnaire: Questionnaire, rows: list[dict]):
    formset = _bound(rows)
    if formset.is_valid():
        used = [f for f in formset.forms if not f.is_blank()]
        try:
            actions.set_questions(request.congress, questionnaire, actor=request.user,
                                  questions=[f.question_data() for f in used])
        except ValidationError as error:
            page_errors = []
            for key, texts in error.message_dict.items():
                parts = key.split(".")
                if len(parts) == 3 and parts[0] == "questions" and parts[1].isdecimal() and int(parts[1]) < len(used):
                    form = used[int(parts[1])]
                    form.add_error(parts[2] if parts[2] in form.fields else None, texts)
                else:
                    page_errors.extend(texts)
        else:
            messages.success(request, f"已保存 {len(used)} 道题目")
            return redirect("questionnaire_detail", request.congress.code, questionnaire.pk)
        return _detail_page(request, questionnaire, formset=formset, page_errors=page_errors, status=422)
    return _detail_page(request, questionnaire, formset=formset, status=422)


@requires("build_questionnaire")
@require_POST
def questionnaire_edit(request, congress_code, questionnaire_id):
    questionnaire = get_questionnaire(request, questionnaire_id)
    form = _settings_form(questionnaire, request.POST)
    if form.is_valid():
        try:
            actions.edit_questionnaire(request.congress, questionnaire, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "已保存问卷设置")
            return redirect("questionnaire_detail", congress_code, questionnaire.pk)
    questionnaire.refresh_from_db()
    return _detail_page(request, questionnaire, settings_form=form, status=422)


STEPS = {"open": (actions.open_questionnaire, "已发布问卷，现在可以扫码填写"),
         "close": (actions.close_questionnaire, "已结束问卷，不再接受填写")}


@require_POST
def questionnaire_step(request, congress_code, questionnaire_id, what):
    if what not in STEPS:
        raise Http404("没有这个操作")
    step, done = STEPS[what]
    return _gated_step(request, questionnaire_id, step, done, f"{what}_questionnaire")


def _gated_step(request, questionnaire_id, step, done, permission):
    @requires(permission)
    def run(request):
        questionnaire = get_questionnaire(request, questionnaire_id)
        try:
            step(request.congress, questionnaire, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            flash_errors(request, error)
        else:
            messages.success(request, done)
        return redirect("questionnaire_detail", request.congress.code, questionnaire.pk)

    return run(request)


@requires("issue_answer_codes")
@require_http_methods(["GET", "POST"])
def questionnaire_codes(request, congress_code, questionnaire_id):
    congress = request.congress
    questionnaire = get_questionnaire(request, questionnaire_id)
    if questionnaire.access != Questionnaire.Access.CODES:
        raise Http404("本问卷通过公开链接填写，没有答卷码")
    form = CodesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = actions.issue_answer_codes(congress, questionnaire, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"已生成 {len(made)} 个答卷码")
            return redirect(reverse("questionnaire_code_sheet", args=[congress.code, questionnaire.pk])
                            + f"?first={made[0].pk}&last={made[-1].pk}")
    codes = AnswerCode.objects.in_congress(congress).filter(questionnaire=questionnaire)
    batches: dict[str, dict] = {}
    for code in codes.values("batch", "used_at"):
        entry = batches.setdefault(code["batch"], {"batch": code["batch"], "count": 0, "used": 0})
        entry["count"] += 1
        entry["used"] += code["used_at"] is not None
    return render(request, "questionnaires/codes.html", {
        "q": questionnaire, "form": form, "batches": list(batches.values())}, status=422 if form.errors else 200)


@requires("issue_answer_codes")
def questionnaire_code_sheet(request, congress_code, questionnaire_id):
    """Slips to print and cut apart: each with its code and a QR code of the link with the code in it.
    ``?batch=`` one batch, ``?first=&last=`` the codes just made; unused codes only unless ``?all=1``."""
    congress = request.congress
    questionnaire = get_questionnaire(request, questionnaire_id)
    codes = AnswerCode.objects.in_congress(congress).filter(questionnaire=questionnaire)
    if "batch" in request.GET:
        codes = codes.filter(batch=request.GET["batch"])
    first, last = id_or_none(request.GET.get("first")), id_or_none(request.GET.get("last"))
    if first is not None and last is not None:
        codes = codes.filter(pk__gte=first, pk__lte=last)
    if request.GET.get("all") != "1":
        codes = codes.filter(used_at__isnull=True)
    link = public_link(request, questionnaire)
    slips = [{"code": c.code, "pretty": f"{c.code[:4]}-{c.code[4:]}", "batch": c.batch,
              "qr": qr_svg(f"{link}?code={c.code}", scale=3)} for c in codes[: actions.MAX_CODES]]
    return render(request, "questionnaires/code_sheet.html", {"q": questionnaire, "slips": slips, "link": link})


def _bars(figures: dict) -> dict:
    """The tally with the texts cut to what the page lists."""
    for row in figures["questions"]:
        if "texts" in row:
            row["more_texts"] = max(len(row["texts"]) - TEXTS_SHOWN, 0)
            row["texts"] = row["texts"][-TEXTS_SHOWN:][::-1]
    return figures


@requires("view_questionnaire_results")
def questionnaire_results(request, congress_code, questionnaire_id):
    """Live tallies: while answers come in the figures refresh every 10 seconds (htmx)."""
    questionnaire = get_questionnaire(request, questionnaire_id)
    context = {"q": questionnaire, "t": _bars(tally(questionnaire)), "accepting": actions.accepting(questionnaire)}
    if is_htmx(request):
        return render(request, "questionnaires/_results.html", context)
    return render(request, "questionnaires/results.html", context)


@requires("view_questionnaire_results")
def questionnaire_export(request, congress_code, questionnaire_id):
    questionnaire = get_questionnaire(request, questionnaire_id)
    response = HttpResponse(reports.responses_xlsx(questionnaire),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return downloads.attachment(response, downloads.dated(f"{questionnaire.title}答卷", "xlsx"))


# ── the public ──

def _public_questionnaire(request, link_code) -> Questionnaire:
    questionnaire = Questionnaire.objects.in_congress(request.congress).filter(link_code=link_code).first()
    if questionnaire is None or questionnaire.status == Q.DRAFT:
        raise Http404("找不到该问卷")
    return questionnaire


def _cookie_name(questionnaire: Questionnaire) -> str:
    return f"renda_q{questionnaire.pk}"


@require_http_methods(["GET", "POST"])
def answer(request, congress_code, link_code):
    """The form behind the QR code: one column, each question a fieldset. No account. One answer per
    browser (a long-lived random cookie; only its digest is stored) or per code; so many answers an
    hour per network address (guard)."""
    congress = request.congress
    questionnaire = _public_questionnaire(request, link_code)
    by_link = questionnaire.access == Questionnaire.Access.LINK
    cookie = _cookie_name(questionnaire)
    token = request.COOKIES.get(cookie, "")
    if not TOKEN.match(token):
        token = ""
    issued = token or secrets.token_urlsafe(24)
    context: dict = {"q": questionnaire, "state": "form", "limited": False}
    address = request.META.get("REMOTE_ADDR", "")
    questions = _questions(questionnaire)
    status = 200
    if not actions.accepting(questionnaire):
        context["state"] = "closed"
    elif request.method == "POST":
        form = AnswerForm(request.POST, questionnaire=questionnaire, questions=questions, auto_id="f_%s")
        context["form"] = form
        if not form.is_valid():
            status = 422  # sent back with its errors: nothing written, the hour's count untouched
        else:
            admitted, error = _submit(request, questionnaire, form, issued, address)
            if not admitted:  # the form again, every answer kept, the limit said above it
                context["limited"], status = True, 429
            elif error is None:
                done = redirect("questionnaire_thanks", congress.code, questionnaire.link_code)
                return _with_cookie(request, done, questionnaire, issued) if by_link else done
            elif actions.ANSWERED in error.messages:
                context["state"], status = "answered", 409
            elif actions.CLOSED in error.messages:
                context["state"] = "closed"
            else:
                add_action_errors(form, error)
                status = 422
    else:
        if by_link and actions.has_answered(congress, questionnaire, token=token):
            context["state"] = "answered"
        elif guard.refused(congress, questionnaire, address):  # the form is still shown, the limit above it
            context["limited"], status = True, 429
        code = actions.normalise_code(request.GET.get("code", ""))[:20]
        context["form"] = AnswerForm(initial={"code": code}, questionnaire=questionnaire, questions=questions,
                                     auto_id="f_%s")
    context["refusal"] = guard.REFUSAL
    page = render(request, "questionnaires/answer.html", context, status=status)
    return _with_cookie(request, page, questionnaire, issued) if by_link and not token else page


ANSWER_FIELD = re.compile(r"^q\d+$")


def _submit(request, questionnaire: Questionnaire, form: AnswerForm, token: str,
            address: str) -> tuple[bool, ValidationError | None]:
    """Count a valid form against its address (guard) and answer, in one transaction: (False, None)
    when the address is at its limit; else (True, the action's refusal or None). A refusal of the
    answers themselves (a required question left blank…) gives the count back, as an invalid form
    never took one; a wrong or used code, or a second answer from one browser, keeps it counted."""
    congress = request.congress
    with transaction.atomic():
        if not guard.admit(congress, questionnaire, address):
            return False, None
        try:
            actions.answer_questionnaire(congress, questionnaire, actor=request.user, respondent_token=token,
                                         answers=form.answers(), code=form.cleaned_data.get("code"))
        except ValidationError as error:
            if hasattr(error, "error_dict") and all(ANSWER_FIELD.match(key) for key in error.message_dict):
                transaction.set_rollback(True)
            return True, error
    return True, None


def _with_cookie(request, response, questionnaire: Questionnaire, token: str):
    response.set_cookie(_cookie_name(questionnaire), token, max_age=COOKIE_DAYS * 86400, httponly=True, samesite="Lax",
                        secure=request.is_secure(),
                        path=reverse("questionnaire_answer", args=[request.congress.code, questionnaire.link_code]))
    return response


def thanks(request, congress_code, link_code):
    return render(request, "questionnaires/answer.html", {"q": _public_questionnaire(request, link_code),
                                                          "state": "thanks"})
