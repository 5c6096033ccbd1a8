from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from renda.core.models import Term
from renda.core.permissions import STAFF, may
from renda.core.views_helpers import flash_errors, get_or_404, is_htmx, requires
from renda.meetings.models import Meeting
from renda.people.models import Mandate, Membership, Organisation
from renda.proposals import actions, matching, queries, reports
from renda.proposals.models import Assignment, Author, Commitment, HandlingRequest, Notice, Suggestion


def get_suggestion_for_user(request, suggestion_id) -> Suggestion:
    return get_or_404(Suggestion.objects.in_congress(request.congress).select_related("session", "term"), suggestion_id,
                      "找不到该议案建议")


@requires("save_suggestion_draft")
def my_suggestions(request, congress_code):
    """A deputy's own items (lead or co-signer), with their status; and a button for a new draft."""
    person = getattr(request.user, "person", None)
    ids = Author.objects.in_congress(request.congress).filter(person=person).values("suggestion_id")
    items = (Suggestion.objects.in_congress(request.congress).filter(pk__in=ids)
             .prefetch_related("answers__commitments", "assignments__unit").order_by("-id"))
    to_confirm = Author.objects.in_congress(request.congress).filter(person=person, confirmed=False).select_related("suggestion")
    return render(request, "proposals/mine.html", {
        "items": items, "to_confirm": to_confirm,
        "notices": Notice.objects.in_congress(request.congress).filter(person=person)[:10] if person else []})


@requires("save_suggestion_draft")
@require_http_methods(["GET", "POST"])
def edit(request, congress_code, suggestion_id=None):
    """The editor saves as the deputy types (htmx, a second after each pause); submitting is separate.
    A new draft is created by a plain POST first, so every autosave has one address to go to."""
    congress = request.congress
    item = get_suggestion_for_user(request, suggestion_id) if suggestion_id else None
    if request.method == "POST":
        data = request.POST
        term = Term.objects.in_congress(congress).order_by("-number").first()
        session = Meeting.objects.in_congress(congress).filter(pk=data.get("session") or 0).first()
        numbers = [n.strip() for n in data.get("co_signers", "").replace("，", ",").split(",") if n.strip()]
        co = [m.person for m in Mandate.objects.in_congress(congress).filter(number__in=numbers).select_related("person")]
        try:
            item = actions.save_suggestion_draft(congress, actor=request.user, term=term, suggestion=item, session=session,
                                                 kind=data.get("kind", "suggestion"), title=data.get("title", ""),
                                                 body=data.get("body", ""), category=data.get("category", ""),
                                                 co_signers=co)
            if data.get("submit"):
                actions.submit_suggestion(congress, item, actor=request.user)
                messages.success(request, "已提交")
                return redirect("my_suggestions", congress_code=congress_code)
        except ValidationError as error:
            if is_htmx(request):
                return HttpResponse("；".join(error.messages), status=422)
            flash_errors(request, error)
        if is_htmx(request) and item is not None:
            return HttpResponse(f"已自动保存 {timezone.localtime(item.updated_at):%H:%M:%S}")
        # The first save (a plain POST) creates the draft; its page then saves as the deputy types.
        return redirect("suggestion_edit", congress_code=congress_code, suggestion_id=item.pk)
    short = actions.cosigners_short(congress, item) if item else 0
    return render(request, "proposals/edit.html", {
        "item": item, "short": short, "attachments": item.attachments.all() if item else [],
        "authors": Author.objects.in_congress(congress).filter(suggestion=item).select_related("person") if item else [],
        "sessions": Meeting.objects.in_congress(congress).filter(kind=Meeting.Kind.PLENARY).exclude(status="closed"),
    })


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
    to anyone else they do not exist."""
    from django.http import FileResponse

    from renda.core.permissions import organisations_of, roles_of
    from renda.core.roles import Role
    from renda.proposals.models import Attachment

    congress, user = request.congress, request.user
    item = get_suggestion_for_user(request, suggestion_id)
    person = getattr(user, "person", None) if user.is_authenticated else None
    allowed = bool(roles_of(user, congress) & STAFF) or (
        person is not None and Author.objects.in_congress(congress).filter(suggestion=item, person=person).exists()) or \
        Assignment.objects.in_congress(congress).filter(
            suggestion=item, unit_id__in=organisations_of(user, congress, Role.UNIT_OFFICER)).exists()
    found = get_or_404(Attachment.objects.in_congress(congress).filter(suggestion=item), attachment_id, "找不到该附件")
    if not allowed:
        raise Http404("找不到该附件")
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


@require_POST
def confirm(request, congress_code, suggestion_id):
    try:
        actions.confirm_cosign(request.congress, get_suggestion_for_user(request, suggestion_id), actor=request.user)
    except PermissionDenied as error:
        flash_errors(request, error)
    return redirect("my_suggestions", congress_code=congress_code)


@requires("answer_suggestion")
def unit_queue(request, congress_code):
    """A handling unit's items, the nearest due date first; its open commitments and reminders."""
    from renda.proposals.models import Contact

    units = queries.units_of(request.congress, request.user)
    rows = queries.unit_queue(request.congress, units)
    open_commitments = queries.open_commitments(request.congress, units)
    return render(request, "proposals/queue.html", {
        "rows": rows, "ways": Contact.Way.choices, "classes": actions.outcome_classes(request.congress),
        "today": timezone.localdate(), "commitments": open_commitments,
        "notices": queries.unit_notices(request.congress, units)})


