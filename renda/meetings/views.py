import csv
import io
from collections import Counter
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from renda.core import downloads, jinja, uploads, versioned
from renda.core.kept_pages import kept_page
from renda.core.models import Term
from renda.core.permissions import may
from renda.core.spreadsheets import Column, describe_filters, export_response, wanted
from renda.core.views_helpers import add_action_errors, flash_errors, get_or_404, is_htmx, requires
from renda.meetings import actions, notices, queries, sheets, sign_in_limits
from renda.meetings.forms import (
    AgendaForm,
    AttendeeForm,
    DeviceImportForm,
    DocumentForm,
    LeaveForm,
    MeetingChangeForm,
    MeetingForm,
    SignInCodeForm,
)
from renda.meetings.models import AgendaItem, Document, DocumentDownload, LeaveRequest, Meeting, RosterEntry
from renda.meetings.viewer import MeetingViewer
from renda.voting.forms import ElectionForm, VoteForm
from renda.voting.models import Vote


def get_meeting_for_user(request, meeting_id: int) -> Meeting:
    meeting = get_or_404(Meeting.objects.in_congress(request.congress).select_related("term", "organisation", "chair"),
                         meeting_id, "找不到该会议")
    meeting.congress = request.congress  # the same row (in_congress): its title reads the name without a query
    return meeting



def _rate(present, expected):
    return present / expected if expected else None


MEETING_COLUMNS = [
    Column("会议", "title"), Column("类别", lambda m: m.get_kind_display()), Column("届次", lambda m: str(m.term)),
    Column("次数", "number", "int"), Column("开始时间", "starts_at", "datetime"), Column("地点", "place"),
    Column("召集人", "convener"), Column("主持人", "chair.name"), Column("状态", lambda m: m.get_status_display()),
]
# Attendance is the office's (as on the meeting's page for its staff).
ATTENDANCE_COLUMNS = [
    Column("应到人数", "expected", "int"), Column("实到人数", "present", "int"),
    Column("出席率", lambda m: _rate(m.present, m.expected), "percent"),
]


def _meetings(request):
    """The meetings the list's filters choose (keyword in place, convener, chair or body; kind,
    status, term), newest first, and the filter line for an export."""
    congress, params = request.congress, request.GET
    rows = Meeting.objects.in_congress(congress).select_related("congress", "term", "organisation", "chair")
    q = params.get("q", "").strip()
    kind = params.get("kind", "") if params.get("kind", "") in Meeting.Kind.values else ""
    status = params.get("status", "") if params.get("status", "") in Meeting.Status.values else ""
    term = next((t for t in Term.objects.in_congress(congress) if str(t.pk) == params.get("term")), None)
    if q:
        rows = rows.filter(Q(place__contains=q) | Q(convener__contains=q) | Q(chair__name__contains=q)
                           | Q(organisation__name__contains=q))
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    if term is not None:
        rows = rows.filter(term=term)
    filters = describe_filters([("关键词", q), ("类别", dict(Meeting.Kind.choices).get(kind)),
                                ("状态", dict(Meeting.Status.choices).get(status)), ("届次", term)])
    return rows.order_by("-starts_at", "-id"), filters


def _list_page(request, form: MeetingForm | None = None):
    congress = request.congress
    can_create = may(request.user, congress, "create_meeting")
    term = Term.objects.in_congress(congress).first()
    meetings, filters = _meetings(request)
    if form is None and (fmt := wanted(request)):
        columns = MEETING_COLUMNS
        if can_create:
            A = RosterEntry.Attendance
            meetings = meetings.annotate(expected=Count("roster", filter=Q(roster__voting=True)),
                                         present=Count("roster", filter=Q(roster__voting=True, roster__attendance=A.PRESENT)))
            columns = MEETING_COLUMNS + ATTENDANCE_COLUMNS
        return export_response(request, subject="会议", columns=columns, rows=meetings, filters=filters,
                                            fmt=fmt)
    return render(request, "meetings/meeting_list.html", {
        "meetings": meetings[:200], "params": request.GET, "kinds": Meeting.Kind.choices,
        "statuses": Meeting.Status.choices, "terms": Term.objects.in_congress(congress),
        "can_create": can_create,
        "can_see_absences": may(request.user, congress, "close_meeting"),
        "form": (form or MeetingForm(congress=congress)) if can_create else None,
        "absences": queries.repeated_absences(congress, term)
        if term is not None and may(request.user, congress, "close_meeting") else [],
    })


