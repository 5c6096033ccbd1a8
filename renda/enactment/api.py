"""A bill's way through the standing committee over the API: its enactment record (submission,
readings with opinions, reports, votes, approval window, announcement, filings) and every step —
the same actions as the pages. Another congress's bill, reading or filing is not found; a refusal
names the JSON field."""

from datetime import date, datetime
from typing import Annotated

from django.db.models import F
from django.http import Http404
from django.utils import timezone
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import BeforeValidator

from renda.core.api import scoped
from renda.core.api_contract import (
    CLOSED_MULTIPART,
    Filled,
    In,
    OneOf,
    blank_is_none,
    fields_named,
    only_fields,
)
from renda.core.permissions import check_permission
from renda.enactment import actions
from renda.enactment.models import (
    Approval,
    BillVote,
    Filing,
    Opinion,
    Promulgation,
    Reading,
    Report,
    Submission,
)
from renda.legislation.models import Bill

router = Router(tags=["enactment"])
# An optional multipart field left empty means no value, as on the web form.
OptionalId = Annotated[int | None, BeforeValidator(blank_is_none)]
NAMES = {"version": "version_id", "meeting": "meeting_id", "proposer": "proposer_id", "members": "member_ids",
         "committee": "committee_id", "body": "body_id", "provision": "provision_id", "provisions": "provision_ids",
         "speaker": "speaker_id", "agenda_item": "agenda_item_id", "text": "text"}


class EnactmentOpinionOut(Schema):
    id: int
    speaker: str
    provision_id: int | None
    article: int | None
    text: str


class EnactmentReadingOut(Schema):
    id: int
    number: int
    version_id: int
    meeting_id: int
    agenda_item_id: int
    document_id: int
    distributed_at: datetime
    days_before: int
    short_notice_reason: str
    status: Annotated[str, OneOf(Reading.Status)]
    held_on: date | None
    opinions: list[EnactmentOpinionOut]


class EnactmentReportOut(Schema):
    id: int
    kind: Annotated[str, OneOf(Report.Kind)]
    title: str
    body: str
    meeting_id: int
    agenda_item_id: int
    document_id: int
    reading_id: int | None
    version_id: int | None
    reported_on: date


class EnactmentVoteOut(Schema):
    vote_id: int
    provision_id: int | None
    article: int | None
    status: str
    passed: bool | None


class EnactmentApprovalOut(Schema):
    submitted_on: date
    reference: str
    due_on: date
    decided_on: date | None
    outcome: str
    amendments: str
    late: bool
    days_left: int | None


class EnactmentFilingOut(Schema):
    id: int
    body: str
    due_on: date
    filed_on: date | None
    reference: str
    late: bool


class EnactmentPromulgationOut(Schema):
    law_id: int
    law_status: str
    revision_id: int | None
    announcement_number: str
    announced_on: date
    in_force_on: date
    filings: list[EnactmentFilingOut]


class EnactmentBillOut(Schema):
    id: int
    title: str
    status: Annotated[str, OneOf(Bill.Status)]
    readings_required: int
    readings_held: int
    submitted_on: date | None
    proposed_item_id: int | None
    readings: list[EnactmentReadingOut]
    reports: list[EnactmentReportOut]
    votes: list[EnactmentVoteOut]
    passed_on: date | None
    approval_required: bool
    approval: EnactmentApprovalOut | None
    promulgation: EnactmentPromulgationOut | None


