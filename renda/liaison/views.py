"""Pages for liaison: stations (public page with rota and QR code, intake form), the handlers' queues
and concern pages, the person's tracking page, "双联系" and the yearly statistics."""

from __future__ import annotations

import io
import re
import unicodedata

import segno
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.views.decorators.http import require_http_methods, require_POST

from renda.core import downloads, export_jobs, jinja, spreadsheets, versioned
from renda.core.errors import NotFound
from renda.core.kept_pages import kept_page
from renda.core.models import RuleSetting
from renda.core.permissions import STAFF, may, organisations_of, roles_of
from renda.core.roles import Role
from renda.core.views_helpers import add_action_errors, flash_errors, gate, get_or_404, requires, year_param
from renda.liaison import actions, codes, exports, intake_guard, reports, station_statements
from renda.liaison.forms import (
    AnswerForm,
    BaseReceptionConcerns,
    ContactLinkForm,
    ContactRecordForm,
    CppccMemberForm,
    DismissForm,
    FeedbackForm,
    FollowUpForm,
    HolderForm,
    IntakeForm,
    ReceptionConcerns,
    ReceptionForm,
    RotaForm,
    StationFinderForm,
    StationProfileForm,
    TrackForm,
    TriageForm,
)
from renda.liaison.models import Concern, ContactLink, CppccMember, Reception, RotaSlot, StationProfile
from renda.liaison.workflows import CONCERN_WORKFLOW
from renda.people.models import Mandate, Organisation, Person

# What each part of a station's page is worked out from: a part is kept until an action writes one of
# these (core.versioned; tests/test_station_statements.py checks each reads nothing else). The concerns
# raised at stations all day leave a station's rota, deputies and forms standing.
STATION_ROW_READS = (Organisation,)
STATION_LISTS_READS = (StationProfile, RotaSlot, Mandate, Person, CppccMember, Reception, Reception.cppcc_members.through)
STATION_QUEUE_READS = (Concern, Organisation)  # the station's name in each row
STATION_FORM_READS = {"reception": (RuleSetting, CppccMember, Organisation, Mandate, Person),
                      "profile": (StationProfile,),  # the profile's values, read with the lists
                      "rota": (CppccMember, Organisation, Mandate, Person)}


def get_station(request, station_id) -> Organisation:
    # Kept (the station pages are the busiest of liaison's); one that is not found is not kept.
    return versioned.cached(request.congress, f"liaison.station_row:{station_id}", lambda: get_or_404(
        reports.stations(request.congress), station_id, "找不到该联络站"), tables=STATION_ROW_READS)


def get_concern_for_handler(request, concern_id) -> Concern:
    """Only those handling a concern see it here; to anyone else it does not exist."""
    concern = get_or_404(Concern.objects.in_congress(request.congress).select_related("station", "unit",
                                                                                      "responsible__person"),
                         concern_id, "找不到该群众诉求")
    if not actions.is_handler(request.congress, concern, request.user):
        raise Http404("找不到该群众诉求")
    return concern


@requires("view_concern_queue")
def station_list(request, congress_code):
    congress = request.congress
    today = timezone.localdate()
    counts = reports.station_counts(congress, today)
    q = request.GET.get("q", "").strip()
    stations = reports.stations(congress).order_by("name", "id")
    if q:
        stations = stations.filter(Q(name__contains=q) | Q(short_name__contains=q) | Q(address__contains=q))
    rows = [(s, counts.get(s.pk, {"open": 0, "overdue": 0})) for s in stations]
    if fmt := spreadsheets.wanted(request):
        return spreadsheets.export_response(request, subject="代表联络站", rows=rows, fmt=fmt,
                                            filters=spreadsheets.describe_filters([("关键词", q)]), columns=[
            spreadsheets.Column("联络站", lambda r: r[0].name), spreadsheets.Column("地址", lambda r: r[0].address),
            spreadsheets.Column("电话", lambda r: r[0].phone), spreadsheets.Column("存续", lambda r: r[0].active),
            spreadsheets.Column("在办诉求", lambda r: r[1]["open"], "int"), spreadsheets.Column("逾期", lambda r: r[1]["overdue"], "int"),
            spreadsheets.Column("统计日期", lambda r: today, "date")])
    return render(request, "liaison/stations.html", {"rows": rows, "today": today, "q": q})


def _mandates_of(congress, people) -> list[Mandate]:
    """The serving mandates of the people a picker returned, in the order picked."""
    by_person = {m.person_id: m for m in Mandate.objects.in_congress(congress)
                 .filter(person__in=people, status=Mandate.Status.SERVING).select_related("person")}
    return [by_person[p.pk] for p in people if p.pk in by_person]


