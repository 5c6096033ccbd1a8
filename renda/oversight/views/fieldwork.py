"""Fieldwork pages: the activity page's fieldwork section (notices and replies, letters to units,
site visits by county, symposia, questionnaires), the step forms it leads to, a unit's letter page,
and the files (self-reports, photos, symposium reports) served only to those who may see them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from renda.core import spreadsheets
from renda.core.permissions import STAFF, may, organisations_of, roles_of
from renda.core.roles import Role
from renda.core.views_helpers import add_action_errors, gate, get_or_404
from renda.oversight import exports, queries
from renda.oversight.actions import fieldwork as actions
from renda.oversight.forms.fieldwork import (
    LetterForm,
    NoticeForm,
    QuestionnaireForm,
    ReplyForm,
    SelfReportForm,
    SiteVisitForm,
    SymposiumForm,
)
from renda.oversight.models import (
    Activity,
    ActivityQuestionnaire,
    Letter,
    Notice,
    NoticeReply,
    Photo,
    SiteVisit,
    Symposium,
    SymposiumReport,
    TeamMember,
)
from renda.questionnaires.models import Response

# Each step on an activity, its permission and its title.
STEPS = {
    "notice": ("send_team_notice", "向组成人员发通知"),
    "letters": ("send_self_report_letter", "致函单位报送自查报告"),
    "visit": ("record_site_visit", "记录实地察看"),
    "symposium": ("record_symposium", "记录座谈会"),
    "questionnaire": ("attach_questionnaire", "附加问卷"),
}


def activity_url(congress_code: str, activity_id: int, anchor: str = "") -> str:
    """The activity's page (the activities stage's ``oversight_activity``), at one of its sections."""
    url = reverse("oversight_activity", kwargs={"congress_code": congress_code, "activity_id": activity_id})
    return url + (f"#{anchor}" if anchor else "")


def _questionnaire_url(congress_code: str, questionnaire_id: int) -> str:
    return reverse("questionnaire_detail", kwargs={"congress_code": congress_code, "questionnaire_id": questionnaire_id})






# ── the section on the activity page ──

def county_summary(by_county: list) -> str:
    """“15 处，分布在 3 个县（市、区）：东湖区 7、西山县 3、南河县 5”."""
    if not by_county:
        return ""
    total = sum(len(v) for _, v in by_county)
    parts = "、".join(f"{county} {len(v)}" for county, v in by_county)
    return f"共 {total} 处，分布在 {len(by_county)} 个县（市、区）：{parts}"


def activity_context(request, activity) -> dict:
    """What the activity page shows of the fieldwork (rendered by _activity_fieldwork.html), under one
    key, ``fieldwork``."""
    congress, user = request.congress, request.user
    person = queries.person_of_user(user)
    staff = bool(roles_of(user, congress) & STAFF)
    on_team = person is not None and TeamMember.objects.in_congress(congress).filter(
        activity=activity, person=person).exists()
    status = activity.status
    notices = []
    for notice in (Notice.objects.in_congress(congress).filter(activity=activity)
                   .annotate(attend=Count("replies", filter=Q(replies__answer=NoticeReply.Answer.ATTEND)),
                             absent=Count("replies", filter=Q(replies__answer=NoticeReply.Answer.ABSENT)),
                             pending=Count("replies", filter=Q(replies__answer=NoticeReply.Answer.PENDING)))):
        replies = list(NoticeReply.objects.in_congress(congress).filter(notice=notice).select_related("person"))
        mine = next((r for r in replies if person is not None and r.person_id == person.pk), None)
        notices.append({"notice": notice, "replies": replies if staff else [], "mine": mine,
                        "counts": {"attend": notice.attend, "absent": notice.absent, "pending": notice.pending}})
    letters = [{"letter": letter, "status": actions.letter_status(letter)}
               for letter in Letter.objects.in_congress(congress).filter(activity=activity).select_related("unit")]
    visits = list(SiteVisit.objects.in_congress(congress).filter(activity=activity)
                  .prefetch_related("photos", "visitors__person"))
    by_county = actions.visits_by_county(visits)
    symposia = list(Symposium.objects.in_congress(congress).filter(activity=activity)
                    .prefetch_related(Prefetch("reports", SymposiumReport.objects.in_congress(congress).select_related("unit")),
                                      "speeches"))
    links = list(ActivityQuestionnaire.objects.in_congress(congress).filter(activity=activity)
                 .select_related("questionnaire"))
    counts = dict(Response.objects.in_congress(congress).filter(questionnaire__in=[q.questionnaire_id for q in links])
                  .values_list("questionnaire").annotate(n=Count("id")))
    questionnaires = [{"q": link.questionnaire, "responses": counts.get(link.questionnaire_id, 0),
                       "url": _questionnaire_url(congress.code, link.questionnaire_id)} for link in links]
    S = Activity.Status
    return {"fieldwork": {
        "notices": notices,
        "pending_mine": [n for n in notices if n["mine"] is not None and n["mine"].answer == NoticeReply.Answer.PENDING],
        "letters": letters,
        "by_county": by_county, "county_summary": county_summary(by_county), "visit_count": len(visits),
        "symposia": symposia,
        "questionnaires": questionnaires,
        "staff": staff,
        "can": {
            "notice": status in actions.NOTICE_STATES and may(user, congress, "send_team_notice"),
            "letters": status in actions.LETTER_STATES and may(user, congress, "send_self_report_letter"),
            "visit": status in actions.FIELD_STATES and may(user, congress, "record_site_visit") and (staff or on_team),
            "symposium": status in actions.FIELD_STATES and may(user, congress, "record_symposium"),
            "questionnaire": status not in (S.REPORTED, S.ON_AGENDA) and may(user, congress, "attach_questionnaire"),
        },
    }}


# ── the steps on an activity ──

def _step_form(what: str, request, activity: Activity, bound: bool):
    data = request.POST if bound else None
    files = request.FILES if bound else None
    if what == "notice":
        return NoticeForm(data, auto_id="notice_%s")
    if what == "letters":
        return LetterForm(data, activity=activity, auto_id="letters_%s")
    if what == "visit":
        return SiteVisitForm(data, files, activity=activity, auto_id="visit_%s")
    if what == "symposium":
        return SymposiumForm(data, files, activity=activity, auto_id="symposium_%s")
    return QuestionnaireForm(data, activity=activity, auto_id="questionnaire_%s")


def _step_page(request, activity: Activity, what: str, form, status: int = 200):
    return render(request, "oversight/fieldwork_step.html", {
        "activity": activity, "what": what, "title": STEPS[what][1], "form": form,
        "action": reverse("oversight_fieldwork_do", kwargs={"congress_code": request.congress.code,
                                                            "activity_id": activity.pk, "what": what}),
        "back": activity_url(request.congress.code, activity.pk, "fieldwork"),
        "multipart": what in ("visit", "symposium"),
        "confirm": {"notice": "通知将发给本组全部组成人员，发出后不能撤回。确定发出吗？",
                    "letters": "将向所选单位各发一份函，发出后不能撤回，同一单位不能再次致函。确定发出吗？",
                    "visit": "实地察看记录（含照片）保存后不能修改或删除。确定保存吗？",
                    "symposium": "座谈会记录（含汇报材料和发言）保存后不能修改或删除。确定保存吗？",
                    "questionnaire": "问卷附加后不能取消，其答卷可用于报告中的数据。确定附加吗？"}[what],
    }, status=status)


@require_GET
def step_page(request, congress_code, activity_id, what):
    if what not in STEPS:
        raise Http404
    denied = gate(request, STEPS[what][0])
    if denied:
        return denied
    activity = queries.activity_for(request, activity_id)
    return _step_page(request, activity, what, _step_form(what, request, activity, bound=False))


@require_POST
def step_do(request, congress_code, activity_id, what):
    """One fieldwork step; refused, it comes back on its page as typed with the reason beside the field."""
    if what not in STEPS:
        raise Http404
    denied = gate(request, STEPS[what][0])
    if denied:
        return denied
    congress, user = request.congress, request.user
    activity = queries.activity_for(request, activity_id)
    form = _step_form(what, request, activity, bound=True)
    if not form.is_valid():
        return _step_page(request, activity, what, form, status=422)
    d = form.cleaned_data
    try:
        if what == "notice":
            notice = actions.send_team_notice(congress, activity, actor=user, text=d["text"], reply_by=d["reply_by"])
            done = f"通知已发给 {notice.replies.count()} 位组成人员"
        elif what == "letters":
            letters = actions.send_self_report_letter(congress, activity, actor=user, units=list(d["units"]),
                                                      text=d["text"], due_on=d["due_on"])
            done = f"已致函 {len(letters)} 个单位，请于 {d['due_on']:%Y-%m-%d} 前报送自查报告"
        elif what == "visit":
            visit = actions.record_site_visit(congress, activity, actor=user, day=d["day"], county=d["county"],
                                              place=d["place"], observations=d["observations"],
                                              visitors=d["visitors"], stop=d["stop"], photos=d["photos"],
                                              captions=form.caption_list())
            done = f"已记录实地察看：{visit}"
        elif what == "symposium":
            symposium = actions.record_symposium(congress, activity, actor=user, day=d["day"], place=d["place"],
                                                 topic=d["topic"], summary=d["summary"], reports=form.reports(),
                                                 speeches=form.speeches())
            done = f"已记录座谈会：{symposium.topic}"
        else:
            actions.attach_questionnaire(congress, activity, actor=user, questionnaire=d["questionnaire"])
            done = f"已附加问卷：{d['questionnaire'].title}"
    except (ValidationError, PermissionDenied) as error:
        add_action_errors(form, error)
        return _step_page(request, activity, what, form, status=422)
    messages.success(request, done)
    return redirect(activity_url(congress_code, activity.pk, "fieldwork"))


# ── replies to a notice ──

def _notice_for(request, notice_id) -> Notice:
    notice = get_or_404(Notice.objects.in_congress(request.congress).select_related("activity"), notice_id, "找不到该通知")
    queries.activity_for(request, notice.activity_id)
    return notice


def _reply_page(request, notice: Notice, form, status: int = 200):
    return render(request, "oversight/fieldwork_reply.html", {
        "notice": notice, "activity": notice.activity, "form": form,
        "back": activity_url(request.congress.code, notice.activity_id, "fieldwork-notices"),
    }, status=status)


def _reply_form(request, bound: bool):
    staff = bool(roles_of(request.user, request.congress) & STAFF)
    return ReplyForm(request.POST if bound else None, congress=request.congress, staff=staff, auto_id="reply_%s",
                     initial=None if bound else {"answer": request.GET.get("answer", ""),
                                                      "person": request.GET.get("person", "")})


@require_GET
def reply_page(request, congress_code, notice_id):
    denied = gate(request, "reply_to_notice")
    if denied:
        return denied
    return _reply_page(request, _notice_for(request, notice_id), _reply_form(request, bound=False))


@require_POST
def reply_do(request, congress_code, notice_id):
    denied = gate(request, "reply_to_notice")
    if denied:
        return denied
    notice = _notice_for(request, notice_id)
    form = _reply_form(request, bound=True)
    if not form.is_valid():
        return _reply_page(request, notice, form, status=422)
    d = form.cleaned_data
    try:
        reply = actions.reply_to_notice(request.congress, notice, actor=request.user, answer=d["answer"],
                                        reason=d["reason"], person=d.get("person"))
    except (ValidationError, PermissionDenied) as error:
        add_action_errors(form, error)
        return _reply_page(request, notice, form, status=422)
    messages.success(request, f"已回复：{reply.person.name} {reply.get_answer_display()}")
    return redirect(activity_url(congress_code, notice.activity_id, "fieldwork-notices"))


# ── a unit's letter and its self-report ──

def _may_see_letter(request, letter: Letter) -> bool:
    return (queries.may_see_activity(request.user, request.congress, letter.activity)
            or letter.unit_id in organisations_of(request.user, request.congress, Role.UNIT_OFFICER))


def _letter_for(request, letter_id) -> Letter:
    letter = get_or_404(Letter.objects.in_congress(request.congress).select_related("activity", "unit"), letter_id,
                        "找不到该函件")
    if not _may_see_letter(request, letter):
        raise Http404("找不到该函件")
    return letter


def _letter_page(request, letter: Letter, form, status: int = 200):
    user, congress = request.user, request.congress
    may_file = letter.received_at is None and may(user, congress, "file_self_report") and (
        bool(roles_of(user, congress) & STAFF) or letter.unit_id in organisations_of(user, congress, Role.UNIT_OFFICER))
    return render(request, "oversight/fieldwork_letter.html", {
        "letter": letter, "activity": letter.activity, "status": actions.letter_status(letter),
        "form": form if may_file else None,
        "sees_activity": queries.may_see_activity(user, congress, letter.activity),
        "back": activity_url(congress.code, letter.activity_id, "fieldwork-letters"),
    }, status=status)


def letters_page(request, congress_code):
    """A unit officer's letters (自查报告 to file); staff see every letter of the congress."""
    denied = gate(request, "file_self_report")
    if denied:
        return denied
    congress = request.congress
    letters = Letter.objects.in_congress(congress).select_related("activity", "unit")
    if not roles_of(request.user, congress) & STAFF:
        letters = letters.filter(unit_id__in=organisations_of(request.user, congress, Role.UNIT_OFFICER))
    q = exports.keyword(request)
    letters = exports.matching(letters, q, "activity__title", "unit__name", "text").order_by("due_on", "id")
    fmt = spreadsheets.wanted(request)
    rows = [{"letter": letter, "status": actions.letter_status(letter)} for letter in (letters if fmt else letters[:200])]
    if fmt:
        return spreadsheets.export_response(request, subject="自查报告函件", columns=exports.LETTER_COLUMNS, rows=rows,
                                            fmt=fmt, filters=spreadsheets.describe_filters([("关键词", q)]))
    return render(request, "oversight/fieldwork_letters.html", {"rows": rows, "q": q})


