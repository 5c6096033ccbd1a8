"""网上代表之家与致代表的信 over the API: the deputy's public page and contact form without an account
(under the public intake's limits, as liaison's public intake), the deputy's switch for the form,
and letters to deputies — send, list, read (the read receipt), reply, remind the unread, the replies
as .xlsx. Another congress's id, and a deputy no longer serving on the public side, is not found."""

import datetime
from typing import Annotated

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from ninja import Field, Router, Schema, Status

from renda.core import downloads
from renda.core.api import scoped
from renda.core.api_contract import Filled, In, existing
from renda.core.errors import NotFound, ValidationError
from renda.core.permissions import check_permission
from renda.core.tenancy import congress_scope
from renda.core.views_helpers import get_or_404
from renda.deputy_pages import actions, queries
from renda.deputy_pages.models import Letter
from renda.liaison.api import ConcernIn, TrackOut, _public_congress, guarded_intake
from renda.people.models import Mandate, Organisation

router = Router(tags=["deputy_pages"])


# ── the public page ──

class StationInfo(Schema):
    id: int
    name: str
    address: str
    opening_days: str
    phone: str


class PublicAnswer(Schema):
    round: int
    answered_on: datetime.date
    text: str


class PublicSuggestionOut(Schema):
    id: int
    number: str
    year: int
    title: str
    lead: bool
    answers: list[PublicAnswer]


class DeputyPageOut(Schema):
    mandate_id: int
    name: str
    term: str
    delegation: str | None
    station: StationInfo | None
    duty_days: list[datetime.date]
    contact_open: bool
    contact_closed_reason: str
    suggestions: list[PublicSuggestionOut]
    page_url: str


def _page_out(request, congress, mandate: Mandate) -> dict:
    from django.urls import reverse

    profile = queries.station_profile(congress, mandate)
    station = mandate.liaison_station
    reason = actions.contact_refusal(congress, mandate)
    return {
        "mandate_id": mandate.pk, "name": mandate.person.name, "term": str(mandate.term),
        "delegation": mandate.delegation.name if mandate.delegation else None,
        "station": {"id": station.pk, "name": station.name, "address": station.address,
                    "opening_days": profile.opening_days if profile else "", "phone": profile.phone if profile else ""}
        if station else None,
        "duty_days": queries.duty_days(congress, mandate), "contact_open": not reason, "contact_closed_reason": reason,
        "suggestions": [{"id": s.item.pk, "number": s.item.numbered, "year": s.item.year, "title": s.item.title,
                         "lead": s.lead, "answers": [{"round": a.round, "answered_on": a.answered_on, "text": a.text}
                                                     for a in s.answers]}
                        for s in queries.public_suggestions(congress, mandate)],
        "page_url": request.build_absolute_uri(reverse("deputy_home", args=[congress.code, mandate.pk])),
    }


def _public_mandate(congress, mandate_id: int) -> Mandate:
    mandate = queries.serving_mandate(congress, mandate_id)
    if mandate is None:
        raise NotFound("找不到这位代表")
    return mandate


@router.get("/public/{congress_code}/deputies/{mandate_id}", auth=None, response=DeputyPageOut,
            summary="网上代表之家：在任代表的公开信息、进站接待日、公开答复的建议（无需账号）")
def public_page(request, congress_code: str, mandate_id: int):
    congress = _public_congress(congress_code)
    with congress_scope(congress):
        return _page_out(request, congress, _public_mandate(congress, mandate_id))


class PublicMessageIn(ConcernIn):
    challenge: str = ""
    challenge_token: str = ""


@router.post("/public/{congress_code}/deputies/{mandate_id}/messages", auth=None,
             response={201: TrackOut, 429: dict},
             summary="给代表留言（无需账号；与联络站网上反映同样的频率限制和验证题；凭查询码查看进展）")
def public_message(request, congress_code: str, mandate_id: int, payload: PublicMessageIn):
    congress = _public_congress(congress_code)
    with congress_scope(congress):
        mandate = _public_mandate(congress, mandate_id)
        refusal = actions.contact_refusal(congress, mandate)
        if refusal:
            raise ValidationError({"mandate_id": refusal})
        station = Organisation.objects.in_congress(congress).get(pk=mandate.liaison_station_id)
        return guarded_intake(request, congress, station, payload, lambda data: actions.contact_deputy(
            congress, mandate, actor=AnonymousUser(), data=data))


class ContactFormOut(Schema):
    mandate_id: int
    contact_open: bool


class ContactFormIn(In):
    open: bool


@router.get("/deputies/{mandate_id}/contact-form", response=ContactFormOut, summary="代表网上留言是否开启")
@scoped
def get_contact_form(request, mandate_id: int):
    check_permission(request.user, request.congress, "set_contact_form_open")
    mandate = get_or_404(Mandate.objects.in_congress(request.congress), mandate_id, "找不到这位代表")
    return {"mandate_id": mandate.pk, "contact_open": actions.contact_open(request.congress, mandate)}


@router.put("/deputies/{mandate_id}/contact-form", response=ContactFormOut,
            summary="开启或关闭代表的网上留言（代表本人或联络工作人员）")
@scoped
def set_contact_form(request, mandate_id: int, payload: ContactFormIn):
    mandate = get_or_404(Mandate.objects.in_congress(request.congress).select_related("person"), mandate_id,
                         "找不到这位代表")
    page = actions.set_contact_form_open(request.congress, mandate, actor=request.user, open=payload.open)
    return {"mandate_id": mandate.pk, "contact_open": page.contact_open}


# ── letters ──

class LetterIn(In):
    title: Filled
    body: Filled
    reply_by: datetime.date | None = None
    delegation_ids: list[int] = []
    group_ids: list[int] = []
    station_ids: list[int] = []
    mandate_ids: list[int] = []