def _form_fields(request, station, name: str, bound: dict, make) -> str:
    """One of the station page's forms' fields as HTML. Unbound, they are the same for every request
    at one data version on one day (choices, rules, the profile's values, today's date): rendered once
    and kept in the process's memory (core.versioned). A form sent back with errors is rendered afresh."""
    template = f"liaison/_station_{name}_fields.html"
    if bound:
        return render_to_string(template, {**make(), **bound, "photos_lost": bool(request.FILES)})
    found = versioned.cached(request.congress, f"liaison.station_form:{name}:{station.pk if name == 'profile' else ''}",
                             lambda: str(render_to_string(template, {**make(), "photos_lost": False})),
                             tables=STATION_FORM_READS[name])
    return mark_safe(found)  # noqa: S308 (our own templates, every value escaped there)


def _station_page(request, station, *, status: int = 200, **bound):
    """The station's page with its three forms; ``bound`` replaces the one that was just sent back."""
    congress = request.congress
    after = request.GET.get("after")
    after = int(after) if after and after.isdecimal() else None
    overdue = request.GET.get("overdue") == "1"

    def queue_rows() -> str:
        queue = station_statements.queue(congress, station, after=after, overdue_only=overdue, limit=reports.PAGE)
        return str(_queue_rows(request, {"queue": queue, "today": timezone.localdate(),
                                         "next_after": queue[-1].pk if len(queue) == reports.PAGE else None}))

    def lists() -> dict:
        return {"profile": reports.profile(congress, station), "rota": reports.rota(congress, station),
                "deputies": station_statements.deputies(congress, station),
                "receptions": station_statements.receptions(congress, station, limit=10)}

    # The profile, the queue's page, the rota, the deputies and the last receptions change only with an action
    # (or the day: what is overdue, the rota's window): each kept until an action writes a table it is worked
    # out from (the *_READS above), and per day (core.versioned).
    kept = versioned.cached(congress, f"liaison.station:{station.pk}", lists, tables=STATION_LISTS_READS)
    profile = kept["profile"]
    context = {
        "station": station, "congress": congress, **kept,
        "queue_rows": mark_safe(versioned.cached(  # noqa: S308 (rendered by our Jinja2 template, values escaped)
            congress, f"liaison.station_queue:{station.pk}:{after}:{overdue}", queue_rows, tables=STATION_QUEUE_READS)),
        "may_set_up": may(request.user, congress, "set_up_station"),
        "may_record": may(request.user, congress, "record_reception"),
    }
    if context["may_record"]:
        context["reception_fields"] = _form_fields(
            request, station, "reception", {k: bound[k] for k in ("reception_form", "reception_rows") if k in bound},
            lambda: {"reception_form": ReceptionForm(congress=congress, auto_id="reception_%s", initial={
                "held_on": timezone.localdate().isoformat(), "visitors": 0}),
                "reception_rows": ReceptionConcerns(congress=congress, prefix="c", auto_id="reception_%s")})
    if context["may_set_up"]:
        context["profile_fields"] = _form_fields(
            request, station, "profile", {k: bound[k] for k in ("profile_form",) if k in bound},
            lambda: {"profile_form": StationProfileForm(auto_id="profile_%s", initial={
                f: getattr(profile, f) for f in ("area", "opening_days", "phone", "intake_open")})})
        context["rota_fields"] = _form_fields(
            request, station, "rota", {k: bound[k] for k in ("rota_form",) if k in bound},
            lambda: {"rota_form": RotaForm(congress=congress, auto_id="rota_%s")})
    return render(request, "liaison/station.html", context, status=status)


def _queue_rows(request, context: dict):
    """The open-concerns table, rendered by Jinja2 (fifty rows cost a fraction of Django's templates)."""
    return jinja.rows(request, "liaison/queue_rows.jinja", {
        **{k: context.get(k) for k in ("queue", "today", "next_after", "q", "status")},
        "congress": request.congress, "short": short_text})


def short_text(text: str, length: int = 40) -> str:
    """A concern's text in a queue's row: Django's ``Truncator(text).chars(40)``, without building one for a
    text that is no longer (Truncator gives such a text back as it is, in NFC)."""
    if len(text) <= length and unicodedata.is_normalized("NFC", text):
        return text
    return Truncator(text).chars(length)


@requires("view_concern_queue")
@kept_page
def station_detail(request, congress_code, station_id):
    return _station_page(request, get_station(request, station_id))


