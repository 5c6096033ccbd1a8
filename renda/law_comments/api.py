"""Comments on drafts over the API: the periods (open, close, finalise), one period with its articles,
a signed-in comment (deputy, member, unit officer, or as one of the public) and a contact point's
forwarded comment, the comments grouped by article with counts, one decision for one or several
comments, the summary as .xlsx, PDF or .docx; for everyone without a token, the drafts open to the
public, a comment (limited as the public intake, a sum after a few) and its outcome by reference code.
Another congress's id is not found; every step calls the same action as the pages."""


import datetime
from typing import Annotated

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from ninja import Field, Router, Schema, Status

from renda.core import congress_lookup, official_documents
from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf, fields_named
from renda.core.errors import NotFound, ValidationError
from renda.core.permissions import check_permission
from renda.core.tenancy import congress_scope
from renda.law_comments import actions, documents, intake, queries
from renda.law_comments.models import CommentPeriod, LawComment
from renda.liaison import codes, intake_guard

router = Router(tags=["law_comments"])
AUDIENCES = [key for key, _ in CommentPeriod.AUDIENCES]
API_NAMES = {"version": "version_id", "provision": "provision_id", "unit": "unit_id",
             "contact_point": "contact_point_id", "comments": "comment_ids"}


class LawCommentArticleOut(Schema):
    id: int
    label: str
    text: str
    paragraph_ids: list[int]


class LawCommentPeriodOut(Schema):
    id: int
    bill_id: int
    bill: str
    version_id: int
    version: str
    audiences: list[str]
    opens_on: datetime.date
    closes_on: datetime.date
    closed_early_at: datetime.datetime | None
    state: str
    finalised_at: datetime.datetime | None
    notes: str


class LawCommentPeriodDetailOut(LawCommentPeriodOut):
    articles: list[LawCommentArticleOut]


def _period_out(period: CommentPeriod) -> dict:
    return {"id": period.pk, "bill_id": period.bill_id, "bill": period.bill.title, "version_id": period.version_id,
            "version": period.version.label or period.version.get_stage_display(), "audiences": period.audiences,
            "opens_on": period.opens_on, "closes_on": period.closes_on, "closed_early_at": period.closed_early_at,
            "state": period.state_on(actions.today()), "finalised_at": period.finalised_at, "notes": period.notes}


def _detail_out(period: CommentPeriod) -> dict:
    return {**_period_out(period), "articles": [
        {"id": a.article.pk, "label": a.label, "text": a.article.text, "paragraph_ids": [p.pk for p in a.paragraphs]}
        for a in queries.structured_text(period)]}


def _period(congress, period_id: int) -> CommentPeriod:
    found = queries.period(congress, period_id)
    if found is None:
        raise Http404("找不到该征求意见")
    return found


@router.get("/law-comments/periods", response=list[LawCommentPeriodOut], summary="法规草案征求意见（各版本的范围、起止日期、状态）")
@scoped
def list_periods(request, bill_id: int | None = None):
    rows = queries.periods(request.congress).order_by("-opens_on", "-id")
    if bill_id is not None:
        rows = rows.filter(bill_id=bill_id)
    return [_period_out(p) for p in rows[:500]]


@router.get("/law-comments/periods/{period_id}", response=LawCommentPeriodDetailOut, summary="一次征求意见及草案条文")
@scoped
def get_period(request, period_id: int):
    return _detail_out(_period(request.congress, period_id))


class LawCommentPeriodIn(In):
    version_id: int = Field(description="征求意见的法规案文本（版本）编号")
    audiences: Annotated[list[Annotated[str, OneOf(AUDIENCES)]], Field(min_length=1)]
    opens_on: datetime.date
    closes_on: datetime.date = Field(description="向社会公开征求意见的，不少于三十日（开始当日不计入）")
    notes: Annotated[str, Field(max_length=4000)] = ""


@router.post("/law-comments/periods", response={201: LawCommentPeriodDetailOut},
             summary="将法规草案（修改稿）征求意见：范围、起止日期（该文本随即定稿）")
