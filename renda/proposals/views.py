from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from renda.core.models import Term
from renda.core.permissions import may
from renda.core.views_helpers import flash_errors, get_or_404, is_htmx, requires
from renda.meetings.models import Meeting
from renda.people.models import Mandate, Organisation
from renda.proposals import actions
from renda.proposals.models import Author, Suggestion


def get_suggestion_for_user(request, suggestion_id) -> Suggestion:
    return get_or_404(Suggestion.objects.in_congress(request.congress).select_related("session", "term"), suggestion_id,
                      "找不到该议案建议")


@requires("save_suggestion_draft")
def my_suggestions(request, congress_code):
    """A deputy's own items (lead or co-signer), with their status; and a button for a new draft."""
    person = getattr(request.user, "person", None)
    ids = Author.objects.in_congress(request.congress).filter(person=person).values("suggestion_id")
    items = Suggestion.objects.in_congress(request.congress).filter(pk__in=ids).prefetch_related("answers").order_by("-id")
    to_confirm = Author.objects.in_congress(request.congress).filter(person=person, confirmed=False).select_related("suggestion")
    return render(request, "proposals/mine.html", {"items": items, "to_confirm": to_confirm})


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
        "item": item, "short": short,
        "authors": Author.objects.in_congress(congress).filter(suggestion=item).select_related("person") if item else [],
        "sessions": Meeting.objects.in_congress(congress).filter(kind=Meeting.Kind.PLENARY).exclude(status="closed"),
    })


@require_POST
def confirm(request, congress_code, suggestion_id):
    try:
        actions.confirm_cosign(request.congress, get_suggestion_for_user(request, suggestion_id), actor=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
    return redirect("my_suggestions", congress_code=congress_code)


@requires("answer_suggestion")
def unit_queue(request, congress_code):
    """A handling unit's items, the nearest due date first."""
    from renda.core.permissions import organisations_of
    from renda.core.roles import Role
    from renda.proposals.models import Assignment, Contact

    units = organisations_of(request.user, request.congress, Role.UNIT_OFFICER)
    rows = (Assignment.objects.in_congress(request.congress).filter(unit_id__in=units,
                                                                    suggestion__status__in=["assigned", "rehandling"])
            .select_related("suggestion", "unit").order_by("due_on", "id"))
    return render(request, "proposals/queue.html", {
        "rows": rows, "ways": Contact.Way.choices, "classes": actions.outcome_classes(request.congress),
        "today": timezone.localdate()})


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
        else:
            raise Http404
    except ValidationError as error:
        flash_errors(request, error)
    except PermissionDenied as error:
        messages.error(request, str(error))
    if what == "rate":
        return redirect("my_suggestions", congress_code=congress_code)
    return redirect("suggestion_queue", congress_code=congress_code)


@requires("accept_suggestion")
def review(request, congress_code):
    congress = request.congress
    items = Suggestion.objects.in_congress(congress).exclude(status__in=["draft", "withdrawn"]).order_by("status", "-id")[:300]
    return render(request, "proposals/review.html", {
        "items": items, "units": Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.HANDLING_UNIT),
        "can_assign": may(request.user, congress, "assign_suggestion"),
    })


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
        else:
            raise Http404
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("suggestion_review", congress_code=congress_code)