class RecipientOut(Schema):
    mandate_id: int
    name: str
    read_at: datetime.datetime | None
    reply: str
    replied_at: datetime.datetime | None


class LetterOut(Schema):
    id: int
    title: str
    body: str
    audience: str
    reply_by: datetime.date | None
    sent_at: datetime.datetime
    reminded_at: datetime.datetime | None
    recipients: int
    read: int
    unread: int
    replied: int


class LetterDetailOut(LetterOut):
    copies: list[RecipientOut]


class MyLetterOut(Schema):
    id: int
    title: str
    body: str
    reply_by: datetime.date | None
    sent_at: datetime.datetime
    read_at: datetime.datetime | None
    reply: str
    replied_at: datetime.datetime | None


def _letter_out(congress, letter: Letter, with_copies: bool = False) -> dict:
    n = queries.counts(congress, letter)
    out = {"id": letter.pk, "title": letter.title, "body": letter.body, "audience": letter.audience,
           "reply_by": letter.reply_by, "sent_at": letter.sent_at, "reminded_at": letter.reminded_at,
           "recipients": n.recipients, "read": n.read, "unread": n.unread, "replied": n.replied}
    if with_copies:
        out["copies"] = [{"mandate_id": r.mandate_id, "name": r.mandate.person.name, "read_at": r.read_at,
                          "reply": r.reply, "replied_at": r.replied_at} for r in queries.recipients(congress, letter)]
    return out


def _my_out(copy) -> dict:
    letter = copy.letter
    return {"id": letter.pk, "title": letter.title, "body": letter.body, "reply_by": letter.reply_by,
            "sent_at": letter.sent_at, "read_at": copy.read_at, "reply": copy.reply, "replied_at": copy.replied_at}


def _letter(request, letter_id: int) -> Letter:
    return get_or_404(Letter.objects.in_congress(request.congress), letter_id, "找不到该来信")


def _orgs(congress, ids: list[int], kind: str, field: str, what: str) -> list[Organisation]:
    return existing(Organisation.objects.in_congress(congress).filter(kind=kind), ids, field, what)


@router.post("/letters", response={201: LetterDetailOut},
             summary="给代表写信：全体在任代表（不选范围），或所选代表团、代表小组、联络站和代表")
@scoped
def send(request, payload: LetterIn):
    congress, K = request.congress, Organisation.Kind
    letter = actions.send_letter(
        congress, actor=request.user, title=payload.title, body=payload.body, reply_by=payload.reply_by,
        delegations=_orgs(congress, payload.delegation_ids, K.DELEGATION, "delegation_ids", "代表团"),
        groups=_orgs(congress, payload.group_ids, K.DEPUTY_GROUP, "group_ids", "代表小组"),
        stations=_orgs(congress, payload.station_ids, K.LIAISON_STATION, "station_ids", "联络站"),
        mandates=existing(Mandate.objects.in_congress(congress).select_related("person"), payload.mandate_ids,
                          "mandate_ids", "代表"))
    return Status(201, _letter_out(congress, letter, with_copies=True))


@router.get("/letters", response=list[LetterOut], summary="致代表的信及其已读、未读、回复人数")
@scoped
def list_letters(request):
    check_permission(request.user, request.congress, "view_letters")
    return [_letter_out(request.congress, letter) for letter, _ in queries.letters_with_counts(request.congress)]


@router.get("/letters/mine", response=list[MyLetterOut], summary="给本人的来信（不记录已读；阅读请用 read）")
@scoped
def my_letters(request):
    check_permission(request.user, request.congress, "mark_letter_read")
    from renda.liaison.actions import serving_mandate

    mandate = serving_mandate(request.congress, request.user)
    return [_my_out(c) for c in queries.letters_of(request.congress, mandate)[:200]]


@router.get("/letters/{letter_id}", response=LetterDetailOut, summary="一封来信：每位代表的阅读时间和回复")
@scoped
def get_letter(request, letter_id: int):
    check_permission(request.user, request.congress, "view_letters")
    return _letter_out(request.congress, _letter(request, letter_id), with_copies=True)


@router.post("/letters/{letter_id}/read", response=MyLetterOut, summary="阅读给本人的来信（记录已读，保留第一次阅读时间）")
@scoped
def read(request, letter_id: int):
    copy = actions.mark_letter_read(request.congress, _letter(request, letter_id), actor=request.user)
    return _my_out(copy)


class ReplyIn(In):
    reply: Annotated[str, Field(min_length=1)]


@router.post("/letters/{letter_id}/reply", response=MyLetterOut,
             summary="回复给本人的来信（再次回复即修改，以最后一次为准）")
@scoped
def reply(request, letter_id: int, payload: ReplyIn):
    copy = actions.reply_to_letter(request.congress, _letter(request, letter_id), actor=request.user,
                                   reply=payload.reply)
    return _my_out(copy)


class RemindOut(Schema):
    reminded: int


@router.post("/letters/{letter_id}/remind", response=RemindOut, summary="再次通知尚未阅读的代表（每天至多一次）")
@scoped
def remind(request, letter_id: int):
    return {"reminded": actions.remind_unread(request.congress, _letter(request, letter_id), actor=request.user)}


@router.get("/letters/{letter_id}/replies.xlsx", summary="导出一封来信的代表回复（.xlsx）")
@scoped
def replies_xlsx(request, letter_id: int):
    check_permission(request.user, request.congress, "view_letters")
    letter = _letter(request, letter_id)
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    downloads.attachment(response, downloads.dated(f"{letter.title}代表回复", "xlsx"))
    queries.replies_workbook(request.congress, letter).save(response)
    return response

