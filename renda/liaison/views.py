"""Pages for liaison: stations (public page with rota and QR code, intake form), the handlers' queues
and concern pages, the person's tracking page, "双联系" and the yearly statistics."""

from __future__ import annotations

import segno
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from renda.core import rules
from renda.core.errors import NotFound
from renda.core.permissions import STAFF, may, organisations_of, roles_of
from renda.core.roles import Role
from renda.core.views_helpers import flash_errors, get_or_404, requires
from renda.liaison import actions, intake_guard, reports
from renda.liaison.models import Concern, ContactLink, ContactRecord, Reception, StationProfile
from renda.liaison.workflows import CONCERN_WORKFLOW
from renda.people.models import Mandate, Organisation


def get_station(request, station_id) -> Organisation:
    return get_or_404(reports.stations(request.congress), station_id, "找不到该联络站")


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
    rows = [(s, counts.get(s.pk, {"open": 0, "overdue": 0})) for s in reports.stations(congress).order_by("name")]
    return render(request, "liaison/stations.html", {"rows": rows, "today": today})


@requires("view_concern_queue")
def station_detail(request, congress_code, station_id):
    congress = request.congress
    station = get_station(request, station_id)
    after = request.GET.get("after")
    queue = reports.open_concerns(congress, station=station, after=int(after) if after and after.isdigit() else None,
                                  overdue_only=request.GET.get("overdue") == "1")
    return render(request, "liaison/station.html", {
        "station": station, "profile": reports.profile(congress, station), "rota": reports.rota(congress, station),
        "deputies": Mandate.objects.in_congress(congress).filter(liaison_station=station, status="serving")
        .select_related("person").order_by("person__name"),
        "queue": queue, "today": timezone.localdate(), "next_after": queue[-1].pk if len(queue) == reports.PAGE else None,
        "receptions": Reception.objects.in_congress(congress).filter(station=station)[:10],
        "categories": rules.get(congress, "liaison.categories"),
        "may_set_up": may(request.user, congress, "set_up_station"),
        "may_record": may(request.user, congress, "record_reception"),
    })


def _mandates(congress, ids):
    return list(Mandate.objects.in_congress(congress).filter(pk__in=[int(i) for i in ids if str(i).isdigit()]))


@require_POST
def station_action(request, congress_code, station_id, what):
    congress, station, post = request.congress, get_station(request, station_id), request.POST
    try:
        if what == "profile":
            actions.set_up_station(congress, station, actor=request.user, area=post.get("area", ""),
                                   opening_days=post.get("opening_days", ""), phone=post.get("phone", ""),
                                   intake_open=post.get("intake_open") == "on")
        elif what == "rota":
            actions.set_rota(congress, station, actor=request.user, on=post.get("on"),
                             mandates=_mandates(congress, post.getlist("mandates")))
        elif what == "reception":
            concerns = [{"person_name": n, "person_contact": c, "category": k, "text": t, "place": p,
                         "anonymous": not (n or c), "photos": request.FILES.getlist(f"photos_{i}")}
                        for i, (n, c, k, t, p) in enumerate(zip(post.getlist("person_name"), post.getlist("person_contact"),
                                                                post.getlist("category"), post.getlist("text"),
                                                                post.getlist("place"), strict=False)) if t.strip()]
            actions.record_reception(congress, station, actor=request.user, held_on=post.get("held_on"),
                                     deputies=_mandates(congress, post.getlist("deputies")),
                                     visitors=post.get("visitors", 0), notes=post.get("notes", ""), concerns=concerns)
        else:
            raise Http404("没有这个操作")
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("liaison_station", congress.code, station.pk)


def station_public(request, congress_code, station_id):
    """The station's public page: where, when, who sits on which day, and the QR code to its form."""
    congress = request.congress
    station = get_station(request, station_id)
    link = request.build_absolute_uri(reverse("liaison_intake", args=[congress.code, station.pk]))
    return render(request, "liaison/public.html", {
        "station": station, "profile": reports.profile(congress, station), "rota": reports.rota(congress, station), "link": link,
        "qr": mark_safe(segno.make(link, error="m").svg_inline(scale=6, dark="#000", light="#fff")),  # noqa: S308 (our own SVG)
    })


