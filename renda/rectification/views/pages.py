"""The rectification list's pages.

Who sees what: staff and members (view_rectification) the whole list; a unit officer only the
unit's own items (``queries.visible_items``); another congress's item, or another unit's for a
unit officer, is not found. Each step on the item page is gated by its own permission. The public
page shows the progress of items whose source is itself public — problem, unit, deadline, status
and closure date — and nobody's name, no evidence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_POST

from renda.core import downloads, jinja, spreadsheets, versioned
from renda.core.errors import NotFound
from renda.core.permissions import may
from renda.core.views_helpers import add_action_errors, flash_errors, gate, get_or_404
from renda.rectification import actions, exports, queries
from renda.rectification.forms import (
    AcceptForm,
    CheckForm,
    ClosureForm,
    EscalateForm,
    NewItemForm,
    ProgressForm,
    ReturnForm,
)
from renda.rectification.models import RectificationItem, RectificationUpdate

S = RectificationItem.Status
LIST_LIMIT = 500
# Each step of the item page and the permission it needs (checked before the form is read).
STEPS = {"progress": "report_rectification_progress", "closure": "report_rectification_progress",
         "check": "check_rectification", "accept": "accept_rectification", "return": "accept_rectification"}
FORMS = {"progress": ProgressForm, "closure": ClosureForm, "check": CheckForm, "accept": AcceptForm,
         "return": ReturnForm}
CONTENT_TYPES = {"pdf": "application/pdf",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _filtered(request):
    """The items this user sees, narrowed by the address's filters (bad values dropped with a message)."""
    congress = request.congress
    filters = queries.Filters.read(request.GET, congress)
    today = timezone.localdate()
    items = filters.apply(queries.visible_items(congress, request.user), today)
    return filters, items, today


def _choices(request) -> dict:
    return {"sources": RectificationItem.Source.choices, "statuses": S.choices,
            "units": queries.unit_choices(request.congress, request.user)}


@require_GET
def list_page(request, congress_code):
    denied = gate(request, "view_rectification")
    if denied:
        return denied
    if fmt := spreadsheets.wanted(request):
        return _sheet(request, fmt)
    filters, items, today = _filtered(request)
    for problem in filters.problems:
        messages.warning(request, problem)
    congress, user = request.congress, request.user
    can = {name: may(user, congress, name) for name in ("list_rectification", "escalate_rectification")}

    def context() -> dict:
        escalate = can["escalate_rectification"]
        return {
            "rows": [{"item": i, "overdue": actions.is_overdue(i, today), "late_by": (today - i.due_on).days,
                      "origin": queries.origin(i), "origin_url": queries.origin_url(i)}
                     for i in items.select_related("congress", "decision").order_by("status", "due_on", "id")[:LIST_LIMIT]],
            "total": queries.figures(congress, user, filters, today)["whole"].total, "limit": LIST_LIMIT,
            "f": filters, "query": filters.query(), "sees_all": queries.sees_all(user, congress), **_choices(request),
            "can_list": can["list_rectification"], "can_escalate": escalate,
            "escalate_form": EscalateForm(congress=congress) if escalate else None,
            "due_escalation": actions.overdue_for_escalation(congress, today).count() if escalate else 0,
        }

    body = _kept_body(request, "list", context, "".join(str(int(v)) for v in can.values()))
    return render(request, "rectification/list.html", {"body": body})


def attachment(data: bytes, name: str, ext: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[ext])
    downloads.attachment(response, name)
    response["Cache-Control"] = "private, no-store"
    return response


def _sheet(request, fmt: str) -> HttpResponse:
    """The list as .xlsx or .csv through the shared writer (core.spreadsheets): every row the filters
    chose; the filter line names a unit officer's unit and any filter value that was not used."""
    filters, items, today = _filtered(request)
    chosen = list(items.select_related("decision", "unit").order_by("status", "due_on", "id"))
    response = spreadsheets.export_response(
        request, subject="整改清单", columns=exports.COLUMNS, rows=exports.sheet_rows(chosen, today), fmt=fmt,
        filters=filters.describe(request.congress, request.user))
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def export(request, congress_code, ext):
    """Exactly what the list shows with the same filters, as .xlsx (the list's own ``?export=``) or PDF."""
    if ext not in CONTENT_TYPES:
        raise Http404
    denied = gate(request, "view_rectification")
    if denied:
        return denied
    if ext == "xlsx":
        return _sheet(request, "xlsx")
    filters, items, today = _filtered(request)
    chosen = list(items.select_related("decision").order_by("status", "due_on", "id"))
    # The title row names a unit officer's unit and any filter value that was not used.
    described = filters.describe(request.congress, request.user)
    data = exports.items_pdf(request.congress, chosen, described, today)
    short = filters.describe(request.congress, request.user, with_problems=False)
    return attachment(data, downloads.dated(f"{exports.title_of(request.congress)}（{short}）", ext), ext)


