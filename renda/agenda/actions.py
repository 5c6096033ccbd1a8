"""Writes of the agenda chain, one function per use case.

propose → (directors' meeting) decide → (directors' meeting) fix the session's draft agenda and
schedule → (session) adopt by vote, which writes the session's agenda items and publishes each
item's documents to the members → record each item's outcome."""

from __future__ import annotations

import datetime
import os
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from renda.agenda.models import DraftAgenda, DraftEntry, ItemDocument, ProposedItem
from renda.agenda.workflows import ITEM_WORKFLOW
from renda.core import audit, rules, uploads
from renda.core.errors import ValidationError
from renda.core.models import Congress
from renda.core.permissions import roles_of
from renda.core.usecase import action, ensure_own
from renda.meetings import actions as meeting_actions
from renda.meetings.models import AgendaItem, Document, Meeting, RosterEntry
from renda.people.models import Organisation, Person
from renda.people.validation import Errors, id_or_none, moment, text
from renda.voting.models import Vote

S = ProposedItem.Status
P = ProposedItem.Proposer
MAX_DOCUMENTS = 20
# The organisation kinds each proposer may be (an empty tuple: no organisation is named).
PROPOSER_ORGS: dict[str, tuple[str, ...]] = {
    P.GOVERNMENT: ("handling_unit",),
    P.COMMITTEE: ("working_committee", "special_committee"),
    P.DIRECTORS: (),
    P.SUPERVISORY: ("handling_unit",),
    P.COURT: ("handling_unit",),
    P.PROCURATORATE: ("handling_unit",),
    P.MEMBERS: (),
}


def _lock(congress: Congress, item: ProposedItem) -> ProposedItem:
    ensure_own(congress, item, "提请事项")
    return ProposedItem.objects.in_congress(congress).select_for_update().get(pk=item.pk)


def _move(congress: Congress, item: ProposedItem, target: str, actor, name: str) -> None:
    ITEM_WORKFLOW.check(item.status, target, roles_of(actor, congress), congress, action=name)
    item.status = target


def _organisation(congress: Congress, value: Any) -> Organisation | None:
    if isinstance(value, Organisation):
        return value if value.congress_id == congress.pk else None
    pk = id_or_none(value)
    return Organisation.objects.in_congress(congress).filter(pk=pk).first() if pk else None


def _person(value: Any) -> Person | None:
    if isinstance(value, Person):
        return value
    pk = id_or_none(value)
    return Person.objects.filter(pk=pk).first() if pk else None


def sc_members(congress: Congress, on: datetime.date | None = None):
    """The persons serving on the standing committee (its organisation's memberships) on ``on``."""
    from django.db.models import Q

    from renda.people.models import Membership

    on = on or timezone.localdate()
    memberships = Membership.objects.in_congress(congress).filter(
        organisation__kind=Organisation.Kind.STANDING_COMMITTEE, start__lte=on).filter(Q(end=None) | Q(end__gte=on))
    return Person.objects.filter(pk__in=memberships.values("person_id"))


def check_documents(documents: Any, errors: Errors, field: str = "documents") -> list[tuple[str, Any]]:
    """Each document a (title, file) pair or a file (titled by its name); each checked as a meeting document."""
    if documents in (None, ""):
        return []
    if not isinstance(documents, (list, tuple)):
        errors.add(field, "“文件”须为文件列表")
        return []
    if len(documents) > MAX_DOCUMENTS:
        errors.add(field, f"“文件”每次最多 {MAX_DOCUMENTS} 个")
        return []
    cleaned = []
    for n, document in enumerate(documents, start=1):
        title, file = document if isinstance(document, (list, tuple)) else ("", document)
        if file is None:
            errors.add(field, f"第{n}个文件没有上传")
            continue
        title = (title or os.path.splitext(os.path.basename(getattr(file, "name", "") or ""))[0] or f"文件{n}").strip()
        if len(title) > 200:
            errors.add(field, f"第{n}个文件的标题不能超过 200 字")
        uploads.check(file, "meeting_document", errors, field)
        cleaned.append((title[:200], file))
    return cleaned


