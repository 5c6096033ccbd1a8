"""Pages of 意见建议登记办理（事事有回音）: the register list (filters in the address, search box,
export of the statistics), an item's page (history, merge, assign, answer, acknowledgment), the
deputy's 代表直通车 phone form, 'my opinions', the petition form, recording points from an activity or
a meeting, and the statistics by source, unit and month."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from renda.core import downloads, spreadsheets
from renda.core.errors import NotFound
from renda.core.permissions import may, organisations_of, roles_of
from renda.core.roles import Role
from renda.core.views_helpers import add_action_errors, gate, get_or_404, requires, year_param
from renda.liaison import actions as liaison
from renda.liaison.forms import AnswerForm, DismissForm, FeedbackForm
from renda.liaison.models import Concern, ConcernPhoto
from renda.liaison.workflows import CONCERN_WORKFLOW
from renda.opinions import actions, exports, queries
from renda.opinions.forms import (
    AssignForm,
    ClassifyForm,
    DeliveryForm,
    DirectLineForm,
    FilterForm,
    MergeForm,
    PetitionForm,
    Points,
    RecordForm,
)

S = Concern.Status


def get_item(request, item_id) -> Concern:
    """A register item for those who may open it (staff, its unit, its raiser); 404 to anyone else."""
    item = get_or_404(queries.register(request.congress), item_id, "找不到该意见建议")
    if not queries.may_open(request.congress, item, request.user):
        raise Http404("找不到该意见建议")
    return item


def _unit_scope(request) -> list[int] | None:
    """None for the register's staff (everything); a unit officer's units; else 403 or sign-in."""
    congress, user = request.congress, request.user
    if may(user, congress, "view_opinion_register"):
        return None
    if Role.UNIT_OFFICER in roles_of(user, congress):
        return organisations_of(user, congress, Role.UNIT_OFFICER)
    refusal = gate(request, "view_opinion_register")
    if refusal is not None:
        raise _Refused(refusal)
    return []  # pragma: no cover - gate refuses above


class _Refused(Exception):
    def __init__(self, response):
        self.response = response


def register_list(request, congress_code):
    """The register: every source in one list; filters source/unit/status/month and a search box in
    the address, a page at a time."""
    try:
        unit_ids = _unit_scope(request)
    except _Refused as refused:
        return refused.response
    congress = request.congress
    form = FilterForm(request.GET or None, congress=congress, auto_id="filter_%s")
    filters: dict = {}
    if form.is_bound:
        form.is_valid()  # the valid filters apply; a wrong one is named on its field
        filters = form.cleaned_data
    items = queries.filtered(congress, source=filters.get("source", ""), unit=filters.get("unit", ""),
                             status=filters.get("status", ""), month=filters.get("month", ""),
                             q=(filters.get("q") or "").strip(), overdue=request.GET.get("overdue") == "1",
                             unit_ids=unit_ids)
    if fmt := spreadsheets.wanted(request):
        return spreadsheets.export_response(request, subject="意见建议登记", columns=exports.REGISTER, rows=items,
                                            fmt=fmt, filters=_described(form, filters, request))
    after = request.GET.get("after", "")
    rows = queries.page(items, int(after) if after.isdecimal() else None)
    query = request.GET.copy()
    query.pop("after", None)
    return render(request, "opinions/register.html", {
        "form": form, "rows": rows, "today": timezone.localdate(), "staff": unit_ids is None,
        "count": items.count(), "query": query.urlencode(),
        "next_after": rows[-1].pk if len(rows) == queries.PAGE else None})


def _described(form, filters: dict, request) -> str:
    """The filters chosen, in words, for the export's second line (a choice as its label)."""
    parts = []
    for name in ("source", "unit", "status", "month", "q"):
        value = filters.get(name)
        if value in (None, ""):
            continue
        field = form.fields[name]
        choices = {str(k): v for k, v in getattr(field, "choices", None) or []}
        parts.append((str(field.label or name), choices.get(str(value), value)))
    if request.GET.get("overdue") == "1":
        parts.append(("只看逾期", "是"))
    return spreadsheets.describe_filters(parts)


