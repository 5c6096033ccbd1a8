"""The oversight API: questioning (质询案) — drafting and co-signing, filing (refused below the legal
number of signers), the directors' or presidium's decision, the body's answers and the signers'
ratings."""

import datetime
from typing import Annotated

from django.http import Http404
from ninja import Router, Schema, Status

from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf, one
from renda.core.errors import NotPermitted, ValidationError
from renda.core.permissions import STAFF, organisations_of, roles_of
from renda.core.roles import Role
from renda.meetings.models import Meeting
from renda.oversight.actions import questioning as actions
from renda.oversight.models import Questioning, QuestioningAnswer, QuestioningSigner
from renda.people.models import Organisation, Person

router = Router(tags=["oversight"])
Q = Questioning.Status


def _visible(request):
    c, user = request.congress, request.user
    roles = roles_of(user, c)
    found = Questioning.objects.in_congress(c)
    if roles & (STAFF | {Role.DEPUTY, Role.SC_MEMBER}):
        return found
    if Role.UNIT_OFFICER in roles:
        return found.filter(body_id__in=organisations_of(user, c, Role.UNIT_OFFICER)).exclude(
            status__in=[Q.DRAFT, Q.FILED, Q.REJECTED])
    raise NotPermitted("您没有查看质询案的权限")


def _questioning(request, questioning_id: int) -> Questioning:
    found = _visible(request).filter(pk=questioning_id).first()
    if found is None:
        raise Http404("找不到该质询案")
    return found


def _person(request, person_id: int | None, field: str) -> Person | None:
    if person_id is None:
        return None
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise ValidationError({field: f"“{field}”中的编号 {person_id} 找不到对应的人员"})
    return person


class QuestioningSignerOut(Schema):
    person_id: int
    name: str
    signed_at: datetime.datetime
    satisfied: bool | None


class QuestioningAnswerOut(Schema):
    round: int
    mode: str
    answerer: str
    text: str
    answered_on: datetime.date
    document: str | None


class QuestioningOut(Schema):
    id: int
    forum: Annotated[str, OneOf(Questioning.Forum)]
    meeting_id: int
    body_id: int
    body: str
    title: str
    questions: str
    status: Annotated[str, OneOf(Questioning.Status)]
    filed_at: datetime.datetime | None
    decided_at_meeting_id: int | None
    decision_note: str
    mode: str
    answer_by: datetime.date | None
    minimum_signers: int
    signers: list[QuestioningSignerOut]
    answers: list[QuestioningAnswerOut]


def _out(q: Questioning) -> dict:
    c = q.congress_id
    q = Questioning.objects.in_congress(c).select_related("body").get(pk=q.pk)
    signers = QuestioningSigner.objects.in_congress(c).filter(questioning=q).select_related("person").order_by("id")
    answers = QuestioningAnswer.objects.in_congress(c).filter(questioning=q).order_by("round")
    return {"id": q.pk, "forum": q.forum, "meeting_id": q.meeting_id, "body_id": q.body_id, "body": q.body.name,
            "title": q.title, "questions": q.questions, "status": q.status, "filed_at": q.filed_at,
            "decided_at_meeting_id": q.decided_at_meeting_id, "decision_note": q.decision_note, "mode": q.mode,
            "answer_by": q.answer_by, "minimum_signers": actions.minimum(q.congress, q.forum)[0],
            "signers": [{"person_id": s.person_id, "name": s.person.name, "signed_at": s.signed_at,
                         "satisfied": s.satisfied} for s in signers],
            "answers": [{"round": a.round, "mode": a.mode, "answerer": a.answerer, "text": a.text,
                         "answered_on": a.answered_on, "document": a.document.name or None} for a in answers]}


@router.get("/oversight/questionings", response=list[QuestioningOut], summary="质询案（承办单位只见交本单位答复的）")
@scoped
def list_questionings(request):
    return [_out(q) for q in _visible(request).order_by("-id")]


