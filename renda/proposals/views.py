from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renda.answer_quality import queries as answer_quality
from renda.core import downloads, export_jobs, jinja, spreadsheets, versioned
from renda.core.kept_pages import kept_page
from renda.core.models import Term
from renda.core.permissions import check_permission, may
from renda.core.views_helpers import (
    add_action_errors,
    flash_errors,
    get_or_404,
    is_htmx,
    requires,
    year_param,
)
from renda.meetings.models import Meeting
from renda.people.models import Organisation
from renda.proposals import actions, exports, forms, queries, reports
from renda.proposals.models import Author, Commitment, HandlingRequest, Notice, Suggestion

HANDLING = ("assigned", "rehandling")


def get_suggestion_for_user(request, suggestion_id) -> Suggestion:
    """The item if this user may read it (proposals.queries.readable); 404 otherwise — the same answer
    as for an item that does not exist."""
    return get_or_404(queries.readable(request.congress, request.user).select_related("session", "term", "merged_into"),
                      suggestion_id, "找不到该议案建议")


def public_status(item: Suggestion) -> str:
    """The status in plain words for the public (收到、正在办理、已答复)."""
    if item.status in ("answered", "closed"):
        return "已答复"
    if item.status in HANDLING or item.status == "accepted":
        return "正在办理"
    return "收到"


@requires("save_suggestion_draft")
def my_suggestions(request, congress_code):
    """A deputy's own items (lead or co-signer) with their status and what each needs from them."""
    congress = request.congress
    person = getattr(request.user, "person", None)
    q, status = queries.keyword(request.GET.get("q", "")), request.GET.get("status", "")
    status = status if status in Suggestion.Status.values else ""
    ids = Author.objects.in_congress(congress).filter(person=person).values("suggestion_id")
    found = queries.matching(Suggestion.objects.in_congress(congress).filter(pk__in=ids), q)
    if status:
        found = found.filter(status=status)
    items = list(found.prefetch_related("answers__commitments", "answers__ratings", "assignments__unit")
                 .order_by("-id"))
    for item in items:
        item.todo = _deputy_todo(item, person)
    if fmt := spreadsheets.wanted(request):
        return spreadsheets.export_response(
            request, subject="我的议案建议", columns=exports.MINE, rows=items, fmt=fmt,
            filters=spreadsheets.describe_filters([("状态", Suggestion.Status(status).label if status else ""),
                                                   ("关键词", q)]))
    to_confirm = (Author.objects.in_congress(congress).filter(person=person, confirmed=False)
                  .exclude(suggestion__status="withdrawn").select_related("suggestion"))
    return render(request, "proposals/mine.html", {
        "items": items, "to_confirm": to_confirm, "q": q, "status": status, "statuses": Suggestion.Status.choices,
        "notices": Notice.objects.in_congress(congress).filter(person=person)[:10] if person else []})


def _deputy_todo(item: Suggestion, person) -> str:
    """What the item needs from this deputy now, in a few words (read from prefetched rows)."""
    answers = list(item.answers.all())
    if item.status == "answered" and answers and not any(r.person_id == person.pk for r in answers[-1].ratings.all()):
        return "请评价答复"
    if any(c.done_on and not c.confirmed_on for a in answers for c in a.commitments.all()):
        return "请确认承诺事项"
    if item.status in ("draft", "returned"):
        return "待修改提交" if item.status == "returned" else "草稿，未提交"
    return ""


# ---------------------------------------------------------------------------------------------------
# The draft editor


def _draft_initial(congress, item: Suggestion | None) -> dict:
    if item is None:
        return {"kind": Suggestion.Kind.SUGGESTION}
    co = [a.person for a in Author.objects.in_congress(congress).filter(suggestion=item, lead=False).select_related("person")]
    return {"kind": item.kind, "session": item.session_id, "title": item.title, "category": item.category,
            "body": item.body, "co_signers": co}


def _render_editor(request, item: Suggestion | None, form, status: int = 200):
    congress = request.congress
    return render(request, "proposals/edit.html", {
        "item": item, "form": form, "short": actions.cosigners_short(congress, item) if item else 0,
        "attachments": item.attachments.all() if item else [],
        "authors": Author.objects.in_congress(congress).filter(suggestion=item).select_related("person") if item else [],
    }, status=status)