@scoped
def open_period(request, payload: LawCommentPeriodIn):
    with fields_named(API_NAMES):
        period = actions.open_comment_period(request.congress, payload.version_id, actor=request.user,
                                             audiences=payload.audiences, opens_on=payload.opens_on,
                                             closes_on=payload.closes_on, notes=payload.notes)
    return Status(201, _detail_out(_period(request.congress, period.pk)))


@router.post("/law-comments/periods/{period_id}/close", response=LawCommentPeriodOut,
             summary="提前结束征求意见（向社会公开征求意见的不能提前结束）")
@scoped
def close_period(request, period_id: int):
    period = _period(request.congress, period_id)
    actions.close_comment_period(request.congress, period, actor=request.user)
    return _period_out(_period(request.congress, period_id))


@router.post("/law-comments/periods/{period_id}/finalise", response=LawCommentPeriodOut,
             summary="意见汇总及采纳情况定稿（截止后、全部意见研究处理后）")
@scoped
def finalise(request, period_id: int):
    period = _period(request.congress, period_id)
    actions.finalise_comment_summary(request.congress, period, actor=request.user)
    return _period_out(_period(request.congress, period_id))


class LawCommentOut(Schema):
    id: int
    reference_code: str
    period_id: int
    provision_id: int | None
    article_id: int | None
    provision: str
    source: Annotated[str, OneOf(LawComment.Source)]
    giver: str
    community: str
    gathered_how: str
    gathered_on: datetime.date | None
    text: str
    submitted_at: datetime.datetime
    decision: str
    reason: str


def _comment_out(c: LawComment) -> dict:
    return {"id": c.pk, "reference_code": c.reference_code, "period_id": c.period_id, "provision_id": c.provision_id,
            "article_id": c.article_id, "provision": queries.provision_label(c.provision, c.article),
            "source": c.source, "giver": c.giver, "community": c.community, "gathered_how": c.gathered_how,
            "gathered_on": c.gathered_on, "text": c.text, "submitted_at": c.submitted_at, "decision": c.decision,
            "reason": c.reason}


def _fresh_comment(congress, comment: LawComment) -> dict:
    return _comment_out(queries.comments(comment.period).get(pk=comment.pk))


class LawCommentIn(In):
    text: Annotated[Filled, Field(max_length=4000)]
    provision_id: int | None = Field(None, description="条或款的编号；不填为对草案整体的意见")
    source: Annotated[str, OneOf([LawComment.Source.DEPUTY, LawComment.Source.MEMBER, LawComment.Source.UNIT,
                                  LawComment.Source.PUBLIC])] | None = Field(
        None, description="以何种身份提出；不填按账号的角色（组成人员、代表、承办单位，其余为公众）")
    unit_id: int | None = Field(None, description="以单位身份提出时的单位（本人所在的承办单位）")
    name: Annotated[str, Field(max_length=50)] = ""
    contact: Annotated[str, Field(max_length=100)] = ""


@router.post("/law-comments/periods/{period_id}/comments", response={201: LawCommentOut},
             summary="对草案提出意见（代表、组成人员、承办单位以本人账号；只在征求意见期间、范围之内）")
@scoped
def submit_comment(request, period_id: int, payload: LawCommentIn):
    period = _period(request.congress, period_id)
    with fields_named(API_NAMES):
        comment = actions.comment_on_draft(request.congress, period, actor=request.user, text_=payload.text,
                                           provision=payload.provision_id, source=payload.source, unit=payload.unit_id,
                                           name=payload.name, contact=payload.contact)
    return Status(201, _fresh_comment(request.congress, comment))


class LawCommentContactPointIn(In):
    text: Annotated[Filled, Field(max_length=4000)]
    provision_id: int | None = None
    contact_point_id: int | None = Field(None, description="基层立法联系点；工作人员只有一个联系点时可不填")
    name: Annotated[str, Field(max_length=50)] = Field("", description="群众姓名；不填记为匿名")
    community: Annotated[Filled, Field(max_length=100)]
    gathered_how: Annotated[str, OneOf(LawComment.Gathered)]
    gathered_on: datetime.date