@require_POST
def handle(request, congress_code, suggestion_id, what):
    congress, user, data = request.congress, request.user, request.POST
    item = get_suggestion_for_user(request, suggestion_id)
    try:
        if what == "contact":
            actions.record_contact(congress, item, actor=user, on=data.get("on"), way=data.get("way", ""),
                                   summary=data.get("summary", ""))
        elif what == "answer":
            commitments = [{"text": data.get("commitment"), "due_on": data.get("commitment_due")}] \
                if data.get("commitment") else []
            actions.answer_suggestion(congress, item, actor=user, outcome=data.get("outcome", ""),
                                      text_=data.get("text", ""), commitments=commitments)
        elif what == "rate":
            actions.rate_suggestion(congress, item, actor=user, work=data.get("work", ""), result=data.get("result", ""),
                                    comment=data.get("comment", ""))
            messages.success(request, "评价已提交")
            return redirect("my_suggestions", congress_code=congress_code)
        elif what == "opinion":
            actions.submit_co_opinion(congress, item, actor=user, opinion=data.get("opinion", ""))
        elif what == "request":
            months = data.get("months", "0")
            actions.request_handling_change(congress, item, actor=user, kind=data.get("kind", ""),
                                            reason=data.get("reason", ""), months=int(months) if months.isdigit() else -1)
        elif what in ("done", "confirm"):
            commitment = Commitment.objects.in_congress(congress).filter(pk=data.get("commitment") or 0,
                                                                         answer__suggestion=item).first()
            if commitment is None:
                raise Http404("找不到该承诺事项")
            if what == "done":
                actions.report_commitment_done(congress, commitment, actor=user, report=data.get("report", ""))
            else:
                actions.confirm_commitment(congress, commitment, actor=user)
        elif what == "waive":
            actions.waive_contact(congress, item, actor=user)
        elif what == "withdraw":
            actions.withdraw_suggestion(congress, item, actor=user)
            messages.success(request, "已撤回")
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as error:
        flash_errors(request, error)
    if what in ("rate", "confirm", "waive", "withdraw"):
        return redirect("my_suggestions", congress_code=congress_code)
    return redirect("suggestion_queue", congress_code=congress_code)


@requires("accept_suggestion")
def review(request, congress_code):
    congress, get = request.congress, request.GET
    items = queries.staff_list(congress, status=get.get("status", ""), unit=get.get("unit", ""),
                               year=get.get("year", ""), after=get.get("after", ""))
    return render(request, "proposals/review.html", {
        "items": items, "units": Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.HANDLING_UNIT),
        "can_assign": may(request.user, congress, "assign_suggestion"), "statuses": Suggestion.Status.choices,
        "next_after": items[-1].pk if len(items) == queries.PAGE else None, "filters": get,
        "requests": HandlingRequest.objects.in_congress(congress).filter(status="pending").select_related("suggestion", "unit"),
    })


@requires("assign_in_bulk")
@require_POST
def bulk_assign(request, congress_code):
    congress, data = request.congress, request.POST
    units = Organisation.objects.in_congress(congress)
    items = list(Suggestion.objects.in_congress(congress).filter(pk__in=[i for i in data.getlist("items") if i.isdigit()]))
    try:
        actions.assign_in_bulk(congress, items, actor=request.user, lead_unit=units.filter(pk=data.get("lead_unit") or 0).first(),
                               co_units=list(units.filter(pk__in=[u for u in data.getlist("co_units") if u.isdigit()])),
                               complex_item=bool(data.get("complex")))
        messages.success(request, f"已交办 {len(items)} 件")
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("suggestion_review", congress_code=congress_code)


