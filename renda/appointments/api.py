"""人事任免 and 宪法宣誓 over the API: the bills with their nominees, each step (create, edit, the
letter, nominees, submission by the directors' meeting, the votes, the decision, withdrawal), the
任命书 / 免职通知, the oath ceremonies and the register of appointees. The same actions as the pages;
another congress's bill, nominee or ceremony is not found."""

from datetime import date
from typing import Annotated

from django.http import Http404, HttpResponse
from django.urls import reverse
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from renda.appointments import actions, documents, queries
from renda.appointments.models import AppointmentBill, Nominee, OathCeremony, OathTaker
from renda.core import downloads, official_documents
from renda.core.api import scoped
from renda.core.api_contract import CLOSED_MULTIPART, Filled, In, OneOf, one, only_fields
from renda.core.errors import ValidationError
from renda.core.permissions import check_permission
from renda.meetings.models import Meeting
from renda.people.models import Membership, Organisation, Person

router = Router(tags=["appointments"])
CONTENT_TYPES = {"pdf": "application/pdf",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
RENAMES = {"meeting": "meeting_id", "directors_meeting": "directors_meeting_id", "organisation": "organisation_id",
           "person": "person_id", "persons": "person_ids", "leader": "leader_id", "agenda_item": "agenda_item_id"}


def _renamed(error: ValidationError) -> ValidationError:
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError({RENAMES.get(k, k): v for k, v in error.message_dict.items()})


def _call(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except ValidationError as error:
        raise _renamed(error) from None


def _bill(request, bill_id: int) -> AppointmentBill:
    check_permission(request.user, request.congress, "view_appointments")
    bill = AppointmentBill.objects.in_congress(request.congress).filter(pk=bill_id).first()
    if bill is None:
        raise Http404("找不到该任免案")
    return bill


def _nominee(request, nominee_id: int) -> Nominee:
    check_permission(request.user, request.congress, "view_appointments")
    nominee = Nominee.objects.in_congress(request.congress).filter(pk=nominee_id).first()
    if nominee is None:
        raise Http404("找不到该任免人员")
    return nominee


class NomineeOut(Schema):
    id: int
    order: int
    person_id: int
    name: str
    action: Annotated[str, OneOf(Nominee.Action)]
    organisation_id: int
    organisation: str
    post: str
    education: str
    resume: str
    law_exam_score: int | None
    statement: str
    reason: str
    status: Annotated[str, OneOf(Nominee.Status)]
    vote_id: int | None
    vote_status: str | None
    yes: int | None
    electorate: int | None
    decided_on: date | None
    document: str | None
    document_number: str
    issued_on: date | None
    document_pdf: str | None
    document_docx: str | None
    sworn: bool


class BillOut(Schema):
    id: int
    proposer: Annotated[str, OneOf(AppointmentBill.Proposer)]
    title: str
    meeting_id: int
    agenda_item_id: int | None
    status: Annotated[str, OneOf(AppointmentBill.Status)]
    letter: bool
    submitted_by_id: int | None
    submitted_on: date | None
    decided_on: date | None
    withdrawn_reason: str
    url: str
    nominees: list[NomineeOut]


def _nominee_out(n: Nominee, code: str) -> dict:
    vote = n.vote
    issued = bool(n.document_number)
    return {"id": n.pk, "order": n.order, "person_id": n.person_id, "name": n.person.name, "action": n.action,
            "organisation_id": n.organisation_id, "organisation": n.organisation.name, "post": n.post,
            "education": n.education, "resume": n.resume, "law_exam_score": n.law_exam_score,
            "statement": n.statement, "reason": n.reason, "status": n.status, "vote_id": n.vote_id,
            "vote_status": vote.status if vote else None,
            "yes": (vote.result or {}).get("yes") if vote and vote.status == "announced" else None,
            "electorate": vote.electorate if vote else None, "decided_on": n.decided_on,
            "document": n.document_kind if issued else None, "document_number": n.document_number,
            "issued_on": n.issued_on,
            "document_pdf": f"/api/appointments/nominees/{n.pk}/document.pdf" if issued else None,
            "document_docx": f"/api/appointments/nominees/{n.pk}/document.docx" if issued else None,
            "sworn": hasattr(n, "oath")}


def _bill_out(request, bill: AppointmentBill) -> dict:
    c = request.congress
    bill = AppointmentBill.objects.in_congress(c).get(pk=bill.pk)
    nominees = Nominee.objects.in_congress(c).filter(bill=bill).select_related("person", "organisation", "vote", "oath")
    return {"id": bill.pk, "proposer": bill.proposer, "title": bill.title, "meeting_id": bill.meeting_id,
            "agenda_item_id": bill.agenda_item_id, "status": bill.status, "letter": bool(bill.letter),
            "submitted_by_id": bill.submitted_by_id, "submitted_on": bill.submitted_on, "decided_on": bill.decided_on,
            "withdrawn_reason": bill.withdrawn_reason, "url": reverse("appointments_bill", args=[c.code, bill.pk]),
            "nominees": [_nominee_out(n, c.code) for n in nominees]}


@router.get("/appointments/bills", response=list[BillOut], summary="任免案（可按状态筛选）")
@scoped
def list_bills(request, status: Annotated[str, OneOf(AppointmentBill.Status)] | None = None):
    check_permission(request.user, request.congress, "view_appointments")
    bills = AppointmentBill.objects.in_congress(request.congress).order_by("-id")
    if status:
        bills = bills.filter(status=status)
    return [_bill_out(request, b) for b in bills[:500]]


@router.get("/appointments/bills/{bill_id}", response=BillOut, summary="任免案及其拟任免人员、表决和结果")
@scoped
def get_bill(request, bill_id: int):
    return _bill_out(request, _bill(request, bill_id))


class BillIn(In):
    proposer: Annotated[str, OneOf(AppointmentBill.Proposer)]
    title: Filled
    meeting_id: int
    agenda_item_id: int | None = None


@router.post("/appointments/bills", response={201: BillOut},
             summary="登记任免案（提请机关、标题、提请审议的常委会会议，可指明该次会议的人事任免议程 agenda_item_id；"
                     "提请函另行上传）")
@scoped
def create_bill(request, payload: BillIn):
    c = request.congress
    check_permission(request.user, c, "draft_appointment_bill")
    meeting = one(Meeting.objects.in_congress(c), payload.meeting_id, "meeting_id", "会议")
    bill = _call(actions.create_bill, c, actor=request.user, proposer=payload.proposer, title=payload.title,
                 meeting=meeting, agenda_item=payload.agenda_item_id)
    return Status(201, _bill_out(request, bill))


@router.put("/appointments/bills/{bill_id}", response=BillOut, summary="修改起草中的任免案")
@scoped
def edit_bill(request, bill_id: int, payload: BillIn):
    c = request.congress
    bill = _bill(request, bill_id)
    meeting = one(Meeting.objects.in_congress(c), payload.meeting_id, "meeting_id", "会议")
    _call(actions.edit_bill, c, bill, actor=request.user, proposer=payload.proposer, title=payload.title,
          meeting=meeting, agenda_item=payload.agenda_item_id)
    return _bill_out(request, bill)


@router.post("/appointments/bills/{bill_id}/letter", response=BillOut, openapi_extra=CLOSED_MULTIPART,
             summary="上传提请函（multipart：letter；PDF、OFD、Word 等）")
@scoped
def upload_letter(request, bill_id: int, letter: UploadedFile = File(...)):
    only_fields(request, "letter")
    c = request.congress
    bill = _bill(request, bill_id)
    _call(actions.edit_bill, c, bill, actor=request.user, proposer=bill.proposer, title=bill.title,
          meeting=bill.meeting_id, letter=letter, agenda_item=bill.agenda_item_id)
    return _bill_out(request, bill)


class NomineePersonIn(In):
    name: Filled
    sex: Annotated[str, OneOf(Person.Sex)]
    birth_date: date | None = None
    ethnicity: str = ""
    party: str = ""
    workplace: str = ""


class NomineeIn(In):
    action: Annotated[str, OneOf(Nominee.Action)]
    organisation_id: int
    post: Annotated[str, OneOf(Membership.Post)]
    person_id: int | None = None
    person: NomineePersonIn | None = None
    education: str = ""
    resume: str = ""
    law_exam_score: Annotated[int | None, Field(ge=0, le=100)] = None
    statement: str = ""
    reason: str = ""


@router.post("/appointments/bills/{bill_id}/nominees", response={201: BillOut},
             summary="列入拟任免人员（person_id 为本级已有人员，或 person 填写新人员的基本情况；任命须附履历）")
@scoped
def add_nominee(request, bill_id: int, payload: NomineeIn):
    c = request.congress
    bill = _bill(request, bill_id)
    organisation = one(Organisation.objects.in_congress(c), payload.organisation_id, "organisation_id", "机构")
    person_data = None
    if payload.person is not None:
        person_data = payload.person.dict()
        person_data["birth_date"] = person_data["birth_date"].isoformat() if person_data["birth_date"] else ""
    _call(actions.add_nominee, c, bill, actor=request.user, action=payload.action, organisation=organisation,
          post=payload.post, person=payload.person_id, person_data=person_data, education=payload.education,
          resume=payload.resume, law_exam_score=payload.law_exam_score, statement=payload.statement,
          reason=payload.reason)
    return Status(201, _bill_out(request, bill))


@router.delete("/appointments/bills/{bill_id}/nominees/{nominee_id}", response=BillOut,
               summary="移出拟任免人员（起草中）")
@scoped
def remove_nominee(request, bill_id: int, nominee_id: int):
    bill = _bill(request, bill_id)
    nominee = _nominee(request, nominee_id)
    if nominee.bill_id != bill.pk:
        raise Http404("找不到该任免人员")
    _call(actions.remove_nominee, request.congress, nominee, actor=request.user)
    return _bill_out(request, bill)


class SubmitIn(In):
    directors_meeting_id: int
    on: date | None = None
    agenda_item_id: int | None = None


@router.post("/appointments/bills/{bill_id}/submit", response=BillOut,
             summary="主任会议决定提请常委会审议：列入该次会议的人事任免议程（agenda_item_id 指明；不填为会议唯一一项"
                     "尚无任免案的人事任免议程，议程草案待通过的在提请表决时对应；没有的新增一项）")
@scoped
def submit_bill(request, bill_id: int, payload: SubmitIn):
    c = request.congress
    bill = _bill(request, bill_id)
    directors = one(Meeting.objects.in_congress(c), payload.directors_meeting_id, "directors_meeting_id", "会议")
    _call(actions.submit_bill, c, bill, actor=request.user, directors_meeting=directors, on=payload.on,
          agenda_item=payload.agenda_item_id)
    return _bill_out(request, bill)


class VotesIn(In):
    person_ids: list[int] | None = None


@router.post("/appointments/bills/{bill_id}/votes", response={201: BillOut},
             summary="逐人提请表决：每名人员一项表决（person_ids 不填为全部未表决的人员；不是本任免案人员的拒绝）")
@scoped
def put_to_vote(request, bill_id: int, payload: VotesIn):
    bill = _bill(request, bill_id)
    _call(actions.put_to_vote, request.congress, bill, actor=request.user, persons=payload.person_ids)
    return Status(201, _bill_out(request, bill))


class AppointmentDecisionIn(In):
    on: date | None = None


@router.post("/appointments/bills/{bill_id}/decision", response=BillOut,
             summary="根据宣布的表决结果作出任免决定（获全体组成人员过半数赞成为通过；任职于决定日期开始或结束）")
@scoped
def decide(request, bill_id: int, payload: AppointmentDecisionIn):
    bill = _bill(request, bill_id)
    _call(actions.decide, request.congress, bill, actor=request.user, on=payload.on)
    return _bill_out(request, bill)


class WithdrawIn(In):
    reason: Filled


@router.post("/appointments/bills/{bill_id}/withdraw", response=BillOut, summary="撤回任免案（表决前）")
@scoped
def withdraw(request, bill_id: int, payload: WithdrawIn):
    bill = _bill(request, bill_id)
    _call(actions.withdraw_bill, request.congress, bill, actor=request.user, reason=payload.reason)
    return _bill_out(request, bill)


class IssueIn(In):
    on: date | None = None


@router.post("/appointments/nominees/{nominee_id}/document", response=NomineeOut,
             summary="签发任命书或免职通知（仅限表决通过的人员；按年度编号）")
@scoped
def issue_document(request, nominee_id: int, payload: IssueIn):
    c = request.congress
    nominee = _nominee(request, nominee_id)
    _call(actions.issue_document, c, nominee, actor=request.user, on=payload.on)
    fresh = Nominee.objects.in_congress(c).select_related("person", "organisation", "vote", "oath").get(pk=nominee.pk)
    return _nominee_out(fresh, c.code)


def _document(request, nominee_id: int, ext: str) -> HttpResponse:
    nominee = _nominee(request, nominee_id)
    if not nominee.document_number:
        raise Http404("尚未签发任命书或免职通知")
    nominee = Nominee.objects.in_congress(request.congress).select_related("person", "organisation", "congress") \
        .get(pk=nominee.pk)
    render_ = official_documents.to_pdf if ext == "pdf" else official_documents.to_docx
    response = HttpResponse(render_(documents.document(nominee)), content_type=CONTENT_TYPES[ext])
    return downloads.attachment(response, downloads.dated(f"{nominee.person.name}{nominee.document_kind}", ext))


@router.get("/appointments/nominees/{nominee_id}/document.pdf", summary="任命书、免职通知或撤职通知（PDF，已签发的）")
@scoped
def document_pdf(request, nominee_id: int):
    return _document(request, nominee_id, "pdf")


@router.get("/appointments/nominees/{nominee_id}/document.docx",
            summary="任命书、免职通知或撤职通知（Word .docx，已签发的）")
@scoped
def document_docx(request, nominee_id: int):
    return _document(request, nominee_id, "docx")


class OathIn(In):
    meeting_id: int
    held_on: date
    leader_id: int
    person_ids: Annotated[list[int], Field(min_length=1)]
    attendance: Annotated[int | None, Field(ge=0)] = None
    presided_by: str = ""
    note: str = ""


class OathTakerOut(Schema):
    person_id: int
    name: str
    nominee_id: int
    organisation: str
    post: str


class OathOut(Schema):
    id: int
    meeting_id: int
    held_on: date
    leader_id: int
    leader: str
    presided_by: str
    text: str
    attendance: int | None
    note: str
    takers: list[OathTakerOut]


def _oath_out(request, ceremony: OathCeremony) -> dict:
    c = request.congress
    ceremony = OathCeremony.objects.in_congress(c).select_related("leader").get(pk=ceremony.pk)
    takers = OathTaker.objects.in_congress(c).filter(ceremony=ceremony).select_related("person",
                                                                                       "nominee__organisation")
    return {"id": ceremony.pk, "meeting_id": ceremony.meeting_id, "held_on": ceremony.held_on,
            "leader_id": ceremony.leader_id, "leader": ceremony.leader.name, "presided_by": ceremony.presided_by,
            "text": ceremony.text, "attendance": ceremony.attendance, "note": ceremony.note,
            "takers": [{"person_id": t.person_id, "name": t.person.name, "nominee_id": t.nominee_id,
                        "organisation": t.nominee.organisation.name, "post": t.nominee.post} for t in takers]}


@router.post("/oaths", response={201: OathOut},
             summary="记录宪法宣誓仪式（会议、日期、领誓人、宣誓人——须为经本级人大常委会表决任命且尚未宣誓的人员）")
@scoped
def record_oath(request, payload: OathIn):
    c = request.congress
    check_permission(request.user, c, "record_oath")
    meeting = one(Meeting.objects.in_congress(c), payload.meeting_id, "meeting_id", "会议")
    ceremony = _call(actions.record_oath, c, actor=request.user, meeting=meeting, held_on=payload.held_on,
                     leader=payload.leader_id, persons=payload.person_ids, attendance=payload.attendance,
                     presided_by=payload.presided_by, note=payload.note)
    return Status(201, _oath_out(request, ceremony))


@router.get("/oaths", response=list[OathOut], summary="宪法宣誓仪式")
@scoped
def list_oaths(request):
    check_permission(request.user, request.congress, "view_appointments")
    return [_oath_out(request, o) for o in OathCeremony.objects.in_congress(request.congress).order_by("-held_on", "-id")]


@router.get("/oaths/{oath_id}", response=OathOut, summary="一次宪法宣誓仪式")
@scoped
def get_oath(request, oath_id: int):
    check_permission(request.user, request.congress, "view_appointments")
    ceremony = OathCeremony.objects.in_congress(request.congress).filter(pk=oath_id).first()
    if ceremony is None:
        raise Http404("找不到该宣誓仪式")
    return _oath_out(request, ceremony)


class AppointeeOut(Schema):
    nominee_id: int
    person_id: int
    name: str
    organisation_id: int
    organisation: str
    post: str
    start: date | None
    document_number: str
    sworn: bool
    in_office: bool
    status: str


@router.get("/appointees", response=list[AppointeeOut],
            summary="任命人员名册（按机构和职务；须宣誓而未宣誓的显示“待宣誓”，不算在任）")
@scoped
def appointees(request):
    check_permission(request.user, request.congress, "view_appointments")
    return [{"nominee_id": r.nominee.pk, "person_id": r.nominee.person_id, "name": r.nominee.person.name,
             "organisation_id": r.nominee.organisation_id, "organisation": r.nominee.organisation.name,
             "post": r.nominee.post, "start": r.nominee.membership.start if r.nominee.membership else None,
             "document_number": r.nominee.document_number, "sworn": r.sworn, "in_office": r.in_office,
             "status": r.status} for r in queries.register(request.congress)]