@action("propose_agenda_item")
def propose_item(congress: Congress, *, actor, title: str, kind: str, proposer_kind: str, presenter: str,
                 proposer: Organisation | int | None = None, members: list | None = None, summary: str = "",
                 documents: list | None = None) -> ProposedItem:
    """Register an item proposed to the standing committee (提请事项) by a body entitled to propose, or by
    at least ``sc.motion_min_members`` members jointly (组织法第五十二条), with its documents."""
    errors = Errors()
    data = {"title": title, "presenter": presenter, "summary": summary}
    title = text(data, errors, "title", "议题", required=True, max_length=200)
    presenter = text(data, errors, "presenter", "汇报或说明人", required=True, max_length=100)
    summary = text(data, errors, "summary", "内容摘要", max_length=4000, multiline=True)
    if kind not in AgendaItem.Kind.values:
        errors.add("kind", "“类别”须为：" + "、".join(AgendaItem.Kind.labels))
    organisation, people = None, []
    if proposer_kind not in P.values:
        errors.add("proposer_kind", "“提请主体”须为：" + "、".join(P.labels))
    elif proposer_kind == P.MEMBERS:
        minimum = rules.get(congress, "sc.motion_min_members")
        serving = set(sc_members(congress).values_list("pk", flat=True))
        seen = set()
        for value in members or []:
            person = _person(value)
            if person is None or person.pk not in serving:
                errors.add("members", f"“联名组成人员”中有人不是本级常委会组成人员：{getattr(person, 'name', value)}")
            elif person.pk not in seen:
                seen.add(person.pk)
                people.append(person)
        if len(people) < minimum:
            errors.add("members", f"“联名组成人员”须有 {minimum} 人以上（组织法第五十二条），现为 {len(people)} 人")
    elif PROPOSER_ORGS[proposer_kind]:
        organisation = _organisation(congress, proposer)
        if organisation is None:
            errors.add("proposer", "“提请机关”必须选择，且须为本级的机关" if proposer in (None, "")
                       else "“提请机关”不是本级的机关")
    cleaned = check_documents(documents, errors)
    errors.raise_if_any()
    item = ProposedItem.objects.create(congress=congress, title=title, kind=kind, proposer_kind=proposer_kind,
                                       proposer=organisation, presenter=presenter, summary=summary,
                                       created_by=actor)
    if people:
        item.members.set(people)
    for doc_title, file in cleaned:
        ItemDocument.objects.create(congress=congress, item=item, title=doc_title, file=file)
    audit.record(congress, actor, "propose_agenda_item", item, object_repr=title,
                 after={"kind": kind, "proposer_kind": proposer_kind, "proposer": organisation.name if organisation else "",
                        "members": [p.name for p in people], "presenter": presenter,
                        "documents": [t for t, _ in cleaned]})
    return item


@action("add_agenda_document")
def add_document(congress: Congress, item: ProposedItem, *, actor, file, title: str = "") -> ItemDocument:
    """A further document for an item not yet on a session's agenda (nor declined)."""
    item = _lock(congress, item)
    if item.status in (S.ADOPTED, S.DECLINED):
        raise ValidationError({"file": f"“{item.title}”现为{item.get_status_display()}，不能再补充文件"})
    errors = Errors()
    if file is None:
        raise ValidationError({"file": "“文件”必须上传"})
    [(title, file)] = check_documents([(title or "", file)], errors, "file")
    errors.raise_if_any()
    document = ItemDocument.objects.create(congress=congress, item=item, title=title, file=file)
    audit.record(congress, actor, "add_agenda_document", document, object_repr=f"{item.title}：{title}",
                 after={"title": title})
    return document


def _directors_meeting(congress: Congress, meeting: Any, errors: Errors, field: str = "directors_meeting",
                       by: datetime.datetime | None = None) -> Meeting | None:
    if not isinstance(meeting, Meeting):
        pk = id_or_none(meeting)
        meeting = Meeting.objects.in_congress(congress).filter(pk=pk).first() if pk else None
    if meeting is None or meeting.congress_id != congress.pk:
        errors.add(field, "“主任会议”必须选择，且须为本级的会议")
        return None
    if meeting.kind != Meeting.Kind.DIRECTORS:
        errors.add(field, f"“主任会议”须为主任会议，“{meeting.title}”不是")
        return None
    if by is not None and meeting.starts_at > by:
        errors.add(field, f"“主任会议”（{meeting.starts_at:%Y-%m-%d %H:%M}）尚未举行，不能在会前作出决定")
        return None
    return meeting


