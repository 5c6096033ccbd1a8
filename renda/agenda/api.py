"""The agenda chain over the API: proposed items (list, one, register, add a document, the directors'
meeting's decision), a session's draft agenda (read, fix, adopt by an announced vote) and its printed
agenda and schedule, and a session's agenda item (documents, speeches, votes, outcome). The same
actions as the pages; another congress's id is not found."""

from datetime import datetime
from typing import Annotated

from django.http import Http404, HttpResponse
from django.urls import reverse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from renda.agenda import actions, documents
from renda.agenda.models import DraftAgenda, DraftEntry, ItemDocument, ProposedItem
from renda.core import downloads, official_documents
from renda.core.api import scoped
from renda.core.api_contract import CLOSED_MULTIPART, Filled, In, OneOf, existing, one, only_fields
from renda.core.errors import IllegalTransition, ValidationError
from renda.core.permissions import check_permission
from renda.meetings.models import AgendaItem, Document, Meeting, Speech
from renda.people.models import Organisation
from renda.voting.models import Vote

router = Router(tags=["agenda"])


# The actions name their fields as the pages do; the API names them as its request bodies do.
API_FIELDS = {"proposer": "proposer_id", "members": "member_ids", "directors_meeting": "directors_meeting_id",
              "vote": "vote_id", "draft": "meeting_id", "session": "meeting_id", "documents": "file"}


def _run(call):
    """Run an action; its field errors renamed to this API's fields (an illegal transition stays a 409)."""
    try:
        return call()
    except IllegalTransition:
        raise
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        renamed: dict[str, list[str]] = {}
        for name, messages in error.message_dict.items():
            renamed.setdefault(API_FIELDS.get(name, name), []).extend(messages)
        raise ValidationError(renamed) from None


def _view(request) -> None:
    check_permission(request.user, request.congress, "view_agenda")


def _item(request, item_id: int) -> ProposedItem:
    _view(request)
    item = ProposedItem.objects.in_congress(request.congress).filter(pk=item_id).first()
    if item is None:
        raise Http404("找不到该提请事项")
    return item


def _session(request, meeting_id: int) -> Meeting:
    _view(request)
    session = Meeting.objects.in_congress(request.congress).filter(pk=meeting_id, kind=Meeting.Kind.SC_SESSION) \
        .select_related("term", "congress", "organisation").first()
    if session is None:
        raise Http404("找不到该常委会会议")
    return session


class AgendaDocumentOut(Schema):
    id: int
    title: str
    url: str


class AgendaProposedItemOut(Schema):
    id: int
    title: str
    kind: Annotated[str, OneOf(AgendaItem.Kind)]
    proposer_kind: Annotated[str, OneOf(ProposedItem.Proposer)]
    proposer_id: int | None
    proposer: str
    member_ids: list[int]
    presenter: str
    summary: str
    status: Annotated[str, OneOf(ProposedItem.Status)]
    directors_meeting_id: int | None
    decided_at: datetime | None
    decision_reason: str
    agenda_item_id: int | None
    documents: list[AgendaDocumentOut]
    url: str


def _item_out(item: ProposedItem) -> dict:
    c = item.congress_id
    code = item.congress.code
    item = ProposedItem.objects.in_congress(c).select_related("proposer", "congress").get(pk=item.pk)
    docs = ItemDocument.objects.in_congress(c).filter(item=item).order_by("id")
    return {"id": item.pk, "title": item.title, "kind": item.kind, "proposer_kind": item.proposer_kind,
            "proposer_id": item.proposer_id, "proposer": item.proposer_name,
            "member_ids": sorted(p.pk for p in item.members.all()), "presenter": item.presenter,
            "summary": item.summary, "status": item.status, "directors_meeting_id": item.directors_meeting_id,
            "decided_at": item.decided_at, "decision_reason": item.decision_reason,
            "agenda_item_id": item.agenda_item_id,
            "documents": [{"id": d.pk, "title": d.title, "url": f"/api/agenda/items/{item.pk}/documents/{d.pk}"}
                          for d in docs],
            "url": reverse("agenda_item", args=[code, item.pk])}


