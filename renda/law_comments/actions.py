"""Writes to the comment periods and the comments, one function per use case.

``open_comment_period`` opens one version of a bill for comment to the audiences named, with its
dates; a period open to the public lasts at least ``legislation.public_comment_days`` (30) days
(立法法第四十条, applied to local legislation by 第八十七条), counted as the law counts periods: the
opening day is not counted (民法典第二百零一条), so opening on 3月1日 the period may close on 3月31日,
not 3月30日. Opening freezes the version's text. ``close_comment_period`` ends a period early —
never one open to the public, whose 30 days are statutory.

``comment_on_draft`` takes a comment from a deputy, a standing-committee member or a unit officer
(their own account) or from the public (no account), only while the period is open (its dates in
Asia/Shanghai, both days included) and only from an audience it is open to.
``forward_contact_point_comment`` records a comment a contact point gathered from a resident, with
its source. ``decide_law_comments`` decides one comment or several alike (采纳 / 部分采纳 / 未采纳,
a reason required for the last two) and may revise a decision until ``finalise_comment_summary``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from renda.core import audit, rules
from renda.core.errors import IllegalTransition, ValidationError
from renda.core.models import Congress
from renda.core.permissions import organisations_of, roles_of
from renda.core.roles import Role
from renda.core.usecase import action, ensure_own
from renda.law_comments.models import CommentPeriod, LawComment
from renda.legislation import queries
from renda.legislation.models import Bill, BillVersion, Provision
from renda.liaison import codes
from renda.people.models import Mandate, Organisation
from renda.people.validation import ANY_DATE, Errors, date, id_or_none, text, within

Source = LawComment.Source
AUDIENCE_KEYS = [key for key, _ in CommentPeriod.AUDIENCES]
# The audience a source belongs to: standing-committee members are deputies of the congress.
AUDIENCE_OF: dict[str, str] = {Source.DEPUTY: "deputies", Source.MEMBER: "deputies", Source.UNIT: "units",
               Source.CONTACT_POINT: "contact_points", Source.PUBLIC: "public"}
OPEN_BILLS = (Bill.Status.DRAFTING, Bill.Status.SUBMITTED, Bill.Status.UNDER_DELIBERATION)
COMMENTABLE = (Provision.Kind.ARTICLE, Provision.Kind.PARAGRAPH)


def now() -> datetime.datetime:
    """The comments' clock (one place, so that tests can stand on a closing day's last minute)."""
    return timezone.now()


def today() -> datetime.date:
    return timezone.localdate(now())


def period_days(opens_on: datetime.date, closes_on: datetime.date) -> int:
    """A period's length as the law counts it: the opening day is not counted (民法典第二百零一条)."""
    return (closes_on - opens_on).days


def _version(congress: Congress, value: Any) -> BillVersion | None:
    if isinstance(value, BillVersion):
        return value if value.congress_id == congress.pk else None
    pk = id_or_none(value)
    return BillVersion.objects.in_congress(congress).filter(pk=pk).select_related("bill").first() if pk else None


def _locked(congress: Congress, period: CommentPeriod) -> CommentPeriod:
    ensure_own(congress, period, "征求意见")
    return CommentPeriod.objects.in_congress(congress).select_for_update().select_related("bill", "version") \
        .get(pk=period.pk)


