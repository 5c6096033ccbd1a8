from datetime import datetime
from typing import Annotated

from django.http import FileResponse, Http404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import BeforeValidator

from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf, blank_is_none, one
from renda.core.errors import ValidationError
from renda.core.models import Term
from renda.meetings import actions, queries
from renda.meetings.models import AgendaItem, Document, DocumentDownload, LeaveRequest, Meeting
from renda.meetings.views import device_rows, get_meeting_for_user, record_of, results_notice
from renda.people.models import Organisation
from renda.people.queries import person_of

router = Router(tags=["meetings"])


class MeetingOut(Schema):
    id: int
    title: str
    kind: Annotated[str, OneOf(Meeting.Kind)]
    number: int
    status: Annotated[str, OneOf(Meeting.Status)]
    starts_at: datetime
    place: str
    convener: str
    chair_id: int | None
    chair: str
    quorum: str
    quorum_met: bool
    total: int
    present: int


def _out(meeting: Meeting) -> dict:
    q = queries.quorum(meeting)
    return {"id": meeting.pk, "title": meeting.title, "kind": meeting.kind, "number": meeting.number,
            "status": meeting.status, "starts_at": meeting.starts_at, "place": meeting.place, "convener": meeting.convener,
            "chair_id": meeting.chair_id, "chair": meeting.chair.name if meeting.chair else "", "quorum": q.line,
            "quorum_met": q.met, "total": q.total, "present": q.present}


class MeetingIn(In):
    term: int
    kind: Annotated[str, OneOf(Meeting.Kind)]
    starts_at: datetime
    place: str = ""
    convener: str = ""
    chair_id: int | None = None
    organisation_id: int | None = None
    allow_vote_change: bool = False
    number: int | None = None  # blank: the next in the term; given: going on with the congress's own count


class MeetingChangeIn(In):
    starts_at: datetime | None = None
    place: str | None = None
    convener: str | None = None
    chair_id: int | None = None
    clear_chair: bool = False


def _chair(request, chair_id: int | None):
    """The chair by person id: someone of this congress (a member, a deputy), else a clear refusal."""
    if chair_id is None:
        return None
    chair = person_of(request.congress, chair_id)
    if chair is None:
        raise ValidationError({"chair_id": "“主持人”须为本级的人员"})
    return chair


@router.get("/meetings", response=list[MeetingOut], summary="会议")
@scoped
def list_meetings(request):
    return [_out(m) for m in Meeting.objects.in_congress(request.congress).select_related("term")[:200]]


@router.get("/meetings/{meeting_id}", response=MeetingOut, summary="一次会议及其出席情况")
@scoped
def get_meeting(request, meeting_id: int):
    return _out(get_meeting_for_user(request, meeting_id))


@router.post("/meetings", response={201: MeetingOut}, summary="召集会议（并按任职生成名单）")
@scoped
def create_meeting(request, payload: MeetingIn):
    term = Term.objects.in_congress(request.congress).filter(number=payload.term).first()
    organisation = one(Organisation.objects.in_congress(request.congress), payload.organisation_id, "organisation_id", "机构")
    meeting = actions.create_meeting(request.congress, actor=request.user, term=term, kind=payload.kind,
                                     starts_at=payload.starts_at, place=payload.place, convener=payload.convener,
                                     chair=_chair(request, payload.chair_id), organisation=organisation,
                                     allow_vote_change=payload.allow_vote_change, number=payload.number)
    actions.build_roster(request.congress, meeting, actor=request.user)
    return Status(201, _out(meeting))


@router.patch("/meetings/{meeting_id}", response=MeetingOut, summary="修改会议的时间、地点、召集人或主持人（闭会前）")
@scoped
def update_meeting(request, meeting_id: int, payload: MeetingChangeIn):
    meeting = get_meeting_for_user(request, meeting_id)
    return _out(actions.update_meeting(request.congress, meeting, actor=request.user, starts_at=payload.starts_at,
                                       place=payload.place, convener=payload.convener,
                                       chair=_chair(request, payload.chair_id), clear_chair=payload.clear_chair))