def meeting_list(request, congress_code):
    return _list_page(request)


@requires("create_meeting")
@require_POST
def meeting_new(request, congress_code):
    """Convene a meeting and draw its roster; on a refusal the form comes back as typed."""
    congress = request.congress
    form = MeetingForm(request.POST, congress=congress)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                meeting = actions.create_meeting(
                    congress, actor=request.user, term=data["term"], kind=data["kind"], starts_at=data["starts_at"],
                    place=data["place"], organisation=data["organisation"], chair=data["chair"],
                    allow_vote_change=data["allow_vote_change"], number=data["number"])
                members = actions.build_roster(congress, meeting, actor=request.user)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"已召集{meeting.title}，会议名单 {members} 人")
            return redirect("meeting_detail", congress_code=congress.code, meeting_id=meeting.pk)
    return _list_page(request, form)


# The forms of the meeting page: name in the URL → form class, and whether it takes the meeting
# (documents choose an agenda item of this meeting) or the congress (people are picked in it).
PAGE_FORMS = {
    "code": SignInCodeForm, "leave": LeaveForm, "agenda": AgendaForm, "document": DocumentForm,
    "attendee": AttendeeForm, "devices": DeviceImportForm, "vote": VoteForm, "election": ElectionForm,
    "settings": MeetingChangeForm,
}


def _page_form(what: str, meeting: Meeting, data=None, files=None, initial=None):
    form_class = PAGE_FORMS[what]
    kwargs: dict = {"auto_id": f"{what}-%s", "initial": initial}
    if form_class in (DocumentForm, VoteForm):
        kwargs["meeting"] = meeting
    if form_class in (AttendeeForm, MeetingChangeForm):
        kwargs["congress"] = meeting.congress
    if form_class is MeetingChangeForm and initial is None:
        kwargs["initial"] = {"starts_at": timezone.localtime(meeting.starts_at), "place": meeting.place,
                             "convener": meeting.convener, "chair": meeting.chair}
    if data is None:
        return form_class(**kwargs)
    return form_class(data, files, **kwargs)


def open_warnings(meeting: Meeting, members: int, now=None) -> list[str]:
    """What the office should know before opening: nobody on the list, or the date far off."""
    warnings = []
    if members == 0:
        warnings.append("会议名单上还没有组成人员，开会后无人能签到和表决（可先“按任职更新名单”）。")
    days = (timezone.localdate(meeting.starts_at) - timezone.localdate(now or timezone.now())).days
    if days > 7:
        warnings.append(f"会议定于{timezone.localtime(meeting.starts_at):%Y-%m-%d}举行，距今还有{days}天。")
    return warnings


def _kept(congress, name: str, make) -> str:
    """A part of the meeting page that is the same for every reader at one data version of the congress,
    computed once per process and version (core.versioned)."""
    return mark_safe(versioned.cached(congress, name, lambda: str(make())))  # noqa: S308 - our templates escape every value


class _UnboundForm:
    """One of the page's empty forms: its fields' HTML depends only on the meeting and the congress's data
    (choices, the meeting's current settings), so it is rendered once per data version."""

    def __init__(self, what: str, meeting: Meeting, congress):
        self.what, self.meeting, self.congress = what, meeting, congress

    def as_div(self) -> str:
        return _kept(self.congress, f"meetings:form:{self.meeting.pk}:{self.what}",
                     lambda: _page_form(self.what, self.meeting).as_div())

    def is_multipart(self) -> bool:
        fields = PAGE_FORMS[self.what].base_fields.values()  # type: ignore[attr-defined]
        return any(f.widget.needs_multipart_form for f in fields)


