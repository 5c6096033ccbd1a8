from datetime import date
from typing import Annotated

from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from renda.answer_quality import queries as answer_quality
from renda.answer_quality.api import AnswerQualityFlagOut, flag_out
from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf, existing, one
from renda.core.models import Term
from renda.meetings.models import Meeting
from renda.people.models import Organisation
from renda.proposals import actions, queries
from renda.proposals.models import Contact, HandlingRequest, Rating, Suggestion
from renda.proposals.views import get_suggestion_for_user

router = Router(tags=["suggestions"])


SuggestionKind = Annotated[str, OneOf(Suggestion.Kind)]
Level = Annotated[str, OneOf(Rating.Level)]


class SuggestionOut(Schema):
    id: int
    kind: SuggestionKind
    title: str
    status: Annotated[str, OneOf(Suggestion.Status)]
    number: int | None
    cosigners_short: int
    due_on: date | None


def _out(request, item: Suggestion) -> dict:
    return {"id": item.pk, "kind": item.kind, "title": item.title, "status": item.status, "number": item.number,
            "cosigners_short": actions.cosigners_short(request.congress, item), "due_on": queries.lead_due_on(item)}


class DraftIn(In):
    kind: SuggestionKind = Suggestion.Kind.SUGGESTION.value
    title: str = ""
    body: str = ""
    category: str = ""
    session_id: int | None = None
    # every co-signer (certificate numbers or names); left out: co-signers unchanged; [] removes them all
    co_signer_numbers: list[str] | None = None


def _draft(request, payload: DraftIn, item=None) -> Suggestion:
    from django.core.exceptions import ValidationError

    from renda.core import picker

    congress = request.congress
    co = None
    if payload.co_signer_numbers is not None:
        co, problems = picker.resolve(congress, [n.strip() for n in payload.co_signer_numbers if n.strip()], picker.DEPUTY)
        if problems:
            raise ValidationError({"co_signers": problems})
    return actions.save_suggestion_draft(
        congress, actor=request.user, term=Term.objects.in_congress(congress).order_by("-number").first(), suggestion=item,
        session=one(Meeting.objects.in_congress(congress), payload.session_id, "session_id", "会议"), kind=payload.kind,
        title=payload.title, body=payload.body, category=payload.category, co_signers=co)


@router.post("/suggestions", response={201: SuggestionOut}, summary="起草议案建议（草稿）")
@scoped
def create_draft(request, payload: DraftIn):
    return Status(201, _out(request, _draft(request, payload)))


# declared before /suggestions/{suggestion_id}: that path would otherwise take "bulk-assign" as an id (405)
class BulkAssignIn(In):
    suggestion_ids: list[int]
    lead_unit_id: int
    co_unit_ids: list[int] = []
    complex: bool = False


@router.post("/suggestions/bulk-assign", response=list[SuggestionOut], summary="批量交办（全部成功或全部不交办）")
@scoped
def bulk_assign(request, payload: BulkAssignIn):
    units = Organisation.objects.in_congress(request.congress)
    items = existing(Suggestion.objects.in_congress(request.congress), payload.suggestion_ids, "suggestion_ids", "议案建议")
    done = actions.assign_in_bulk(request.congress, items, actor=request.user,
                                  lead_unit=one(units, payload.lead_unit_id, "lead_unit_id", "单位"),
                                  co_units=existing(units, payload.co_unit_ids, "co_unit_ids", "单位"),
                                  complex_item=payload.complex)
    return [_out(request, item) for item in done]


class AuthorOut(Schema):
    name: str
    lead: bool
    confirmed: bool


class RatingOut(Schema):
    person: str
    work: str
    result: str
    comment: str


class CommitmentItem(Schema):
    id: int
    text: str
    due_on: date
    done_on: date | None
    done_report: str
    fulfilled: bool