@router.post("/law-comments/periods/{period_id}/contact-point-comments", response={201: LawCommentOut},
             summary="基层立法联系点报送收集的群众意见（姓名或匿名、社区（村）、收集方式和日期）")
@scoped
def forward_comment(request, period_id: int, payload: LawCommentContactPointIn):
    period = _period(request.congress, period_id)
    with fields_named(API_NAMES):
        comment = actions.forward_contact_point_comment(
            request.congress, period, actor=request.user, text_=payload.text, provision=payload.provision_id,
            contact_point=payload.contact_point_id, name=payload.name, community=payload.community,
            gathered_how=payload.gathered_how, gathered_on=payload.gathered_on)
    return Status(201, _fresh_comment(request.congress, comment))


class LawCommentGroupOut(Schema):
    article_id: int | None
    label: str
    by_source: dict[str, int]
    undecided: int
    comments: list[LawCommentOut]


class LawCommentGroupsOut(Schema):
    period: LawCommentPeriodOut
    total: int
    undecided: int
    groups: list[LawCommentGroupOut]


@router.get("/law-comments/periods/{period_id}/comments", response=LawCommentGroupsOut,
            summary="按条汇总的意见（条文顺序，总体意见在前）：各来源条数、未研究条数、采纳情况")
@scoped
def grouped_comments(request, period_id: int):
    check_permission(request.user, request.congress, "view_law_comments")
    period = _period(request.congress, period_id)
    groups = queries.grouped(period)
    totals = queries.totals(period)
    return {"period": _period_out(period), "total": totals.total, "undecided": totals.undecided,
            "groups": [{"article_id": g.article.pk if g.article else None, "label": g.label, "by_source": g.by_source,
                        "undecided": g.undecided, "comments": [_comment_out(c) for c in g.comments]} for g in groups]}


class LawCommentDecisionIn(In):
    comment_ids: Annotated[list[int], Field(min_length=1, max_length=500)]
    decision: Annotated[str, OneOf(LawComment.Decision)]
    reason: Annotated[str, Field(max_length=2000)] = Field("", description="部分采纳、未采纳的必须填写")


@router.post("/law-comments/decisions", response=list[LawCommentOut],
             summary="研究处理意见：一条或几条相近的意见作同一处理（采纳、部分采纳、未采纳及理由；定稿前可修改）")
@scoped
def decide(request, payload: LawCommentDecisionIn):
    with fields_named(API_NAMES):
        rows = actions.decide_law_comments(request.congress, payload.comment_ids, actor=request.user,
                                           decision=payload.decision, reason=payload.reason)
    return [_comment_out(queries.comments(r.period).get(pk=r.pk)) for r in rows]


@router.get("/law-comments/periods/{period_id}/summary", summary="意见汇总及采纳情况：format=xlsx|pdf|docx")
@scoped
def summary(request, period_id: int, format: Annotated[str, OneOf(["xlsx", "pdf", "docx"])] = "xlsx"):
    check_permission(request.user, request.congress, "view_law_comments")
    period = _period(request.congress, period_id)
    from renda.law_comments.views import attachment

    doc = documents.summary_document(period)
    if format == "xlsx":
        data = documents.summary_xlsx(period)
    else:
        data = official_documents.to_pdf(doc) if format == "pdf" else official_documents.to_docx(doc)
    response: HttpResponse = attachment(data, official_documents.filename(doc, format), format)
    return response


# ── without a token ──

def _public_congress(congress_code: str):
    congress = congress_lookup.by_code(congress_code)
    if congress is None:
        raise Http404("没有这个人大")
    return congress


@router.get("/public/{congress_code}/law-comments", auth=None, response=list[LawCommentPeriodOut],
            summary="正在向社会公开征求意见的法规草案（无需账号）")
def public_periods(request, congress_code: str):
    congress = _public_congress(congress_code)
    with congress_scope(congress):
        return [_period_out(p) for p in queries.open_to_public(congress)]