@require_http_methods(["GET", "POST"])
def intake(request, congress_code, station_id):
    """The public form behind the station's QR code. No account; a tracking code at the end."""
    congress = request.congress
    station = get_station(request, station_id)
    address = request.META.get("REMOTE_ADDR", "")
    if request.method == "POST":
        verdict = intake_guard.admit(congress, station, address, request.POST.get("challenge_token", ""),
                                     request.POST.get("challenge", ""))
    else:
        verdict = intake_guard.check(congress, station, address)
    context = {"station": station, "profile": reports.profile(congress, station),
               "categories": rules.get(congress, "liaison.categories"), "data": request.POST}
    if verdict.refused:
        return render(request, "liaison/intake.html", {**context, "refused": verdict.refused}, status=429)
    if request.method == "POST":
        if verdict.challenge_failed:
            question, token = intake_guard.new_challenge()
            return render(request, "liaison/intake.html", {
                **context, "errors": {"challenge": ["请回答验证题"]}, "question": question, "token": token}, status=422)
        data = {k: request.POST.get(k, "") for k in ("person_name", "person_contact", "place", "category", "text")}
        data["anonymous"] = request.POST.get("anonymous") == "on"
        try:
            concern = actions.submit_concern(congress, station, actor=request.user, data=data,
                                             photos=request.FILES.getlist("photos"))
        except ValidationError as error:
            extra = dict(zip(("question", "token"), intake_guard.new_challenge(), strict=True)) if verdict.needs_challenge else {}
            return render(request, "liaison/intake.html", {**context, **extra, "errors": error.message_dict}, status=422)
        return redirect(reverse("liaison_track", args=[congress.code, concern.tracking_code]) + "?new=1")
    if verdict.needs_challenge:
        context["question"], context["token"] = intake_guard.new_challenge()
    return render(request, "liaison/intake.html", context)


@require_http_methods(["GET", "POST"])
def track(request, congress_code, tracking_code):
    """The person's view of their concern by its tracking code: status, steps and answer; nothing of
    anyone else, nor the handlers' internal notes, nor even their own name and contact."""
    congress = request.congress
    concern = reports.by_tracking_code(congress, tracking_code)
    if concern is None:
        raise Http404("查询码不正确")
    errors = None
    if request.method == "POST":
        try:
            actions.record_feedback(congress, concern, actor=request.user, satisfaction=request.POST.get("satisfaction", ""),
                                    tracking_code=tracking_code, note=request.POST.get("note", ""))
            return redirect("liaison_track", congress.code, concern.tracking_code)
        except ValidationError as error:
            errors = error.messages
        except PermissionDenied as error:
            errors = [str(error)]
    steps = [s for s in concern.steps.all() if s.public_note]
    return render(request, "liaison/track.html", {
        "concern": concern, "steps": steps, "errors": errors, "new": request.GET.get("new") == "1",
        "satisfactions": Concern.Satisfaction.choices,
        "may_rate": concern.status in (Concern.Status.SOLVED, Concern.Status.ANSWERED)}, status=422 if errors else 200)


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
    after = request.GET.get("after")
    queue = reports.open_concerns(congress, overdue_only=request.GET.get("overdue") == "1",
                                  after=int(after) if after and after.isdigit() else None, **scope)
    return render(request, "liaison/queue.html", {"queue": queue, "today": timezone.localdate(),
                                                  "next_after": queue[-1].pk if len(queue) == reports.PAGE else None})


@requires("view_concern_queue")
def concern_detail(request, congress_code, concern_id):
    congress = request.congress
    concern = get_concern_for_handler(request, concern_id)
    transitions = {t.action for t in CONCERN_WORKFLOW.available(concern.status, roles_of(request.user, congress),
                                                                       congress)}
    return render(request, "liaison/concern.html", {
        "concern": concern, "steps": concern.steps.all(), "photos": concern.photos.all(), "today": timezone.localdate(),
        "transitions": transitions, "satisfactions": Concern.Satisfaction.choices,
        "units": Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.HANDLING_UNIT).order_by("name"),
        "deputies": Mandate.objects.in_congress(congress).filter(status="serving", liaison_station=concern.station)
        .select_related("person"),
        "may_draft": may(request.user, congress, "draft_suggestion_from_concern") and not concern.suggestion_id,
    })


def concern_photo(request, congress_code, concern_id, photo_id):
    """A concern's photo, for those handling it only."""
    from django.http import FileResponse

    from renda.liaison.models import ConcernPhoto

    concern = get_concern_for_handler(request, concern_id)
    photo = get_or_404(ConcernPhoto.objects.in_congress(request.congress).filter(concern=concern), photo_id, "找不到该照片")
    return FileResponse(photo.image.open("rb"), content_type=photo.content_type)