class AnswerOut(Schema):
    round: int
    unit: str
    outcome: str | None
    text: str
    answered_on: date
    on_time: bool | None
    commitments: list[CommitmentItem]
    ratings: list[RatingOut]
    quality_flags: list[AnswerQualityFlagOut] | None = None  # staff only (view_answer_flags); null for others


class AssignmentOut(Schema):
    unit: str
    lead: bool
    assigned_on: date
    due_on: date
    ended_on: date | None
    opinion: str | None


class StepOut(Schema):
    at: str
    what: str
    detail: str
    who: str


class SuggestionDetailOut(SuggestionOut):
    body: str
    category: str
    year: int
    status_label: str
    authors: list[AuthorOut]
    assignments: list[AssignmentOut]
    answers: list[AnswerOut]
    history: list[StepOut]


@router.get("/suggestions/{suggestion_id}", response=SuggestionDetailOut,
            summary="一件议案建议：署名代表、承办单位和工作人员看到全部答复和评价，已公开的答复人人可看，其他人 404")
@scoped
def detail(request, suggestion_id: int):
    from renda.proposals.views import public_status

    congress = request.congress
    item = get_suggestion_for_user(request, suggestion_id)
    reader = queries.access(congress, request.user, item)
    inside, units = reader.inside, reader.unit or reader.staff
    answers = list(item.answers.select_related("unit").prefetch_related("commitments", "ratings__person"))
    quality = answer_quality.flags_by_answer(congress, request.user, answers)
    staff_flags = answer_quality.may_see(congress, request.user)
    return {
        **_out(request, item), "body": item.body, "category": item.category, "year": item.year,
        "status_label": item.get_status_display() if inside else public_status(item),
        "authors": [{"name": a.person.name, "lead": a.lead, "confirmed": a.confirmed}
                    for a in item.authors.select_related("person") if inside or a.confirmed],
        "assignments": [{"unit": a.unit.name, "lead": a.lead, "assigned_on": a.assigned_on, "due_on": a.due_on,
                         "ended_on": a.ended_on, "opinion": a.opinion if units else None}
                        for a in item.assignments.select_related("unit")] if inside else [],
        "answers": [{"round": a.round, "unit": a.unit.name, "outcome": a.outcome if inside else None, "text": a.text,
                     "answered_on": a.answered_on, "on_time": a.on_time if inside else None,
                     "commitments": [{"id": c.pk, "text": c.text, "due_on": c.due_on, "done_on": c.done_on,
                                      "done_report": c.done_report if inside else "", "fulfilled": c.fulfilled}
                                     for c in a.commitments.all()],
                     "ratings": [{"person": r.person.name, "work": r.work, "result": r.result, "comment": r.comment}
                                 for r in a.ratings.all()] if inside else [],
                     "quality_flags": [flag_out(f.flag) for f in quality.get(a.pk, [])] if staff_flags else None}
                    for a in answers],
        "history": [{"at": s.at.isoformat(), "what": s.what, "detail": s.detail, "who": s.who}
                    for s in queries.history(congress, item, inside=inside)],
    }


@router.put("/suggestions/{suggestion_id}", response=SuggestionOut, summary="保存草稿")
@scoped
def save_draft(request, suggestion_id: int, payload: DraftIn):
    return _out(request, _draft(request, payload, get_suggestion_for_user(request, suggestion_id)))


@router.post("/suggestions/{suggestion_id}/confirm", response=SuggestionOut, summary="联名代表确认")
@scoped
def confirm(request, suggestion_id: int):
    item = get_suggestion_for_user(request, suggestion_id)
    actions.confirm_cosign(request.congress, item, actor=request.user)
    return _out(request, item)


@router.post("/suggestions/{suggestion_id}/submit", response=SuggestionOut, summary="提交（议案须有法定人数联名）")
@scoped
def submit(request, suggestion_id: int):
    return _out(request, actions.submit_suggestion(request.congress, get_suggestion_for_user(request, suggestion_id), actor=request.user))