@router.get("/agenda/items", response=list[AgendaProposedItemOut], summary="提请事项（可按状态筛选）")
@scoped
def list_items(request, status: Annotated[str, OneOf(ProposedItem.Status)] | None = None):
    _view(request)
    items = ProposedItem.objects.in_congress(request.congress).select_related("proposer", "congress")
    if status:
        items = items.filter(status=status)
    return [_item_out(i) for i in items.order_by("-created_at", "-id")[:500]]


@router.get("/agenda/items/{item_id}", response=AgendaProposedItemOut, summary="一项提请事项及其文件和主任会议的决定")
@scoped
def get_item(request, item_id: int):
    return _item_out(_item(request, item_id))


class AgendaProposeIn(In):
    title: Filled
    kind: Annotated[str, OneOf(AgendaItem.Kind)]
    proposer_kind: Annotated[str, OneOf(ProposedItem.Proposer)]
    proposer_id: int | None = None
    member_ids: list[int] = []
    presenter: Filled
    summary: str = ""


@router.post("/agenda/items", response={201: AgendaProposedItemOut},
             summary="登记提请常委会审议的事项（提请机关，或不少于法定人数的常委会组成人员联名；文件另行上传）")
@scoped
def propose(request, payload: AgendaProposeIn):
    c = request.congress
    check_permission(request.user, c, "propose_agenda_item")
    proposer = one(Organisation.objects.in_congress(c), payload.proposer_id, "proposer_id", "机关")
    item = _run(lambda: actions.propose_item(
        c, actor=request.user, title=payload.title, kind=payload.kind, proposer_kind=payload.proposer_kind,
        proposer=proposer, members=payload.member_ids, presenter=payload.presenter, summary=payload.summary))
    return Status(201, _item_out(item))


@router.post("/agenda/items/{item_id}/documents", response={201: AgendaProposedItemOut}, openapi_extra=CLOSED_MULTIPART,
             summary="为提请事项上传文件（multipart：file，title 可不填，默认为文件名）")
@scoped
def add_document(request, item_id: int, file: UploadedFile = File(...), title: str = Form("")):
    only_fields(request, "file", "title")
    item = _item(request, item_id)
    _run(lambda: actions.add_document(request.congress, item, actor=request.user, file=file, title=title))
    return Status(201, _item_out(item))