@require_GET
def letter_page(request, congress_code, letter_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _letter_page(request, _letter_for(request, letter_id), SelfReportForm(auto_id="report_%s"))


@require_POST
def letter_file(request, congress_code, letter_id):
    denied = gate(request, "file_self_report")
    if denied:
        return denied
    letter = _letter_for(request, letter_id)
    form = SelfReportForm(request.POST, request.FILES, auto_id="report_%s")
    if not form.is_valid():
        return _letter_page(request, letter, form, status=422)
    try:
        actions.file_self_report(request.congress, letter, actor=request.user, upload=form.cleaned_data["upload"])
    except (ValidationError, PermissionDenied) as error:
        add_action_errors(form, error)
        return _letter_page(request, letter, form, status=422)
    messages.success(request, f"{letter.unit.name}的自查报告已报送" + ("（逾期报送）" if actions.is_late(letter) else ""))
    return redirect("oversight_letter", congress_code=congress_code, letter_id=letter.pk)


# ── files, served only to those who may see them ──

def self_report_file(request, congress_code, letter_id):
    letter = _letter_for(request, letter_id)
    if not letter.self_report:
        raise Http404("该单位尚未报送自查报告")
    return FileResponse(letter.self_report.open("rb"), as_attachment=True,
                        filename=letter.self_report_name or letter.self_report.name.rsplit("/", 1)[-1])


def photo_file(request, congress_code, photo_id):
    photo = get_or_404(Photo.objects.in_congress(request.congress).select_related("visit"), photo_id, "找不到该照片")
    queries.activity_for(request, photo.visit.activity_id)
    name = photo.file.name.rsplit("/", 1)[-1]
    content_type = "image/png" if name.lower().endswith(".png") else "image/jpeg"
    response = FileResponse(photo.file.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


def symposium_file(request, congress_code, report_id):
    report = get_or_404(SymposiumReport.objects.in_congress(request.congress).select_related("symposium"), report_id,
                        "找不到该汇报材料")
    queries.activity_for(request, report.symposium.activity_id)
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.file.name.rsplit("/", 1)[-1])


# POST steps are do/ paths of the form oversight/<word>/<id>/do/<word>/, which the upload-size
# middleware's oversight route covers (six files of an oversight document each). The activity's own
# do/<what>/ belongs to the activities stage, so the fieldwork steps post to oversight/fieldwork/<id>/do/.
urlpatterns = [
    path("oversight/activities/<int:activity_id>/fieldwork/<str:what>/", step_page, name="oversight_fieldwork_step"),
    path("oversight/fieldwork/<int:activity_id>/do/<str:what>/", step_do, name="oversight_fieldwork_do"),
    path("oversight/notices/<int:notice_id>/reply/", reply_page, name="oversight_notice_reply"),
    path("oversight/notices/<int:notice_id>/do/reply/", reply_do, name="oversight_notice_reply_do"),
    path("oversight/letters/", letters_page, name="oversight_letters"),
    path("oversight/letters/<int:letter_id>/", letter_page, name="oversight_letter"),
    path("oversight/letters/<int:letter_id>/do/self-report/", letter_file, name="oversight_letter_file"),
    # Files are served under attachments/ (and photos/), which the page walks do not open as pages.
    path("oversight/attachments/letters/<int:letter_id>/", self_report_file, name="oversight_self_report"),
    path("oversight/photos/<int:photo_id>/", photo_file, name="oversight_photo"),
    path("oversight/attachments/symposium-reports/<int:report_id>/", symposium_file, name="oversight_symposium_file"),
]