def _out(request, bill: Bill) -> dict:
    c = request.congress
    today = timezone.localdate()
    submission = Submission.objects.in_congress(c).filter(bill=bill).first()
    opinions: dict[int, list] = {}
    for o in Opinion.objects.in_congress(c).filter(reading__bill=bill).select_related("speech__speaker", "provision") \
            .order_by("id"):
        opinions.setdefault(o.reading_id, []).append(
            {"id": o.pk, "speaker": o.speech.speaker.name, "provision_id": o.provision_id,
             "article": o.provision.number if o.provision else None, "text": o.speech.text})
    readings = [{"id": r.pk, "number": r.number, "version_id": r.version_id, "meeting_id": r.meeting_id,
                 "agenda_item_id": r.agenda_item_id, "document_id": r.document_id, "distributed_at": r.distributed_at,
                 "days_before": actions.distribution_days(r.meeting, r.distributed_at),
                 "short_notice_reason": r.short_notice_reason, "status": r.status, "held_on": r.held_on,
                 "opinions": opinions.get(r.pk, [])}
                for r in Reading.objects.in_congress(c).filter(bill=bill).select_related("meeting").order_by("number")]
    reports = [{"id": r.pk, "kind": r.kind, "title": r.title, "body": r.body.name, "meeting_id": r.meeting_id,
                "agenda_item_id": r.agenda_item_id, "document_id": r.document_id, "reading_id": r.reading_id,
                "version_id": r.version_id, "reported_on": r.reported_on}
               for r in Report.objects.in_congress(c).filter(bill=bill).select_related("body").order_by("id")]
    votes = [{"vote_id": v.vote_id, "provision_id": v.provision_id,
              "article": v.provision.number if v.provision else None, "status": v.vote.status,
              "passed": bool(v.vote.result.get("passed")) if v.vote.status == "announced" and v.vote.result else None}
             for v in BillVote.objects.in_congress(c).filter(bill=bill).select_related("vote", "provision")
             .order_by(F("provision_id").asc(nulls_last=True), "id")]
    approval = Approval.objects.in_congress(c).filter(bill=bill).first()
    promulgation = Promulgation.objects.in_congress(c).filter(bill=bill).select_related("law").first()
    return {
        "id": bill.pk, "title": bill.title, "status": bill.status, "readings_required": bill.readings_required,
        "readings_held": actions.held_readings(c, bill),
        "submitted_on": submission.submitted_on if submission else None,
        "proposed_item_id": submission.proposed_item_id if submission else None,
        "readings": readings, "reports": reports, "votes": votes, "passed_on": actions.passed_on(c, bill),
        "approval_required": actions.approval_required(c, bill),
        "approval": None if approval is None else {
            "submitted_on": approval.submitted_on, "reference": approval.reference, "due_on": approval.due_on,
            "decided_on": approval.decided_on, "outcome": approval.outcome, "amendments": approval.amendments,
            "late": approval.late or (approval.decided_on is None and today > approval.due_on),
            "days_left": (approval.due_on - today).days if approval.decided_on is None else None},
        "promulgation": None if promulgation is None else {
            "law_id": promulgation.law_id, "law_status": promulgation.law.status,
            "revision_id": promulgation.revision_id, "announcement_number": promulgation.announcement_number,
            "announced_on": promulgation.announced_on, "in_force_on": promulgation.in_force_on,
            "filings": [{"id": f.pk, "body": f.body, "due_on": f.due_on, "filed_on": f.filed_on,
                         "reference": f.reference, "late": f.late}
                        for f in Filing.objects.in_congress(c).filter(promulgation=promulgation).order_by("id")]},
    }


def _bill(request, bill_id: int) -> Bill:
    check_permission(request.user, request.congress, "view_enactment")
    bill = Bill.objects.in_congress(request.congress).filter(pk=bill_id).first()
    if bill is None:
        raise Http404("找不到该法规案")
    return bill


def _reading(request, bill: Bill, reading_id: int) -> Reading:
    reading = Reading.objects.in_congress(request.congress).filter(pk=reading_id, bill=bill).first()
    if reading is None:
        raise Http404("找不到该审议")
    return reading


def _fresh(request, bill: Bill) -> dict:
    return _out(request, Bill.objects.in_congress(request.congress).get(pk=bill.pk))


@router.get("/enactment/bills/{bill_id}", response=EnactmentBillOut, summary="法规案的审议、表决、批准、公布和备案情况")
@scoped
def get_enactment(request, bill_id: int):
    return _out(request, _bill(request, bill_id))


class BillSubmitIn(In):
    version_id: int
    proposer_kind: Annotated[str, Field(description="提请主体：government/committee/directors/members 等")]
    proposer_id: int | None = None
    member_ids: list[int] = []
    presenter: Filled
    explanation: str | None = None
    submitted_on: date | None = None


@router.post("/enactment/bills/{bill_id}/submit", response=EnactmentBillOut,
             summary="提请常委会审议（列入提请事项，由主任会议研究）")
@scoped
def submit(request, bill_id: int, payload: BillSubmitIn):
    bill = _bill(request, bill_id)
    with fields_named(NAMES):
        actions.submit_bill(request.congress, bill, actor=request.user, version=payload.version_id,
                            proposer_kind=payload.proposer_kind, proposer=payload.proposer_id,
                            members=payload.member_ids, presenter=payload.presenter, explanation=payload.explanation,
                            submitted_on=payload.submitted_on)
    return _fresh(request, bill)


@router.post("/enactment/bills/{bill_id}/preliminary-review", response={201: EnactmentBillOut},
             openapi_extra=CLOSED_MULTIPART, summary="主任会议听取初审意见的报告（报告文件附在该次会议的议程上；报告日期为会议日期）")