@action("open_comment_period")
def open_comment_period(congress: Congress, version: Any, *, actor, audiences: Iterable[str], opens_on: Any,
                        closes_on: Any, notes: str = "") -> CommentPeriod:
    errors = Errors()
    chosen = _version(congress, version)
    if version in (None, ""):
        errors.add("version", "“征求意见的文本”必须选择")
    elif chosen is None:
        errors.add("version", "“征求意见的文本”不是本级法规案的文本")
    wanted = list(dict.fromkeys(audiences or []))
    unknown = [a for a in wanted if a not in AUDIENCE_KEYS]
    if unknown:
        errors.add("audiences", "“征求意见范围”须为：" + "、".join(label for _, label in CommentPeriod.AUDIENCES))
    elif not wanted:
        errors.add("audiences", "“征求意见范围”至少选择一项")
    start = date({"opens_on": opens_on}, errors, "opens_on", "开始日期", required=True)
    end = date({"closes_on": closes_on}, errors, "closes_on", "截止日期", required=True)
    why = text({"notes": notes}, errors, "notes", "征求意见说明", max_length=4000, multiline=True)
    if start and end:
        minimum = rules.get(congress, "legislation.public_comment_days")
        if end < start:
            errors.add("closes_on", "“截止日期”不能早于开始日期")
        elif "public" in wanted and period_days(start, end) < minimum:
            errors.add("closes_on", f"向社会公开征求意见的时间不少于{minimum}日（立法法第四十条、第八十七条），"
                                    f"自{start:%Y-%m-%d}起至少到{start + datetime.timedelta(days=minimum):%Y-%m-%d}，"
                                    f"现为{period_days(start, end)}日")
        elif end < today():
            errors.add("closes_on", f"“截止日期”不能早于今天（{today():%Y-%m-%d}）")
    if chosen is not None:
        bill = Bill.objects.in_congress(congress).get(pk=chosen.bill_id)
        if bill.status not in OPEN_BILLS:
            errors.add("version", f"法规案“{bill.title}”{bill.get_status_display()}，不能再征求意见")
        elif chosen.stage == BillVersion.Stage.ENACTED:
            errors.add("version", "通过文本不能征求意见")
        elif CommentPeriod.objects.in_congress(congress).filter(version=chosen).exists():
            errors.add("version", f"“{chosen.label or chosen.get_stage_display()}”已经征求过意见，请对新的修改稿征求意见")
        elif not Provision.objects.in_congress(congress).filter(version=chosen, kind=Provision.Kind.ARTICLE).exists():
            errors.add("version", "该文本还没有条文，不能征求意见")
    errors.raise_if_any()
    assert chosen is not None and start is not None and end is not None
    queries.freeze_version(chosen)  # its text may no longer change once it is out for comment
    period = CommentPeriod.objects.create(
        congress=congress, bill_id=chosen.bill_id, version=chosen, opens_on=start, closes_on=end, notes=why,
        created_by=actor, **{f"for_{key}": key in wanted for key in AUDIENCE_KEYS})
    audit.record(congress, actor, "open_comment_period", period, object_repr=str(period),
                 after={"version": chosen.pk, "audiences": wanted, "opens_on": str(start), "closes_on": str(end)})
    return period


@action("close_comment_period")
def close_comment_period(congress: Congress, period: CommentPeriod, *, actor) -> CommentPeriod:
    period = _locked(congress, period)
    if period.for_public:
        raise IllegalTransition({"period": "向社会公开征求意见的时间不少于法定天数（立法法第四十条），不能提前结束"})
    if period.has_ended_by(today()):
        raise IllegalTransition({"period": "征求意见已经截止"})
    period.closed_early_at = now()
    period.save(update_fields=["closed_early_at"])
    audit.record(congress, actor, "close_comment_period", period, object_repr=str(period),
                 before={"closes_on": str(period.closes_on)}, after={"closed_early_at": period.closed_early_at.isoformat()})
    return period


def article_of(provision: Provision) -> Provision:
    article = provision
    while article.kind != Provision.Kind.ARTICLE and article.parent_id:
        article = Provision.objects.in_congress(article.congress_id).get(pk=article.parent_id)
    return article


def _provision(congress: Congress, period: CommentPeriod, value: Any, errors: Errors) -> Provision | None:
    """The article or paragraph of the period's version a comment is about; None for the whole draft."""
    if value in (None, ""):
        return None
    if isinstance(value, Provision):
        found = value if value.congress_id == congress.pk and value.version_id == period.version_id else None
    else:
        pk = id_or_none(value)
        found = Provision.objects.in_congress(congress).filter(pk=pk, version_id=period.version_id).first() \
            if pk else None
    if found is None:
        errors.add("provision", "“条款”不是本次征求意见文本中的条款")
    elif found.kind not in COMMENTABLE:
        errors.add("provision", f"意见须针对某一条或某一款，所选为{found.get_kind_display()}")
    else:
        return found
    return None


def _ensure_open(period: CommentPeriod, source: str) -> None:
    day = today()
    if not period.is_open_on(day):
        if day < period.opens_on:
            raise IllegalTransition({"period": f"征求意见自{period.opens_on:%Y年%-m月%-d日}开始"})
        raise IllegalTransition({"period": f"征求意见已于{period.closes_on:%Y年%-m月%-d日}截止，不再接收意见"
                                 if period.closed_early_at is None else "征求意见已经结束，不再接收意见"})
    if not getattr(period, f"for_{AUDIENCE_OF[source]}"):
        label = dict(CommentPeriod.AUDIENCES)[AUDIENCE_OF[source]]
        raise ValidationError({"source": f"本次征求意见的范围是{'、'.join(period.audience_labels)}，不包括{label}"})


def _new_code(congress: Congress) -> str:
    while True:
        code = codes.new_code()
        if not LawComment.objects.in_congress(congress).filter(reference_code=code).exists():
            return code


def _body(errors: Errors, text_: str) -> str:
    return text({"text": text_}, errors, "text", "意见", required=True, max_length=4000, multiline=True)