def _item_page(request, item: Concern, *, status: int = 200, **bound):
    congress, user = request.congress, request.user
    roles = roles_of(user, congress)
    transitions = {t.action for t in CONCERN_WORKFLOW.available(item.status, roles, congress)}
    handler = liaison.is_handler(congress, item, user)
    raiser = liaison.is_raiser(item, user)
    staff = may(user, congress, "view_opinion_register")
    merged = item.merged_into_id is not None
    forms_ = {"assign_form": AssignForm(congress=congress, auto_id="assign_%s"),
              "answer_form": AnswerForm(auto_id="answer_%s"), "classify_form": ClassifyForm(
                  congress=congress, auto_id="classify_%s", initial={"category": item.category}),
              "merge_form": MergeForm(auto_id="merge_%s"), "feedback_form": FeedbackForm(auto_id="feedback_%s"),
              "delivery_form": DeliveryForm(auto_id="delivery_%s"), "dismiss_form": DismissForm(auto_id="dismiss_%s"),
              **bound}
    steps = list(item.steps.all())
    if not (handler or staff):  # the raiser reads what the person sees, not the handlers' notes
        steps = [s for s in steps if s.public_note]
    may_assign = handler and "triage_concern" in transitions and not merged
    if may_assign:
        from renda.routing.queries import for_assignment_page

        forms_["routing"] = for_assignment_page(congress, user, item)
    from renda.answer_quality.queries import flags_for_concern  # staff only: advisory 套话、答非所问

    return render(request, "opinions/item.html", {
        **forms_, "item": item, "quality_flags": flags_for_concern(congress, user, item), "steps": steps, "photos": item.photos.all(), "today": timezone.localdate(),
        "merged_items": list(queries.register(congress).filter(merged_into=item)), "handler": handler, "raiser": raiser,
        "may_assign": handler and "triage_concern" in transitions and not merged,
        "may_answer": handler and "answer_concern" in transitions,
        "may_classify": may(user, congress, "classify_opinion") and item.status in Concern.OPEN,
        "may_merge": may(user, congress, "merge_opinions") and not merged
        and item.status in (S.RECEIVED, S.REFERRED, S.TRACKING),
        "may_dismiss": handler and "dismiss_concern" in transitions and not merged,
        "may_feedback": liaison.may_record_feedback(congress, item, user) and item.status in (S.SOLVED, S.ANSWERED)
        and not merged,
        "may_deliver": may(user, congress, "record_petition_delivery") and item.source == Concern.Source.PETITION
        and item.status in (S.SOLVED, S.ANSWERED, S.CLOSED),
    }, status=status)


def item_detail(request, congress_code, item_id):
    return _item_page(request, get_item(request, item_id))


def item_photo(request, congress_code, item_id, photo_id):
    item = get_item(request, item_id)
    photo = get_or_404(ConcernPhoto.objects.in_congress(request.congress).filter(concern=item), photo_id, "找不到该照片")
    return FileResponse(photo.image.open("rb"), content_type=photo.content_type)


DONE = {
    "assign": lambda i: f"已交{i.unit.name if i.unit else ''}办理，期限 {i.due_on}",
    "answer": lambda i: "已答复，答复已通知提出人",
    "classify": lambda i: f"已归类为“{i.category}”",
    "merge": lambda i: "已归并，并入的意见随本件答复和办结，提出人已收到通知",
    "feedback": lambda i: f"已记录评价（{i.get_satisfaction_display()}），此件办结",
    "delivery": lambda i: "已记录答复送达信访人",
    "dismiss": lambda i: "已不予受理",
}