@action("decide_agenda_item")
def decide_item(congress: Congress, item: ProposedItem, *, actor, directors_meeting: Meeting | int | None,
                submit: bool, reason: str = "") -> ProposedItem:
    """The directors' meeting, held on or before now, decides to submit the item to the session
    (提请常委会审议) or not, with its reason."""
    item = _lock(congress, item)
    now = timezone.now()
    _move(congress, item, S.SUBMITTED if submit else S.DECLINED, actor, "decide_agenda_item")
    errors = Errors()
    meeting = _directors_meeting(congress, directors_meeting, errors, by=now)
    reason = text({"reason": reason}, errors, "reason", "不提请审议的理由", required=not submit, max_length=1000,
                  multiline=True)
    errors.raise_if_any()
    item.directors_meeting, item.decided_at = meeting, now
    item.decision_reason = "" if submit else reason
    item.save(update_fields=["status", "directors_meeting", "decided_at", "decision_reason"])
    audit.record(congress, actor, "decide_agenda_item", item, object_repr=item.title,
                 after={"status": item.status, "directors_meeting": meeting.title if meeting else "",
                        "reason": item.decision_reason})
    return item


def _session(congress: Congress, session: Any, errors: Errors) -> Meeting | None:
    if not isinstance(session, Meeting):
        pk = id_or_none(session)
        session = Meeting.objects.in_congress(congress).filter(pk=pk).first() if pk else None
    if session is None or session.congress_id != congress.pk:
        errors.add("session", "“常委会会议”必须选择，且须为本级的会议")
        return None
    if session.kind != Meeting.Kind.SC_SESSION:
        errors.add("session", f"“常委会会议”须为常务委员会会议，“{session.title}”不是")
        return None
    if session.status == Meeting.Status.CLOSED:
        errors.add("session", f"“{session.title}”已闭会")
        return None
    return session


@action("fix_draft_agenda")
def fix_draft_agenda(congress: Congress, session_or_id: Meeting | int, *, actor,
                     directors_meeting: Meeting | int | None, entries: list[dict]) -> DraftAgenda:
    """The directors' meeting fixes (or, before adoption, re-fixes) the session's draft agenda and
    schedule: the submitted items in their order, each with its schedule time and presenter. The
    session must start after the directors' meeting. Items left off a re-fixed draft go back to
    “决定提请常委会审议”."""
    errors = Errors()
    session = _session(congress, session_or_id, errors)
    meeting = _directors_meeting(congress, directors_meeting, errors)
    if session is not None and meeting is not None and session.starts_at <= meeting.starts_at:
        errors.add("directors_meeting", f"常委会会议（{session.starts_at:%Y-%m-%d %H:%M}）须在主任会议"
                                        f"（{meeting.starts_at:%Y-%m-%d %H:%M}）之后举行")
    draft = None
    if session is not None:
        draft = DraftAgenda.objects.in_congress(congress).select_for_update().filter(session=session).first()
        if draft is not None and draft.status == DraftAgenda.Status.ADOPTED:
            raise ValidationError({"session": f"“{session.title}”的议程已经会议表决通过，不能再修改"})
    on_this = set(DraftEntry.objects.in_congress(congress).filter(draft=draft).values_list("item_id", flat=True)) \
        if draft is not None else set()
    if not isinstance(entries, list) or not entries:
        errors.add("entries", "“议程”至少要列入一项决定提请审议的事项")
        entries = []
    cleaned: list[dict] = []
    seen: set[int] = set()
    for n, entry in enumerate(entries, start=1):
        what = f"第{n}项议程"
        if not isinstance(entry, dict):
            errors.add("entries", f"{what}须写明事项、日程时间和汇报人")
            continue
        value = entry.get("item")
        pk = value.pk if isinstance(value, ProposedItem) and value.congress_id == congress.pk else id_or_none(value)
        item = ProposedItem.objects.in_congress(congress).select_for_update().filter(pk=pk).first() if pk else None
        if item is None:
            errors.add("entries", f"{what}的事项不存在或不属于本级")
            continue
        if item.pk in seen:
            errors.add("entries", f"{what}“{item.title}”重复列入")
            continue
        seen.add(item.pk)
        if not (item.status == S.SUBMITTED or (item.status == S.SCHEDULED and item.pk in on_this)):
            errors.add("entries", f"{what}“{item.title}”现为{item.get_status_display()}，只有主任会议决定提请"
                                  f"常委会审议的事项才能列入议程草案")
        at = None
        if isinstance(entry.get("scheduled_at"), datetime.datetime) and timezone.is_aware(entry["scheduled_at"]):
            at = entry["scheduled_at"]
        elif entry.get("scheduled_at") not in (None, ""):
            at = moment(_when(entry.get("scheduled_at")), errors, "entries", f"{what}的日程时间")
        if at is not None:
            if session is not None and at < session.starts_at:
                errors.add("entries", f"{what}的日程时间不能早于会议开始时间（{session.starts_at:%Y-%m-%d %H:%M}）")
        given = entry.get("presenter")
        presenter = text({"entries": given if given not in (None, "") else item.presenter}, errors, "entries",
                         f"{what}的汇报人", required=True, max_length=100)
        cleaned.append({"item": item, "scheduled_at": at, "presenter": presenter})
    errors.raise_if_any()
    assert session is not None and meeting is not None
    roles = roles_of(actor, congress)
    now = timezone.now()
    if draft is None:
        draft = DraftAgenda.objects.create(congress=congress, session=session, directors_meeting=meeting, fixed_at=now)
    else:
        draft.directors_meeting, draft.fixed_at = meeting, now
        draft.save(update_fields=["directors_meeting", "fixed_at"])
        DraftEntry.objects.in_congress(congress).filter(draft=draft).delete()
    kept = {e["item"].pk for e in cleaned}
    for item in ProposedItem.objects.in_congress(congress).filter(pk__in=on_this - kept):
        ITEM_WORKFLOW.check(item.status, S.SUBMITTED, roles, congress, action="fix_draft_agenda")
        item.status = S.SUBMITTED
        item.save(update_fields=["status"])
    for order, entry in enumerate(cleaned, start=1):
        item = entry["item"]
        if item.status != S.SCHEDULED:
            ITEM_WORKFLOW.check(item.status, S.SCHEDULED, roles, congress, action="fix_draft_agenda")
            item.status = S.SCHEDULED
            item.save(update_fields=["status"])
        DraftEntry.objects.create(congress=congress, draft=draft, item=item, order=order,
                                  scheduled_at=entry["scheduled_at"], presenter=entry["presenter"])
    audit.record(congress, actor, "fix_draft_agenda", draft, object_repr=str(draft),
                 after={"directors_meeting": meeting.title,
                        "entries": [{"order": n, "title": e["item"].title, "presenter": e["presenter"],
                                     "scheduled_at": str(e["scheduled_at"] or "")} for n, e in enumerate(cleaned, 1)]})
    return draft