def source_for(user, congress: Congress) -> str:
    """The source a signed-in person's comment has unless they say otherwise: a member as a member, a
    deputy as a deputy, a unit officer for their unit; anyone else as one of the public."""
    roles = roles_of(user, congress)
    if Role.SC_MEMBER in roles:
        return Source.MEMBER
    if Role.DEPUTY in roles:
        return Source.DEPUTY
    if Role.UNIT_OFFICER in roles:
        return Source.UNIT
    return Source.PUBLIC


def sources_for(user, congress: Congress) -> list[str]:
    """Every source the person may comment as (the public always among them)."""
    roles = roles_of(user, congress)
    found = [s for s, role in ((Source.MEMBER, Role.SC_MEMBER), (Source.DEPUTY, Role.DEPUTY),
                               (Source.UNIT, Role.UNIT_OFFICER)) if role in roles]
    return [*found, Source.PUBLIC]


@action("comment_on_draft")
def comment_on_draft(congress: Congress, period: CommentPeriod, *, actor, text_: str, provision: Any = None,
                     source: str | None = None, unit: Any = None, name: str = "", contact: str = "") -> LawComment:
    period = _locked(congress, period)
    errors = Errors()
    signed_in = getattr(actor, "is_authenticated", False)
    kind = source or (source_for(actor, congress) if signed_in else Source.PUBLIC)
    if kind not in sources_for(actor, congress):
        raise ValidationError({"source": f"您不能以“{Source(kind).label if kind in Source.values else kind}”"
                                         "的身份提出意见"})
    _ensure_open(period, kind)
    body = _body(errors, text_)
    about = _provision(congress, period, provision, errors)
    fields: dict[str, Any] = {}
    if kind == Source.PUBLIC:
        fields["name"] = text({"name": name}, errors, "name", "姓名", max_length=50)
        fields["contact"] = text({"contact": contact}, errors, "contact", "联系方式", max_length=100)
    elif kind in (Source.DEPUTY, Source.MEMBER):
        person = getattr(actor, "person", None)
        if person is None or not Mandate.objects.in_congress(congress).filter(
                person=person, status=Mandate.Status.SERVING).exists():
            errors.add("source", "您的账号没有对应在任的人大代表，不能以代表身份提出意见")
        else:
            fields.update(person=person, name=person.name)
    else:
        mine = organisations_of(actor, congress, Role.UNIT_OFFICER)
        chosen = id_or_none(unit.pk if isinstance(unit, Organisation) else unit) if unit not in (None, "") else None
        if chosen is None and mine:
            chosen = mine[0]
        if chosen not in mine:
            errors.add("unit", "“单位”须为您所在的承办单位")
        else:
            fields["organisation"] = Organisation.objects.in_congress(congress).get(pk=chosen)
    errors.raise_if_any()
    comment = LawComment.objects.create(
        congress=congress, period=period, provision=about, article=article_of(about) if about else None,
        source=kind, author=actor if signed_in else None, text=body, reference_code=_new_code(congress),
        submitted_at=now(), **fields)
    audit.record(congress, actor, "comment_on_draft", comment, object_repr=str(comment),
                 after={"period": period.pk, "source": kind, "provision": about.pk if about else None})
    return comment


def _contact_point(congress: Congress, actor, value: Any, errors: Errors) -> Organisation | None:
    """The contact point a comment is forwarded from: the staff member's own (or the one named among
    theirs); office staff name any."""
    points = Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.LEGISLATIVE_CONTACT_POINT)
    roles = roles_of(actor, congress)
    if not roles & {Role.ADMIN, Role.OFFICE_STAFF}:
        points = points.filter(pk__in=organisations_of(actor, congress, Role.CONTACT_POINT_STAFF))
    pk = id_or_none(value.pk if isinstance(value, Organisation) else value)
    if value in (None, "") and points.count() == 1 and Role.CONTACT_POINT_STAFF in roles:
        return points.first()
    found = points.filter(pk=pk).first() if pk else None
    if value in (None, ""):
        errors.add("contact_point", "“基层立法联系点”必须选择")
    elif found is None:
        errors.add("contact_point", "“基层立法联系点”须为您所在的基层立法联系点")
    return found