def _autosaved(request, item: Suggestion, created: bool, note: str = "") -> HttpResponse:
    """The autosave answer: the time saved; for the first save also the draft's id for the next saves,
    its attachments box, and its own address (so a reload finds the draft)."""
    text = f"已自动保存 {timezone.localtime(item.updated_at):%H:%M:%S}" + (f"（{note}）" if note else "")
    if not created:
        return HttpResponse(text)
    extra = format_html('<input type="hidden" name="draft" id="draft" value="{}" hx-swap-oob="true">', item.pk)
    card = render_to_string("proposals/_attachments.html", {"item": item, "attachments": [], "oob": True}, request=request)
    response = HttpResponse(text + extra + card)
    response["HX-Replace-Url"] = reverse("suggestion_edit", kwargs={"congress_code": request.congress.code,
                                                                    "suggestion_id": item.pk})
    return response


@requires("save_suggestion_draft")
@require_http_methods(["GET", "POST"])
def edit(request, congress_code, suggestion_id=None):
    """The editor saves as the deputy types (htmx, a second after each pause); submitting is separate.
    An empty editor makes no draft: the first save that carries something typed creates it, and later
    saves go to it (the page learns its id from the first answer)."""
    congress = request.congress
    item = get_suggestion_for_user(request, suggestion_id) if suggestion_id else None
    draft_id = request.POST.get("draft", "")
    if item is None and draft_id.isdecimal():
        item = get_suggestion_for_user(request, int(draft_id))
    if item is not None and request.method == "GET" and (
            item.status not in ("draft", "returned")
            or not Author.objects.in_congress(congress).filter(suggestion=item, person=getattr(request.user, "person", None),
                                                               lead=True).exists()):
        return redirect("suggestion_detail", congress_code=congress_code, suggestion_id=item.pk)
    if request.method == "GET":
        return _render_editor(request, item, forms.DraftForm(congress=congress, item=item, auto_id="%s",
                                                             initial=_draft_initial(congress, item)))
    form = forms.DraftForm(request.POST, congress=congress, item=item, auto_id="%s")
    htmx, submit = is_htmx(request), bool(request.POST.get("submit"))
    if item is None and not form.typed_something():
        if htmx:
            return HttpResponse("", status=204)  # nothing typed yet: nothing to keep
        form.add_error(None, "还没有填写任何内容，没有保存。")
        return _render_editor(request, item, form)
    valid = form.is_valid()
    if htmx and not valid and set(form.errors) == {"co_signers"}:
        # Typing a co-signer's name half-way must not stop the rest from being saved.
        note = "；".join(form.errors["co_signers"]) + "，请从列表中选择"
        item, created = _save_draft(request, item, form.cleaned_data, co_signers=None)
        return _autosaved(request, item, created, note)
    if not valid:
        if htmx:
            return HttpResponse("；".join(m for ms in form.errors.values() for m in ms), status=422)
        return _render_editor(request, item, form)
    created = False
    try:
        item, created = _save_draft(request, item, form.cleaned_data, co_signers=form.cleaned_data["co_signers"])
        if htmx:
            return _autosaved(request, item, created)
        if submit:
            actions.submit_suggestion(congress, item, actor=request.user)
            messages.success(request, f"“{item}”已提交，请等待审查。")
            return redirect("suggestion_detail", congress_code=congress_code, suggestion_id=item.pk)
    except (ValidationError, PermissionDenied) as error:
        if htmx:
            return HttpResponse("；".join(getattr(error, "messages", None) or [str(error)]), status=422)
        _add_errors(form, error)
        return _render_editor(request, item, form)
    messages.success(request, "草稿已保存。")
    return redirect("suggestion_edit", congress_code=congress_code, suggestion_id=item.pk)


def _save_draft(request, item: Suggestion | None, data: dict, co_signers) -> tuple[Suggestion, bool]:
    congress = request.congress
    saved = actions.save_suggestion_draft(
        congress, actor=request.user, term=Term.objects.in_congress(congress).order_by("-number").first(),
        suggestion=item, session=data.get("session"), kind=data.get("kind") or Suggestion.Kind.SUGGESTION,
        title=data.get("title", ""), body=data.get("body", ""), category=data.get("category", ""), co_signers=co_signers)
    return saved, item is None


def _add_errors(form, error) -> None:
    if isinstance(error, ValidationError):
        add_action_errors(form, error)
    else:
        form.add_error(None, str(error))


@requires("attach_to_suggestion")
@require_POST
def attach(request, congress_code, suggestion_id):
    item = get_suggestion_for_user(request, suggestion_id)
    try:
        actions.attach_to_suggestion(request.congress, item, actor=request.user, upload=request.FILES.get("file"))
        messages.success(request, "附件已上传")
    except (ValidationError, PermissionDenied) as error:
        flash_errors(request, error)
    return redirect("suggestion_edit", congress_code=congress_code, suggestion_id=item.pk)