@require_GET
def dashboard(request, congress_code):
    """Counts open / overdue / claimed / closed and the on-time closure rate, for the congress, per
    unit and per source (of the items this user sees, narrowed by the same filters)."""
    denied = gate(request, "view_rectification")
    if denied:
        return denied
    filters, items, today = _filtered(request)
    for problem in filters.problems:
        messages.warning(request, problem)
    body = _kept_body(request, "dashboard", lambda: {
        "figures": queries.figures(request.congress, request.user, filters, today), "f": filters,
        "query": filters.query(), **_choices(request), "sees_all": queries.sees_all(request.user, request.congress)})
    return render(request, "rectification/dashboard.html", {"body": body})


def _kept_body(request, page: str, context, may_do: str = "") -> SafeString:
    """A page below its tabs: the same for every reader who sees the same units (staff and members all of
    them, a unit officer the unit's own) and may do the same (``may_do``), at one data version on one day,
    so rendered once per filter (the list's 500 rows and the unit table took 10–100 ms) and kept."""
    units = queries.visible_units_key(request.user, request.congress)
    return jinja.kept_part(request, f"rectification:{page}:{units}:{may_do}:{versioned.query_key(request.GET)}",
                           f"rectification/_{page}_body.html",
                           lambda: {"congress": request.congress, "request": request, **context()})


# ---------------------------------------------------------------- one item


def item_for(request, pk) -> RectificationItem:
    """An item this user sees, or 404 (the same for another congress's and, for a unit officer,
    another unit's)."""
    return get_or_404(queries.visible_items(request.congress, request.user), pk, "找不到该整改事项")


def _item_page(request, item: RectificationItem, bound: dict | None = None, status: int = 200, open_: str = ""):
    congress, user = request.congress, request.user
    bound = bound or {}
    acts = queries.may_act_on(user, congress, item)
    can = {step: may(user, congress, permission) for step, permission in STEPS.items()}
    can["progress"] = can["progress"] and acts and item.status == S.OPEN
    can["closure"] = can["closure"] and acts and item.status == S.OPEN
    can["check"] = can["check"] and item.status != S.CLOSED
    can["accept"] = can["accept"] and item.status == S.CLAIMED
    can["return"] = can["return"] and item.status == S.CLAIMED
    forms = {step: (bound.get(step) or FORMS[step]()) if can[step] else None for step in STEPS}
    if forms["progress"] is not None and "progress" not in bound:
        forms["progress"] = ProgressForm(initial={"goal": item.goal, "measures": item.measures})
    updates = list(RectificationUpdate.objects.in_congress(congress).filter(item=item).select_related("by")
                   .order_by("on", "id"))
    today = timezone.localdate()
    return render(request, "rectification/item.html", {
        "item": item, "updates": updates, "can": can, "forms": forms, "open": open_,
        "origin": queries.origin(item), "origin_url": queries.origin_url(item),
        "overdue": actions.is_overdue(item, today), "late_by": (today - item.due_on).days,
        "left": (item.due_on - today).days,
    }, status=status)