_ROW_FIELD = re.compile(r"^concerns\[(\d+)\]\.(\w+)$")


def _row_errors(rows: BaseReceptionConcerns, sent: list[int], error: ValidationError) -> ValidationError | None:
    """Put a reception's per-concern errors (``concerns[i].field``) on the row the person typed them
    in; what is left is for the reception's own fields."""
    rest: dict[str, list[str]] = {}
    for key, found in error.message_dict.items():
        match = _ROW_FIELD.match(key)
        if match and int(match[1]) < len(sent):
            row = rows.forms[sent[int(match[1])]]
            row.add_error(match[2] if match[2] in row.fields else None, found)
        else:
            rest[key] = found
    return ValidationError(rest) if rest else None


@require_POST
def station_action(request, congress_code, station_id, what):
    congress, station, user = request.congress, get_station(request, station_id), request.user
    post = request.POST
    if what == "profile":
        form = StationProfileForm(post, auto_id="profile_%s")
        if form.is_valid():
            try:
                actions.set_up_station(congress, station, actor=user, **form.cleaned_data)
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, f"已保存{station.name}的信息")
                return redirect("liaison_station", congress.code, station.pk)
        return _station_page(request, station, profile_form=form)
    if what == "rota":
        rota = RotaForm(post, congress=congress, auto_id="rota_%s")
        if rota.is_valid():
            try:
                slots = actions.set_rota(congress, station, actor=user, on=rota.cleaned_data["on"],
                                         mandates=_mandates_of(congress, rota.cleaned_data["mandates"]),
                                         cppcc_members=list(rota.cleaned_data["cppcc_members"]))
            except ValidationError as error:
                add_action_errors(rota, error)
            else:
                day = rota.cleaned_data["on"]
                deputies = sum(1 for s in slots if s.mandate_id)
                cppcc = f"、{len(slots) - deputies} 名政协委员" if len(slots) > deputies else ""
                messages.success(request, f"已排班：{day}，{deputies} 名代表{cppcc}进站" if slots else f"已取消 {day} 的排班")
                return redirect("liaison_station", congress.code, station.pk)
        return _station_page(request, station, rota_form=rota)
    if what == "reception":
        form = ReceptionForm(post, congress=congress, auto_id="reception_%s")
        rows = ReceptionConcerns(post, request.FILES, congress=congress, prefix="c", auto_id="reception_%s")
        if form.is_valid() and rows.is_valid():
            filled = rows.filled()
            concerns = [{**row.concern_data(), "photos": row.cleaned_data["photos"],
                         "anonymous": not (row.cleaned_data["person_name"] or row.cleaned_data["person_contact"])}
                        for _, row in filled]
            try:
                reception = actions.record_reception(
                    congress, station, actor=user, held_on=form.cleaned_data["held_on"],
                    deputies=_mandates_of(congress, form.cleaned_data["deputies"]),
                    cppcc_members=list(form.cleaned_data["cppcc_members"]),
                    visitors=form.cleaned_data["visitors"] or 0, notes=form.cleaned_data["notes"], concerns=concerns)
            except ValidationError as error:
                rest = _row_errors(rows, [i for i, _ in filled], error)
                if rest is not None:
                    add_action_errors(form, rest)
            else:
                messages.success(request, f"已记录 {reception.held_on} 的接待活动，登记群众诉求 {len(concerns)} 件")
                return redirect("liaison_station", congress.code, station.pk)
        return _station_page(request, station, reception_form=form, reception_rows=rows)
    raise Http404("没有这个操作")


def station_public(request, congress_code, station_id):
    """The station's public page: where, when, who sits on which day, and the QR code to its form."""
    congress = request.congress
    station = get_station(request, station_id)
    link = request.build_absolute_uri(reverse("liaison_intake", args=[congress.code, station.pk]))
    return render(request, "liaison/public.html", {
        "station": station, "profile": reports.profile(congress, station), "rota": reports.rota(congress, station), "link": link,
        "qr": mark_safe(segno.make(link, error="m").svg_inline(scale=6, dark="#000", light="#fff")),  # noqa: S308 (our own SVG)
    })