@action("forward_contact_point_comment")
def forward_contact_point_comment(congress: Congress, period: CommentPeriod, *, actor, text_: str,
                                  provision: Any = None, contact_point: Any = None, name: str = "",
                                  community: str = "", gathered_how: str = "", gathered_on: Any = None) -> LawComment:
    """A resident's comment a contact point gathered (at a symposium, a visit or in writing), with its
    source: the resident's name or 匿名, the community or village, how and when it was gathered."""
    period = _locked(congress, period)
    _ensure_open(period, Source.CONTACT_POINT)
    errors = Errors()
    body = _body(errors, text_)
    about = _provision(congress, period, provision, errors)
    point = _contact_point(congress, actor, contact_point, errors)
    who = text({"name": name}, errors, "name", "群众姓名", max_length=50) or "匿名"
    where = text({"community": community}, errors, "community", "社区（村）", required=True, max_length=100)
    if gathered_how not in LawComment.Gathered.values:
        errors.add("gathered_how", "“收集方式”须为：" + "、".join(LawComment.Gathered.labels))
    when = date({"gathered_on": gathered_on}, errors, "gathered_on", "收集日期", required=True)
    if when is not None and within(errors, "gathered_on", "收集日期", when, ANY_DATE):
        if when > today():
            errors.add("gathered_on", f"“收集日期”不能晚于今天（{today():%Y-%m-%d}）")
        elif when < period.opens_on:
            errors.add("gathered_on", f"“收集日期”不能早于征求意见开始日期（{period.opens_on:%Y-%m-%d}）")
    errors.raise_if_any()
    comment = LawComment.objects.create(
        congress=congress, period=period, provision=about, article=article_of(about) if about else None,
        source=Source.CONTACT_POINT, author=actor, organisation=point, name=who, community=where,
        gathered_how=gathered_how, gathered_on=when, text=body, reference_code=_new_code(congress), submitted_at=now())
    audit.record(congress, actor, "forward_contact_point_comment", comment, object_repr=str(comment),
                 after={"period": period.pk, "contact_point": point.name if point else "",
                        "provision": about.pk if about else None, "gathered_how": gathered_how})
    return comment


@action("decide_law_comment")
def decide_law_comments(congress: Congress, comments: Iterable[Any], *, actor, decision: str,
                        reason: str = "") -> list[LawComment]:
    """One decision for one comment or several alike: 采纳, 部分采纳 or 未采纳 (a reason required for
    the last two); a decision already made may be revised until the summary is finalised."""
    errors = Errors()
    wanted = [c.pk if isinstance(c, LawComment) else id_or_none(c) for c in comments]
    rows = list(LawComment.objects.in_congress(congress).select_for_update().filter(pk__in=[w for w in wanted if w])
                .order_by("id"))
    if not wanted:
        errors.add("comments", "请至少选择一条意见")
    elif len(rows) != len(set(wanted)):
        missing = sorted({str(w) for w in wanted} - {str(r.pk) for r in rows})
        errors.add("comments", f"“所选意见”中的编号 {'、'.join(missing)} 在本级找不到对应的意见")
    if decision not in LawComment.Decision.values:
        errors.add("decision", "“采纳情况”须为：" + "、".join(LawComment.Decision.labels))
    why = text({"reason": reason}, errors, "reason", "理由", max_length=2000, multiline=True)
    if decision in (LawComment.Decision.PARTLY, LawComment.Decision.DECLINED) and not why:
        errors.add("reason", f"“理由”必须填写：{LawComment.Decision(decision).label}的意见须说明理由")
    errors.raise_if_any()
    periods = {r.period_id for r in rows}
    finalised = CommentPeriod.objects.in_congress(congress).filter(pk__in=periods, finalised_at__isnull=False)
    if finalised.exists():
        raise IllegalTransition({"comments": "意见汇总已定稿，采纳情况不能再修改"})
    moment = now()
    for row in rows:
        before = {"decision": row.decision, "reason": row.reason}
        row.decision, row.reason, row.decided_by, row.decided_at = decision, why, actor, moment
        row.save(update_fields=["decision", "reason", "decided_by", "decided_at"])
        audit.record(congress, actor, "decide_law_comment", row, object_repr=str(row), before=before,
                     after={"decision": decision, "reason": why})
    return rows


@action("finalise_comment_summary")
def finalise_comment_summary(congress: Congress, period: CommentPeriod, *, actor) -> CommentPeriod:
    """The summary (意见汇总及采纳情况) is final: the period has ended and every comment is decided."""
    period = _locked(congress, period)
    if period.finalised_at is not None:
        raise IllegalTransition({"period": "意见汇总已经定稿"})
    if not period.has_ended_by(today()):
        raise IllegalTransition({"period": f"征求意见{period.closes_on:%Y年%-m月%-d日}截止后才能定稿"})
    undecided = LawComment.objects.in_congress(congress).filter(period=period, decision="").count()
    if undecided:
        raise IllegalTransition({"period": f"还有 {undecided} 条意见没有研究处理，不能定稿"})
    period.finalised_at, period.finalised_by = now(), actor
    period.save(update_fields=["finalised_at", "finalised_by"])
    audit.record(congress, actor, "finalise_comment_summary", period, object_repr=str(period),
                 after={"finalised_at": period.finalised_at.isoformat()})
    return period