@router.post("/meetings/{meeting_id}/open", response=MeetingOut, summary="宣布开会")
@scoped
def open_meeting(request, meeting_id: int):
    return _out(actions.open_meeting(request.congress, get_meeting_for_user(request, meeting_id), actor=request.user))


@router.post("/meetings/{meeting_id}/close", response=MeetingOut, summary="宣布闭会（未签到、未请假者记为缺席）")
@scoped
def close_meeting(request, meeting_id: int):
    return _out(actions.close_meeting(request.congress, get_meeting_for_user(request, meeting_id), actor=request.user))


class CodeIn(In):
    code: Filled


@router.post("/meetings/{meeting_id}/sign-in", response=MeetingOut, summary="手机签到（会场签到码）")
@scoped
def sign_in_by_code(request, meeting_id: int, payload: CodeIn):
    meeting = get_meeting_for_user(request, meeting_id)
    actions.sign_in_by_code(request.congress, meeting, actor=request.user, code=payload.code,
                            address=request.META.get("REMOTE_ADDR", ""))
    return _out(meeting)


class DeskIn(In):
    person_id: int


@router.post("/meetings/{meeting_id}/desk-sign-in", response=MeetingOut, summary="签到台签到")
@scoped
def sign_in_at_desk(request, meeting_id: int, payload: DeskIn):
    meeting = get_meeting_for_user(request, meeting_id)
    person = queries.desk_person(request.congress, meeting, payload.person_id)
    if person is None:
        raise Http404("找不到该人员")
    actions.sign_in_at_desk(request.congress, meeting, actor=request.user, person=person)
    return _out(meeting)


class LeaveIn(In):
    reason: Filled


class LeaveOut(Schema):
    id: int
    person: str
    reason: str
    status: Annotated[str, OneOf(LeaveRequest.Status)]


@router.post("/meetings/{meeting_id}/leave", response={201: LeaveOut}, summary="请假")
@scoped
def request_leave(request, meeting_id: int, payload: LeaveIn):
    leave = actions.request_leave(request.congress, get_meeting_for_user(request, meeting_id), actor=request.user, reason=payload.reason)
    return Status(201, {"id": leave.pk, "person": leave.person.name, "reason": leave.reason, "status": leave.status})


class DecisionIn(In):
    approve: bool
    note: str = ""


@router.post("/leaves/{leave_id}/decision", response=LeaveOut, summary="批准或不批准请假")
@scoped
def decide_leave(request, leave_id: int, payload: DecisionIn):
    leave = LeaveRequest.objects.in_congress(request.congress).select_related("meeting", "person").filter(pk=leave_id).first()
    if leave is None:
        raise Http404("找不到该请假")
    leave = actions.decide_leave(request.congress, leave, actor=request.user, approve=payload.approve, note=payload.note)
    return {"id": leave.pk, "person": leave.person.name, "reason": leave.reason, "status": leave.status}


class DocumentOut(Schema):
    id: int
    title: str
    audience: Annotated[str, OneOf(Document.Audience)]
    release_at: datetime
    url: str


@router.get("/documents/{document_id}", summary="下载会议文件（发布时间前，阅读范围内的人也不能下载；每次下载留痕）")
@scoped
def download_document(request, document_id: int):
    document = Document.objects.in_congress(request.congress).select_related("meeting").filter(pk=document_id).first()
    if document is None or not queries.may_fetch(document, request.user):
        raise Http404("找不到该文件，或尚未到发布时间")
    DocumentDownload.objects.create(congress=request.congress, document=document, user=request.user)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])


@router.get("/meetings/{meeting_id}/documents", response=list[DocumentOut], summary="本人此刻可以阅读的会议文件")
@scoped
def list_documents(request, meeting_id: int):
    meeting = get_meeting_for_user(request, meeting_id)
    docs = Document.objects.in_congress(request.congress).filter(meeting=meeting).select_related("meeting")
    return [{"id": d.pk, "title": d.title, "audience": d.audience, "release_at": d.release_at,
             "url": f"/api/documents/{d.pk}"} for d in docs if queries.may_fetch(d, request.user)]


class AttendeeIn(In):
    post: str
    name: str = ""
    person_id: int | None = None
    other_person: bool = False


