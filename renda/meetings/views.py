import csv
import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from renda.core.models import Term
from renda.core.permissions import may
from renda.core.views_helpers import flash_errors, get_or_404, is_htmx, requires
from renda.meetings import actions, notices, queries
from renda.meetings.models import AgendaItem, Document, DocumentDownload, LeaveRequest, Meeting, RosterEntry
from renda.people.models import Organisation, Person
from renda.voting.models import Vote


def get_meeting_for_user(request, meeting_id: int) -> Meeting:
    return get_or_404(Meeting.objects.in_congress(request.congress).select_related("term", "organisation", "chair"),
                      meeting_id, "找不到该会议")



def meeting_list(request, congress_code):
    congress = request.congress
    meetings = Meeting.objects.in_congress(congress).select_related("term", "organisation")[:200]
    return render(request, "meetings/meeting_list.html", {
        "meetings": meetings, "can_create": may(request.user, congress, "create_meeting"),
        "kinds": Meeting.Kind.choices, "terms": Term.objects.in_congress(congress),
        "bodies": Organisation.objects.in_congress(congress).filter(kind__in=list(actions.BODY_KINDS.values())),
        "absences": queries.repeated_absences(congress, Term.objects.in_congress(congress).first())
        if may(request.user, congress, "close_meeting") and Term.objects.in_congress(congress).exists() else [],
    })