@scoped
def preliminary(request, bill_id: int, file: UploadedFile = File(...), meeting_id: int = Form(...),
                committee_id: OptionalId = Form(None), title: str = Form("")):
    only_fields(request, "file", "meeting_id", "committee_id", "title")
    bill = _bill(request, bill_id)
    with fields_named(NAMES):
        actions.record_preliminary_review(request.congress, bill, actor=request.user, meeting=meeting_id,
                                          committee=committee_id, file=file, title=title)
    return Status(201, _fresh(request, bill))


class BillReadingIn(In):
    version_id: int
    meeting_id: int
    distributed_at: datetime | None = Field(None, description="发给组成人员的时间（不填为现在）")
    short_notice_reason: str = Field("", description="不足七日发出的特殊情况（立法法第三十一条）")
    agenda_item_id: int | None = None


@router.post("/enactment/bills/{bill_id}/readings", response={201: EnactmentBillOut},
             summary="列入常委会会议审议：新增（或沿用）议程，草案作为会议文件发给组成人员")
@scoped
def schedule(request, bill_id: int, payload: BillReadingIn):
    bill = _bill(request, bill_id)
    with fields_named(NAMES):
        actions.schedule_reading(request.congress, bill, actor=request.user, version=payload.version_id,
                                 meeting=payload.meeting_id, distributed_at=payload.distributed_at,
                                 short_notice_reason=payload.short_notice_reason, agenda_item=payload.agenda_item_id)
    return Status(201, _fresh(request, bill))


@router.post("/enactment/bills/{bill_id}/readings/{reading_id}/held", response=EnactmentBillOut,
             summary="记录审议已举行（不付表决；第一次审议后法规案为审议中）")
@scoped
def held(request, bill_id: int, reading_id: int):
    bill = _bill(request, bill_id)
    actions.record_reading(request.congress, _reading(request, bill, reading_id), actor=request.user)
    return _fresh(request, bill)


class BillOpinionIn(In):
    speaker_id: int
    text: Filled
    provision_id: int | None = Field(None, description="条文（不填为总体意见）")


@router.post("/enactment/bills/{bill_id}/readings/{reading_id}/opinions", response={201: EnactmentBillOut},
             summary="记录审议意见（按条文或总体）")
@scoped
def opinion(request, bill_id: int, reading_id: int, payload: BillOpinionIn):
    from renda.people.models import Person

    bill = _bill(request, bill_id)
    reading = _reading(request, bill, reading_id)
    speaker = Person.objects.filter(pk=payload.speaker_id).first()
    with fields_named(NAMES):
        actions.record_opinion(request.congress, reading, actor=request.user, speaker=speaker, text_=payload.text,
                               provision=payload.provision_id)
    return Status(201, _fresh(request, bill))


@router.post("/enactment/bills/{bill_id}/readings/{reading_id}/reports", response={201: EnactmentBillOut},
             openapi_extra=CLOSED_MULTIPART, summary="法制委员会审议结果的报告或修改情况的报告，及其形成的文本")
@scoped
def report(request, bill_id: int, reading_id: int, file: UploadedFile = File(...),
           kind: Annotated[str, OneOf([Report.Kind.UNIFIED, Report.Kind.REVISION])] = Form(...),
           body_id: int = Form(...), version_id: OptionalId = Form(None), title: str = Form("")):
    only_fields(request, "file", "kind", "body_id", "version_id", "title")
    bill = _bill(request, bill_id)
    reading = _reading(request, bill, reading_id)
    with fields_named(NAMES):
        actions.record_review_report(request.congress, reading, actor=request.user, kind=kind, body=body_id, file=file,
                                     version=version_id, title=title)
    return Status(201, _fresh(request, bill))


class BillReadingsRequiredIn(In):
    readings: int
    reason: str = ""


@router.post("/enactment/bills/{bill_id}/readings-required", response=EnactmentBillOut,
             summary="确定审议次数（一般三次；意见一致的两次；部分修改的可一次，立法法第三十二条、第三十三条）")
@scoped
def readings_required(request, bill_id: int, payload: BillReadingsRequiredIn):
    bill = _bill(request, bill_id)
    actions.set_readings_required(request.congress, bill, actor=request.user, readings=payload.readings,
                                  reason=payload.reason)
    return _fresh(request, bill)


class BillArticlesVoteIn(In):
    meeting_id: int
    provision_ids: list[int]


@router.post("/enactment/bills/{bill_id}/article-votes", response={201: EnactmentBillOut},
             summary="个别条款单独表决（主任会议决定；在全文表决之前，立法法第四十四条）")