@require_GET
def item_page(request, congress_code, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    denied = gate(request, "view_rectification")
    if denied:
        return denied
    return _item_page(request, item_for(request, pk))



@require_POST
def item_action(request, congress_code, pk, what):
    """One step on the item page; a refused step comes back on the page as typed, its message beside it."""
    if what not in STEPS:
        raise Http404
    denied = gate(request, STEPS[what])
    if denied:
        return denied
    item = item_for(request, pk)
    form = FORMS[what](request.POST, request.FILES)
    if not form.is_valid():
        return _item_page(request, item, {what: form}, status=422, open_=what)
    d, c, user = form.cleaned_data, request.congress, request.user
    try:
        if what == "progress":
            actions.report_progress(c, item, actor=user, text=d["text"], evidence=d["evidence"], goal=d["goal"],
                                    measures=d["measures"])
            done = "进展已报告"
        elif what == "closure":
            actions.request_closure(c, item, actor=user, text=d["text"], evidence=d["evidence"])
            done = "已申请销号，待验收"
        elif what == "check":
            update = actions.record_check(c, item, actor=user, kind=d["kind"], findings=d["findings"],
                                          photo=d["photo"], on=d["on"])
            done = f"{update.get_kind_display()}情况已记录"
        elif what == "accept":
            actions.accept_closure(c, item, actor=user, resolution=d["resolution"])
            done = "已验收销号"
        else:
            actions.return_item(c, item, actor=user, reason=d["reason"])
            done = "已退回整改"
    except (ValidationError, PermissionDenied, NotFound) as error:
        add_action_errors(form, error if not isinstance(error, NotFound) else ValidationError(str(error)))
        item.refresh_from_db()
        return _item_page(request, item, {what: form}, status=422, open_=what)
    messages.success(request, done)
    return redirect("rectification_item", congress_code=congress_code, pk=item.pk)


@require_GET
def evidence_file(request, congress_code, pk):
    """An update's evidence or photo, for those who see its item (never on the public page)."""
    denied = gate(request, "view_rectification")
    if denied:
        return denied
    update = get_or_404(RectificationUpdate.objects.in_congress(request.congress), pk, "找不到该材料")
    item_for(request, update.item_id)
    if not update.evidence:
        raise Http404("该记录没有附件")
    return FileResponse(update.evidence.open("rb"), as_attachment=True, filename=update.evidence.name.rsplit("/", 1)[-1])


# ---------------------------------------------------------------- the office's steps on the whole list


@require_POST
def remind(request, congress_code):
    denied = gate(request, "escalate_rectification")
    if denied:
        return denied
    try:
        sent = actions.send_reminders(request.congress, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        flash_errors(request, error)
    else:
        messages.success(request, f"已发送 {sent} 条催办提醒" if sent else "今天没有需要发送的催办提醒（或已发送过）")
    return redirect("rectification_list", congress_code=congress_code)


@require_POST
def escalate(request, congress_code):
    denied = gate(request, "escalate_rectification")
    if denied:
        return denied
    form = EscalateForm(request.POST, congress=request.congress)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("rectification_list", congress_code=congress_code)
    try:
        agenda = actions.escalate_overdue(request.congress, actor=request.user, meeting=form.cleaned_data["meeting"])
    except (ValidationError, PermissionDenied, NotFound) as error:
        flash_errors(request, error if not isinstance(error, NotFound) else ValidationError(str(error)))
    else:
        messages.success(request, f"已列入{form.cleaned_data['meeting'].title}议程：{agenda.title}" if agenda
                         else "没有需要提请主任会议研究的逾期事项")
    return redirect("rectification_list", congress_code=congress_code)


def new_item(request, congress_code):
    """The office lists one problem directly."""
    denied = gate(request, "list_rectification")
    if denied:
        return denied
    congress = request.congress
    if request.method != "POST":
        return render(request, "rectification/new.html", {"form": NewItemForm(congress=congress)})
    form = NewItemForm(request.POST, congress=congress)
    if form.is_valid():
        d = form.cleaned_data
        entry = {k: d[k] for k in ("problem", "goal", "measures", "owner")} | {
            "due_on": d["due_on"].isoformat() if d["due_on"] else "", "unit": d["unit"].pk if d["unit"] else ""}
        try:
            [item] = actions.list_problems(congress, actor=request.user, source=d["source"], entries=[entry])
        except (ValidationError, PermissionDenied) as error:
            add_action_errors(form, _single(error))
        else:
            messages.success(request, "已列入整改清单")
            return redirect("rectification_item", congress_code=congress_code, pk=item.pk)
    return render(request, "rectification/new.html", {"form": form}, status=422)


def _single(error):
    """check_entries names each entry (“第1项整改事项的责任人”); on the one-item form each message goes
    beside its own box."""
    if not isinstance(error, ValidationError) or not hasattr(error, "error_dict"):
        return error
    boxes = {"问题": "problem", "整改目标": "goal", "整改措施": "measures", "整改时限": "due_on", "责任单位": "unit",
             "责任人": "owner"}
    placed: dict[str, list[str]] = {}
    for field, msgs in error.message_dict.items():
        for message in msgs:
            target = field
            if field == "items":
                target = next((box for word, box in boxes.items() if f"的{word}" in message), "items")
                message = message.replace("第1项整改事项的", "")
            placed.setdefault(target, []).append(message)
    return ValidationError(placed)


# ---------------------------------------------------------------- public


@require_GET
def public_page(request, congress_code):
    """Rectification progress for everyone: problem, unit, deadline, status and closure date of the
    items whose source is public — no one's name, no evidence."""
    congress = request.congress
    today = timezone.localdate()
    items = queries.public_items(congress)
    source = request.GET.get("source", "")
    if source in RectificationItem.Source.values:
        items = items.filter(source=source)
    else:
        source = ""
    rows = [{"problem": i.problem, "unit": i.unit.name if i.unit_id else "", "due_on": i.due_on,
             "status": i.get_status_display(), "closed_on": i.closed_on, "source": queries.origin(i),
             "source_url": queries.origin_url(i, public=True), "overdue": actions.is_overdue(i, today)}
            for i in items.select_related("congress", "decision").order_by("status", "due_on", "id")[:LIST_LIMIT]]
    return render(request, "rectification/public.html", {
        "rows": rows, "figures": queries.dashboard(items, today)["whole"], "source": source,
        "sources": RectificationItem.Source.choices})


urlpatterns: list = [
    path("rectification/", list_page, name="rectification_list"),
    path("rectification/new/", new_item, name="rectification_new"),
    path("rectification/dashboard/", dashboard, name="rectification_dashboard"),
    path("rectification/export.<str:ext>", export, name="rectification_export"),
    path("rectification/public/", public_page, name="rectification_public"),
    path("rectification/do/remind/", remind, name="rectification_remind"),
    path("rectification/do/escalate/", escalate, name="rectification_escalate"),
    path("rectification/<int:pk>/", item_page, name="rectification_item"),
    path("rectification/<int:pk>/do/<str:what>/", item_action, name="rectification_action"),
    path("rectification/evidence/<int:pk>/", evidence_file, name="rectification_evidence"),
]