@requires("accept_suggestion")
def detail(request, congress_code, suggestion_id):
    """Staff's page for one item: authors, assignments, answers with ratings and commitments, requests,
    and the units the system proposes, with why."""
    congress = request.congress
    item = get_suggestion_for_user(request, suggestion_id)
    return render(request, "proposals/detail.html", {
        "item": item, "authors": item.authors.select_related("person"), "attachments": item.attachments.all(),
        "assignments": item.assignments.select_related("unit"), "contacts": item.contacts.select_related("unit"),
        "answers": item.answers.prefetch_related("ratings", "commitments"),
        "requests": item.handling_requests.select_related("unit"),
        "proposed": matching.propose_units(congress, item) if item.status == "accepted" else [],
        "units": Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.HANDLING_UNIT),
        "committees": Organisation.objects.in_congress(congress).filter(kind__in=["working_committee", "special_committee"]),
        "leaders": [m.person for m in Membership.objects.in_congress(congress).filter(
            organisation__kind="standing_committee", end__isnull=True).select_related("person").order_by("id")],
        "may_supervise": may(request.user, congress, "mark_key_supervision"),
        "may_assign": may(request.user, congress, "assign_suggestion"),
    })


@requires("view_suggestion_reports")
def supervision(request, congress_code):
    """重点督办 items, and every overdue item listed by its unit."""
    key_items, overdue = queries.supervision(request.congress)
    return render(request, "proposals/supervision.html", {"key_items": key_items, "overdue": overdue,
                                                          "today": timezone.localdate()})


@requires("view_suggestion_reports")
def report(request, congress_code, fmt=None):
    congress = request.congress
    year = int(request.GET.get("year") or timezone.localdate().year)
    session = Meeting.objects.in_congress(congress).filter(pk=request.GET.get("session") or 0).first()
    totals = reports.summary(congress, year=None if session else year, session=session)
    rows = reports.unit_evaluation(congress, year)
    if fmt == "xlsx":
        response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="suggestions-{year}.xlsx"'
        reports.evaluation_workbook(congress, year, rows, totals).save(response)
        return response
    if fmt == "pdf":
        response = HttpResponse(reports.evaluation_pdf(congress, year, rows, totals), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="suggestions-{year}.pdf"'
        return response
    return render(request, "proposals/report.html", {
        "year": year, "session": session, "totals": totals, "rows": rows, "headings": reports.EVALUATION_HEADINGS,
        "sessions": Meeting.objects.in_congress(congress).filter(kind="plenary").order_by("-starts_at")[:20]})


def public_answers(request, congress_code):
    """The public site: answered items and their answers, except those marked confidential."""
    congress = request.congress
    year = int(request.GET.get("year") or timezone.localdate().year)
    return render(request, "proposals/public.html", {"items": queries.public_answers(congress, year), "year": year})


@require_POST
def review_action(request, congress_code, suggestion_id, what):
    congress, user, data = request.congress, request.user, request.POST
    item = get_suggestion_for_user(request, suggestion_id)
    try:
        if what == "accept":
            actions.accept_suggestion(congress, item, actor=user, as_suggestion=bool(data.get("as_suggestion")))
        elif what == "return":
            actions.return_suggestion(congress, item, actor=user, message=data.get("message", ""))
        elif what == "merge":
            keep = Suggestion.objects.in_congress(congress).filter(pk=data.get("into") or 0).first()
            if keep is None:
                raise ValidationError({"into": "请选择并入的议案建议"})
            actions.merge_suggestions(congress, keep, [item], actor=user)
        elif what == "assign":
            units = Organisation.objects.in_congress(congress)
            actions.assign_suggestion(congress, item, actor=user, lead_unit=units.filter(pk=data.get("lead_unit") or 0).first(),
                                      co_units=list(units.filter(pk__in=[u for u in data.getlist("co_units") if u.isdigit()])),
                                      complex_item=bool(data.get("complex")))
        elif what == "supervise":
            leader = Membership.objects.in_congress(congress).filter(
                person_id=data.get("leader") or 0, organisation__kind="standing_committee").select_related("person").first()
            actions.mark_key_supervision(congress, item, actor=user, leader=leader.person if leader else None,
                                         committee=Organisation.objects.in_congress(congress).filter(
                                             pk=data.get("committee") or 0).first())
        elif what == "confidential":
            actions.set_confidential(congress, item, actor=user, confidential=data.get("confidential") == "1")
        elif what == "decide":
            request_ = get_or_404(HandlingRequest.objects.in_congress(congress).filter(suggestion=item),
                                  data.get("request") or 0, "找不到该申请")
            actions.decide_handling_request(congress, request_, actor=user, grant=data.get("grant") == "1",
                                            note=data.get("note", ""), new_unit=Organisation.objects.in_congress(
                                                congress).filter(pk=data.get("new_unit") or 0).first())
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as error:
        flash_errors(request, error)
    if data.get("back") == "detail":
        return redirect("suggestion_detail", congress_code=congress_code, suggestion_id=item.pk)
    return redirect("suggestion_review", congress_code=congress_code)