@requires("create_meeting")
@require_POST
def meeting_new(request, congress_code):
    congress = request.congress
    data = request.POST
    term = Term.objects.in_congress(congress).filter(pk=data.get("term") or 0).first()
    organisation = Organisation.objects.in_congress(congress).filter(pk=data.get("organisation") or 0).first()
    starts_at = parse_datetime(data.get("starts_at", "")) if data.get("starts_at") else None
    if starts_at and timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    try:
        meeting = actions.create_meeting(congress, actor=request.user, term=term, kind=data.get("kind", ""),
                                         starts_at=starts_at, place=data.get("place", ""), organisation=organisation,
                                         allow_vote_change=bool(data.get("allow_vote_change")))
        actions.build_roster(congress, meeting, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("meeting_list", congress_code=congress.code)
    return redirect("meeting_detail", congress_code=congress.code, meeting_id=meeting.pk)


def meeting_detail(request, congress_code, meeting_id):
    congress = request.congress
    meeting = get_meeting_for_user(request, meeting_id)
    documents = [(d, queries.may_fetch(d, request.user)) for d in
                 Document.objects.in_congress(congress).filter(meeting=meeting).select_related("agenda_item")]
    entry = queries.roster_entry(meeting, request.user)
    return render(request, "meetings/meeting_detail.html", {
        "meeting": meeting, "quorum": queries.quorum(meeting), "entry": entry,
        "agenda": AgendaItem.objects.in_congress(congress).filter(meeting=meeting),
        "documents": documents, "now": timezone.now(),
        "votes": Vote.objects.in_congress(congress).filter(meeting=meeting).order_by("id"),
        "leaves": LeaveRequest.objects.in_congress(congress).filter(meeting=meeting).select_related("person"),
        "staff": may(request.user, congress, "open_meeting"),
        "may_decide_leave": may(request.user, congress, "decide_leave"),
        "attendees": RosterEntry.objects.in_congress(congress).filter(meeting=meeting, voting=False).select_related("person"),
        "audiences": Document.Audience.choices, "agenda_kinds": AgendaItem.Kind.choices,
        "posts": Vote.Post.choices,
    })


@require_POST
def meeting_action(request, congress_code, meeting_id, what):
    """The staff console's buttons: open, close, roster, attendee, agenda, document, vote, election."""
    congress, user, data = request.congress, request.user, request.POST
    meeting = get_meeting_for_user(request, meeting_id)
    from renda.voting import actions as voting

    try:
        if what == "open":
            actions.open_meeting(congress, meeting, actor=user)
        elif what == "close":
            actions.close_meeting(congress, meeting, actor=user)
        elif what == "roster":
            actions.build_roster(congress, meeting, actor=user)
        elif what == "attendee":
            actions.add_attendee(congress, meeting, actor=user, name=data.get("name", ""), post=data.get("post", ""))
        elif what == "agenda":
            actions.add_agenda_item(congress, meeting, actor=user, kind=data.get("kind", ""), title=data.get("title", ""))
        elif what == "document":
            release = parse_datetime(data.get("release_at", "")) if data.get("release_at") else None
            if release and timezone.is_naive(release):
                release = timezone.make_aware(release)
            actions.publish_document(congress, meeting, actor=user, title=data.get("title", ""),
                                     file=request.FILES.get("file"), audience=data.get("audience", ""), release_at=release)
        elif what == "vote":
            agenda_item = AgendaItem.objects.in_congress(congress).filter(meeting=meeting, pk=data.get("agenda_item") or 0).first()
            vote = voting.create_vote(congress, meeting, actor=user, title=data.get("title", ""),
                                      kind=data.get("kind", Vote.Kind.ROLL_CALL), secret=bool(data.get("secret")),
                                      agenda_item=agenda_item)
            return redirect("vote_detail", congress_code=congress.code, vote_id=vote.pk)
        elif what == "election":
            candidates = [{"name": line.split()[0], "nominated_by": "presidium"}
                          for line in data.get("candidates", "").splitlines() if line.strip()]
            vote = voting.setup_election(congress, meeting, actor=user, title=data.get("title", ""),
                                         post=data.get("post", ""), seats=data.get("seats"), candidates=candidates,
                                         paper=bool(data.get("paper")))
            return redirect("vote_detail", congress_code=congress.code, vote_id=vote.pk)
        elif what == "leave":
            actions.request_leave(congress, meeting, actor=user, reason=data.get("reason", ""))
            messages.success(request, "请假申请已提交")
        elif what == "decide":
            leave = LeaveRequest.objects.in_congress(congress).filter(meeting=meeting, pk=data.get("leave") or 0).first()
            if leave is None:
                raise Http404
            actions.decide_leave(congress, leave, actor=user, approve=data.get("approve") == "1", note=data.get("note", ""))
        elif what == "code":
            actions.sign_in_by_code(congress, meeting, actor=user, code=data.get("code", ""))
            messages.success(request, "签到成功")
        elif what == "devices":
            n = actions.import_sign_ins(congress, meeting, actor=user, rows=device_rows(request.FILES.get("file")))
            messages.success(request, f"已导入 {n} 人签到")
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
        person = Person.objects.filter(pk=request.POST.get("person") or 0).first()
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
    context = {"meeting": meeting, "roster": roster[:60], "quorum": queries.quorum(meeting), "q": q}
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
    """The rows of an electronic sign-in device's CSV export (UTF-8, with or without BOM)."""
    return list(csv.DictReader(io.StringIO(upload.read().decode("utf-8-sig")))) if upload else []


def record_of(request, meeting: Meeting) -> dict:
    """After the meeting: attendance, votes and results, and a news draft in the journal's manner.
    Staff see it at any time; everyone else once the meeting has closed."""
    congress = request.congress
    if not may(request.user, congress, "open_meeting") and meeting.status != Meeting.Status.CLOSED:
        raise PermissionDenied("会议闭会后公布会议记录")
    return {"meeting": meeting, "quorum": queries.quorum(meeting),
            "roster": RosterEntry.objects.in_congress(congress).filter(meeting=meeting).select_related("person"),
            "votes": Vote.objects.in_congress(congress).filter(meeting=meeting, status__in=["closed", "announced"]),
            "news": notices.news_draft(meeting)}


def meeting_record(request, congress_code, meeting_id):
    return render(request, "meetings/record.html", record_of(request, get_meeting_for_user(request, meeting_id)))


def results_notice(request, meeting: Meeting) -> HttpResponse:
    """The results notice of the announced votes, as a PDF in the official layout."""
    votes = list(Vote.objects.in_congress(request.congress).filter(meeting=meeting, status="announced"))
    if not votes:
        raise Http404("尚无已宣布的表决结果")
    response = HttpResponse(notices.results_pdf(meeting, votes), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="results-{meeting.pk}.pdf"'
    return response


def results_notice_pdf(request, congress_code, meeting_id):
    return results_notice(request, get_meeting_for_user(request, meeting_id))


@login_required
def absences(request, congress_code):
    if not may(request.user, request.congress, "close_meeting"):
        raise PermissionDenied
    term = Term.objects.in_congress(request.congress).first()
    return render(request, "meetings/absences.html", {"rows": queries.repeated_absences(request.congress, term) if term else []})