class ReturnIn(In):
    message: Filled


@router.post("/suggestions/{suggestion_id}/return", response=SuggestionOut, summary="退回修改")
@scoped
def return_(request, suggestion_id: int, payload: ReturnIn):
    return _out(request, actions.return_suggestion(request.congress, get_suggestion_for_user(request, suggestion_id), actor=request.user,
                                                   message=payload.message))


class AcceptIn(In):
    as_suggestion: bool = False


@router.post("/suggestions/{suggestion_id}/accept", response=SuggestionOut, summary="立案编号")
@scoped
def accept(request, suggestion_id: int, payload: AcceptIn):
    return _out(request, actions.accept_suggestion(request.congress, get_suggestion_for_user(request, suggestion_id), actor=request.user,
                                                   as_suggestion=payload.as_suggestion))


class AssignIn(In):
    lead_unit_id: int
    co_unit_ids: list[int] = []
    complex: bool = False


@router.post("/suggestions/{suggestion_id}/assign", response=SuggestionOut, summary="交办（答复期限三个月，难度大的六个月）")
@scoped
def assign(request, suggestion_id: int, payload: AssignIn):
    units = Organisation.objects.in_congress(request.congress)
    item = actions.assign_suggestion(request.congress, get_suggestion_for_user(request, suggestion_id), actor=request.user,
                                     lead_unit=one(units, payload.lead_unit_id, "lead_unit_id", "单位"),
                                     co_units=existing(units, payload.co_unit_ids, "co_unit_ids", "单位"),
                                     complex_item=payload.complex)
    return _out(request, item)


class SuggestionContactIn(In):
    on: date
    way: Annotated[str, OneOf(Contact.Way)]
    summary: Filled


@router.post("/suggestions/{suggestion_id}/contacts", response={201: SuggestionOut}, summary="承办单位记录与代表的沟通")
@scoped
def contact(request, suggestion_id: int, payload: SuggestionContactIn):
    item = get_suggestion_for_user(request, suggestion_id)
    actions.record_contact(request.congress, item, actor=request.user, **payload.dict())
    return Status(201, _out(request, item))


class CommitmentIn(In):
    text: Filled
    due_on: date


class SuggestionAnswerIn(In):
    outcome: Filled  # one of this congress's answer classes (rule suggestion.outcome_classes)
    text: Filled
    commitments: list[CommitmentIn] = []
    answered_on: date | None = None


@router.post("/suggestions/{suggestion_id}/answer", response=SuggestionOut, summary="主办单位书面答复（须先沟通）")
@scoped
def answer(request, suggestion_id: int, payload: SuggestionAnswerIn):
    item = get_suggestion_for_user(request, suggestion_id)
    actions.answer_suggestion(request.congress, item, actor=request.user, outcome=payload.outcome, text_=payload.text,
                              commitments=[c.dict() for c in payload.commitments], answered_on=payload.answered_on)
    return _out(request, item)


class RatingIn(In):
    work: Level
    result: Level
    comment: str = ""


@router.post("/suggestions/{suggestion_id}/rating", response=SuggestionOut, summary="署名代表评价（不满意则重新办理）")
@scoped
def rate(request, suggestion_id: int, payload: RatingIn):
    item = get_suggestion_for_user(request, suggestion_id)
    actions.rate_suggestion(request.congress, item, actor=request.user, **payload.dict())
    return _out(request, item)


@router.get("/suggestion-queue", response=list[SuggestionOut], summary="承办单位的待办：按答复期限排序")
@scoped
def queue(request):
    return [_out(request, a.suggestion) for a in queries.unit_queue(request.congress, queries.units_of(request.congress, request.user))]