def _when(value: Any) -> Any:
    """A date and time typed as text (2024-01-05T09:00 or 2024-01-05 09:00), or the value as it came."""
    if isinstance(value, str):
        try:
            return parse_datetime(value.strip()) or value
        except ValueError:
            return value
    return value


AGENDA_VOTE_TITLE = "关于会议议程（草案）的表决"


def quorum(congress: Congress, session: Meeting) -> tuple[int, int, bool]:
    """(present, all members, quorum met) from the session's roster of voting members."""
    roster = RosterEntry.objects.in_congress(congress).filter(meeting=session, voting=True)
    total = roster.count()
    present = roster.filter(attendance=RosterEntry.Attendance.PRESENT).count()
    return present, total, rules.sc_quorum_met(congress, present, total)


@action("adopt_agenda")
def adopt_agenda(congress: Congress, draft: DraftAgenda, *, actor, vote: Vote | None) -> DraftAgenda:
    """The session adopts its draft agenda by an announced roll-call vote that passed (more than half of
    ALL members), with more than half of all members present. Writes the session's agenda items in
    the draft's order with their schedule and presenter, and publishes each item's documents to the
    members. Refused as a whole — nothing written — when any condition fails."""
    ensure_own(congress, draft, "议程草案")
    draft = DraftAgenda.objects.in_congress(congress).select_for_update().select_related("session").get(pk=draft.pk)
    session = draft.session
    if draft.status == DraftAgenda.Status.ADOPTED:
        raise ValidationError({"draft": f"“{session.title}”的议程已经表决通过"})
    if session.status == Meeting.Status.CLOSED:
        raise ValidationError({"draft": f"“{session.title}”已闭会"})
    errors = Errors()
    present, total, met = quorum(congress, session)
    if not met:
        errors.add("draft", f"出席会议的组成人员 {present} 人，未超过全体组成人员 {total} 人的半数，不能表决通过议程"
                            f"（组织法第五十一条）")
    if vote is None or vote.congress_id != congress.pk:
        errors.add("vote", "“表决”必须选择，且须为本级的表决")
    elif vote.meeting_id != session.pk:
        errors.add("vote", f"“{vote.title}”不是本次会议（{session.title}）的表决")
    elif vote.kind != Vote.Kind.ROLL_CALL:
        errors.add("vote", f"“{vote.title}”不是表决（赞成、反对、弃权）")
    elif vote.status != Vote.Status.ANNOUNCED:
        errors.add("vote", f"“{vote.title}”的结果尚未宣布（现为{vote.get_status_display()}）")
    else:
        result = vote.result or {}
        electorate = vote.electorate or total
        if not (result.get("passed") and rules.vote_passes(congress, session.kind, result.get("yes", 0), electorate)):
            errors.add("vote", f"“{vote.title}”未获通过：赞成 {result.get('yes', 0)} 票，"
                               f"未超过全体组成人员 {electorate} 人的半数")
    entries = list(DraftEntry.objects.in_congress(congress).filter(draft=draft).select_related("item")
                   .order_by("order", "id"))
    if not entries:
        errors.add("draft", "议程草案没有列入任何事项")
    errors.raise_if_any()
    roles = roles_of(actor, congress)
    last = AgendaItem.objects.in_congress(congress).filter(meeting=session).aggregate(n=Max("order"))["n"] or 0
    now = timezone.now()
    for n, entry in enumerate(entries, start=1):
        item = ProposedItem.objects.in_congress(congress).select_for_update().get(pk=entry.item_id)
        ITEM_WORKFLOW.check(item.status, S.ADOPTED, roles, congress, action="adopt_agenda")
        agenda_item = AgendaItem.objects.create(congress=congress, meeting=session, order=last + n, kind=item.kind,
                                                title=item.title, scheduled_at=entry.scheduled_at,
                                                presenter=entry.presenter or item.presenter)
        item.status, item.agenda_item = S.ADOPTED, agenda_item
        item.save(update_fields=["status", "agenda_item"])
        for document in ItemDocument.objects.in_congress(congress).filter(item=item).order_by("id"):
            with document.file.open("rb") as f:
                data = f.read()
            upload = SimpleUploadedFile(os.path.basename(document.file.name), data)
            meeting_actions.publish_document(congress, session, actor=actor, title=document.title, file=upload,
                                             audience=Document.Audience.MEMBERS, release_at=now,
                                             agenda_item=agenda_item)
    draft.status, draft.adopted_at, draft.vote = DraftAgenda.Status.ADOPTED, now, vote
    draft.save(update_fields=["status", "adopted_at", "vote"])
    assert vote is not None
    audit.record(congress, actor, "adopt_agenda", draft, object_repr=str(draft),
                 after={"vote": vote.title, "yes": (vote.result or {}).get("yes"), "present": present, "total": total,
                        "items": [e.item.title for e in entries]})
    return draft