def attachment(request, congress_code, suggestion_id, attachment_id):
    """Authors, the congress's staff and the assigned units' officers may fetch an item's attachments;
    to anyone else they do not exist (the public reads a published item, not its files)."""
    from django.http import FileResponse

    from renda.proposals.models import Attachment

    item = get_suggestion_for_user(request, suggestion_id)
    found = get_or_404(Attachment.objects.in_congress(request.congress).filter(suggestion=item), attachment_id, "找不到该附件")
    if not queries.access(request.congress, request.user, item).inside:
        raise Http404("找不到该附件")
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


@require_POST
def confirm(request, congress_code, suggestion_id):
    item = get_suggestion_for_user(request, suggestion_id)
    try:
        actions.confirm_cosign(request.congress, item, actor=request.user)
        messages.success(request, f"已确认联名“{item}”。")
    except (ValidationError, PermissionDenied) as error:
        flash_errors(request, error)
    return redirect(_back(request, item))


# ---------------------------------------------------------------------------------------------------
# The item page: one page for everyone who may read the item, with the tools of their role


def _forms(request, item: Suggestion) -> dict[str, django_forms.Form]:
    """Every form the item page may show, unbound; each with its own ids (several share field names)."""
    congress = request.congress
    classes = actions.outcome_classes(congress)
    return {
        "contact": forms.ContactForm(auto_id="contact-%s", initial={"on": timezone.localdate()}),
        "answer": forms.AnswerForm(classes=classes, auto_id="answer-%s"),
        "opinion": forms.OpinionForm(auto_id="opinion-%s"),
        "request": forms.HandlingRequestForm(auto_id="request-%s"),
        "rate": forms.RatingForm(auto_id="rate-%s"),
        "return": forms.ReturnForm(auto_id="return-%s"),
        "merge": forms.MergeForm(congress=congress, item=item, auto_id="merge-%s"),
        "assign": forms.AssignForm(congress=congress, auto_id="assign-%s"),
        "supervise": forms.SuperviseForm(congress=congress, auto_id="supervise-%s"),
    }


def _bound(what: str, request, item: Suggestion) -> django_forms.Form | None:
    """The form of ``what`` bound to what was posted (None for a button with nothing typed)."""
    congress, data = request.congress, request.POST
    made: dict[str, Callable[[], django_forms.Form]] = {
        "contact": lambda: forms.ContactForm(data, auto_id="contact-%s"),
        "answer": lambda: forms.AnswerForm(data, classes=actions.outcome_classes(congress), auto_id="answer-%s"),
        "opinion": lambda: forms.OpinionForm(data, auto_id="opinion-%s"),
        "request": lambda: forms.HandlingRequestForm(data, auto_id="request-%s"),
        "rate": lambda: forms.RatingForm(data, auto_id="rate-%s"),
        "done": lambda: forms.DoneForm(data, auto_id=f"done{data.get('commitment', '')}-%s"),
        "return": lambda: forms.ReturnForm(data, auto_id="return-%s"),
        "merge": lambda: forms.MergeForm(data, congress=congress, item=item, auto_id="merge-%s"),
        "assign": lambda: forms.AssignForm(data, congress=congress, auto_id="assign-%s"),
        "supervise": lambda: forms.SuperviseForm(data, congress=congress, auto_id="supervise-%s"),
        "decide": lambda: forms.DecideForm(data, congress=congress, auto_id=f"decide{data.get('request', '')}-%s"),
    }
    return made[what]() if what in made else None