@router.get("/agenda/items/{item_id}/documents/{document_id}", summary="下载提请事项的文件")
@scoped
def download_document(request, item_id: int, document_id: int):
    from django.http import FileResponse

    item = _item(request, item_id)
    document = ItemDocument.objects.in_congress(request.congress).filter(item=item, pk=document_id).first()
    if document is None:
        raise Http404("找不到该文件")
    response = FileResponse(document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    return response


class AgendaDecideIn(In):
    directors_meeting_id: int
    submit: bool
    reason: str = ""


@router.post("/agenda/items/{item_id}/decision", response=AgendaProposedItemOut,
             summary="主任会议决定提请常委会审议（submit 为 true）或不提请（须写明 reason）")
@scoped
def decide(request, item_id: int, payload: AgendaDecideIn):
    item = _item(request, item_id)
    c = request.congress
    check_permission(request.user, c, "decide_agenda_item")
    meeting = one(Meeting.objects.in_congress(c), payload.directors_meeting_id, "directors_meeting_id", "会议")
    _run(lambda: actions.decide_item(c, item, actor=request.user, directors_meeting=meeting, submit=payload.submit,
                                     reason=payload.reason))
    return _item_out(item)


class AgendaEntryOut(Schema):
    order: int
    item_id: int | None
    agenda_item_id: int | None
    kind: str
    title: str
    scheduled_at: datetime | None
    presenter: str
    outcome: str


class AgendaDraftOut(Schema):
    session_id: int
    session: str
    starts_at: datetime
    status: Annotated[str, OneOf(["none", *DraftAgenda.Status.values])]
    directors_meeting_id: int | None
    fixed_at: datetime | None
    adopted_at: datetime | None
    vote_id: int | None
    present: int
    members: int
    quorum: bool
    entries: list[AgendaEntryOut]


def _draft_out(request, session: Meeting) -> dict:
    c = request.congress
    draft = DraftAgenda.objects.in_congress(c).filter(session=session).first()
    present, total, met = actions.quorum(c, session)
    if draft is not None and draft.status == DraftAgenda.Status.FIXED:
        entries = [{"order": e.order, "item_id": e.item_id, "agenda_item_id": None, "kind": e.item.kind,
                    "title": e.item.title, "scheduled_at": e.scheduled_at, "presenter": e.presenter or e.item.presenter,
                    "outcome": ""}
                   for e in DraftEntry.objects.in_congress(c).filter(draft=draft).select_related("item").order_by("order")]
    else:
        origin = dict(ProposedItem.objects.in_congress(c).filter(agenda_item__meeting=session)
                      .values_list("agenda_item_id", "pk"))
        entries = [{"order": a.order, "item_id": origin.get(a.pk), "agenda_item_id": a.pk, "kind": a.kind,
                    "title": a.title, "scheduled_at": a.scheduled_at, "presenter": a.presenter, "outcome": a.outcome}
                   for a in AgendaItem.objects.in_congress(c).filter(meeting=session).order_by("order", "id")]
    return {"session_id": session.pk, "session": session.title, "starts_at": session.starts_at,
            "status": draft.status if draft else "none", "directors_meeting_id": draft.directors_meeting_id if draft else None,
            "fixed_at": draft.fixed_at if draft else None, "adopted_at": draft.adopted_at if draft else None,
            "vote_id": draft.vote_id if draft else None, "present": present, "members": total, "quorum": met,
            "entries": entries}


@router.get("/agenda/sessions/{meeting_id}", response=AgendaDraftOut,
            summary="常委会会议的议程草案和日程草案（通过后为会议议程），及出席人数")
@scoped
def get_draft(request, meeting_id: int):
    return _draft_out(request, _session(request, meeting_id))


class AgendaEntryIn(In):
    item_id: int
    scheduled_at: datetime | None = None
    presenter: str = ""


class AgendaFixIn(In):
    directors_meeting_id: int
    entries: Annotated[list[AgendaEntryIn], Field(min_length=1, max_length=100)]


@router.post("/agenda/sessions/{meeting_id}/draft", response={201: AgendaDraftOut},
             summary="主任会议确定（或在通过前重新确定）会议议程草案和日程草案：事项按顺序排列，各带日程时间和汇报人")
@scoped
def fix(request, meeting_id: int, payload: AgendaFixIn):
    session = _session(request, meeting_id)
    c = request.congress
    check_permission(request.user, c, "fix_draft_agenda")
    meeting = one(Meeting.objects.in_congress(c), payload.directors_meeting_id, "directors_meeting_id", "会议")
    existing(ProposedItem.objects.in_congress(c), [e.item_id for e in payload.entries], "entries", "提请事项")
    entries = [{"item": e.item_id, "scheduled_at": e.scheduled_at, "presenter": e.presenter} for e in payload.entries]
    _run(lambda: actions.fix_draft_agenda(c, session, actor=request.user, directors_meeting=meeting, entries=entries))
    return Status(201, _draft_out(request, session))


class AgendaAdoptIn(In):
    vote_id: int


@router.post("/agenda/sessions/{meeting_id}/adoption", response=AgendaDraftOut,
             summary="会议表决通过议程（须有过半数组成人员出席，表决已宣布且获全体组成人员过半数赞成）；"
                     "写入会议议程并向组成人员发布各项文件")
@scoped
def adopt(request, meeting_id: int, payload: AgendaAdoptIn):
    session = _session(request, meeting_id)
    c = request.congress
    check_permission(request.user, c, "adopt_agenda")
    draft = DraftAgenda.objects.in_congress(c).filter(session=session).first()
    if draft is None:
        raise ValidationError({"meeting_id": "本次会议还没有议程草案"})
    vote = one(Vote.objects.in_congress(c), payload.vote_id, "vote_id", "表决")
    _run(lambda: actions.adopt_agenda(c, draft, actor=request.user, vote=vote))
    return _draft_out(request, session)


@router.get("/agenda/sessions/{meeting_id}/documents/{which}", summary="会议议程（agenda）或会议日程（schedule），PDF 或 Word（format=pdf|docx）")
@scoped
def session_document(request, meeting_id: int, which: Annotated[str, OneOf(["agenda", "schedule"])],
                     format: Annotated[str, OneOf(["pdf", "docx"])] = "pdf"):
    session = _session(request, meeting_id)
    doc = documents.agenda_document(session) if which == "agenda" else documents.schedule_document(session)
    data = official_documents.to_pdf(doc) if format == "pdf" else official_documents.to_docx(doc)
    from renda.agenda.views import CONTENT_TYPES

    response = HttpResponse(data, content_type=CONTENT_TYPES[format])
    return downloads.attachment(response, official_documents.filename(doc, format))


class AgendaSpeechOut(Schema):
    id: int
    speaker: str
    text: str


class AgendaVoteOut(Schema):
    id: int
    title: str
    status: str
    passed: bool | None


class AgendaSessionItemOut(Schema):
    id: int
    meeting_id: int
    order: int
    kind: str
    title: str
    scheduled_at: datetime | None
    presenter: str
    outcome: str
    proposed_item_id: int | None
    documents: list[AgendaDocumentOut]
    speeches: list[AgendaSpeechOut]
    votes: list[AgendaVoteOut]


def _agenda_item(request, pk: int) -> AgendaItem:
    _view(request)
    row = AgendaItem.objects.in_congress(request.congress).filter(pk=pk).first()
    if row is None:
        raise Http404("找不到该议程")
    return row


def _agenda_item_out(request, row: AgendaItem) -> dict:
    c = request.congress
    row = AgendaItem.objects.in_congress(c).get(pk=row.pk)
    proposed = ProposedItem.objects.in_congress(c).filter(agenda_item=row).first()
    return {"id": row.pk, "meeting_id": row.meeting_id, "order": row.order, "kind": row.kind, "title": row.title,
            "scheduled_at": row.scheduled_at, "presenter": row.presenter, "outcome": row.outcome,
            "proposed_item_id": proposed.pk if proposed else None,
            "documents": [{"id": d.pk, "title": d.title, "url": f"/api/documents/{d.pk}"}
                          for d in Document.objects.in_congress(c).filter(agenda_item=row).order_by("id")],
            "speeches": [{"id": s.pk, "speaker": s.speaker.name, "text": s.text}
                         for s in Speech.objects.in_congress(c).filter(agenda_item=row).select_related("speaker")],
            "votes": [{"id": v.pk, "title": v.title, "status": v.status,
                       "passed": (v.result or {}).get("passed") if v.status == Vote.Status.ANNOUNCED else None}
                      for v in Vote.objects.in_congress(c).filter(agenda_item=row).order_by("id")]}


@router.get("/agenda/agenda-items/{agenda_item_id}", response=AgendaSessionItemOut,
            summary="会议的一项议程：文件、审议发言、表决和审议结果")
@scoped
def get_agenda_item(request, agenda_item_id: int):
    return _agenda_item_out(request, _agenda_item(request, agenda_item_id))


class AgendaOutcomeIn(In):
    outcome: Filled
    vote_id: int | None = None


@router.post("/agenda/agenda-items/{agenda_item_id}/outcome", response=AgendaSessionItemOut,
             summary="记录一项议程的审议结果（如 表决通过、审议、不予通过），可注明据以决定的表决")
@scoped
def record_outcome(request, agenda_item_id: int, payload: AgendaOutcomeIn):
    row = _agenda_item(request, agenda_item_id)
    c = request.congress
    check_permission(request.user, c, "record_agenda_outcome")
    vote = one(Vote.objects.in_congress(c), payload.vote_id, "vote_id", "表决")
    _run(lambda: actions.record_outcome(c, row, actor=request.user, outcome=payload.outcome, vote=vote))
    return _agenda_item_out(request, row)