def _detail_page(request, meeting: Meeting, bound: dict | None = None, status: int = 200):
    congress, user = request.congress, request.user
    (entry,) = versioned.cached(congress, f"meetings:entry:{meeting.pk}:{user.pk}",
                                lambda: (queries.roster_entry(meeting, user),))  # a tuple: "not on the roster" is kept too
    viewer = MeetingViewer.of(user, congress, meeting, entry)
    quorum = versioned.cached(congress, f"meetings:quorum:{meeting.pk}", lambda: queries.quorum(meeting))
    forms: dict = {what: _UnboundForm(what, meeting, congress) for what in PAGE_FORMS}
    if request.GET.get("code"):
        forms["code"] = _page_form("code", meeting, initial={"code": request.GET.get("code", "")})
    forms.update(bound or {})
    failed = next(iter(bound), "") if bound else ""
    warnings = open_warnings(meeting, quorum.total)
    return render(request, "meetings/meeting_detail.html", {
        "meeting": meeting, "quorum": quorum, "entry": entry,
        "sections": _sections(request, meeting, viewer, forms, failed=failed),
        "staff": viewer.staff,
        "may_print_sheet": may(user, congress, "sign_in_at_desk"),
        "may_send_notice": may(user, congress, "send_meeting_notice"),
        "forms": forms, "failed": failed,
        "open_confirm": "".join(["宣布开会后，组成人员即可用会场签到码签到。", *("注意：" + w for w in warnings),
                                 "确定宣布开会吗？"]),
        "close_confirm": (f"宣布闭会后不能再签到和表决；未签到也未请假的 {quorum.expected} 人将记为缺席。确定宣布闭会吗？"
                          if quorum.expected else "宣布闭会后不能再签到和表决。确定宣布闭会吗？"),
    }, status=status)


def _sections(request, meeting: Meeting, viewer: MeetingViewer, forms: dict, failed: str):
    """The page below the facts: agenda, roster, reports, documents, votes, leave requests, attendees and
    the office's forms. It is the same for every reader with the same viewer while the data stands, and
    until another document's release time passes, so it is rendered once per data version, viewer and set
    of released documents — unless a refused form is being shown again with its input."""
    congress, now = request.congress, timezone.now()
    released = _released(congress, meeting.pk, now)

    def sections_context() -> dict:
        documents = Document.objects.in_congress(congress).filter(meeting=meeting).select_related("agenda_item")
        roster = _roster_lines(congress, meeting) if viewer.staff else []
        return {
            "congress": congress, "meeting": meeting, "viewer": viewer, "forms": forms, "failed": failed,
            "agenda": AgendaItem.objects.in_congress(congress).filter(meeting=meeting),
            "roster": _kept(congress, f"meetings:roster:{meeting.pk}", lambda: jinja.shared_rows(
                "meetings/roster_rows.jinja", {"roster": roster[:ROSTER_ON_PAGE]})) if roster else "",
            "roster_total": len(roster),
            "roster_on_page": ROSTER_ON_PAGE,
            "documents": [(d, viewer.may_fetch(d, now)) for d in documents], "released": released,
            "votes": Vote.objects.in_congress(congress).filter(meeting=meeting).order_by("id"),
            "leaves": LeaveRequest.objects.in_congress(congress).filter(meeting=meeting).select_related("person"),
            "attendees": RosterEntry.objects.in_congress(congress).filter(meeting=meeting, voting=False)
            .select_related("person") if viewer.staff else [],
        }

    name = f"meetings:sections:{meeting.pk}:{viewer.key}:{','.join(map(str, sorted(released)))}"
    return jinja.kept_part(request, name, "meetings/_detail_sections.html", sections_context, keep=not failed)


# The meeting page lists this many of its roster; a plenary's (thousands of members, a quarter of a megabyte
# of rows on every staff member's phone) has its own page, a hundred at a time, found by name or attendance.
ROSTER_ON_PAGE = 100


def _roster_lines(congress, meeting: Meeting) -> list[tuple[str, str, str]]:
    return versioned.cached(congress, f"meetings:roster_lines:{meeting.pk}", lambda: sheets.roster_lines(meeting))