@router.post("/meetings/{meeting_id}/attendees", response={201: dict},
             summary="增加列席人员：本级人员按 person_id；名册以外人员按姓名和职务（与本级人员同名时须 other_person）")
@scoped
def add_attendee(request, meeting_id: int, payload: AttendeeIn):
    person = person_of(request.congress, payload.person_id) if payload.person_id is not None else None
    if payload.person_id is not None and person is None:
        raise ValidationError({"person": "找不到该人员"})
    entry = actions.add_attendee(request.congress, get_meeting_for_user(request, meeting_id), actor=request.user,
                                 person=person, name=payload.name, post=payload.post, other_person=payload.other_person)
    return Status(201, {"person": entry.person.name, "post": entry.post, "voting": entry.voting})


@router.post("/meetings/{meeting_id}/device-sign-ins", response=MeetingOut,
             summary="导入电子签到设备的 CSV（代表证号或姓名一列；全部成功或全部不导入）")
@scoped
def import_sign_ins(request, meeting_id: int, file: UploadedFile = File(...)):
    meeting = get_meeting_for_user(request, meeting_id)
    actions.import_sign_ins(request.congress, meeting, actor=request.user, rows=device_rows(file))
    return _out(meeting)


class AgendaIn(In):
    kind: Annotated[str, OneOf(AgendaItem.Kind)]
    title: Filled


@router.post("/meetings/{meeting_id}/agenda", response={201: dict}, summary="增加议程")
@scoped
def add_agenda_item(request, meeting_id: int, payload: AgendaIn):
    item = actions.add_agenda_item(request.congress, get_meeting_for_user(request, meeting_id), actor=request.user,
                                   **payload.dict())
    return Status(201, {"id": item.pk, "order": item.order, "kind": item.kind, "title": item.title})


@router.post("/meetings/{meeting_id}/documents", response={201: DocumentOut},
             summary="发布会议文件：阅读范围（members/attendees/public）和发布时间")
@scoped
def publish_document(request, meeting_id: int, title: Form[Filled],
                     audience: Form[Annotated[str, OneOf(Document.Audience)]], release_at: Form[datetime],
                     agenda_item_id: Annotated[int | None, BeforeValidator(blank_is_none)] = Form(None),
                     file: UploadedFile = File(...)):
    meeting = get_meeting_for_user(request, meeting_id)
    item = one(AgendaItem.objects.in_congress(request.congress).filter(meeting=meeting), agenda_item_id,
               "agenda_item_id", "本次会议的议程")
    document = actions.publish_document(request.congress, meeting, actor=request.user, title=title, file=file,
                                        audience=audience, release_at=release_at, agenda_item=item)
    return Status(201, {"id": document.pk, "title": document.title, "audience": document.audience,
                        "release_at": document.release_at, "url": f"/api/documents/{document.pk}"})


@router.get("/meetings/{meeting_id}/record", summary="会议记录：出席、表决结果和新闻稿（闭会后公开，工作人员随时可看）")
@scoped
def meeting_record(request, meeting_id: int):
    from renda.meetings.notices import result_lines

    record = record_of(request, get_meeting_for_user(request, meeting_id))
    return {"title": record["meeting"].title, "attendance": record["quorum"].line,
            "roster": [{"name": e.person.name, "voting": e.voting, "attendance": e.attendance} for e in record["roster"]],
            "votes": [{"id": v.pk, "title": str(v), "status": v.status, "lines": result_lines(v)} for v in record["votes"]],
            "news": record["news"]}


@router.get("/meetings/{meeting_id}/results.pdf", summary="表决结果公告（PDF，公文格式）")
@scoped
def results_pdf(request, meeting_id: int):
    return results_notice(request, get_meeting_for_user(request, meeting_id))


@router.get("/absences", summary="本届无故缺席大会会议达到规定次数的代表（代表法第六十二条）")
@scoped
def absences(request):
    from renda.core.permissions import check_permission

    check_permission(request.user, request.congress, "close_meeting")
    term = Term.objects.in_congress(request.congress).first()
    return [{"person_id": r["person_id"], "name": r["person__name"], "absent": r["absent"]}
            for r in (queries.repeated_absences(request.congress, term) if term else [])]