def _render_item(request, item: Suggestion, bound: dict | None = None, status: int = 200):
    congress, user = request.congress, request.user
    reader = queries.access(congress, user, item)
    inside = reader.inside
    page_forms = {**_forms(request, item), **(bound or {})}
    answers = list(item.answers.select_related("unit").prefetch_related("commitments", "ratings__person"))
    quality = answer_quality.flags_by_answer(congress, user, answers)  # staff only: advisory 套话、答非所问
    for a in answers:
        a.quality_flags = quality.get(a.pk, [])  # type: ignore[attr-defined]
    handling = item.status in HANDLING
    me = getattr(user, "person", None) if user.is_authenticated else None
    latest = answers[-1] if answers else None
    rated = latest is not None and me is not None and any(r.person_id == me.pk for r in latest.ratings.all())
    author, lead_author = reader.author, reader.author is not None and reader.author.lead
    confirmed = author is not None and author.confirmed
    requests = list(item.handling_requests.select_related("unit")) if (reader.staff or reader.unit) else []
    may_decide = may(user, congress, "decide_handling_request")
    bound = bound or {}
    done_forms = [(c, bound.get(f"done{c.pk}") or forms.DoneForm(initial={"commitment": c.pk}, auto_id=f"done{c.pk}-%s"))
                  for a in answers for c in a.commitments.all() if not c.done_on] if reader.lead_unit else []
    for r in requests:  # the form shown under each pending request, for those who decide
        pending = r.status == "pending" and may_decide and reader.staff
        r.decide_form = (bound.get(f"decide{r.pk}") or forms.DecideForm(  # type: ignore[attr-defined]
            congress=congress, initial={"request": r.pk}, auto_id=f"decide{r.pk}-%s")) if pending else None
    context: dict[str, Any] = {
        "item": item, "reader": reader, "inside": inside, "public_status": public_status(item),
        "authors": list(item.authors.select_related("person")),
        "answers": answers, "forms": page_forms, "done_forms": done_forms,
        "may_review_list": may(user, congress, "accept_suggestion"),
        "history": queries.history(congress, item, inside=inside),
        "stepper": queries.stepper(congress, item, internal=reader.staff or reader.unit),
        "merged": list(item.merged.all()) if inside else [],
        # what this reader may do here
        "as_author": {
            "confirm_cosign": author is not None and not author.confirmed and item.status not in ("withdrawn", "merged"),
            "edit": lead_author and item.status in ("draft", "returned"),
            "withdraw": lead_author and item.status in ("draft", "submitted", "returned"),
            "waive": confirmed and handling and not item.contact_waived,
            "rate": confirmed and item.status == "answered" and not rated,
            "confirm_commitments": confirmed,
        },
        "as_unit": {
            "contact": reader.unit and handling,
            "answer": reader.lead_unit and handling,
            "opinion": reader.co_unit and handling and any(not a.lead and not a.opinion_on for a in reader.assignments),
            "request": reader.unit and handling and not any(r.status == "pending" and r.unit_id in
                                                            {a.unit_id for a in reader.assignments} for r in requests),
        },
        "as_staff": {
            "review": reader.staff and item.status == "submitted" and may(user, congress, "accept_suggestion"),
            "assign": reader.staff and item.status == "accepted" and may(user, congress, "assign_suggestion"),
            "supervise": reader.staff and not item.key_supervision and item.status in (
                "accepted", "assigned", "answered", "rehandling") and may(user, congress, "mark_key_supervision"),
            "confidential": reader.staff and may(user, congress, "set_confidential"),
        },
        "may_decide": may_decide,
    }
    if inside:
        context.update({
            "attachments": list(item.attachments.all()),
            "assignments": list(item.assignments.select_related("unit")),
            "contacts": list(item.contacts.select_related("unit")),
            "requests": requests,
        })
    if context["as_staff"]["assign"]:
        from renda.routing.queries import for_assignment_page

        context["routing"] = for_assignment_page(congress, user, item)
        if "assign" not in bound and context["routing"] and context["routing"].ranked:
            page_forms["assign"].initial = {"lead_unit": context["routing"].ranked[0].unit_id}
    context["tools"] = any(context["as_author"].values()) or any(context["as_unit"].values()) or \
        any(context["as_staff"].values()) or bool(done_forms)
    return render(request, "proposals/detail.html", context, status=status)


def suggestion_detail(request, congress_code, suggestion_id):
    """One item, for everyone who may read it: authors and co-signers, the units it is assigned to, staff,
    and — once its answer is published — the public; each sees what their role may see, and the tools
    of their role. To anyone else it does not exist (404)."""
    return _render_item(request, get_suggestion_for_user(request, suggestion_id))


@dataclass(frozen=True)
class Step:
    run: Callable  # (request, item, cleaned data) -> the success message
    back: str = "detail"


def _commitment(request, item: Suggestion, pk) -> Commitment:
    return get_or_404(Commitment.objects.in_congress(request.congress).filter(answer__suggestion=item), pk or 0,
                      "找不到该承诺事项")


def _units(request):
    return Organisation.objects.in_congress(request.congress)


def _do_decide(request, item, d) -> str:
    found = get_or_404(HandlingRequest.objects.in_congress(request.congress).filter(suggestion=item), d["request"],
                       "找不到该申请")
    actions.decide_handling_request(request.congress, found, actor=request.user, grant=d["grant"], note=d["note"],
                                    new_unit=d["new_unit"])
    return "已同意该申请。" if d["grant"] else "已不同意该申请。"