def _intake(request, station: Organisation | None, template: str, context: dict):
    """The public concern form, at a station (its QR code) or on the entry page (the person picks
    the station). No account; the tracking code at the end. Flood limits from intake_guard."""
    congress = request.congress
    address = request.META.get("REMOTE_ADDR", "")
    form = IntakeForm(request.POST if request.method == "POST" else None, request.FILES or None, congress=congress,
                      station=station, auto_id="intake_%s")
    context = {**context, "form": form, "photos_lost": bool(request.FILES)}
    if request.method == "POST":
        chosen = station
        if chosen is None and form.is_valid():
            chosen = form.cleaned_data["station"]
        verdict = (intake_guard.admit(congress, chosen, address, request.POST.get("challenge_token", ""),
                                      request.POST.get("challenge", "")) if chosen is not None
                   else intake_guard.Verdict())
    else:
        verdict = intake_guard.check(congress, station, address) if station is not None else intake_guard.Verdict()
    if verdict.refused:
        return render(request, template, {**context, "refused": verdict.refused}, status=429)
    if request.method == "POST" and form.is_valid():
        assert chosen is not None  # the form's station, or the page's
        if verdict.challenge_failed:
            form.add_error(None, verdict.challenge_problem)
        else:
            try:
                concern = intake_guard.accept(congress, chosen, lambda: actions.submit_concern(
                    congress, chosen, actor=request.user, data=form.concern_data(), photos=form.cleaned_data["photos"]))
            except intake_guard.StationFull as full:
                return render(request, template, {**context, "refused": full.message}, status=429)
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                return redirect(reverse("liaison_track", args=[congress.code, concern.tracking_code]) + "?new=1")
    if verdict.needs_challenge or verdict.challenge_failed:
        context["question"], context["token"] = intake_guard.new_challenge()
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def intake(request, congress_code, station_id):
    """The form behind a station's QR code."""
    congress = request.congress
    station = get_station(request, station_id)
    return _intake(request, station, "liaison/intake.html", {"station": station, "profile": reports.profile(congress, station)})


def _public_context(request, **extra) -> dict:
    congress = request.congress
    finder = StationFinderForm(request.GET, congress=congress, auto_id="find_%s")
    finder.is_valid()
    q, area = (finder.cleaned_data.get("q") or "").strip(), finder.cleaned_data.get("area") or ""
    return {"finder": finder, "listings": reports.find_stations(congress, q=q, area=area), "searched": bool(q or area),
            "track_form": TrackForm(auto_id="track_%s", letters=request.GET.get("letters") == "1"), **extra}


@require_http_methods(["GET", "POST"])
def public_home(request, congress_code):
    """The citizen's entry page (phone first): find a station and its opening days, raise a concern,
    follow one by its tracking code."""
    return _intake(request, None, "liaison/public_home.html", _public_context(request))


def _track_problem(request, code: str, problem: str, status: int):
    typed = codes.normalise(code)  # the full keyboard only for an old code with letters, not for an empty box
    form = TrackForm({"code": code}, auto_id="track_%s", letters=bool(typed) and not typed.isdecimal())
    form.is_valid()
    form.add_error("code", problem)
    return render(request, "liaison/public_home.html", {
        **_public_context(request, track_form=form), "form": IntakeForm(congress=request.congress, auto_id="intake_%s")},
        status=status)


def _look_up(request, raw: str):
    """(concern, refusal page): a mistyped code says so; a well-formed code not found costs the address
    one lookup of its hourly allowance (intake_guard)."""
    congress = request.congress
    address = request.META.get("REMOTE_ADDR", "")
    if intake_guard.lookups_refused(congress, address):
        return None, _track_problem(request, raw, intake_guard.LOOKUP_REFUSAL, 429)
    code, problem = codes.parse(raw)
    if problem:  # mistyped: said at once, and no lookup is spent
        return None, _track_problem(request, raw, problem, 200)
    said = [""]

    def find():
        concern, said[0] = reports.look_up(congress, code)
        return concern

    found, refused = intake_guard.look_up(congress, address, find)
    if refused:
        return None, _track_problem(request, raw, intake_guard.LOOKUP_REFUSAL, 429)
    if found is None:
        return None, _track_problem(request, raw, said[0], 404)
    return found, None


def track_lookup(request, congress_code):
    """The tracking-code box: to the concern's page, or back to the box with what is wrong. Opened
    without a code (a bookmark, a link), the box is shown as on the entry page, with no error."""
    if "code" not in request.GET:
        return render(request, "liaison/public_home.html", {
            **_public_context(request), "form": IntakeForm(congress=request.congress, auto_id="intake_%s")})
    form = TrackForm(request.GET, auto_id="track_%s")
    code = request.GET.get("code", "") if form.is_valid() else ""
    concern, refusal = _look_up(request, code)
    if refusal is not None:
        return refusal
    assert concern is not None
    return redirect("liaison_track", request.congress.code, concern.tracking_code)