@router.get("/suggestions", response=list[SuggestionOut], summary="工作人员列表：按状态、主办单位、年度筛选（after 为游标）")
@scoped
def staff_list(request, status: str = "", unit: int | None = None, year: int | None = None, after: int | None = None):
    from renda.core.permissions import check_permission

    check_permission(request.user, request.congress, "accept_suggestion")
    items = queries.staff_list(request.congress, status=status, unit=str(unit or ""), year=str(year or ""), after=str(after or ""))
    return [_out(request, item) for item in items]


class ProposedUnit(Schema):
    unit_id: int
    unit: str
    score: float
    reasons: list[str]


@router.get("/suggestions/{suggestion_id}/proposed-units", response=list[ProposedUnit], summary="建议的承办单位及理由")
@scoped
def proposed_units(request, suggestion_id: int):
    from renda.core.permissions import check_permission
    from renda.routing.queries import proposals_for_suggestion
    from renda.routing.router import EmptyText

    check_permission(request.user, request.congress, "assign_suggestion")
    item = get_suggestion_for_user(request, suggestion_id)
    try:
        ranked = proposals_for_suggestion(request.congress, item).ranked
    except EmptyText:
        ranked = []
    return [{"unit_id": p.unit_id, "unit": p.name, "score": p.score, "reasons": p.reasons} for p in ranked]


@router.post("/suggestions/{suggestion_id}/waive-contact", response=SuggestionOut, summary="代表表示无需沟通")
@scoped
def waive_contact(request, suggestion_id: int):
    item = get_suggestion_for_user(request, suggestion_id)
    actions.waive_contact(request.congress, item, actor=request.user)
    return _out(request, item)


class OpinionIn(In):
    opinion: Filled


@router.post("/suggestions/{suggestion_id}/co-opinion", response=SuggestionOut, summary="协办单位提出协办意见")
@scoped
def co_opinion(request, suggestion_id: int, payload: OpinionIn):
    item = get_suggestion_for_user(request, suggestion_id)
    actions.submit_co_opinion(request.congress, item, actor=request.user, opinion=payload.opinion)
    return _out(request, item)


class ChangeIn(In):
    kind: Annotated[str, OneOf(HandlingRequest.Kind)]
    reason: Filled
    months: int = 0


class ChangeOut(Schema):
    id: int
    kind: Annotated[str, OneOf(HandlingRequest.Kind)]
    status: Annotated[str, OneOf(HandlingRequest.Status)]
    months: int


@router.post("/suggestions/{suggestion_id}/handling-requests", response={201: ChangeOut}, summary="承办单位申请调整或延期")
@scoped
def request_change(request, suggestion_id: int, payload: ChangeIn):
    made = actions.request_handling_change(request.congress, get_suggestion_for_user(request, suggestion_id),
                                           actor=request.user, **payload.dict())
    return Status(201, made)


class DecideIn(In):
    grant: bool
    note: str = ""
    new_unit_id: int | None = None


@router.post("/handling-requests/{request_id}/decision", response=ChangeOut, summary="决定调整或延期申请")
@scoped
def decide(request, request_id: int, payload: DecideIn):
    from renda.core.views_helpers import get_or_404
    from renda.proposals.models import HandlingRequest

    made = get_or_404(HandlingRequest.objects.in_congress(request.congress), request_id, "找不到该申请")
    unit = one(Organisation.objects.in_congress(request.congress), payload.new_unit_id, "new_unit_id", "单位")
    return actions.decide_handling_request(request.congress, made, actor=request.user, grant=payload.grant,
                                           note=payload.note, new_unit=unit)


class DoneIn(In):
    report: str = ""


def _commitment(request, commitment_id: int):
    from renda.core.views_helpers import get_or_404
    from renda.proposals.models import Commitment

    return get_or_404(Commitment.objects.in_congress(request.congress), commitment_id, "找不到该承诺事项")


@router.post("/commitments/{commitment_id}/done", response=dict, summary="承办单位报告承诺事项完成")
@scoped
def commitment_done(request, commitment_id: int, payload: DoneIn):
    made = actions.report_commitment_done(request.congress, _commitment(request, commitment_id), actor=request.user,
                                          report=payload.report)
    return {"id": made.pk, "done_on": str(made.done_on), "fulfilled": made.fulfilled}


