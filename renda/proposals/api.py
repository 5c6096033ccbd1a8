from datetime import date

from ninja import Router, Schema, Status

from renda.core.api import scoped
from renda.core.models import Term
from renda.meetings.models import Meeting
from renda.people.models import Mandate, Organisation
from renda.proposals import actions
from renda.proposals.models import Suggestion
from renda.proposals.views import get_suggestion_for_user

router = Router(tags=["suggestions"])


class SuggestionOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    number: int | None
    cosigners_short: int
    due_on: date | None


def _out(request, item: Suggestion) -> dict:
    lead = item.assignments.filter(lead=True).first()
    return {"id": item.pk, "kind": item.kind, "title": item.title, "status": item.status, "number": item.number,
            "cosigners_short": actions.cosigners_short(request.congress, item), "due_on": lead.due_on if lead else None}


class DraftIn(Schema):
    kind: str = "suggestion"
    title: str = ""
    body: str = ""
    category: str = ""
    session_id: int | None = None
    co_signer_numbers: list[str] = []


def _draft(request, payload: DraftIn, item=None) -> Suggestion:
    congress = request.congress
    co = [m.person for m in Mandate.objects.in_congress(congress).filter(number__in=payload.co_signer_numbers)
          .select_related("person")]
    return actions.save_suggestion_draft(
        congress, actor=request.user, term=Term.objects.in_congress(congress).order_by("-number").first(), suggestion=item,
        session=Meeting.objects.in_congress(congress).filter(pk=payload.session_id or 0).first(), kind=payload.kind,
        title=payload.title, body=payload.body, category=payload.category, co_signers=co)


@router.post("/suggestions", response={201: SuggestionOut}, summary="起草议案建议（草稿）")
@scoped
def create_draft(request, payload: DraftIn):
    return Status(201, _out(request, _draft(request, payload)))


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


class ReturnIn(Schema):
    message: str


@router.post("/suggestions/{suggestion_id}/return", response=SuggestionOut, summary="退回修改")
@scoped
def return_(request, suggestion_id: int, payload: ReturnIn):
    return _out(request, actions.return_suggestion(request.congress, get_suggestion_for_user(request, suggestion_id), actor=request.user,
                                                   message=payload.message))


class AcceptIn(Schema):
    as_suggestion: bool = False


@router.post("/suggestions/{suggestion_id}/accept", response=SuggestionOut, summary="立案编号")
@scoped
def accept(request, suggestion_id: int, payload: AcceptIn):
    return _out(request, actions.accept_suggestion(request.congress, get_suggestion_for_user(request, suggestion_id), actor=request.user,
                                                   as_suggestion=payload.as_suggestion))


class AssignIn(Schema):
    lead_unit_id: int
    co_unit_ids: list[int] = []
    complex: bool = False


@router.post("/suggestions/{suggestion_id}/assign", response=SuggestionOut, summary="交办（答复期限三个月，难度大的六个月）")
@scoped
def assign(request, suggestion_id: int, payload: AssignIn):
    units = Organisation.objects.in_congress(request.congress)
    item = actions.assign_suggestion(request.congress, get_suggestion_for_user(request, suggestion_id), actor=request.user,
                                     lead_unit=units.filter(pk=payload.lead_unit_id).first(),
                                     co_units=list(units.filter(pk__in=payload.co_unit_ids)), complex_item=payload.complex)
    return _out(request, item)


class ContactIn(Schema):
    on: date
    way: str
    summary: str


@router.post("/suggestions/{suggestion_id}/contacts", response={201: SuggestionOut}, summary="承办单位记录与代表的沟通")
@scoped
def contact(request, suggestion_id: int, payload: ContactIn):
    item = get_suggestion_for_user(request, suggestion_id)
    actions.record_contact(request.congress, item, actor=request.user, **payload.dict())
    return Status(201, _out(request, item))


class AnswerIn(Schema):
    outcome: str
    text: str
    commitments: list[dict[str, str]] = []
    answered_on: date | None = None


@router.post("/suggestions/{suggestion_id}/answer", response=SuggestionOut, summary="主办单位书面答复（须先沟通）")
@scoped
def answer(request, suggestion_id: int, payload: AnswerIn):
    item = get_suggestion_for_user(request, suggestion_id)
    actions.answer_suggestion(request.congress, item, actor=request.user, outcome=payload.outcome, text_=payload.text,
                              commitments=payload.commitments, answered_on=payload.answered_on)
    return _out(request, item)


class RatingIn(Schema):
    work: str
    result: str
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
    from renda.core.permissions import organisations_of
    from renda.core.roles import Role
    from renda.proposals.models import Assignment

    units = organisations_of(request.user, request.congress, Role.UNIT_OFFICER)
    rows = (Assignment.objects.in_congress(request.congress).filter(unit_id__in=units,
                                                                    suggestion__status__in=["assigned", "rehandling"])
            .select_related("suggestion").order_by("due_on", "id"))
    return [_out(request, a.suggestion) for a in rows]