@require_http_methods(["GET", "POST"])
def track(request, congress_code, tracking_code):
    """The person's view of their concern by its tracking code: where it stands in plain words, when
    to expect an answer, the steps and the answer; nothing of anyone else, nor the handlers'
    internal notes, nor even their own name and contact."""
    congress = request.congress
    concern, refusal = _look_up(request, tracking_code)
    if refusal is not None:
        return refusal
    assert concern is not None
    form = FeedbackForm(request.POST or None, auto_id="feedback_%s")
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_feedback(congress, concern, actor=request.user, satisfaction=form.cleaned_data["satisfaction"],
                                    tracking_code=concern.tracking_code, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_action_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "谢谢您的评价，此事办结")
            return redirect("liaison_track", congress.code, concern.tracking_code)
    steps = [s for s in concern.steps.all() if s.public_note]
    return render(request, "liaison/track.html", {
        "concern": concern, "steps": steps, "form": form, "new": request.GET.get("new") == "1",
        "progress": reports.public_progress(congress, concern),
        "stepper": reports.stepper(concern, internal=False),
        "may_rate": concern.status in (Concern.Status.SOLVED, Concern.Status.ANSWERED)}, status=status)


@requires("view_concern_queue")
def concern_queue(request, congress_code):
    """The office sees every open concern; a deputy, their station's and their own; a unit, its own."""
    congress, user = request.congress, request.user
    roles = roles_of(user, congress)
    scope: dict = {}
    if not roles & STAFF:
        mandate = actions.serving_mandate(congress, user)
        if mandate is not None:
            scope["responsible"] = mandate
        else:
            scope["unit_ids"] = organisations_of(user, congress, Role.UNIT_OFFICER)
    after, get = request.GET.get("after"), request.GET
    q, status, overdue = reports.keyword(get.get("q", "")), get.get("status", ""), get.get("overdue") == "1"
    status = status if status in Concern.OPEN else ""
    if fmt := spreadsheets.wanted(request):
        return spreadsheets.export_response(
            request, subject="群众诉求办理", columns=exports.CONCERNS, fmt=fmt,
            rows=reports.open_concerns(congress, overdue_only=overdue, q=q, status=status, every_page=True, **scope),
            filters=spreadsheets.describe_filters([("状态", Concern.Status(status).label if status else ""),
                                                   ("只看逾期", "是" if overdue else ""), ("关键词", q)]))
    queue = reports.open_concerns(congress, overdue_only=overdue, q=q, status=status,
                                  after=int(after) if after and after.isdecimal() else None, **scope)
    context = {"queue": queue, "today": timezone.localdate(), "q": q, "status": status, "overdue": overdue,
               "statuses": [(s, Concern.Status(s).label) for s in Concern.OPEN],
               "next_after": queue[-1].pk if len(queue) == reports.PAGE else None}
    context["queue_rows"] = _queue_rows(request, context)
    return render(request, "liaison/queue.html", context)


def _concern_page(request, concern: Concern, *, status: int = 200, **bound):
    """The concern's page with the forms for the steps open to this user; ``bound`` replaces the one
    just sent back with an error, so what was typed is still there."""
    congress = request.congress
    transitions = {t.action for t in CONCERN_WORKFLOW.available(concern.status, roles_of(request.user, congress),
                                                                       congress)}
    forms_ = {"triage_form": TriageForm(congress=congress, auto_id="triage_%s"),
              "dismiss_form": DismissForm(auto_id="dismiss_%s"), "committee_form": AnswerForm(auto_id="committee_%s"),
              "answer_form": AnswerForm(auto_id="answer_%s"), "follow_up_form": FollowUpForm(auto_id="follow_%s"),
              "feedback_form": FeedbackForm(auto_id="feedback_%s"), **bound}
    # The person rates with their tracking code on the public page; here, a handler records it for them
    # (never the unit that answered).
    may_feedback = "record_feedback" in transitions and actions.may_record_feedback(congress, concern, request.user)
    from renda.routing.queries import for_assignment_page  # the proposed units, beside 上报办

    routing = for_assignment_page(congress, request.user, concern) if "triage_concern" in transitions else None
    from renda.answer_quality.queries import flags_for_concern  # staff only: advisory 套话、答非所问

    return render(request, "liaison/concern.html", {"may_feedback": may_feedback, "routing": routing,
        "quality_flags": flags_for_concern(congress, request.user, concern),
        **forms_, "concern": concern, "steps": concern.steps.all(), "photos": concern.photos.all(),
        "stepper": reports.stepper(concern, internal=bool(roles_of(request.user, congress) & STAFF)),
        "today": timezone.localdate(), "transitions": transitions,
        "may_follow_up": concern.status in (Concern.Status.TRACKING, Concern.Status.REFERRED, Concern.Status.WITH_COMMITTEE),
        "may_draft": may(request.user, congress, "draft_suggestion_from_concern") and not concern.suggestion_id,
    }, status=status)