@router.get("/oversight/questionings/{questioning_id}", response=QuestioningOut, summary="一件质询案：联名、决定和答复")
@scoped
def get_questioning(request, questioning_id: int):
    return _out(_questioning(request, questioning_id))


class QuestioningDraftIn(In):
    forum: Annotated[str, OneOf(Questioning.Forum)]
    meeting_id: int
    body_id: int
    title: Filled
    questions: Filled
    signer_id: int | None = None


@router.post("/oversight/questionings", response={201: QuestioningOut}, summary="起草质询案（起草人领衔联名）")
@scoped
def draft(request, payload: QuestioningDraftIn):
    c = request.congress
    q = actions.draft_questioning(
        c, actor=request.user, forum=payload.forum,
        meeting=one(Meeting.objects.in_congress(c), payload.meeting_id, "meeting_id", "会议"),
        body=one(Organisation.objects.in_congress(c), payload.body_id, "body_id", "机关"),
        title=payload.title, questions=payload.questions, signer=_person(request, payload.signer_id, "signer_id"))
    return Status(201, _out(q))


class QuestioningSignIn(In):
    person_id: int | None = None


@router.post("/oversight/questionings/{questioning_id}/signers", response=QuestioningOut,
             summary="联名（本人；工作人员可登记书面联名）")
@scoped
def sign(request, questioning_id: int, payload: QuestioningSignIn):
    q = _questioning(request, questioning_id)
    actions.sign_questioning(request.congress, q, actor=request.user, person=_person(request, payload.person_id, "person_id"))
    return _out(q)


@router.post("/oversight/questionings/{questioning_id}/file", response=QuestioningOut,
             summary="提出质询案（联名人数须达到法定人数）")
@scoped
def file_(request, questioning_id: int):
    return _out(actions.file_questioning(request.congress, _questioning(request, questioning_id), actor=request.user))


class QuestioningDecideIn(In):
    decision: Annotated[str, OneOf(list(actions.DECISIONS))]
    meeting_id: int
    mode: str = ""
    answer_by: datetime.date | None = None
    reason: str = ""


@router.post("/oversight/questionings/{questioning_id}/decision", response=QuestioningOut,
             summary="主任会议或主席团会议的决定：交付答复、不列入、要求再作答复、办结")
@scoped
def decide(request, questioning_id: int, payload: QuestioningDecideIn):
    c = request.congress
    q = _questioning(request, questioning_id)
    return _out(actions.decide_questioning(
        c, q, actor=request.user, decision=payload.decision,
        meeting=one(Meeting.objects.in_congress(c), payload.meeting_id, "meeting_id", "会议"),
        mode=payload.mode, answer_by=payload.answer_by, reason=payload.reason))


class QuestioningAnswerIn(In):
    answerer: Filled
    text: Filled
    answered_on: datetime.date
    mode: str = ""


@router.post("/oversight/questionings/{questioning_id}/answers", response={201: QuestioningOut},
             summary="记录受质询机关负责人的答复（第一次或再作答复）")
@scoped
def answer(request, questioning_id: int, payload: QuestioningAnswerIn):
    q = _questioning(request, questioning_id)
    actions.record_questioning_answer(request.congress, q, actor=request.user, answerer=payload.answerer,
                                      text=payload.text, answered_on=payload.answered_on, mode=payload.mode)
    return Status(201, _out(q))


class QuestioningRateIn(In):
    satisfied: bool
    person_id: int | None = None


@router.post("/oversight/questionings/{questioning_id}/rating", response=QuestioningOut,
             summary="提案人对答复表示满意或不满意")
@scoped
def rate(request, questioning_id: int, payload: QuestioningRateIn):
    q = _questioning(request, questioning_id)
    actions.rate_questioning_answer(request.congress, q, actor=request.user, satisfied=payload.satisfied,
                                    person=_person(request, payload.person_id, "person_id"))
    return _out(q)