STEPS: dict[str, Step] = {
    # the handling units
    "contact": Step(lambda r, s, d: (actions.record_contact(r.congress, s, actor=r.user, on=d["on"], way=d["way"],
                                                            summary=d["summary"]), "沟通情况已记录。")[1]),
    "answer": Step(lambda r, s, d: (actions.answer_suggestion(
        r.congress, s, actor=r.user, outcome=d["outcome"], text_=d["text"],
        commitments=[{"text": d["commitment"], "due_on": d["commitment_due"]}] if d.get("commitment") else []),
        "书面答复已发送，署名代表都会收到。")[1]),
    "opinion": Step(lambda r, s, d: (actions.submit_co_opinion(r.congress, s, actor=r.user, opinion=d["opinion"]),
                                     "协办意见已送主办单位。")[1]),
    "request": Step(lambda r, s, d: (actions.request_handling_change(
        r.congress, s, actor=r.user, kind=d["kind"], reason=d["reason"], months=d["months"] or 0),
        "申请已提交，等待工作人员决定。")[1]),
    "done": Step(lambda r, s, d: (actions.report_commitment_done(r.congress, _commitment(r, s, d["commitment"]),
                                                                 actor=r.user, report=d["report"]),
                                  "已报告承诺事项完成，等待代表确认。")[1]),
    # the deputies
    "confirm": Step(lambda r, s, d: (actions.confirm_commitment(r.congress, _commitment(r, s, r.POST.get("commitment")),
                                                                actor=r.user), "已确认该承诺事项办成。")[1]),
    "waive": Step(lambda r, s, d: (actions.waive_contact(r.congress, s, actor=r.user), "已告知承办单位无需沟通。")[1]),
    "withdraw": Step(lambda r, s, d: (actions.withdraw_suggestion(r.congress, s, actor=r.user), f"“{s}”已撤回。")[1],
                     back="mine"),
    "rate": Step(lambda r, s, d: (actions.rate_suggestion(r.congress, s, actor=r.user, work=d["work"], result=d["result"],
                                                          comment=d["comment"]), "评价已提交。")[1]),
    # the staff
    "accept": Step(lambda r, s, d: (actions.accept_suggestion(r.congress, s, actor=r.user,
                                                              as_suggestion=bool(r.POST.get("as_suggestion"))),
                                    f"已立案，编号{s.numbered}。")[1]),
    "return": Step(lambda r, s, d: (actions.return_suggestion(r.congress, s, actor=r.user, message=d["message"]),
                                    "已退回代表修改。")[1]),
    "merge": Step(lambda r, s, d: (actions.merge_suggestions(r.congress, d["into"], [s], actor=r.user),
                                   f"已并入{d['into'].numbered}“{d['into']}”。")[1]),
    "assign": Step(lambda r, s, d: (actions.assign_suggestion(r.congress, s, actor=r.user, lead_unit=d["lead_unit"],
                                                              co_units=list(d["co_units"]), complex_item=d["complex"]),
                                    f"已交办{d['lead_unit'].name}。")[1]),
    "supervise": Step(lambda r, s, d: (actions.mark_key_supervision(r.congress, s, actor=r.user, leader=d["leader"],
                                                                    committee=d["committee"]), "已确定为重点督办。")[1]),
    "confidential": Step(lambda r, s, d: (actions.set_confidential(r.congress, s, actor=r.user,
                                                                   confidential=r.POST.get("confidential") == "1"),
                                          "已设为不公开。" if r.POST.get("confidential") == "1" else "已改为公开答复。")[1]),
    "decide": Step(_do_decide),
}
HANDLE = {"contact", "answer", "opinion", "request", "done", "confirm", "waive", "withdraw", "rate"}
REVIEW = {"accept", "return", "merge", "assign", "supervise", "confidential", "decide"}
# The action behind each step: its permission is checked before the form is read, so a reader who may
# not take the step gets 403 with the reason instead of a page without the form they sent.
STEP_PERMISSION = {
    "contact": "record_contact", "answer": "answer_suggestion", "opinion": "submit_co_opinion",
    "request": "request_handling_change", "done": "report_commitment_done", "confirm": "confirm_commitment",
    "waive": "waive_contact", "withdraw": "withdraw_suggestion", "rate": "rate_suggestion",
    "accept": "accept_suggestion", "return": "return_suggestion", "merge": "merge_suggestions",
    "assign": "assign_suggestion", "supervise": "mark_key_supervision", "confidential": "set_confidential",
    "decide": "decide_handling_request",
}
BACK = {"detail": "suggestion_detail", "mine": "my_suggestions", "queue": "suggestion_queue", "review": "suggestion_review"}


