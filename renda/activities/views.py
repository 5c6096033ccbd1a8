"""Pages of deputies' activities between sessions and their training: the list (year, kind, group),
one activity (participants with replies and attendance, outputs; the participant's reply and sign-in;
staff's steps), the forms, the sign-in code screen, "my activities", the training programmes and a
certificate's PDF.

Viewers (view_activities: staff and standing-committee members) see every activity; a participant
sees those they are invited to; another congress's activity is not found."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from renda.activities import actions, documents, exports, queries
from renda.activities.forms import (
    ActivityForm,
    AddParticipantsForm,
    CancelForm,
    HeldForm,
    OutputForm,
    ProgrammeForm,
    ReplyForm,
    SignInForm,
)
from renda.activities.models import Activity, Output, Participant, TrainingCertificate, TrainingProgramme
from renda.core import downloads, spreadsheets
from renda.core.official_documents import to_pdf
from renda.core.permissions import may
from renda.core.views_helpers import add_action_errors, flash_errors, gate, get_or_404, year_param
from renda.meetings import sign_in_limits
from renda.people.models import Organisation
from renda.people.validation import id_or_none

S = Activity.Status
STEPS = {"reply": "reply_to_activity", "sign_in": "sign_in_to_activity", "add": "add_participants",
         "remove": "add_participants", "attendance": "record_attendance", "held": "record_activity_held",
         "output": "add_output", "cancel": "update_activity"}
FORMS = {"reply": ReplyForm, "sign_in": SignInForm, "add": AddParticipantsForm, "held": HeldForm,
         "output": OutputForm, "cancel": CancelForm}
NEEDS_CONGRESS = {"add", "output"}


def _login(request):
    return None if request.user.is_authenticated else redirect_to_login(request.get_full_path())


@require_GET
def list_page(request, congress_code):
    denied = gate(request, "view_activities")
    if denied:
        return denied
    c = request.congress
    year = year_param(request)
    kind = request.GET.get("kind", "")
    group_id = id_or_none(request.GET.get("group"))
    q = " ".join(request.GET.get("q", "").split())[:100]
    activities = queries.visible_activities(c, request.user).filter(starts_at__year=year)
    if kind in Activity.Kind.values:
        activities = activities.filter(kind=kind)
    if group_id:
        activities = activities.filter(deputy_group_id=group_id)
    if q:
        activities = activities.filter(Q(topic__icontains=q) | Q(place__icontains=q) | Q(description__icontains=q))
    if fmt := spreadsheets.wanted(request):
        group = Organisation.objects.in_congress(c).filter(pk=group_id).first() if group_id else None
        counted = activities.annotate(
            n_invited=Count("participants"),
            n_present=Count("participants", filter=Q(participants__attendance=Participant.Attendance.PRESENT)))
        return spreadsheets.export_response(
            request, subject=f"{year}年代表活动", columns=exports.ACTIVITIES, fmt=fmt,
            rows=counted.order_by("-starts_at"),
            filters=spreadsheets.describe_filters([("年度", year), ("类别", Activity.Kind(kind).label if kind in
                                                                     Activity.Kind.values else ""),
                                                   ("代表小组", group.name if group else ""), ("关键词", q)]))
    return render(request, "activities/list.html", {
        "activities": activities.order_by("-starts_at")[:300], "year": year, "kind": kind, "group_id": group_id, "q": q,
        "kinds": Activity.Kind.choices,
        "groups": Organisation.objects.in_congress(c).filter(kind__in=actions.GROUP_KINDS).order_by("kind", "name"),
        "can_create": may(request.user, c, "create_activity"),
    })


def _activity_values(form) -> dict:
    d = form.cleaned_data
    return {"kind": d["kind"], "topic": d["topic"], "starts_at": d["starts_at"], "ends_at": d["ends_at"],
            "place": d["place"], "description": d["description"], "deputy_group": d["deputy_group"],
            "programme": d["programme"], "hours": d["hours"]}


def new_page(request, congress_code):
    denied = gate(request, "create_activity")
    if denied:
        return denied
    c = request.congress
    if request.method != "POST":
        programme = TrainingProgramme.objects.in_congress(c).filter(pk=id_or_none(request.GET.get("programme"))).first()
        initial = {"kind": Activity.Kind.TRAINING, "programme": programme} if programme else {}
        return render(request, "activities/form.html", {"form": ActivityForm(congress=c, initial=initial), "activity": None})
    form = ActivityForm(request.POST, congress=c)
    if form.is_valid():
        try:
            activity = actions.create_activity(c, actor=request.user, **_activity_values(form))
        except (ValidationError, PermissionDenied) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "活动已建立，请增加参加人员")
            return redirect("activity_detail", congress_code=c.code, pk=activity.pk)
    return render(request, "activities/form.html", {"form": form, "activity": None}, status=422)


def activity_for(request, pk) -> Activity:
    return get_or_404(queries.visible_activities(request.congress, request.user), pk, "找不到该代表活动")


def edit_page(request, congress_code, pk):
    denied = gate(request, "update_activity")
    if denied:
        return denied
    c = request.congress
    activity = activity_for(request, pk)
    if request.method != "POST":
        initial = {name: getattr(activity, name) for name in ("kind", "topic", "place", "description", "deputy_group",
                                                               "programme", "hours")}
        initial["starts_at"] = timezone.localtime(activity.starts_at)
        initial["ends_at"] = timezone.localtime(activity.ends_at) if activity.ends_at else None
        return render(request, "activities/form.html", {"form": ActivityForm(congress=c, initial=initial),
                                                        "activity": activity})
    form = ActivityForm(request.POST, congress=c)
    if form.is_valid():
        try:
            actions.update_activity(c, activity, actor=request.user, **_activity_values(form))
        except (ValidationError, PermissionDenied) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "活动已修改")
            return redirect("activity_detail", congress_code=c.code, pk=activity.pk)
    return render(request, "activities/form.html", {"form": form, "activity": activity}, status=422)


def _detail(request, activity: Activity, bound: dict | None = None, status: int = 200):
    c, user = request.congress, request.user
    bound = bound or {}
    person = queries.person_of(user)
    mine = Participant.objects.in_congress(c).filter(activity=activity, person=person).first() if person else None
    today = timezone.localdate()
    on_day = actions.day_of(activity) <= today <= (timezone.localdate(activity.ends_at) if activity.ends_at
                                                   else actions.day_of(activity))
    can = {
        "edit": may(user, c, "update_activity") and activity.status == S.PLANNED,
        "add": may(user, c, "add_participants") and activity.status != S.CANCELLED,
        "remove": may(user, c, "add_participants") and activity.status == S.PLANNED,
        "attendance": may(user, c, "record_attendance") and activity.status != S.CANCELLED,
        "held": may(user, c, "record_activity_held") and activity.status != S.CANCELLED,
        "output": may(user, c, "add_output") and activity.status != S.CANCELLED,
        "reply": mine is not None and activity.status == S.PLANNED and mine.attendance != Participant.Attendance.PRESENT,
        "sign_in": mine is not None and activity.status != S.CANCELLED and on_day
        and mine.attendance != Participant.Attendance.PRESENT,
        "code": may(user, c, "record_attendance") and activity.status != S.CANCELLED,
    }
    forms = {
        "reply": bound.get("reply") or (ReplyForm(initial={"reply": mine.reply, "reason": mine.reply_note})
                                        if can["reply"] and mine else None),
        "sign_in": bound.get("sign_in") or (SignInForm(initial={"code": request.GET.get("code", "")})
                                            if can["sign_in"] else None),
        "add": bound.get("add") or (AddParticipantsForm(congress=c) if can["add"] else None),
        "held": bound.get("held") or (HeldForm(initial={"summary": activity.summary}) if can["held"] else None),
        "output": bound.get("output") or (OutputForm(congress=c) if can["output"] else None),
        "cancel": bound.get("cancel") or (CancelForm() if can["edit"] else None),
    }
    participants = (Participant.objects.in_congress(c).filter(activity=activity)
                    .select_related("person", "as_deputy_of").order_by("id"))
    counts = {label: 0 for label in ("attend", "leave", "none", "present")}
    for p in participants:
        counts[p.reply or "none"] += 1
        counts["present"] += p.attendance == Participant.Attendance.PRESENT
    return render(request, "activities/detail.html", {
        "activity": activity, "mine": mine, "can": can, "forms": forms, "participants": participants,
        "counts": counts, "attendance_choices": Participant.Attendance.choices,
        "attendance_errors": bound.get("attendance_errors", []), "posted": bound.get("posted", {}),
        "outputs": Output.objects.in_congress(c).filter(activity=activity).select_related("suggestion"),
        "sees_all": queries.sees_all(user, c),
    }, status=status)


@require_GET
def detail_page(request, congress_code, pk):
    return _login(request) or _detail(request, activity_for(request, pk))


def _attendance_rows(request, activity: Activity) -> list[dict]:
    rows = []
    for p in Participant.objects.in_congress(request.congress).filter(activity=activity):
        value = request.POST.get(f"att_{p.pk}")
        if value is None:
            continue
        rows.append({"participant": p.pk, "attendance": value, "hours": request.POST.get(f"hours_{p.pk}", "").strip()})
    return rows


@require_POST
def activity_action(request, congress_code, pk, what):
    if what not in STEPS:
        raise Http404
    denied = _login(request) or gate(request, STEPS[what])
    if denied:
        return denied
    c, user = request.congress, request.user
    activity = activity_for(request, pk)
    form_class = FORMS.get(what)
    form = (form_class(request.POST, congress=c) if what in NEEDS_CONGRESS else form_class(request.POST)) if form_class else None
    if form is not None and not form.is_valid():
        return _detail(request, activity, {what: form}, status=422)
    d = form.cleaned_data if form is not None else {}
    try:
        if what == "reply":
            row = actions.reply_to_activity(c, activity, actor=user, reply=d["reply"], reason=d["reason"])
            done = f"已回复：{row.get_reply_display()}"
        elif what == "sign_in":
            actions.sign_in_to_activity(c, activity, actor=user, code=d["code"], address=request.META.get("REMOTE_ADDR", ""))
            done = "签到成功"
        elif what == "add":
            entries = [e for e in d["entries"].replace("，", ",").replace("、", ",").replace("\n", ",").split(",") if e.strip()]
            rows = actions.add_participants(c, activity, actor=user, people=[p.pk for p in d["people"]],
                                            entries=entries, groups=[g.pk for g in d["groups"]], role=d["role"])
            done = f"已增加 {len(rows)} 名参加人员，并发出通知" if rows else "所选人员都已在名单中"
        elif what == "remove":
            participant = get_or_404(Participant.objects.in_congress(c).filter(activity=activity),
                                     id_or_none(request.POST.get("participant")), "找不到该参加人员")
            actions.remove_participant(c, participant, actor=user)
            done = f"已移除{participant.person.name}"
        elif what == "attendance":
            try:
                actions.record_attendance(c, activity, actor=user, rows=_attendance_rows(request, activity))
            except ValidationError as error:
                return _detail(request, activity, {"attendance_errors": error.messages, "posted": request.POST}, status=422)
            done = "出席情况已记录"
        elif what == "held":
            actions.record_activity_held(c, activity, actor=user, summary=d["summary"])
            done = "活动情况已记录"
        elif what == "output":
            actions.add_output(c, activity, actor=user, kind=d["kind"], title=d["title"], text_=d["text"],
                               suggestion=d["suggestion"])
            done = "活动成果已登记"
        else:
            actions.cancel_activity(c, activity, actor=user, reason=d["reason"])
            done = "活动已取消，已通知参加人员"
    except (ValidationError, PermissionDenied) as error:
        if form is not None:
            add_action_errors(form, error)
            return _detail(request, activity, {what: form}, status=422)
        flash_errors(request, error)
    else:
        messages.success(request, done)
    return redirect("activity_detail", congress_code=c.code, pk=activity.pk)


def code_screen(request, congress_code, pk):
    """The sign-in code shown at the venue, with a QR code of the activity's sign-in address."""
    denied = gate(request, "record_attendance")
    if denied:
        return denied
    activity = activity_for(request, pk)
    code = actions.sign_in_code(activity)
    link = request.build_absolute_uri(reverse("activity_detail", args=[congress_code, activity.pk])) + f"?code={code}"
    present = Participant.objects.in_congress(request.congress).filter(
        activity=activity, attendance=Participant.Attendance.PRESENT).count()
    total = Participant.objects.in_congress(request.congress).filter(activity=activity).count()
    return render(request, "activities/code.html", {
        "activity": activity, "code": code, "link": link, "present": present, "total": total,
        "locks": sign_in_limits.recent_locks(request.congress, activity, "sign_in_to_activity"),
        "qr": mark_safe(segno.make(link, error="m").svg_inline(scale=6, dark="#000", light="#fff")),
    })