@requires("open_meeting")
def meeting_roster(request, congress_code, meeting_id):
    """出席名单: the whole roster, a hundred a page, by name (or delegation) and by attendance."""
    congress = request.congress
    meeting = get_meeting_for_user(request, meeting_id)
    lines = _roster_lines(congress, meeting)
    labels = dict(RosterEntry.Attendance.choices)
    q = request.GET.get("q", "").strip()
    attendance = request.GET.get("attendance", "")
    attendance = attendance if attendance in labels else ""
    numbered = [(n, line) for n, line in enumerate(lines, start=1)
                if (not q or q in line[0] or q in line[1]) and (not attendance or line[2] == labels[attendance])]
    pages = max(1, -(-len(numbered) // ROSTER_ON_PAGE))
    page = request.GET.get("page", "1")
    page = min(int(page), pages) if page.isdecimal() and int(page) >= 1 else 1
    shown = numbered[(page - 1) * ROSTER_ON_PAGE:page * ROSTER_ON_PAGE]
    counts = Counter(line[2] for line in lines)
    query = urlencode([(k, v) for k, v in (("q", q), ("attendance", attendance)) if v])
    return render(request, "meetings/roster.html", {
        "meeting": meeting, "total": len(lines), "counts": [(label, counts[label]) for label in labels.values() if counts[label]],
        "found": len(numbered), "q": q, "attendance": attendance, "choices": list(labels.items()),
        "rows": jinja.rows(request, "meetings/roster_rows.jinja", {"roster": [line for _, line in shown],
                                                                   "numbers": [n for n, _ in shown]}),
        "page": page, "pages": pages, "query": query,
    })


def _released(congress, meeting_id: int, now) -> frozenset[int]:
    """The meeting's documents whose release time has passed: the one change of the page without a write."""
    releases = versioned.cached(congress, f"meetings:releases:{meeting_id}", lambda: list(
        Document.objects.in_congress(congress).filter(meeting_id=meeting_id).values_list("pk", "release_at")))
    return frozenset(pk for pk, release_at in releases if release_at <= now)


@kept_page(vary=lambda request, congress_code, meeting_id: sorted(_released(request.congress, int(meeting_id),
                                                                             timezone.now())))
def meeting_detail(request, congress_code, meeting_id):
    # Read once per data version: the meeting page is the one every member opens during a session.
    meeting = versioned.cached(request.congress, f"meetings:meeting:{int(meeting_id)}",
                               lambda: get_meeting_for_user(request, meeting_id))
    meeting.congress = request.congress
    return _detail_page(request, meeting)


def _submit_form(request, meeting: Meeting, what: str):
    """A form with typed input: success → message and back to the page; refusal → the page again,
    with what was typed and the error beside its field."""
    congress, user = request.congress, request.user
    form = _page_form(what, meeting, request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if what == "code":  # its own transactions: a wrong code is counted and kept even though it is refused
                done = _sign_in_by_code(congress, meeting, user, {**data, "address": request.META.get("REMOTE_ADDR", "")})
            else:
                with transaction.atomic():
                    done = _FORM_ACTIONS[what](congress, meeting, user, data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            if isinstance(done, Vote):
                messages.success(request, f"已设置“{done}”，请在会场开始表决")
                return redirect("vote_detail", congress_code=congress.code, vote_id=done.pk)
            messages.success(request, done)
            return redirect("meeting_detail", congress_code=congress.code, meeting_id=meeting.pk)
    return _detail_page(request, meeting, {what: form})


def _import_devices(congress, meeting, user, data):
    n = actions.import_sign_ins(congress, meeting, actor=user, rows=device_rows(data["file"]))
    return f"已导入 {n} 人签到"


def _add_attendee(congress, meeting, user, data):
    entry = actions.add_attendee(congress, meeting, actor=user, person=data["person"], name=data["name"],
                                 post=data["post"], other_person=data["other_person"])
    return f"已增加列席人员：{entry.person.name}（{entry.post}）"


def _setup_election(congress, meeting, user, data):
    from renda.voting import actions as voting

    return voting.setup_election(congress, meeting, actor=user, title=data["title"], post=data["post"],
                                 seats=data["seats"], candidates=data["candidates"], paper=data["paper"])


def _create_vote(congress, meeting, user, data):
    from renda.voting import actions as voting

    return voting.create_vote(congress, meeting, actor=user, title=data["title"], kind=data["kind"],
                              secret=data["secret"], agenda_item=data["agenda_item"])


def _sign_in_by_code(congress, meeting, user, data):
    actions.sign_in_by_code(congress, meeting, actor=user, code=data["code"], address=data.get("address", ""))
    return "签到成功"


def _request_leave(congress, meeting, user, data):
    actions.request_leave(congress, meeting, actor=user, reason=data["reason"])
    return "请假申请已提交，等待批准"


def _add_agenda_item(congress, meeting, user, data):
    item = actions.add_agenda_item(congress, meeting, actor=user, kind=data["kind"], title=data["title"])
    return f"已增加议程第 {item.order} 项：{item.title}"


def _publish_document(congress, meeting, user, data):
    document = actions.publish_document(congress, meeting, actor=user, title=data["title"], file=data["file"],
                                        audience=data["audience"], release_at=data["release_at"],
                                        agenda_item=data["agenda_item"])
    return f"已发布“{document.title}”，{timezone.localtime(document.release_at):%Y-%m-%d %H:%M} 起可以下载"


def _update_meeting(congress, meeting, user, data):
    actions.update_meeting(congress, meeting, actor=user, starts_at=data["starts_at"], place=data["place"],
                           convener=data["convener"], chair=data["chair"], clear_chair=data["chair"] is None)
    return "已修改会议信息" + (f"，主持人：{meeting.chair.name}" if meeting.chair else "")


_FORM_ACTIONS = {
    "code": _sign_in_by_code, "leave": _request_leave, "agenda": _add_agenda_item, "document": _publish_document,
    "attendee": _add_attendee, "devices": _import_devices, "vote": _create_vote, "election": _setup_election,
    "settings": _update_meeting,
}


@require_POST
def meeting_action(request, congress_code, meeting_id, what):
    """The meeting page's forms (see PAGE_FORMS) and its buttons: open, close, roster, decide."""
    congress, user, data = request.congress, request.user, request.POST
    meeting = get_meeting_for_user(request, meeting_id)
    if what in PAGE_FORMS:
        return _submit_form(request, meeting, what)
    try:
        if what == "open":
            actions.open_meeting(congress, meeting, actor=user)
            messages.success(request, "已宣布开会，可以签到")
        elif what == "close":
            actions.close_meeting(congress, meeting, actor=user)
            messages.success(request, "已宣布闭会，出席情况已记录")
        elif what == "roster":
            n = actions.build_roster(congress, meeting, actor=user)
            messages.success(request, f"名单已按任职更新，新增 {n} 人" if n else "名单已是最新，没有新增人员")
        elif what == "decide":
            leave = LeaveRequest.objects.in_congress(congress).filter(meeting=meeting, pk=data.get("leave") or 0).first()
            if leave is None:
                raise Http404("找不到该请假")
            approve = data.get("approve") == "1"
            actions.decide_leave(congress, leave, actor=user, approve=approve, note=data.get("note", ""))
            messages.success(request, f"已{'批准' if approve else '不批准'}{leave.person.name}的请假")
        else:
            raise Http404
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("meeting_detail", congress_code=congress.code, meeting_id=meeting.pk)


@requires("sign_in_at_desk")
@require_http_methods(["GET", "POST"])
def sign_in_desk(request, congress_code, meeting_id):
    """The sign-in desk: search by name, one tap per member; the head count updates beside it."""
    congress = request.congress
    meeting = get_meeting_for_user(request, meeting_id)
    if request.method == "POST":
        person = queries.desk_person(congress, meeting, request.POST.get("person"))
        try:
            if person is None:
                raise ValidationError({"person": "找不到该人员"})
            actions.sign_in_at_desk(congress, meeting, actor=request.user, person=person)
        except ValidationError as error:
            if not is_htmx(request):
                flash_errors(request, error)
            else:
                return HttpResponse("；".join(error.messages), status=422)
    q = request.GET.get("q", "").strip()
    roster = RosterEntry.objects.in_congress(congress).filter(meeting=meeting).select_related("person")
    if q:
        roster = roster.filter(person__name__contains=q)
    context = {"meeting": meeting, "roster": roster[:60], "quorum": queries.quorum(meeting), "q": q,
               "locks": sign_in_limits.recent_locks(congress, meeting)}
    if is_htmx(request):
        return render(request, "meetings/desk_rows.html", context)
    return render(request, "meetings/desk.html", context)


def headcount(request, congress_code, meeting_id):
    """Live head count, polled by the desk and the hall screen."""
    meeting = get_meeting_for_user(request, meeting_id)
    return render(request, "meetings/headcount.html", {"meeting": meeting, "quorum": queries.quorum(meeting)})


@requires("sign_in_at_desk")
def hall_code_screen(request, congress_code, meeting_id):
    meeting = get_meeting_for_user(request, meeting_id)
    code = actions.hall_code(meeting)
    # The QR code opens the meeting page on the member's phone with the code filled in.
    link = request.build_absolute_uri(reverse("meeting_detail", args=[congress_code, meeting.pk])) + f"?code={code}"
    return render(request, "meetings/hall_code.html", {
        "meeting": meeting, "code": code, "quorum": queries.quorum(meeting), "link": link,
        "qr": mark_safe(segno.make(link, error="m").svg_inline(scale=6, dark="#000", light="#fff")),
    })


def document_download(request, congress_code, document_id):
    """Before its release time nobody in the audience can fetch a document; every fetch is logged."""
    document = Document.objects.in_congress(request.congress).select_related("meeting").filter(pk=document_id).first()
    if document is None or not queries.may_fetch(document, request.user):
        raise Http404("找不到该文件，或尚未到发布时间")
    DocumentDownload.objects.create(congress=request.congress, document=document,
                                    user=request.user if request.user.is_authenticated else None)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])


def device_rows(upload) -> list[dict]:
    """The rows of an electronic sign-in device's CSV export: UTF-8 (with or without BOM), else GB18030
    (which covers GBK and GB2312, what devices and Excel in China write); anything else is refused."""
    if not upload:
        return []
    uploads.check(upload, "device_sign_ins")  # text by content, 2 MB at most, before it is read
    data = upload.read()
    try:
        try:
            content = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            content = data.decode("gb18030")
        return list(csv.DictReader(io.StringIO(content)))
    except (UnicodeDecodeError, csv.Error):
        raise ValidationError({"file": "读不出这个文件：须为 UTF-8 或 GBK（GB18030）编码的 CSV，第一行为“代表证号”或“姓名”"}) from None


def record_of(request, meeting: Meeting) -> dict:
    """After the meeting: attendance, votes and results, and a news draft in the journal's manner.
    Staff see it at any time; everyone else once the meeting has closed."""
    congress = request.congress
    staff = may(request.user, congress, "open_meeting")
    if not staff and meeting.status != Meeting.Status.CLOSED:
        raise PermissionDenied("会议闭会后公布会议记录")
    # Staff follow a counted result before it is announced; everyone else sees announced results only.
    shown = ["closed", "announced"] if staff else ["announced"]
    return {"meeting": meeting, "quorum": queries.quorum(meeting),
            "roster": RosterEntry.objects.in_congress(congress).filter(meeting=meeting).select_related("person"),
            "votes": Vote.objects.in_congress(congress).filter(meeting=meeting, status__in=shown),
            "news": notices.news_draft(meeting)}


def meeting_record(request, congress_code, meeting_id):
    return render(request, "meetings/record.html", record_of(request, get_meeting_for_user(request, meeting_id)))


def results_notice(request, meeting: Meeting) -> HttpResponse:
    """The results notice of the announced votes, as a PDF in the official layout."""
    votes = list(Vote.objects.in_congress(request.congress).filter(meeting=meeting, status="announced"))
    if not votes:
        raise Http404("尚无已宣布的表决结果")
    response = HttpResponse(notices.results_pdf(meeting, votes), content_type="application/pdf")
    return downloads.attachment(response, downloads.dated(f"{meeting.title}表决结果公告", "pdf"), inline=True)


def results_notice_pdf(request, congress_code, meeting_id):
    return results_notice(request, get_meeting_for_user(request, meeting_id))


@login_required
def absences(request, congress_code):
    if not may(request.user, request.congress, "close_meeting"):
        raise PermissionDenied
    congress = request.congress
    terms = list(Term.objects.in_congress(congress))
    term = next((t for t in terms if str(t.pk) == request.GET.get("term")), terms[0] if terms else None)
    q = request.GET.get("q", "").strip()
    rows = [r for r in (queries.repeated_absences(congress, term) if term else []) if q in r["person__name"]]
    if fmt := wanted(request):
        return export_response(
            request, subject="未经批准缺席大会会议", rows=rows, fmt=fmt,
            columns=[Column("姓名", "person__name"), Column("未经批准缺席次数", "absent", "int")],
            filters=describe_filters([("届次", term), ("关键词", q)]))
    return render(request, "meetings/absences.html", {"rows": rows, "terms": terms, "term": term, "q": q})