@require_POST
def concern_action(request, congress_code, concern_id, what):
    congress = request.congress
    concern = get_concern_for_handler(request, concern_id)
    post, user = request.POST, request.user
    try:
        if what == "triage":
            unit = Organisation.objects.in_congress(congress).filter(pk=post.get("unit") or 0).first()
            responsible = Mandate.objects.in_congress(congress).filter(pk=post.get("responsible") or 0).first()
            actions.triage_concern(congress, concern, actor=user, path=post.get("path", ""), answer=post.get("answer", ""),
                                   committee=post.get("committee", ""), unit=unit, responsible=responsible,
                                   due_on=post.get("due_on") or None)
        elif what == "committee":
            actions.report_committee_result(congress, concern, actor=user, answer=post.get("answer", ""))
        elif what == "answer":
            actions.answer_concern(congress, concern, actor=user, answer=post.get("answer", ""))
        elif what == "follow-up":
            actions.record_follow_up(congress, concern, actor=user, note=post.get("note", ""),
                                     public=post.get("internal") != "on")
        elif what == "feedback":
            actions.record_feedback(congress, concern, actor=user, satisfaction=post.get("satisfaction", ""),
                                    note=post.get("note", ""))
        elif what == "dismiss":
            actions.dismiss_concern(congress, concern, actor=user, reason=post.get("reason", ""))
        elif what == "suggestion":
            draft = actions.draft_suggestion_from_concern(congress, concern, actor=user)
            return redirect("suggestion_edit", congress.code, draft.pk)
        else:
            raise Http404("没有这个操作")
    except ValidationError as error:
        flash_errors(request, error)
    except NotFound as error:
        raise Http404(str(error)) from error
    return redirect("liaison_concern", congress.code, concern.pk)


@requires("view_liaison_statistics")
def statistics(request, congress_code, fmt=None):
    congress = request.congress
    year = int(request.GET.get("year") or timezone.localdate().year)
    area = request.GET.get("area") or None
    stats = reports.statistics(congress, year, area)
    if fmt == "xlsx":
        response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="liaison-{year}.xlsx"'
        reports.statistics_workbook(congress, stats).save(response)
        return response
    areas = sorted({a for a in StationProfile.objects.in_congress(congress).values_list("area", flat=True) if a})
    return render(request, "liaison/statistics.html", {"stats": stats, "year": year, "area": area, "areas": areas,
                                                       "headings": reports.HEADINGS})


@requires("record_liaison_contact")
@require_http_methods(["GET", "POST"])
def contacts(request, congress_code):
    """“双联系”: my ties, whom I have not contacted this year, and the record of contacts."""
    congress, user = request.congress, request.user
    holder = reports.contact_holder(congress, user, request.GET.get("holder", ""))
    if request.method == "POST":
        post = request.POST
        try:
            if post.get("what") == "link":
                deputy = reports.person_of(congress, post.get("deputy", ""))
                actions.link_contact(congress, actor=user, kind=post.get("kind", ""), holder=holder, deputy=deputy,
                                     constituent=post.get("constituent", ""))
            else:
                link = ContactLink.objects.in_congress(congress).filter(pk=post.get("link") or 0).first()
                actions.record_liaison_contact(congress, link, actor=user, on=post.get("on"), how=post.get("how", ""),
                                               raised=post.get("raised", ""), followed=post.get("followed", ""))
        except ValidationError as error:
            flash_errors(request, error)
        except NotFound as error:
            raise Http404(str(error)) from error
        return redirect(request.get_full_path())
    links = list(ContactLink.objects.in_congress(congress).filter(holder=holder).select_related("deputy")) if holder else []
    return render(request, "liaison/contacts.html", {
        "holder": holder, "links": links, "missing": reports.not_contacted(congress, holder) if holder else [],
        "records": ContactRecord.objects.in_congress(congress).filter(link__holder=holder).select_related("link__deputy")[:50]
        if holder else [],
        "kinds": ContactLink.Kind.choices, "hows": ContactRecord.How.choices, "today": timezone.localdate(),
        "deputies": Mandate.objects.in_congress(congress).filter(status="serving").select_related("person")
        .order_by("person__name")[:500],
    })