@requires("view_concern_queue")
def concern_detail(request, congress_code, concern_id):
    return _concern_page(request, get_concern_for_handler(request, concern_id))


def concern_photo(request, congress_code, concern_id, photo_id):
    """A concern's photo, for those handling it only."""
    from django.http import FileResponse

    from renda.liaison.models import ConcernPhoto

    concern = get_concern_for_handler(request, concern_id)
    photo = get_or_404(ConcernPhoto.objects.in_congress(request.congress).filter(concern=concern), photo_id, "找不到该照片")
    return FileResponse(photo.image.open("rb"), content_type=photo.content_type)


def _step_done(concern: Concern, what: str) -> str:
    """The message after a step: what happened, and what follows."""
    if what == "triage":
        return f"已分办：{concern.get_path_display()}，由{concern.step_owner}办理，期限 {concern.due_on}"
    return {
        "dismiss": "已不予受理，理由会在查询页告知反映人",
        "committee": "已记录村（居）委会的办理结果，请向反映人反馈并听取评价",
        "answer": "已答复，反映人可凭查询码查看并评价",
        "follow-up": "已记录跟踪情况",
        "feedback": f"已记录满意度（{concern.get_satisfaction_display()}），此件办结",
    }[what]


@require_POST
def concern_action(request, congress_code, concern_id, what):
    congress, user = request.congress, request.user
    concern = get_concern_for_handler(request, concern_id)
    post = request.POST
    if what == "suggestion":  # a button only: nothing typed to keep
        try:
            draft = actions.draft_suggestion_from_concern(congress, concern, actor=user)
        except (ValidationError, PermissionDenied) as error:
            flash_errors(request, error)
            return redirect("liaison_concern", congress.code, concern.pk)
        messages.success(request, "已转为您的建议草稿，请补充建议内容后提交")
        return redirect("suggestion_edit", congress.code, draft.pk)
    form: forms.Form
    if what == "triage":
        form = TriageForm(post, congress=congress, auto_id="triage_%s")
        key = "triage_form"
    elif what == "dismiss":
        form, key = DismissForm(post, auto_id="dismiss_%s"), "dismiss_form"
    elif what in ("committee", "answer"):
        form, key = AnswerForm(post, auto_id=f"{what}_%s"), f"{what}_form"
    elif what == "follow-up":
        form, key = FollowUpForm(post, auto_id="follow_%s"), "follow_up_form"
    elif what == "feedback":
        form, key = FeedbackForm(post, auto_id="feedback_%s"), "feedback_form"
    else:
        raise Http404("没有这个操作")
    if form.is_valid():
        data = form.cleaned_data
        try:
            if what == "triage":
                responsible = _mandates_of(congress, [data["responsible"]]) if data["responsible"] else []
                actions.triage_concern(congress, concern, actor=user, path=data["path"], answer=data["answer"],
                                       committee=data["committee"], unit=data["unit"],
                                       responsible=responsible[0] if responsible else None, due_on=data["due_on"] or None)
            elif what == "dismiss":
                actions.dismiss_concern(congress, concern, actor=user, reason=data["reason"])
            elif what == "committee":
                actions.report_committee_result(congress, concern, actor=user, answer=data["answer"])
            elif what == "answer":
                actions.answer_concern(congress, concern, actor=user, answer=data["answer"])
            elif what == "follow-up":
                actions.record_follow_up(congress, concern, actor=user, note=data["note"], public=not data["internal"])
            else:
                actions.record_feedback(congress, concern, actor=user, satisfaction=data["satisfaction"],
                                        note=data["note"])
        except ValidationError as error:
            add_action_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        except NotFound as error:
            raise Http404(str(error)) from error
        else:
            messages.success(request, _step_done(concern, what))
            return redirect("liaison_concern", congress.code, concern.pk)
    concern.refresh_from_db()  # an action may have changed it in memory before refusing
    return _concern_page(request, concern, **{key: form})


