"""Writes to the major-matter decisions, one function per use case.

``propose_decision`` records the proposal on the session's agenda item named (the one its adopted
agenda already has for it) or on a new one;
``put_decision_to_vote`` opens a roll call on that agenda item on the voting engine (the vote is
then opened, cast, closed and announced there); ``record_decision_outcome`` reads the announced
result — passed with more than half of ALL members (rules.vote_passes, counted by the engine) →
the decision gets its number; failed → it stays failed and can never be published;
``publish_decision`` makes the text public; ``track_implementation`` puts the implementation
report (执行情况报告) on the rectification list."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Max
from django.utils import timezone

from renda.core import audit, rules
from renda.core.errors import ValidationError
from renda.core.models import Congress
from renda.core.permissions import roles_of
from renda.core.usecase import action, ensure_own
from renda.core.workflow import require_status
from renda.decisions.models import Decision
from renda.decisions.workflows import DECISION_WORKFLOW
from renda.meetings import actions as meeting_actions
from renda.meetings.models import AgendaItem, Meeting
from renda.people.models import Organisation
from renda.people.validation import Errors, date, id_or_none, text
from renda.rectification import actions as rectification
from renda.rectification.models import RectificationItem
from renda.voting import actions as voting
from renda.voting.models import Vote

S = Decision.Status
# The implementation report is a rectification item of its own source, linked to the decision.
IMPLEMENTATION_SOURCE = RectificationItem.Source.DECISION


def place_name(congress: Congress) -> str:
    """示例市人民代表大会 → 示例市."""
    return congress.name.removesuffix("人民代表大会")


def number_prefix(congress: Congress) -> str:
    """The 发文字号's prefix from the congress's short name: 示例市 → 示常决 (its first character,
    常 for the standing committee, 决 for a decision)."""
    return f"{(place_name(congress) or congress.name)[:1]}常决"


def number_text(congress: Congress, year: int, number: int) -> str:
    return f"{number_prefix(congress)}〔{year}〕{number}号"


def meeting_day(meeting: Meeting) -> datetime.date:
    return timezone.localdate(meeting.starts_at)


def decision_day(meeting: Meeting, vote: Vote) -> datetime.date:
    """The day the decision was adopted: the day its vote was announced during the session (a
    session may sit several days); a result recorded long after (more than a week past the
    session's start, e.g. a session entered afterwards) counts from the session's first day."""
    start = meeting_day(meeting)
    if vote.announced_at is None:
        return start
    announced = timezone.localdate(vote.announced_at)
    return announced if start <= announced <= start + datetime.timedelta(days=7) else start


def _locked(congress: Congress, decision: Decision) -> Decision:
    ensure_own(congress, decision, "重大事项决定")
    return Decision.objects.in_congress(congress).select_for_update().get(pk=decision.pk)


def _move(congress: Congress, decision: Decision, actor, target: str, name: str) -> None:
    DECISION_WORKFLOW.check(decision.status, target, roles_of(actor, congress), congress, action=name)


def _organisation(congress: Congress, value: Any) -> Organisation | None:
    if isinstance(value, Organisation):
        return value if value.congress_id == congress.pk else None
    pk = id_or_none(value)
    return Organisation.objects.in_congress(congress).filter(pk=pk).first() if pk else None


def _session(congress: Congress, value: Any) -> Meeting | None:
    if isinstance(value, Meeting):
        return value if value.congress_id == congress.pk else None
    pk = id_or_none(value)
    return Meeting.objects.in_congress(congress).filter(pk=pk).first() if pk else None


ITEM_KINDS = (AgendaItem.Kind.DRAFT, AgendaItem.Kind.OTHER)


def _named_item(congress: Congress, session: Meeting | None, value: Any, errors: Errors) -> AgendaItem | None:
    """The agenda item a proposal names (e.g. the one adopted through the agenda chain): an item of
    its session, of kind 审议、表决法规或决定草案 or 其他, that no other decision is on."""
    if value in (None, ""):
        return None
    if isinstance(value, AgendaItem):
        item = value if value.congress_id == congress.pk else None
    else:
        pk = id_or_none(value)
        item = AgendaItem.objects.in_congress(congress).filter(pk=pk).first() if pk else None
    if item is None:
        errors.add("agenda_item", "“议程”不是本级人大会议的议程")
        return None
    if session is not None and item.meeting_id != session.pk:
        errors.add("agenda_item", f"“议程”{item.title}不是{session}的议程")
    elif item.kind not in ITEM_KINDS:
        errors.add("agenda_item", f"“议程”须为审议、表决法规或决定草案或其他事项，所选“{item.title}”为"
                                  f"{item.get_kind_display()}")
    elif Decision.objects.in_congress(congress).filter(agenda_item=item).exists():
        errors.add("agenda_item", f"“议程”{item.title}已是另一重大事项决定的议程")
    return item


def agenda_title(decision_title: str) -> str:
    return f"审议、表决{decision_title}（草案）"[:200]


@action("propose_decision")
def propose_decision(congress: Congress, *, actor, title: str, kind: str = Decision.Kind.DECISION,
                     proposer: Any, meeting: Any, text_: str = "", explanation: str = "",
                     agenda_item: Any = None) -> Decision:
    """A proposal of a major matter from the proposing body, with the draft text, going to a
    standing-committee session: recorded on the agenda item named (one the session's adopted agenda
    already has for it), else on a new item added to that session's agenda (审议、表决法规或决定草案)."""
    errors = Errors()
    data = {"title": title, "text": text_, "explanation": explanation}
    title_ = text(data, errors, "title", "标题", required=True, max_length=180)
    body = text(data, errors, "text", "决议、决定文本（草案）", required=True, max_length=20000, multiline=True)
    why = text(data, errors, "explanation", "议案说明", max_length=8000, multiline=True)
    if kind not in Decision.Kind.values:
        errors.add("kind", "“文种”须为：" + "、".join(Decision.Kind.labels))
    body_org = _organisation(congress, proposer)
    if proposer in (None, ""):
        errors.add("proposer", "“提请机关”必须填写")
    elif body_org is None:
        errors.add("proposer", "“提请机关”不是本级的机构")
    session = _session(congress, meeting)
    if meeting in (None, ""):
        errors.add("meeting", "“提请审议的常委会会议”必须填写")
    elif session is None:
        errors.add("meeting", "“提请审议的常委会会议”不是本级的会议")
    elif session.kind != Meeting.Kind.SC_SESSION:
        errors.add("meeting", f"重大事项须提请常务委员会会议审议，“{session}”是{session.get_kind_display()}")
    elif session.status == Meeting.Status.CLOSED:
        errors.add("meeting", f"“{session}”已闭会，不能再列入议程")
    named = _named_item(congress, session, agenda_item, errors)
    errors.raise_if_any()
    assert session is not None and body_org is not None
    item = named or meeting_actions.add_agenda_item(congress, session, actor=actor, kind=AgendaItem.Kind.DRAFT,
                                                    title=agenda_title(title_))
    decision = Decision.objects.create(congress=congress, title=title_, kind=kind, proposer=body_org, meeting=session,
                                       agenda_item=item, text=body, explanation=why, created_by=actor)
    audit.record(congress, actor, "propose_decision", decision, object_repr=title_,
                 after={"kind": kind, "proposer": body_org.name, "meeting": str(session), "agenda_item": item.pk})
    return decision


@action("put_decision_to_vote")
def put_decision_to_vote(congress: Congress, decision: Decision, *, actor) -> Vote:
    """A roll call (赞成/反对/弃权) on the decision's agenda item, on the existing voting engine; the
    engine opens it (quorum checked there), takes the votes, closes and announces it."""
    decision = _locked(congress, decision)
    _move(congress, decision, actor, S.VOTING, "put_decision_to_vote")
    meeting = Meeting.objects.in_congress(congress).get(pk=decision.meeting_id)
    if meeting.status == Meeting.Status.CLOSED:
        raise ValidationError({"meeting": f"“{meeting}”已闭会，不能再付表决"})
    item = AgendaItem.objects.in_congress(congress).filter(pk=decision.agenda_item_id).first()
    vote = voting.create_vote(congress, meeting, actor=actor, title=f"表决{decision.title}（草案）"[:200],
                              kind=Vote.Kind.ROLL_CALL, agenda_item=item)
    decision.status, decision.vote = S.VOTING, vote
    decision.save(update_fields=["status", "vote"])
    audit.record(congress, actor, "put_decision_to_vote", decision, object_repr=decision.title,
                 before={"status": S.PROPOSED}, after={"status": S.VOTING, "vote": vote.pk})
    return vote


def _next_number(congress: Congress, year: int) -> int:
    taken = Decision.objects.in_congress(congress).select_for_update().filter(year=year)
    return (taken.aggregate(n=Max("number"))["n"] or 0) + 1


@action("record_decision_outcome")
def record_decision_outcome(congress: Congress, decision: Decision, *, actor) -> Decision:
    """Once the roll call is announced: passed (more than half of ALL members, as the engine
    counted by rules.vote_passes) → 已通过 with its number for the congress and year; else 未通过.
    The agenda item's outcome says which."""
    decision = _locked(congress, decision)
    require_status(decision, S.VOTING)
    vote = Vote.objects.in_congress(congress).get(pk=decision.vote_id)
    if vote.status != Vote.Status.ANNOUNCED or not vote.result:
        raise ValidationError({"vote": f"表决“{vote.title}”{vote.get_status_display()}，宣布表决结果后才能记录"})
    passed = bool(vote.result.get("passed"))
    target = S.PASSED if passed else S.FAILED
    _move(congress, decision, actor, target, "record_decision_outcome")
    meeting = Meeting.objects.in_congress(congress).get(pk=decision.meeting_id)
    decision.status = target
    fields = ["status"]
    if passed:
        day = decision_day(meeting, vote)
        decision.decided_on, decision.year = day, day.year
        decision.number = _next_number(congress, day.year)
        decision.number_text = number_text(congress, day.year, decision.number)
        fields += ["decided_on", "year", "number", "number_text"]
    decision.save(update_fields=fields)
    if decision.agenda_item_id:
        AgendaItem.objects.in_congress(congress).filter(pk=decision.agenda_item_id).update(
            outcome=("表决通过" if passed else "表决未通过")
            + f"（赞成{vote.result.get('yes', 0)}票，全体组成人员{vote.result.get('electorate', vote.electorate or 0)}人）")
    audit.record(congress, actor, "record_decision_outcome", decision, object_repr=decision.title,
                 before={"status": S.VOTING},
                 after={"status": target, "yes": vote.result.get("yes", 0), "number": decision.number_text})
    return decision


def refuse_unpassed(decision: Decision) -> None:
    if decision.status == S.FAILED:
        raise ValidationError({"status": f"“{decision.title}”表决未通过，不能形成决议或决定，不能公布或跟踪执行"})
    if decision.status in (S.PROPOSED, S.VOTING):
        raise ValidationError({"status": f"“{decision.title}”尚未表决通过（现为{decision.get_status_display()}），"
                                         "不能形成决议或决定"})


@action("publish_decision")
def publish_decision(congress: Congress, decision: Decision, *, actor, text_: str | None = None,
                     on: Any = None) -> Decision:
    """Publish a passed decision's text (as adopted; the office may correct its wording before
    publishing). A failed one cannot be published."""
    decision = _locked(congress, decision)
    refuse_unpassed(decision)
    _move(congress, decision, actor, S.PUBLISHED, "publish_decision")
    errors = Errors()
    body = decision.text
    if text_ is not None:
        body = text({"text": text_}, errors, "text", "决议、决定文本", required=True, max_length=20000, multiline=True)
    today = timezone.localdate()
    day = date({"on": on}, errors, "on", "公布日期") if on not in (None, "") else today
    if day is not None and decision.decided_on and day < decision.decided_on:
        errors.add("on", f"“公布日期”不能早于通过日期（{decision.decided_on:%Y-%m-%d}）")
    if day is not None and day > today:
        errors.add("on", f"“公布日期”不能晚于今天（{today:%Y-%m-%d}）")
    errors.raise_if_any()
    decision.text, decision.status, decision.published_on = body, S.PUBLISHED, day
    decision.save(update_fields=["text", "status", "published_on"])
    audit.record(congress, actor, "publish_decision", decision, object_repr=decision.number_text or decision.title,
                 before={"status": S.PASSED}, after={"status": S.PUBLISHED, "published_on": str(day)})
    return decision


def default_due(congress: Congress, decision: Decision) -> datetime.date:
    start = decision.decided_on or timezone.localdate()
    return rules.add_months(start, rules.get(congress, "decisions.report_months"))


@action("track_decision_implementation")
def track_implementation(congress: Congress, decision: Decision, *, actor, unit: Any, owner: str,
                         due_on: Any = None, measures: str = "") -> RectificationItem:
    """The implementation report (执行情况报告) the responsible body owes: a rectification item (its
    due date — by default rule decisions.report_months after passing —, unit and owner; reminders,
    progress and acceptance are the rectification list's), linked to the decision."""
    decision = _locked(congress, decision)
    refuse_unpassed(decision)
    errors = Errors()
    who = text({"owner": owner}, errors, "owner", "责任人", required=True, max_length=100)
    how = text({"measures": measures}, errors, "measures", "工作要求", max_length=4000, multiline=True)
    due = date({"due_on": due_on}, errors, "due_on", "报告期限") if due_on not in (None, "") \
        else default_due(congress, decision)
    body_org = _organisation(congress, unit)
    if unit in (None, ""):
        errors.add("unit", "“责任单位”必须填写")
    elif body_org is None:
        errors.add("unit", "“责任单位”不是本级的单位")
    if due is not None and decision.decided_on and due < decision.decided_on:
        errors.add("due_on", f"“报告期限”不能早于通过日期（{decision.decided_on:%Y-%m-%d}）")
    errors.raise_if_any()
    assert due is not None
    entry = {"problem": f"报告《{decision.title}》（{decision.number_text}）的执行情况"[:1000],
             "goal": "向常委会书面报告执行情况", "measures": how, "owner": who, "due_on": due.isoformat(),
             "unit": body_org}
    cleaned = rectification.check_entries(congress, [entry], errors, field="implementation")
    errors.raise_if_any()
    item = rectification.make_items(congress, actor=actor, source=IMPLEMENTATION_SOURCE, cleaned=cleaned,
                                    decision=decision)[0]
    audit.record(congress, actor, "track_decision_implementation", decision, object_repr=decision.title,
                 after={"rectification_item": item.pk, "unit": item.unit.name if item.unit else "",
                        "due_on": str(item.due_on), "owner": item.owner})
    return item