@router.post("/commitments/{commitment_id}/confirm", response=dict, summary="代表确认承诺事项办成")
@scoped
def commitment_confirm(request, commitment_id: int):
    made = actions.confirm_commitment(request.congress, _commitment(request, commitment_id), actor=request.user)
    return {"id": made.pk, "done_on": str(made.done_on), "fulfilled": made.fulfilled}


class SuperviseIn(In):
    leader_person_id: int
    committee_id: int


@router.post("/suggestions/{suggestion_id}/key-supervision", response=SuggestionOut, summary="确定重点督办")
@scoped
def supervise(request, suggestion_id: int, payload: SuperviseIn):
    from renda.people.models import Membership

    item = get_suggestion_for_user(request, suggestion_id)
    leader = Membership.objects.in_congress(request.congress).filter(
        person_id=payload.leader_person_id, organisation__kind="standing_committee").select_related("person").first()
    if leader is None:
        from renda.core.errors import ValidationError
        from renda.core.permissions import check_permission

        check_permission(request.user, request.congress, "mark_key_supervision")

        raise ValidationError({"leader_person_id": f"“leader_person_id”：本级常委会组成人员中没有编号为 {payload.leader_person_id} 的人员"})
    actions.mark_key_supervision(request.congress, item, actor=request.user, leader=leader.person,
                                 committee=one(Organisation.objects.in_congress(request.congress), payload.committee_id,
                                               "committee_id", "机构"))
    return _out(request, item)


class ConfidentialIn(In):
    confidential: bool


@router.post("/suggestions/{suggestion_id}/confidential", response=SuggestionOut, summary="设定答复是否公开")
@scoped
def confidential(request, suggestion_id: int, payload: ConfidentialIn):
    item = get_suggestion_for_user(request, suggestion_id)
    actions.set_confidential(request.congress, item, actor=request.user, confidential=payload.confidential)
    return _out(request, item)


@router.post("/suggestion-reminders", response=dict, summary="发送今日办理期限提醒（每日一次，可重复调用）")
@scoped
def reminders(request):
    return {"sent": actions.send_due_reminders(request.congress, actor=request.user)}


@router.get("/suggestion-reports", summary="议案建议统计（按年度或大会会议）和承办单位考评")
@scoped
def report(request, year: int, session_id: int | None = None):
    from dataclasses import asdict

    from renda.core.permissions import check_permission
    from renda.proposals import reports

    check_permission(request.user, request.congress, "view_suggestion_reports")
    session = Meeting.objects.in_congress(request.congress).filter(pk=session_id).first() if session_id else None
    totals = reports.summary(request.congress, year=None if session else year, session=session)
    return {"summary": asdict(totals), "evaluation": [asdict(r) for r in reports.unit_evaluation(request.congress, year)]}


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int


@router.post("/suggestions/{suggestion_id}/attachments", response={201: AttachmentOut},
             summary="上传附件（PDF、Word、JPEG、PNG，10 MB 以内，每件最多 5 个）")
@scoped
def attach(request, suggestion_id: int, file: UploadedFile = File(...)):
    made = actions.attach_to_suggestion(request.congress, get_suggestion_for_user(request, suggestion_id),
                                        actor=request.user, upload=file)
    return Status(201, made)


@router.post("/suggestions/{suggestion_id}/withdraw", response=SuggestionOut, summary="领衔代表撤回（立案前）")
@scoped
def withdraw(request, suggestion_id: int):
    item = get_suggestion_for_user(request, suggestion_id)
    return _out(request, actions.withdraw_suggestion(request.congress, item, actor=request.user))


class MergeIn(In):
    into_id: int