def _back(request, item: Suggestion, default: str = "detail") -> str:
    """Where a form sends the person after success: the page it was on (one of BACK), else the item page."""
    where = request.POST.get("back") or default
    if where == "detail" or where not in BACK:
        return reverse("suggestion_detail", kwargs={"congress_code": request.congress.code, "suggestion_id": item.pk})
    return reverse(BACK[where], kwargs={"congress_code": request.congress.code})


def _perform(request, suggestion_id: int, what: str):
    """Run one step on the item. A form with something typed comes back on the item page with every value
    and the error beside its field; a button's refusal is a message on the page it came from."""
    item = get_suggestion_for_user(request, suggestion_id)
    check_permission(request.user, request.congress, STEP_PERMISSION[what])
    step = STEPS[what]
    form = _bound(what, request, item)
    key = what if what not in ("done", "decide") else f"{what}{request.POST.get('commitment' if what == 'done' else 'request', '')}"
    if form is None or form.is_valid():
        try:
            message = step.run(request, item, form.cleaned_data if form is not None else {})
            messages.success(request, message)
            return redirect(_back(request, item, step.back))
        except (ValidationError, PermissionDenied) as error:
            if form is None:
                flash_errors(request, error)
                return redirect(_back(request, item, step.back))
            if isinstance(error, PermissionDenied):
                raise  # a step this reader may not take: 403 with the reason, not a page without its form
            _add_errors(form, error)
    item.refresh_from_db()
    return _render_item(request, item, {key: form}, status=422 if is_htmx(request) else 200)


@require_POST
def handle(request, congress_code, suggestion_id, what):
    if what not in HANDLE:
        raise Http404
    return _perform(request, suggestion_id, what)


@require_POST
def review_action(request, congress_code, suggestion_id, what):
    if what not in REVIEW:
        raise Http404
    return _perform(request, suggestion_id, what)


# ---------------------------------------------------------------------------------------------------
# Lists


@requires("answer_suggestion")
@kept_page
def unit_queue(request, congress_code):
    """A handling unit's items, the nearest due date first, each opening its item page; its open
    commitments and reminders."""
    units = queries.units_of(request.congress, request.user)
    q, overdue = queries.keyword(request.GET.get("q", "")), request.GET.get("overdue") == "1"
    rows = queries.unit_queue(request.congress, units, q=q, overdue=overdue)
    if fmt := spreadsheets.wanted(request):
        return spreadsheets.export_response(
            request, subject="承办议案建议", columns=exports.UNIT_QUEUE, rows=rows, fmt=fmt,
            filters=spreadsheets.describe_filters([("只看逾期", "是" if overdue else ""), ("关键词", q)]))
    today = timezone.localdate()

    def lists() -> dict:
        page, next_after = queries.queue_page(request.congress, units, q=q, overdue=overdue,
                                              after=request.GET.get("after", ""))
        commitments = list(queries.open_commitments(request.congress, units).only(
            "congress_id", "answer__congress_id", "answer__suggestion__congress_id", "answer__suggestion__title",
            "text", "due_on")[:queries.PAGE + 1])
        return {"row_html": jinja.shared_rows("proposals/queue_rows.jinja", {"rows": page, "today": today,
                                                                            "congress": request.congress}),
                "next_after": next_after, "shown_commitments": min(len(commitments), queries.PAGE),
                "more_commitments": len(commitments) > queries.PAGE,
                "commitment_html": jinja.shared_rows("proposals/commitment_rows.jinja", {
                    "commitments": commitments[:queries.PAGE], "today": today, "congress": request.congress})}

    # The same page of the same units' queue, at the same data version and day, for each of their officers.
    kept = versioned.cached(request.congress, f"proposals:queue:{sorted(units)}:{versioned.query_key(request.GET)}",
                            lists)
    return render(request, "proposals/queue.html", {
        **kept, "row_html": jinja.with_csrf(request, kept["row_html"]),
        "commitment_html": jinja.with_csrf(request, kept["commitment_html"]), "today": today, "q": q,
        "overdue": overdue, "notices": queries.unit_notices(request.congress, units)})