@require_POST
def item_action(request, congress_code, item_id, what):
    congress, user = request.congress, request.user
    item = get_item(request, item_id)
    post = request.POST
    forms_map = {
        "assign": lambda: AssignForm(post, congress=congress, auto_id="assign_%s"),
        "answer": lambda: AnswerForm(post, auto_id="answer_%s"),
        "classify": lambda: ClassifyForm(post, congress=congress, auto_id="classify_%s"),
        "merge": lambda: MergeForm(post, auto_id="merge_%s"),
        "feedback": lambda: FeedbackForm(post, auto_id="feedback_%s"),
        "delivery": lambda: DeliveryForm(post, auto_id="delivery_%s"),
        "dismiss": lambda: DismissForm(post, auto_id="dismiss_%s"),
    }
    if what not in forms_map:
        raise Http404("没有这个操作")
    form = forms_map[what]()
    if form.is_valid():
        data = form.cleaned_data
        try:
            if what == "assign":
                if data["unit"] is None:
                    raise ValidationError({"unit": "请选择承办单位"})
                liaison.triage_concern(congress, item, actor=user, path=Concern.Path.REFERRED, unit=data["unit"],
                                       due_on=data["due_on"] or None)
            elif what == "answer":
                liaison.answer_concern(congress, item, actor=user, answer=data["answer"])
            elif what == "classify":
                actions.classify_opinion(congress, item, actor=user, category=data["category"])
            elif what == "merge":
                numbers = form.numbers()  # type: ignore[attr-defined]
                if not numbers:
                    raise ValidationError({"others": "请填写要并入的意见建议编号"})
                found = {c.pk: c for c in queries.register(congress).filter(pk__in=numbers)}
                missing = [str(n) for n in numbers if n not in found]
                if missing:
                    raise ValidationError({"others": f"找不到第 {'、'.join(missing)} 号意见建议"})
                actions.merge_opinions(congress, item, actor=user, others=list(found.values()))
            elif what == "feedback":
                liaison.record_feedback(congress, item, actor=user, satisfaction=data["satisfaction"], note=data["note"])
            elif what == "delivery":
                actions.record_petition_delivery(congress, item, actor=user, how=data["how"], on=data["on"] or None)
            else:
                liaison.dismiss_concern(congress, item, actor=user, reason=data["reason"])
        except ValidationError as error:
            add_action_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        except NotFound as error:
            raise Http404(str(error)) from error
        else:
            item.refresh_from_db()
            messages.success(request, DONE[what](item))
            return redirect("opinion_detail", congress.code, item.pk)
    item.refresh_from_db()
    return _item_page(request, item, status=422, **{f"{what}_form": form})


@requires("send_direct_line")
@require_http_methods(["GET", "POST"])
def direct_line(request, congress_code):
    """代表直通车: the deputy's phone form, straight to the standing committee's office."""
    congress = request.congress
    form = DirectLineForm(request.POST or None, request.FILES or None, congress=congress, auto_id="direct_%s")
    if request.method == "POST" and form.is_valid():
        try:
            item = actions.send_direct_line(congress, actor=request.user, data=form.cleaned_data,
                                            photos=form.cleaned_data["photos"])
        except ValidationError as error:
            add_action_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已送达常委会办公室（第 {item.pk} 号），答复后会通知您")
            return redirect("my_opinions", congress.code)
    return render(request, "opinions/direct_line.html", {"form": form},
                  status=422 if request.method == "POST" else 200)


@requires("register_petition")
@require_http_methods(["GET", "POST"])
def petition(request, congress_code):
    """Staff register a letter or a visit (信访) with the person's name and contact."""
    congress = request.congress
    form = PetitionForm(request.POST or None, congress=congress, auto_id="petition_%s",
                        initial={"received_on": timezone.localdate().isoformat()})
    if request.method == "POST" and form.is_valid():
        try:
            item = actions.register_petition(congress, actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"已登记信访事项第 {item.pk} 号，查询码 {item.tracking_code_display}（请告知信访人）")
            return redirect("opinion_detail", congress.code, item.pk)
    return render(request, "opinions/petition.html", {"form": form},
                  status=422 if request.method == "POST" else 200)