@requires("view_liaison_statistics")
def statistics(request, congress_code, fmt=None):
    congress = request.congress
    year = year_param(request)
    area = request.GET.get("area") or None
    if fmt == "xlsx":  # a job above the rule exports.background_rows, as the other yearly reports
        def write(progress=None) -> bytes:
            out = io.BytesIO()
            reports.statistics_workbook(congress, reports.statistics(congress, year, area)).save(out)
            return out.getvalue()

        raised = reports.statistics(congress, year, area).total.raised  # the concerns the report counts (kept)
        return export_jobs.respond(request, subject="联络站工作统计", fmt="xlsx", write=write, total=raised,
                                   name=downloads.yearly(year, "联络站工作统计", "xlsx"))
    # The page below the layout (its filter, tables and charts: 500 stations' rows) is the same for everyone
    # at one data version on one day: rendered once and kept in the process's memory, as the figures it
    # shows (reports.statistics).
    def body_context() -> dict:
        stats = reports.statistics(congress, year, area)
        return {"congress": congress, "year": year, "area": area, "areas": reports.station_areas(congress),
                "stats": stats, "headings": reports.HEADINGS, "charts": reports.statistics_charts(stats)}

    body = jinja.kept_part(request, f"liaison.statistics_body:{year}:{area}", "liaison/_statistics_body.html",
                           body_context)
    return render(request, "liaison/statistics.html", {"body": body})


def _contact_holder(request) -> tuple[HolderForm | None, Person | None]:
    """Whose "双联系" the page shows: one's own; the liaison office picks anyone by name."""
    congress, user = request.congress, request.user
    if not may(user, congress, "set_up_station"):
        return None, reports.contact_holder(congress, user)
    raw = request.GET.get("holder", "")
    if raw.isdecimal():  # an address from before the picker (?holder=<person id>)
        return HolderForm(congress=congress, auto_id="holder_%s"), reports.contact_holder(congress, user, raw)
    form = HolderForm(request.GET if raw else None, congress=congress, auto_id="holder_%s")
    if form.is_valid() and form.cleaned_data["holder"] is not None:
        return form, form.cleaned_data["holder"]
    return form, reports.contact_holder(congress, user)


@requires("record_liaison_contact")
@require_http_methods(["GET", "POST"])
def contacts(request, congress_code):
    """“双联系”: my ties, whom I have not contacted this year, and the record of contacts."""
    congress, user = request.congress, request.user
    holder_form, holder = _contact_holder(request)
    q, year = reports.keyword(request.GET.get("q", "")), request.GET.get("year", "")
    year = year if year.isdecimal() and len(year) == 4 else ""
    if request.method == "GET" and (fmt := spreadsheets.wanted(request)):
        if holder is None:
            raise Http404("没有可导出的双联系记录")
        return spreadsheets.export_response(
            request, subject=f"{holder.name}双联系记录", columns=exports.CONTACT_RECORDS, fmt=fmt,
            rows=reports.contact_records(congress, holder, q=q, year=year),
            filters=spreadsheets.describe_filters([("年度", year), ("关键词", q)]))
    links = ContactLink.objects.in_congress(congress).filter(holder=holder).select_related("deputy").order_by("id")
    link_form = ContactLinkForm(congress=congress, auto_id="link_%s")
    record_form = ContactRecordForm(links=links, auto_id="record_%s", initial={"on": timezone.localdate().isoformat()})
    if request.method == "POST":
        what = request.POST.get("what")
        try:
            if what == "link":
                link_form = ContactLinkForm(request.POST, congress=congress, auto_id="link_%s")
                if link_form.is_valid():
                    data = link_form.cleaned_data
                    made = actions.link_contact(congress, actor=user, kind=data["kind"], holder=holder,
                                                deputy=data["deputy"], constituent=data["constituent"])
                    messages.success(request, f"已增加联系对象：{made.deputy.name + ' 代表' if made.deputy else made.constituent}")
                    return redirect(request.get_full_path())
            else:
                record_form = ContactRecordForm(request.POST, links=links, auto_id="record_%s")
                if record_form.is_valid():
                    data = record_form.cleaned_data
                    actions.record_liaison_contact(congress, data["link"], actor=user, on=data["on"], how=data["how"],
                                                   raised=data["raised"], followed=data["followed"])
                    link = data["link"]
                    messages.success(request, f"已记录 {data['on']} 与{link.deputy.name if link.deputy else link.constituent}的联系")
                    return redirect(request.get_full_path())
        except ValidationError as error:
            add_action_errors(link_form if what == "link" else record_form, error)
        except PermissionDenied as error:
            (link_form if what == "link" else record_form).add_error(None, str(error))
        except NotFound as error:
            raise Http404(str(error)) from error
    return render(request, "liaison/contacts.html", {
        "holder": holder, "holder_form": holder_form, "links": list(links) if holder else [],
        "link_form": link_form, "record_form": record_form,
        "missing": reports.not_contacted(congress, holder) if holder else [],
        "records": reports.contact_records(congress, holder, q=q, year=year)[:50] if holder else [],
        "q": q, "year": year,
    })