@router.get("/public/{congress_code}/law-comments/{period_id}", auth=None, response=LawCommentPeriodDetailOut,
            summary="向社会公开征求意见的草案及条文（无需账号）")
def public_period(request, congress_code: str, period_id: int):
    congress = _public_congress(congress_code)
    with congress_scope(congress):
        period = _period(congress, period_id)
        if not period.for_public:
            raise Http404("找不到该征求意见")
        return _detail_out(period)


class LawCommentPublicIn(In):
    text: Annotated[Filled, Field(max_length=4000)]
    provision_id: int | None = Field(None, description="条或款的编号；不填为对草案整体的意见")
    name: Annotated[str, Field(max_length=50)] = ""
    contact: Annotated[str, Field(max_length=100)] = ""
    challenge: str = ""
    challenge_token: str = ""


class LawCommentReceiptOut(Schema):
    reference_code: str
    period_id: int
    provision: str
    submitted_at: datetime.datetime
    decision: str
    decision_label: str
    reason: str
    finalised: bool


def _receipt(c: LawComment) -> dict:
    return {"reference_code": c.reference_code, "period_id": c.period_id,
            "provision": queries.provision_label(c.provision, c.article), "submitted_at": c.submitted_at,
            "decision": c.decision, "decision_label": c.get_decision_display() if c.decision else "正在研究处理",
            "reason": c.reason, "finalised": c.period.finalised_at is not None}


class LawCommentChallengeRequired(ValidationError):
    """Refused until the sum is answered; the 422 body carries the question and its token."""

    def __init__(self, message, *, challenge: dict):
        super().__init__(message)
        self.challenge = challenge


@router.post("/public/{congress_code}/law-comments/{period_id}/comments", auth=None,
             response={201: LawCommentReceiptOut, 429: dict},
             summary="公众对草案提出意见（无需账号；频率限制同网上反映，多次提交后须回答验证题；返回查询码）")
def public_submit(request, congress_code: str, period_id: int, payload: LawCommentPublicIn):
    congress = _public_congress(congress_code)
    with congress_scope(congress):
        period = _period(congress, period_id)
        if not period.for_public:
            raise Http404("找不到该征求意见")
        verdict = intake.admit(congress, period, request.META.get("REMOTE_ADDR", ""), payload.challenge_token,
                               payload.challenge)
        if verdict.refused:
            return Status(429, {"detail": [{"field": None, "message": verdict.refused}]})
        if verdict.challenge_failed:
            question, token = intake.new_challenge()
            raise LawCommentChallengeRequired({"challenge": f"{verdict.challenge_problem}：{question}"},
                                              challenge={"question": question, "challenge_token": token})
        try:
            with fields_named(API_NAMES):
                comment = intake.accept(congress, period, lambda: actions.comment_on_draft(
                    congress, period, actor=AnonymousUser(), text_=payload.text, provision=payload.provision_id,
                    source=LawComment.Source.PUBLIC, name=payload.name, contact=payload.contact))
        except intake.PeriodFull as full:
            return Status(429, {"detail": [{"field": None, "message": full.message}]})
        return Status(201, _receipt(comment))


@router.get("/public/{congress_code}/law-comments/comments/{reference_code}", auth=None,
            response={200: LawCommentReceiptOut, 429: dict},
            summary="凭查询码查看意见的采纳情况（查不到的查询码每小时有次数限制）")
def public_track(request, congress_code: str, reference_code: str):
    congress = _public_congress(congress_code)
    with congress_scope(congress):
        code, problem = codes.parse(reference_code)
        if problem:
            raise ValidationError({"reference_code": problem})
        found, refused = intake_guard.look_up(congress, request.META.get("REMOTE_ADDR", ""),
                                              lambda: queries.by_code(congress, code))
        if refused:
            return Status(429, {"detail": [{"field": "reference_code", "message": intake_guard.LOOKUP_REFUSAL}]})
        if found is None:
            raise NotFound(codes.NOT_FOUND)
        return _receipt(found)