@action("record_agenda_outcome")
def record_outcome(congress: Congress, agenda_item: AgendaItem, *, actor, outcome: str,
                   vote: Vote | None = None) -> AgendaItem:
    """What the session decided on an agenda item (表决通过、审议、不予通过…), naming the deciding vote —
    an announced vote on this item — where there is one."""
    ensure_own(congress, agenda_item, "议程")
    agenda_item = AgendaItem.objects.in_congress(congress).select_for_update().select_related("meeting").get(pk=agenda_item.pk)
    errors = Errors()
    outcome = text({"outcome": outcome}, errors, "outcome", "审议结果", required=True, max_length=120)
    # After the close the record stands: an outcome not yet written may still be (a decision taken
    # on the session's announced votes), one written may not be rewritten.
    if agenda_item.meeting.status == Meeting.Status.CLOSED and agenda_item.outcome:
        errors.add("outcome", f"{agenda_item.meeting.title}已闭会，已记录的审议结果“{agenda_item.outcome}”不能再改")
    if vote is not None:
        if vote.congress_id != congress.pk or vote.agenda_item_id != agenda_item.pk:
            errors.add("vote", "“表决”须为对本项议程的表决")
        elif vote.status != Vote.Status.ANNOUNCED:
            errors.add("vote", f"“{vote.title}”的结果尚未宣布")
    errors.raise_if_any()
    if vote is not None:
        verdict = "通过" if (vote.result or {}).get("passed") else "未通过"
        outcome = f"{outcome}（{vote.title}：{verdict}）"[:200]
    before = agenda_item.outcome
    agenda_item.outcome = outcome
    agenda_item.save(update_fields=["outcome"])
    audit.record(congress, actor, "record_agenda_outcome", agenda_item, object_repr=agenda_item.title,
                 before={"outcome": before}, after={"outcome": outcome, "vote": vote.title if vote else ""})
    return agenda_item