def _review_filters(request) -> dict[str, str]:
    get = request.GET
    return {"status": get.get("status", ""), "unit": get.get("unit", ""), "year": get.get("year", ""),
            "q": queries.keyword(get.get("q", ""))}


def _review_export(request, fmt: str):
    congress, chosen = request.congress, _review_filters(request)
    unit = Organisation.objects.in_congress(congress).filter(pk=chosen["unit"]).first() if chosen["unit"].isdecimal() else None
    status = dict(Suggestion.Status.choices).get(chosen["status"], "")
    return spreadsheets.export_response(
        request, subject="议案建议", columns=exports.STAFF, fmt=fmt,
        rows=queries.staff_items(congress, **chosen).prefetch_related("authors__person"),
        filters=spreadsheets.describe_filters([("状态", status), ("主办单位", unit.name if unit else ""),
                                               ("年度", chosen["year"]), ("关键词", chosen["q"])]))


def _unit_options(congress, chosen: str) -> str:
    """The staff list's lead-unit filter options (every handling unit), the chosen one selected; made once
    per data version (core.versioned)."""
    options = versioned.cached(congress, "proposals:unit-options", lambda: "".join(
        format_html('<option value="{}">{}</option>', pk, name) for pk, name in Organisation.objects.in_congress(
            congress).filter(kind=Organisation.Kind.HANDLING_UNIT).values_list("pk", "name")))
    if chosen.isdecimal():
        options = options.replace(f'<option value="{chosen}">', f'<option value="{chosen}" selected>', 1)
    return mark_safe(options)  # built by format_html above


def _bulk_fields(request, form) -> str:
    """The bulk-assignment form's fields; unbound, the same for every request until the data changes."""
    def render_fields() -> str:
        return render_to_string("proposals/_bulk_fields.html", {"bulk": form}, request=request)

    if form.is_bound:
        return render_fields()
    return mark_safe(versioned.cached(request.congress, "proposals:bulk-fields", render_fields))  # our template's output


def _render_review(request, bulk_form=None, status: int = 200):
    congress, get = request.congress, request.GET
    can_assign = may(request.user, congress, "assign_suggestion")
    picked = {str(v) for v in (bulk_form.data.getlist("items") if bulk_form is not None else [])}

    def page() -> tuple[str, bool, int | None]:
        items = queries.staff_list(congress, **_review_filters(request), after=get.get("after", ""))
        rows = jinja.shared_rows("proposals/review_rows.jinja", {"items": items, "can_assign": can_assign,
                                                                "picked": picked, "congress": congress})
        return (rows, any(item.status == "accepted" for item in items),
                items[-1].pk if len(items) == queries.PAGE else None)

    if picked:  # a refused bulk assignment comes back with its ticks
        rows, any_accepted, next_after = page()
    else:  # the same page of the list, at the same data version, for every member of staff who may assign or not
        rows, any_accepted, next_after = versioned.cached(
            congress, f"proposals:review:{can_assign:d}:{versioned.query_key(get)}", page)
    # The bulk-assignment form only where it is shown: an accepted item on the page, or a refusal to show.
    shown = can_assign and (any_accepted or bulk_form is not None)
    bulk = bulk_form or (forms.BulkAssignForm(congress=congress, auto_id="bulk-%s") if shown else None)
    return jinja.page(request, "proposals/review.jinja", {
        "unit_options": _unit_options(congress, get.get("unit", "")),
        "rows": jinja.with_csrf(request, rows),
        "can_assign": can_assign, "statuses": Suggestion.Status.choices, "any_accepted": any_accepted,
        "next_after": next_after, "filters": get,
        "q": _review_filters(request)["q"], "bulk": bulk,
        "bulk_fields": _bulk_fields(request, bulk) if shown else "",
        "pending_requests": _pending_requests(request),
    }, status=status)


def _pending_requests(request) -> str:
    """The handling units' pending requests (调整、延期), shown above the list; made once per data version."""
    congress = request.congress

    def render_card() -> str:
        pending = HandlingRequest.objects.in_congress(congress).filter(status="pending").select_related("suggestion", "unit")
        return render_to_string("proposals/_pending_requests.html", {"requests": pending, "congress": congress})

    return mark_safe(versioned.cached(congress, "proposals:pending-requests", render_card))  # our template's output


@requires("accept_suggestion")
@require_GET
@kept_page
def review(request, congress_code):
    if fmt := spreadsheets.wanted(request):
        return _review_export(request, fmt)
    return _render_review(request)