def _row_errors(points, sent: list[int], error: ValidationError) -> ValidationError | None:
    """Put ``points.<i>.<field>`` errors on the i-th sent row; what is left goes on the main form."""
    rest: dict[str, list[str]] = {}
    for key, messages_ in error.message_dict.items():
        if key.startswith("points.") and key.count(".") == 2:
            _, index, field = key.split(".")
            row = points.forms[sent[int(index)]]
            row.add_error(field if field in row.fields else None, messages_)
        else:
            rest.setdefault(key, []).extend(messages_)
    return ValidationError(rest) if rest else None


@requires("record_opinions")
@require_http_methods(["GET", "POST"])
def record(request, congress_code):
    """The points raised at a leaders' visit or a symposium, or the tasks given at a meeting: one row
    per speaker."""
    congress = request.congress
    initial = {k: request.GET[k] for k in ("source", "activity", "meeting") if request.GET.get(k)}
    form = RecordForm(request.POST or None, congress=congress, auto_id="record_%s", initial=initial)
    points = Points(request.POST or None, congress=congress, prefix="points")
    if request.method == "POST":
        rows_ok = points.is_valid()
        if form.is_valid() and rows_ok:
            filled = points.filled()
            data = form.cleaned_data
            try:
                made = actions.record_opinions(
                    congress, actor=request.user, source=data["source"], activity=data["activity"],
                    meeting=data["meeting"],
                    points=[{**f.cleaned_data} for _, f in filled])
            except ValidationError as error:
                rest = _row_errors(points, [i for i, _ in filled], error)
                if rest is not None:
                    add_action_errors(form, rest)
            except (PermissionDenied, NotFound) as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"已登记 {len(made)} 条意见")
                return redirect(f"{_url(congress, 'opinion_register')}?source={data['source']}")
        return render(request, "opinions/record.html", {"form": form, "points": points}, status=422)
    return render(request, "opinions/record.html", {"form": form, "points": points})


def _url(congress, name: str) -> str:
    from django.urls import reverse

    return reverse(name, args=[congress.code])


@requires("view_own_opinions")
def mine(request, congress_code):
    """'我的意见': what I raised, where each stands, the answers ("事事有回音")."""
    congress = request.congress
    person = queries.person_of(congress, request.user)
    return render(request, "opinions/mine.html", {"items": queries.mine(congress, person),
                                                  "today": timezone.localdate()})


@requires("view_opinion_register")
def statistics(request, congress_code, fmt=None):
    congress = request.congress
    year = year_param(request)
    stats = queries.statistics(congress, year)
    if fmt == "xlsx":
        response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        downloads.attachment(response, downloads.yearly(stats.year, "意见建议统计", "xlsx"))
        queries.statistics_workbook(congress, stats).save(response)
        return response
    return render(request, "opinions/statistics.html", {"stats": stats, "year": stats.year,
                                                         "headings": queries.HEADINGS})


urlpatterns: list = [
    path("opinions/", register_list, name="opinion_register"),
    path("opinions/<int:item_id>/", item_detail, name="opinion_detail"),
    path("opinions/<int:item_id>/photos/<int:photo_id>/", item_photo, name="opinion_photo"),
    path("opinions/<int:item_id>/do/<str:what>/", item_action, name="opinion_action"),
    path("opinions/record/", record, name="opinion_record"),
    path("opinions/direct-line/", direct_line, name="opinion_direct_line"),
    path("opinions/petition/", petition, name="opinion_petition"),
    path("opinions/mine/", mine, name="my_opinions"),
    path("opinions/statistics/", statistics, name="opinion_statistics"),
    path("opinions/statistics.xlsx", statistics, {"fmt": "xlsx"}, name="opinion_statistics_xlsx"),
]