@router.post("/suggestions/{suggestion_id}/merge", response=SuggestionOut, summary="并案：并入另一件，署名代表一并保留")
@scoped
def merge(request, suggestion_id: int, payload: MergeIn):
    item = get_suggestion_for_user(request, suggestion_id)
    keep = actions.merge_suggestions(request.congress, get_suggestion_for_user(request, payload.into_id), [item],
                                     actor=request.user)
    return _out(request, keep)


class NoticeOut(Schema):
    suggestion: int | None
    link: str
    text: str
    created_at: str


class MineOut(Schema):
    items: list[SuggestionOut]
    notices: list[NoticeOut]


def _notices(rows) -> list[dict]:
    return [{"suggestion": n.suggestion_id, "link": n.link, "text": n.text, "created_at": n.created_at.isoformat()} for n in rows]


@router.get("/my-suggestions", response=MineOut, summary="代表本人的议案建议（含答复期限）和消息")
@scoped
def mine(request):
    from renda.core.permissions import check_permission
    from renda.proposals.models import Notice

    check_permission(request.user, request.congress, "save_suggestion_draft")
    person = getattr(request.user, "person", None)
    if person is None:
        return {"items": [], "notices": []}
    return {"items": [_out(request, item) for item in queries.items_of(request.congress, person, limit=200)],
            "notices": _notices(Notice.objects.in_congress(request.congress).filter(person=person)[:50])}


class CommitmentOut(Schema):
    id: int
    suggestion: int
    text: str
    due_on: date
    done_on: date | None
    fulfilled: bool


@router.get("/unit-notices", response=list[NoticeOut], summary="承办单位收到的提醒（到期前 30、7、1 天和逾期每日）和消息")
@scoped
def unit_notices(request):
    from renda.core.permissions import check_permission

    check_permission(request.user, request.congress, "answer_suggestion")
    return _notices(queries.unit_notices(request.congress, queries.units_of(request.congress, request.user), limit=100))


@router.get("/unit-commitments", response=list[CommitmentOut], summary="承办单位尚未报告完成的承诺事项")
@scoped
def unit_commitments(request):
    from renda.core.permissions import check_permission

    check_permission(request.user, request.congress, "report_commitment_done")
    return [{"id": c.pk, "suggestion": c.answer.suggestion_id, "text": c.text, "due_on": c.due_on, "done_on": c.done_on,
             "fulfilled": c.fulfilled} for c in queries.open_commitments(request.congress, queries.units_of(request.congress, request.user))]


@router.get("/suggestion-supervision", summary="重点督办件和按承办单位列出的逾期件")
@scoped
def supervision(request):
    from renda.core.permissions import check_permission

    check_permission(request.user, request.congress, "view_suggestion_reports")
    key_items, overdue = queries.supervision(request.congress)
    return {"key_items": [{**_out(request, s), "leader": s.supervising_leader.name if s.supervising_leader else None,
                           "committee": s.supervising_committee.name if s.supervising_committee else None}
                          for s in key_items],
            "overdue_by_unit": [{"unit": unit, "items": [{"suggestion": a.suggestion_id, "title": a.suggestion.title,
                                                          "lead": a.lead, "due_on": a.due_on.isoformat()} for a in rows]}
                                for unit, rows in overdue]}


@router.get("/public/{congress_code}/suggestion-answers", auth=None, summary="公开的建议答复（不公开的除外）")
def public_answers(request, congress_code: str, year: int):
    from django.http import Http404

    from renda.core import congress_lookup
    from renda.core.tenancy import congress_scope

    congress = congress_lookup.by_code(congress_code)
    if congress is None:
        raise Http404("没有这个人大")
    with congress_scope(congress):
        return [{"number": s.number, "title": s.title, "status": s.status,
                 "answers": [{"round": a.round, "answered_on": a.answered_on.isoformat(), "text": a.text}
                             for a in s.answers.all()]}
                for s in queries.public_answers(congress, year)]