@scoped
def article_votes(request, bill_id: int, payload: BillArticlesVoteIn):
    bill = _bill(request, bill_id)
    with fields_named(NAMES):
        actions.put_articles_to_vote(request.congress, bill, actor=request.user, meeting=payload.meeting_id,
                                     provisions=payload.provision_ids)
    return Status(201, _fresh(request, bill))


class BillVoteIn(In):
    meeting_id: int


@router.post("/enactment/bills/{bill_id}/vote", response={201: EnactmentBillOut},
             summary="表决稿付表决（记名表决，须经全体组成人员过半数通过；随后在表决接口开始、投票、结束、宣布）")
@scoped
def vote(request, bill_id: int, payload: BillVoteIn):
    bill = _bill(request, bill_id)
    with fields_named(NAMES):
        actions.put_bill_to_vote(request.congress, bill, actor=request.user, meeting=payload.meeting_id)
    return Status(201, _fresh(request, bill))


@router.post("/enactment/bills/{bill_id}/outcome", response=EnactmentBillOut,
             summary="记录已宣布的表决结果：通过，或表决未通过（不能再审议）")
@scoped
def outcome(request, bill_id: int):
    bill = _bill(request, bill_id)
    actions.record_bill_vote(request.congress, bill, actor=request.user)
    return _fresh(request, bill)


class BillEndIn(In):
    on: date | None = None
    reason: Filled


@router.post("/enactment/bills/{bill_id}/end", response=EnactmentBillOut,
             summary="终止审议（搁置审议满两年，立法法第四十五条）")
@scoped
def end(request, bill_id: int, payload: BillEndIn):
    bill = _bill(request, bill_id)
    actions.end_bill(request.congress, bill, actor=request.user, on=payload.on, reason=payload.reason)
    return _fresh(request, bill)


@router.post("/enactment/bills/{bill_id}/approval", response={201: EnactmentBillOut}, openapi_extra=CLOSED_MULTIPART,
             summary="报请省级人大常委会批准（报批请示；四个月的批准期限，立法法第八十一条）")
@scoped
def approval(request, bill_id: int, submitted_on: date = Form(...), reference: str = Form(""),
             document: UploadedFile | None = File(None)):
    only_fields(request, "submitted_on", "reference", "document")
    bill = _bill(request, bill_id)
    actions.submit_for_approval(request.congress, bill, actor=request.user, submitted_on=submitted_on,
                                reference=reference, document=document)
    return Status(201, _fresh(request, bill))


class BillApprovalDecisionIn(In):
    decided_on: date
    outcome: Annotated[str, OneOf(Approval.Outcome)]
    amendments: str = ""


@router.post("/enactment/bills/{bill_id}/approval/decision", response=EnactmentBillOut,
             summary="记录批准决定：批准、附修改意见批准或不予批准（超过四个月的标明）")
@scoped
def approval_decision(request, bill_id: int, payload: BillApprovalDecisionIn):
    bill = _bill(request, bill_id)
    actions.record_approval(request.congress, bill, actor=request.user, decided_on=payload.decided_on,
                            outcome=payload.outcome, amendments=payload.amendments)
    return _fresh(request, bill)


class BillPromulgateIn(In):
    announcement_number: Filled
    announced_on: date
    in_force_on: date


@router.post("/enactment/bills/{bill_id}/promulgation", response={201: EnactmentBillOut},
             summary="公布：公告号、公布日期、施行日期；形成法规或其修改，列出应报送的备案")
@scoped
def promulgate(request, bill_id: int, payload: BillPromulgateIn):
    bill = _bill(request, bill_id)
    actions.promulgate_law(request.congress, bill, actor=request.user, announcement_number=payload.announcement_number,
                           announced_on=payload.announced_on, in_force_on=payload.in_force_on)
    return Status(201, _fresh(request, bill))


class BillFilingIn(In):
    filed_on: date
    reference: str = ""


@router.post("/enactment/bills/{bill_id}/filings/{filing_id}", response=EnactmentBillOut,
             summary="记录报送备案（公布后三十日内，立法法第一百零九条；逾期的标明）")
@scoped
def filing(request, bill_id: int, filing_id: int, payload: BillFilingIn):
    bill = _bill(request, bill_id)
    row = Filing.objects.in_congress(request.congress).filter(pk=filing_id, promulgation__bill=bill).first()
    if row is None:
        raise Http404("找不到该备案")
    actions.record_filing(request.congress, row, actor=request.user, filed_on=payload.filed_on,
                          reference=payload.reference)
    return _fresh(request, bill)