@require_GET
def mine_page(request, congress_code):
    """A person's own invitations, newest first, with reply buttons for those still to be held."""
    denied = _login(request)
    if denied:
        return denied
    person = queries.person_of(request.user)
    rows = list(queries.my_invitations(request.congress, person)[:200])
    return render(request, "activities/mine.html", {"rows": rows, "person": person,
                                                    "waiting": [r for r in rows if r.reply == "" and r.activity.status == S.PLANNED]})


# ---------------------------------------------------------------- training


def programmes_page(request, congress_code):
    denied = gate(request, "view_activities")
    if denied:
        return denied
    c = request.congress
    can_create = may(request.user, c, "create_training_programme")
    form = ProgrammeForm(initial={"year": timezone.localdate().year}) if can_create else None
    if request.method == "POST":
        denied = gate(request, "create_training_programme")
        if denied:
            return denied
        form = ProgrammeForm(request.POST)
        if form.is_valid():
            try:
                programme = actions.create_training_programme(c, actor=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                add_action_errors(form, error)
            else:
                messages.success(request, "培训项目已设立，请增加培训课程")
                return redirect("training_programme", congress_code=c.code, pk=programme.pk)
    programmes = TrainingProgramme.objects.in_congress(c).order_by("-year", "-id")[:200]
    return render(request, "activities/programmes.html", {"programmes": programmes, "form": form},
                  status=422 if form is not None and form.errors else 200)


def programme_for(request, pk) -> TrainingProgramme:
    return get_or_404(TrainingProgramme.objects.in_congress(request.congress), pk, "找不到该培训项目")


def programme_page(request, congress_code, pk):
    denied = gate(request, "view_activities")
    if denied:
        return denied
    c, user = request.congress, request.user
    programme = programme_for(request, pk)
    form = None
    status = 200
    if request.method == "POST":
        denied = gate(request, request.POST.get("step") == "issue" and "issue_certificates" or "create_training_programme")
        if denied:
            return denied
        try:
            if request.POST.get("step") == "issue":
                issued = actions.issue_certificates(c, programme, actor=user)
                messages.success(request, f"已颁发 {len(issued)} 份结业证书")
                return redirect("training_programme", congress_code=c.code, pk=programme.pk)
            form = ProgrammeForm(request.POST)
            if form.is_valid():
                actions.update_training_programme(c, programme, actor=user, **form.cleaned_data)
                messages.success(request, "培训项目已修改")
                return redirect("training_programme", congress_code=c.code, pk=programme.pk)
            status = 422
        except (ValidationError, PermissionDenied) as error:
            if form is None:
                flash_errors(request, error)
                return redirect("training_programme", congress_code=c.code, pk=programme.pk)
            add_action_errors(form, error)
            status = 422
    if form is None and may(user, c, "create_training_programme"):
        form = ProgrammeForm(initial={n: getattr(programme, n) for n in ("kind", "title", "year", "organiser",
                                                                          "certificate", "required_hours")})
    trainees = queries.trainees(c, programme)
    return render(request, "activities/programme.html", {
        "programme": programme, "trainees": trainees, "form": form,
        "sessions": Activity.objects.in_congress(c).filter(programme=programme).order_by("starts_at"),
        "completed": {t.person.pk for t in trainees if t.completed(programme)},
        "can_issue": may(user, c, "issue_certificates") and programme.certificate,
        "can_session": may(user, c, "create_activity"),
    }, status=status)


@require_GET
def certificate_pdf(request, congress_code, pk):
    """A certificate's PDF: for viewers, and for the person it was issued to."""
    denied = _login(request)
    if denied:
        return denied
    c = request.congress
    cert = get_or_404(TrainingCertificate.objects.in_congress(c).select_related("programme", "person", "congress"),
                      pk, "找不到该结业证书")
    if not queries.sees_all(request.user, c) and cert.person.user_id != request.user.pk:
        raise Http404("找不到该结业证书")
    response = HttpResponse(to_pdf(documents.certificate(cert)), content_type="application/pdf")
    return downloads.attachment(response, downloads.dated(f"{cert.person.name}结业证书", "pdf"), inline=True)


urlpatterns: list = [
    path("activities/", list_page, name="activities_list"),
    path("activities/new/", new_page, name="activity_new"),
    path("activities/mine/", mine_page, name="activities_mine"),
    path("activities/<int:pk>/", detail_page, name="activity_detail"),
    path("activities/<int:pk>/edit/", edit_page, name="activity_edit"),
    path("activities/<int:pk>/code/", code_screen, name="activity_code"),
    path("activities/<int:pk>/do/<slug:what>/", activity_action, name="activity_action"),
    path("training/", programmes_page, name="training_programmes"),
    path("training/<int:pk>/", programme_page, name="training_programme"),
    path("training/certificates/<int:pk>.pdf", certificate_pdf, name="training_certificate"),
]