# ── 两代表一委员之家: the CPPCC members who sit at the stations ──

def _cppcc_page(request, *, form=None, status: int = 200):
    congress, get = request.congress, request.GET
    chosen = {"q": reports.keyword(get.get("q", "")), "station": get.get("station", ""), "active": get.get("active", "")}
    return render(request, "liaison/cppcc.html", {
        **chosen, "stations": reports.stations(congress).order_by("name"),
        "members": reports.cppcc_members(congress, **chosen), "may_edit": may(request.user, congress, "register_cppcc_member"),
        "form": form or CppccMemberForm(congress=congress, auto_id="cppcc_%s"),
    }, status=status)


@requires("view_cppcc_members")
def cppcc_members(request, congress_code):
    """The list, and for the office the form to register one."""
    congress, get = request.congress, request.GET
    if request.method != "POST" and (fmt := spreadsheets.wanted(request)):
        station = reports.stations(congress).filter(pk=get.get("station") or 0).first() \
            if get.get("station", "").isdecimal() else None
        q, active = reports.keyword(get.get("q", "")), get.get("active", "")
        return spreadsheets.export_response(
            request, subject="进站政协委员", columns=exports.CPPCC, fmt=fmt,
            rows=reports.cppcc_members(congress, q=q, station=str(station.pk) if station else "", active=active),
            filters=spreadsheets.describe_filters([("联络站", station.name if station else ""),
                                                   ("状态", {"1": "进站", "0": "已停止进站"}.get(active, "")),
                                                   ("关键词", q)]))
    if request.method != "POST":
        return _cppcc_page(request)
    denied = gate(request, "register_cppcc_member")
    if denied:
        return denied
    form = CppccMemberForm(request.POST, congress=congress, auto_id="cppcc_%s")
    if form.is_valid():
        d = form.cleaned_data
        try:
            member = actions.register_cppcc_member(
                congress, actor=request.user, person_data={"name": d["name"], "sex": d["sex"], "phone": d["phone"]},
                cppcc=d["cppcc"], sector=d["sector"], station=d["station"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"已登记政协委员{member.person.name}")
            return redirect("liaison_cppcc", congress.code)
    return _cppcc_page(request, form=form, status=422)


@requires("view_cppcc_members")
def cppcc_member(request, congress_code, member_id):
    """One member: edit (the office), stop or resume sitting (with a confirmation)."""
    congress = request.congress
    member = get_or_404(reports.cppcc_members(congress), member_id, "找不到该政协委员")
    form = CppccMemberForm(congress=congress, editing=True, auto_id="cppcc_%s",
                           initial={"cppcc": member.cppcc, "sector": member.sector, "station": member.station_id})
    status = 200
    if request.method == "POST":
        what = request.POST.get("what", "edit")
        denied = gate(request, "deactivate_cppcc_member" if what == "active" else "edit_cppcc_member")
        if denied:
            return denied
        try:
            if what == "active":
                actions.deactivate_cppcc_member(congress, member, actor=request.user,
                                                active=request.POST.get("active") == "1")
                messages.success(request, f"{member.person.name}{'恢复进站' if member.active else '已停止进站'}")
                return redirect("liaison_cppcc_member", congress.code, member.pk)
            form = CppccMemberForm(request.POST, congress=congress, editing=True, auto_id="cppcc_%s")
            if form.is_valid():
                actions.edit_cppcc_member(congress, member, actor=request.user, **form.cleaned_data)
                messages.success(request, f"已保存{member.person.name}的信息")
                return redirect("liaison_cppcc_member", congress.code, member.pk)
        except ValidationError as error:
            if what == "active":
                flash_errors(request, error)
                return redirect("liaison_cppcc_member", congress.code, member.pk)
            add_action_errors(form, error)
        status = 422
    receptions = (Reception.objects.in_congress(congress).filter(cppcc_members=member).select_related("station")
                  .order_by("-held_on")[:20])
    return render(request, "liaison/cppcc_member.html", {
        "member": member, "form": form, "receptions": receptions,
        "may_edit": may(request.user, congress, "edit_cppcc_member"),
        "rota": RotaSlot.objects.in_congress(congress).filter(cppcc_member=member, on__gte=timezone.localdate())
        .select_related("station").order_by("on")[:20],
    }, status=status)