@requires("assign_in_bulk")
@require_POST
def bulk_assign(request, congress_code):
    """交办 the ticked items to the same units; on a refusal the list comes back with the ticks and the
    units as they were."""
    congress = request.congress
    form = forms.BulkAssignForm(request.POST, congress=congress, auto_id="bulk-%s")
    if form.is_valid():
        items = list(form.cleaned_data["items"])
        try:
            actions.assign_in_bulk(congress, items, actor=request.user, lead_unit=form.cleaned_data["lead_unit"],
                                   co_units=list(form.cleaned_data["co_units"]), complex_item=form.cleaned_data["complex"])
            messages.success(request, f"已将 {len(items)} 件交办{form.cleaned_data['lead_unit'].name}。")
            return redirect("suggestion_review", congress_code=congress_code)
        except (ValidationError, PermissionDenied) as error:
            _add_errors(form, error)
    return _render_review(request, form)



@requires("view_suggestion_reports")
def supervision(request, congress_code):
    """重点督办 items, and every overdue item listed by its unit."""
    congress, q = request.congress, queries.keyword(request.GET.get("q", ""))
    if fmt := spreadsheets.wanted(request):
        rows = exports.supervision_rows(queries.key_items(congress, q), queries.overdue_assignments(congress, q))
        return spreadsheets.export_response(request, subject="重点督办和逾期", columns=exports.SUPERVISION, rows=rows,
                                            fmt=fmt, filters=spreadsheets.describe_filters([("关键词", q)]))
    key_items, overdue = queries.supervision(congress, q)
    return render(request, "proposals/supervision.html", {"key_items": key_items, "overdue": overdue,
                                                          "today": timezone.localdate(), "q": q})


@requires("view_suggestion_reports")
def report(request, congress_code, fmt=None):
    congress = request.congress
    year = year_param(request)
    session = Meeting.objects.in_congress(congress).filter(pk=request.GET.get("session") or 0).first()
    if fmt == "xlsx":  # a year of a big congress takes a while to count: built as a job above the rule
        def write(progress=None) -> bytes:
            totals = reports.summary(congress, year=None if session else year, session=session)
            out = io.BytesIO()
            reports.evaluation_workbook(congress, year, reports.unit_evaluation(congress, year), totals,
                                        reports.rates_by_year(congress, year)).save(out)
            return out.getvalue()

        return export_jobs.respond(request, subject="代表建议办理情况考评", fmt="xlsx", write=write,
                                   name=downloads.yearly(year, "代表建议办理情况考评", "xlsx"),
                                   total=reports.total(congress, year))
    if fmt == "pdf":
        totals = reports.summary(congress, year=None if session else year, session=session)
        rows = reports.unit_evaluation(congress, year)
        response = HttpResponse(reports.evaluation_pdf(congress, year, rows, totals), content_type="application/pdf")
        downloads.attachment(response, downloads.yearly(year, "代表建议办理情况考评报告", "pdf"), inline=True)
        return response
    return render(request, "proposals/report.html", {
        "year": year, "session": session, "figures": _report_figures(request, year, session),
        "sessions": Meeting.objects.in_congress(congress).filter(kind="plenary").order_by("-starts_at")[:20]})


def _report_figures(request, year: int, session) -> str:
    """The report's figures, charts and evaluation table as HTML, computed and rendered once per data
    version of the congress (core.versioned)."""
    congress = request.congress

    def render_figures() -> str:
        totals = reports.summary(congress, year=None if session else year, session=session)
        return render_to_string("proposals/_report_figures.html", {
            "year": year, "totals": totals, "rows": reports.unit_evaluation(congress, year),
            "headings": reports.EVALUATION_HEADINGS,
            "charts": reports.charts(totals, reports.rates_by_year(congress, year))}, request=request)

    html = versioned.cached(congress, f"proposals:report:{year}:{session.pk if session else ''}", render_figures)
    return mark_safe(html)  # our own template's output, escaped when rendered


def public_answers(request, congress_code):
    """The public site: answered items and their answers, except those marked confidential."""
    congress = request.congress
    year, q = year_param(request), queries.keyword(request.GET.get("q", ""))
    if fmt := spreadsheets.wanted(request):
        return spreadsheets.export_response(
            request, subject=f"{year}年代表建议答复公开", columns=exports.PUBLIC, fmt=fmt,
            rows=queries.public_answers(congress, year, q, limit=None),
            filters=spreadsheets.describe_filters([("年度", year), ("关键词", q)]))
    return render(request, "proposals/public.html", {"items": queries.public_answers(congress, year, q), "year": year,
                                                     "q": q})

