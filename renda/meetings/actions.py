"""Writes for meetings: convening, roster, leave, sign-in, agenda and documents."""

from __future__ import annotations

import hashlib
import hmac
import logging
import time

from django.db.models import Max, Q
from django.utils import timezone

from renda.core import audit, rules, uploads
from renda.core.errors import NotPermitted, ValidationError
from renda.core.models import Congress, Term
from renda.core.permissions import OFFICE, STAFF, roles_of
from renda.core.rules import MEETING_FIRST_YEAR, MEETING_YEARS_AHEAD, year_window
from renda.core.usecase import action, ensure_own
from renda.meetings import sign_in_limits
from renda.meetings.models import AgendaItem, Document, LeaveRequest, Meeting, RosterEntry, Speech
from renda.meetings.workflows import MEETING_WORKFLOW
from renda.people.actions import person_in_congress
from renda.people.models import Mandate, Membership, Organisation, Person
from renda.people.validation import Errors, moment, text

BODY_KINDS = {
    Meeting.Kind.SC_SESSION: Organisation.Kind.STANDING_COMMITTEE,
    Meeting.Kind.DIRECTORS: Organisation.Kind.DIRECTORS_MEETING,
    Meeting.Kind.PRESIDIUM: Organisation.Kind.PRESIDIUM,
    Meeting.Kind.DELEGATION: Organisation.Kind.DELEGATION,
    Meeting.Kind.PARTY_GROUP: Organisation.Kind.PARTY_GROUP,
}
logger = logging.getLogger("renda.actions")
MAX_MEETING_NUMBER = 999  # no term holds more sittings of one kind
SIGN_IN_WINDOW = 60  # seconds a hall code stays valid (the current and the previous window are accepted)


def ensure_not_closed(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CLOSED:
        raise ValidationError({"meeting": f"{meeting.title}已闭会"})


@action("create_meeting")
def create_meeting(congress: Congress, *, actor, term: Term, kind: str, starts_at, place: str = "",
                   convener: str = "", chair: Person | None = None, organisation: Organisation | None = None,
                   allow_vote_change: bool = False, number: int | None = None) -> Meeting:
    """Convene a meeting; it is numbered within the term and its kind (第二十一次会议): the next number,
    or a given one past the last (a congress that starts with Renda mid-term goes on with its own count)."""
    errors = Errors()
    if term is None or term.congress_id != congress.pk:
        errors.add("term", f"“届次”须为{congress.name}的届次")
    if kind not in Meeting.Kind.values:
        errors.add("kind", f"“会议类别”无效：{kind}")
    if starts_at in (None, ""):
        errors.add("starts_at", "“开始时间”必须填写")
    else:
        starts_at = moment(starts_at, errors, "starts_at", "开始时间", year_window(MEETING_FIRST_YEAR, MEETING_YEARS_AHEAD))
    wanted = BODY_KINDS.get(Meeting.Kind(kind)) if kind in Meeting.Kind.values else None
    if wanted and (organisation is None or organisation.congress_id != congress.pk or organisation.kind != wanted):
        errors.add("organisation", f"{Meeting.Kind(kind).label}须指定本级的{wanted.label}")
    if chair is not None and not person_in_congress(congress, chair):
        errors.add("chair", "找不到该人员")
    place = text({"place": place}, errors, "place", "地点")
    errors.raise_if_any()
    # The number is the next in the term and kind; the unique constraint backs it up if two staff
    # convene at once (SQLite serialises writers; PostgreSQL would raise, and the action is retried).
    last = Meeting.objects.in_congress(congress).filter(term=term, kind=kind).aggregate(n=Max("number"))["n"] or 0
    if number is not None and not (isinstance(number, int) and last < number <= MAX_MEETING_NUMBER):
        raise ValidationError({"number": f"“次数”须大于本届已有的第 {last} 次，且不超过 {MAX_MEETING_NUMBER}"})
    meeting = Meeting.objects.create(
        congress=congress, term=term, kind=kind, number=number or last + 1, starts_at=starts_at, place=place,
        convener=convener, chair=chair, organisation=organisation if wanted else None,
        allow_vote_change=allow_vote_change,
    )
    audit.record(congress, actor, "create_meeting", meeting, object_repr=meeting.title,
                 after={"kind": kind, "number": meeting.number, "starts_at": str(starts_at), "place": place})
    return meeting


@action("update_meeting")
def update_meeting(congress: Congress, meeting: Meeting, *, actor, starts_at=None, place: str | None = None,
                   convener: str | None = None, chair: Person | None = None, clear_chair: bool = False) -> Meeting:
    """Change a meeting's time, place, convener or chair (主持人) before it closes. The chair presides,
    is named in the news draft and may decide leave; ``None`` leaves a field as it is."""
    ensure_own(congress, meeting)
    ensure_not_closed(meeting)
    errors = Errors()
    before = {"starts_at": str(meeting.starts_at), "place": meeting.place, "convener": meeting.convener,
              "chair": meeting.chair.name if meeting.chair else ""}
    if starts_at not in (None, ""):
        when = moment(starts_at, errors, "starts_at", "开始时间", year_window(MEETING_FIRST_YEAR, MEETING_YEARS_AHEAD))
        minute = lambda moment_: moment_.replace(second=0, microsecond=0)  # noqa: E731  # the form's precision
        if when is not None and minute(when) != minute(meeting.starts_at):
            if meeting.status != Meeting.Status.PLANNED:
                errors.add("starts_at", "会议已开始，不能再改开始时间")
            else:
                meeting.starts_at = when
    if place is not None:
        meeting.place = text({"place": place}, errors, "place", "地点")
    if convener is not None:
        meeting.convener = text({"convener": convener}, errors, "convener", "召集人")
    if chair is not None:
        if not person_in_congress(congress, chair):
            errors.add("chair", "“主持人”须为本级的人员")
        else:
            meeting.chair = chair
    elif clear_chair:
        meeting.chair = None
    errors.raise_if_any()
    meeting.save(update_fields=["starts_at", "place", "convener", "chair"])
    after = {"starts_at": str(meeting.starts_at), "place": meeting.place, "convener": meeting.convener,
             "chair": meeting.chair.name if meeting.chair else ""}
    audit.record(congress, actor, "update_meeting", meeting, object_repr=meeting.title,
                 before={k: v for k, v in before.items() if after[k] != v},
                 after={k: v for k, v in after.items() if before[k] != v})
    return meeting


def expected_members(meeting: Meeting) -> list[Person]:
    """Voting members on the meeting's date, from the memberships and mandates of that day."""
    day = timezone.localdate(meeting.starts_at)
    congress = meeting.congress
    if meeting.is_plenary:
        mandates = Mandate.objects.in_congress(congress).filter(term=meeting.term, elected_on__lte=day).filter(
            Q(status=Mandate.Status.SERVING) | Q(ended_on__gt=day))
        return [m.person for m in mandates.select_related("person").order_by("id")]
    if meeting.kind == Meeting.Kind.DELEGATION:
        mandates = Mandate.objects.in_congress(congress).filter(delegation=meeting.organisation, status=Mandate.Status.SERVING)
        return [m.person for m in mandates.select_related("person").order_by("id")]
    if meeting.organisation_id:
        members = Membership.objects.in_congress(congress).filter(
            organisation=meeting.organisation, start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day))
        seen: dict[int, Person] = {}
        for ms in members.select_related("person").order_by("id"):
            seen.setdefault(ms.person_id, ms.person)
        return list(seen.values())
    return []


@action("build_roster")
def build_roster(congress: Congress, meeting: Meeting, *, actor) -> int:
    """Draw the voting members from the organisation's memberships (or the serving deputies, for a
    plenary) on the meeting date. Running it again adds newcomers and keeps sign-ins."""
    ensure_own(congress, meeting)
    ensure_not_closed(meeting)
    have = set(RosterEntry.objects.in_congress(congress).filter(meeting=meeting).values_list("person_id", flat=True))
    new = [RosterEntry(congress=congress, meeting=meeting, person=p, voting=True)
           for p in expected_members(meeting) if p.pk not in have]
    RosterEntry.objects.bulk_create(new, batch_size=1000)
    audit.record(congress, actor, "build_roster", meeting, object_repr=meeting.title, after={"added": len(new)})
    return len(new)


@action("add_attendee")
def add_attendee(congress: Congress, meeting: Meeting, *, actor, person: Person | None = None, name: str = "",
                 post: str = "", other_person: bool = False) -> RosterEntry:
    """Add a non-voting attendee (列席). Someone of this congress (a deputy, a committee member) is
    linked as the person they are; someone outside its register (e.g. 市人民政府副市长) is entered by
    name and post. A typed name that is a person of this congress is refused unless the office says
    it is a namesake (``other_person``), so nobody gets a second record by being typed in; a typed
    name that attended an earlier meeting of this congress is that same person again, so their
    attendance adds up on one record (``other_person`` makes a new one for a namesake)."""
    from renda.core.picker import PERSON, resolve, search

    ensure_own(congress, meeting)
    ensure_not_closed(meeting)
    picked = person is not None
    errors = Errors()
    post = text({"post": post}, errors, "post", "列席身份", required=True, max_length=60)
    if person is None:
        name = text({"name": name}, errors, "name", "姓名", required=True, max_length=50)
    elif not resolve(congress, [f"@{person.pk}"], PERSON)[0]:
        errors.add("person", "找不到该人员")
    errors.raise_if_any()
    if person is None:
        namesakes = [m for m in search(congress, name, PERSON, limit=50) if m.person.name == name]
        if namesakes and not other_person:
            raise ValidationError({"name": f"“{name}”是本级名册中的人员，请在“本级人员”中选择；"
                                           "如是同名的另一人，请勾选“与本级同名人员不是同一人”"})
        earlier = None if other_person else RosterEntry.objects.in_congress(congress).filter(
            voting=False, person__name=name).order_by("-id").first()
        person = earlier.person if earlier else Person.objects.create(name=name, sex="")
    entry, created = RosterEntry.objects.get_or_create(
        congress=congress, meeting=meeting, person=person, defaults={"voting": False, "post": post})
    if not created:
        raise ValidationError({"person" if picked else "name": f"{person.name}已在会议名单中"})
    audit.record(congress, actor, "add_attendee", entry, object_repr=f"{person.name}（{post}）",
                 after={"person": person.name, "post": post})
    return entry


def _move_meeting(congress, meeting, actor, target, action_name, **extra):
    ensure_own(congress, meeting)
    MEETING_WORKFLOW.check(meeting.status, target, roles_of(actor, congress), congress, action=action_name)
    before = meeting.status
    meeting.status = target
    meeting.save(update_fields=["status"])
    audit.record(congress, actor, action_name, meeting, object_repr=meeting.title,
                 before={"status": before}, after={"status": target, **extra})


@action("open_meeting")
def open_meeting(congress: Congress, meeting: Meeting, *, actor) -> Meeting:
    """Open the meeting: sign-in by code starts to work."""
    _move_meeting(congress, meeting, actor, Meeting.Status.OPEN, "open_meeting")
    return meeting


@action("close_meeting")
def close_meeting(congress: Congress, meeting: Meeting, *, actor) -> Meeting:
    """Close the meeting: whoever has neither signed in nor been granted leave is recorded absent."""
    from renda.voting.models import Vote

    ensure_own(congress, meeting)
    MEETING_WORKFLOW.check(meeting.status, Meeting.Status.CLOSED, roles_of(actor, congress), congress,
                           action="close_meeting")
    if Vote.objects.in_congress(congress).filter(meeting=meeting, status=Vote.Status.OPEN).exists():
        raise ValidationError({"status": "还有正在进行的表决，请先结束表决"})
    absent = RosterEntry.objects.in_congress(congress).filter(meeting=meeting, attendance=RosterEntry.Attendance.EXPECTED)
    marked = absent.update(attendance=RosterEntry.Attendance.ABSENT)
    _move_meeting(congress, meeting, actor, Meeting.Status.CLOSED, "close_meeting", absent=marked)
    return meeting


def _person_of(actor) -> Person | None:
    return getattr(actor, "person", None)


@action("request_leave")
def request_leave(congress: Congress, meeting: Meeting, *, actor, reason: str, person: Person | None = None) -> LeaveRequest:
    """A member asks for leave before the meeting (staff may file it on their behalf)."""
    ensure_own(congress, meeting)
    ensure_not_closed(meeting)
    roles = roles_of(actor, congress)
    if person is None or not roles & OFFICE:
        person = _person_of(actor)
    entry = RosterEntry.objects.in_congress(congress).filter(meeting=meeting, person=person, voting=True).first()
    if person is None or entry is None:
        raise ValidationError({"person": "只有本次会议的组成人员可以请假"})
    errors = Errors()
    reason = text({"reason": reason}, errors, "reason", "请假理由", required=True, max_length=200)
    errors.raise_if_any()
    if LeaveRequest.objects.in_congress(congress).filter(meeting=meeting, person=person,
                                                         status=LeaveRequest.Status.PENDING).exists():
        raise ValidationError({"reason": "已有待批准的请假"})
    leave = LeaveRequest.objects.create(congress=congress, meeting=meeting, person=person, reason=reason)
    audit.record(congress, actor, "request_leave", leave, object_repr=f"{person.name}请假", after={"reason": reason})
    return leave


@action("decide_leave")
def decide_leave(congress: Congress, leave: LeaveRequest, *, actor, approve: bool, note: str = "") -> LeaveRequest:
    """Staff, or the meeting's chair, approve or refuse a leave request."""
    ensure_own(congress, leave)
    roles = roles_of(actor, congress)
    if not roles & OFFICE and _person_of(actor) != leave.meeting.chair:
        raise NotPermitted("只有工作人员或会议主持人可以批准请假")
    if leave.status != LeaveRequest.Status.PENDING:
        raise ValidationError({"status": f"该请假已{leave.get_status_display()}"})
    leave.status = LeaveRequest.Status.APPROVED if approve else LeaveRequest.Status.REFUSED
    leave.decided_by, leave.decided_at, leave.note = actor, timezone.now(), (note or "")[:200]
    leave.save(update_fields=["status", "decided_by", "decided_at", "note"])
    if approve:
        RosterEntry.objects.in_congress(congress).filter(
            meeting=leave.meeting, person=leave.person, attendance=RosterEntry.Attendance.EXPECTED
        ).update(attendance=RosterEntry.Attendance.LEAVE)
    audit.record(congress, actor, "decide_leave", leave, object_repr=f"{leave.person.name}请假",
                 after={"status": leave.status, "note": leave.note})
    return leave


def _sign_in(congress, meeting, person, method) -> RosterEntry:
    ensure_not_closed(meeting)
    entry = RosterEntry.objects.in_congress(congress).filter(meeting=meeting, person=person).first()
    if entry is None:
        raise ValidationError({"person": f"{person.name}不在本次会议名单中"})
    if entry.attendance != RosterEntry.Attendance.PRESENT:
        entry.attendance = RosterEntry.Attendance.PRESENT
        entry.signed_in_at = timezone.now()
        entry.sign_in_method = method
        entry.save(update_fields=["attendance", "signed_in_at", "sign_in_method"])
    return entry


@action("sign_in_at_desk")
def sign_in_at_desk(congress: Congress, meeting: Meeting, *, actor, person: Person) -> RosterEntry:
    """Staff at the desk sign a member in (search by name, one tap). Signing in twice is harmless."""
    ensure_own(congress, meeting)
    if not RosterEntry.objects.in_congress(congress).filter(meeting=meeting, person=person).exists() \
            and not person_in_congress(congress, person):
        raise ValidationError({"person": "找不到该人员"})  # another congress's person: as if unknown
    entry = _sign_in(congress, meeting, person, RosterEntry.Method.DESK)
    audit.record(congress, actor, "sign_in_at_desk", entry, object_repr=person.name, after={"method": "desk"})
    return entry


def rotating_code(secret: str, at: float | None = None) -> str:
    """A six-digit code from a secret that changes every minute (a meeting's hall code, an
    activity's sign-in code)."""
    window = int((at or time.time()) // SIGN_IN_WINDOW)
    digest = hmac.new(secret.encode(), str(window).encode(), hashlib.sha256).hexdigest()
    return f"{int(digest[:12], 16) % 1_000_000:06d}"


def code_matches(secret: str, code: str, at: float | None = None) -> bool:
    """The code typed is the current one or the one of the minute before."""
    now = at or time.time()
    return (code or "").strip() in {rotating_code(secret, now), rotating_code(secret, now - SIGN_IN_WINDOW)}


def hall_code(meeting: Meeting, at: float | None = None) -> str:
    """The six-digit code shown in the hall; it changes every minute."""
    return rotating_code(meeting.sign_in_secret, at)


@action("sign_in_by_code")
def _sign_in_by_code(congress: Congress, meeting: Meeting, *, actor, code: str, address: str) -> RosterEntry | str:
    """The action behind ``sign_in_by_code``: the entry, or the refusal of a wrong code, returned (not
    raised) so that the wrong try, its audit row and a lock it causes are committed."""
    ensure_own(congress, meeting)
    if meeting.status != Meeting.Status.OPEN:
        raise ValidationError({"code": "会议尚未开始或已闭会，不能签到"})
    person = _person_of(actor)
    if person is None:
        raise ValidationError({"code": "您的账号没有关联人员信息"})
    attempt = sign_in_limits.take_try(congress, actor, address)
    if attempt.refused:  # even with the right code: a lock that a right guess could lift would not stop guessing
        raise ValidationError({"code": attempt.refused})
    now = time.time()
    if (code or "").strip() not in {hall_code(meeting, now), hall_code(meeting, now - SIGN_IN_WINDOW)}:
        after = {"result": f"签到码不正确（连续第 {attempt.tries} 次）", "address": address}
        locked = attempt.locked_by(congress)
        if locked:  # the alert: the desk page lists it, and the audit log keeps it
            minutes = rules.get(congress, "meeting.hall_code_lock_minutes")
            after.update(status=sign_in_limits.LOCKED, result=f"签到码连续输错，{locked}暂停手机签到 {minutes} 分钟")
        audit.record(congress, actor, "sign_in_by_code", meeting, object_repr=person.name, after=after)
        return "签到码不正确或已过期，请看会场屏幕上的最新签到码"
    sign_in_limits.right_code(congress, actor, address)
    entry = _sign_in(congress, meeting, person, RosterEntry.Method.PHONE)
    audit.record(congress, actor, "sign_in_by_code", entry, object_repr=person.name, after={"method": "phone"})
    return entry


def sign_in_by_code(congress: Congress, meeting: Meeting, *, actor, code: str, address: str = "") -> RosterEntry:
    """A member signs in on their phone with the code shown in the hall (sign_in_limits: wrong codes
    are counted per account and per network ``address``, and lock after a few)."""
    outcome = _sign_in_by_code(congress, meeting, actor=actor, code=code, address=address)
    if isinstance(outcome, str):
        logger.info("refused sign_in_by_code in %s by %s: %s", congress.code, actor, outcome)
        raise ValidationError({"code": outcome})
    return outcome


@action("import_sign_ins")
def import_sign_ins(congress: Congress, meeting: Meeting, *, actor, rows: list[dict]) -> int:
    """Sign in from an electronic device's CSV export (代表证号 or 姓名 per row); all rows or none."""
    ensure_own(congress, meeting)
    ensure_not_closed(meeting)
    roster = RosterEntry.objects.in_congress(congress).filter(meeting=meeting).select_related("person")
    by_name: dict[str, list[RosterEntry]] = {}
    for entry in roster:
        by_name.setdefault(entry.person.name, []).append(entry)
    numbers = dict(Mandate.objects.in_congress(congress).filter(term=meeting.term).values_list("number", "person_id"))
    by_person = {e.person_id: e for e in roster}
    errors, chosen = [], []
    for n, row in enumerate(rows, start=2):
        number, name = str(row.get("代表证号", "")).strip(), str(row.get("姓名", "")).strip()
        entry = by_person.get(numbers.get(number)) if number else None
        if entry is None and name:
            matches = by_name.get(name, [])
            entry = matches[0] if len(matches) == 1 else None
            if len(matches) > 1:
                errors.append(f"第 {n} 行：姓名“{name}”有重名，请用代表证号")
                continue
        if entry is None:
            errors.append(f"第 {n} 行：“{number or name}”不在会议名单中")
            continue
        chosen.append(entry)
    if errors:
        raise ValidationError({"file": errors})
    now = timezone.now()
    for entry in chosen:
        if entry.attendance != RosterEntry.Attendance.PRESENT:
            entry.attendance, entry.signed_in_at, entry.sign_in_method = "present", now, RosterEntry.Method.DEVICE
            entry.save(update_fields=["attendance", "signed_in_at", "sign_in_method"])
    audit.record(congress, actor, "import_sign_ins", meeting, object_repr=meeting.title, after={"rows": len(chosen)})
    return len(chosen)


@action("add_agenda_item")
def add_agenda_item(congress: Congress, meeting: Meeting, *, actor, kind: str, title: str) -> AgendaItem:
    """Add an item to the agenda, after the last one."""
    ensure_own(congress, meeting)
    ensure_not_closed(meeting)
    errors = Errors()
    if kind not in AgendaItem.Kind.values:
        errors.add("kind", f"“类别”无效：{kind}")
    title = text({"title": title}, errors, "title", "议题", required=True, max_length=200)
    errors.raise_if_any()
    last = AgendaItem.objects.in_congress(congress).filter(meeting=meeting).aggregate(n=Max("order"))["n"] or 0
    item = AgendaItem.objects.create(congress=congress, meeting=meeting, order=last + 1, kind=kind, title=title)
    audit.record(congress, actor, "add_agenda_item", item, after={"order": item.order, "title": title})
    return item


@action("publish_document")
def publish_document(congress: Congress, meeting: Meeting, *, actor, title: str, file, audience: str, release_at,
                     agenda_item: AgendaItem | None = None) -> Document:
    """Lodge a document with its audience and release time (before it, no reader can fetch it)."""
    ensure_own(congress, meeting)
    errors = Errors()
    title = text({"title": title}, errors, "title", "标题", required=True, max_length=200)
    if audience not in Document.Audience.values:
        errors.add("audience", f"“阅读范围”无效：{audience}")
    if release_at in (None, ""):
        errors.add("release_at", "“发布时间”必须填写")
    else:
        release_at = moment(release_at, errors, "release_at", "发布时间")
    if file is None:
        errors.add("file", "“文件”必须上传")
    else:  # its kind by content and its size (core.uploads, purpose meeting_document); stored as what it is
        uploads.check(file, "meeting_document", errors, "file")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        errors.add("agenda_item", "议程不属于本次会议")
    errors.raise_if_any()
    document = Document.objects.create(congress=congress, meeting=meeting, agenda_item=agenda_item, title=title,
                                       file=file, audience=audience, release_at=release_at)
    audit.record(congress, actor, "publish_document", document,
                 after={"audience": audience, "release_at": str(release_at)})
    return document


@action("record_speech")
def record_speech(congress: Congress, agenda_item: AgendaItem, *, actor, speaker: Person | None, text: str = "",
                  document=None) -> Speech:
    """A speech on an agenda item (审议发言): its speaker, on the meeting's roster, and a short note
    and/or the uploaded text. Staff record anyone's; a standing-committee member only their own.
    On an item that hears a work report, the report must have had its preliminary review, and the
    first speech moves it to 已审议 (oversight.actions.hearings.on_speech)."""
    from renda.oversight.actions.hearings import on_speech
    from renda.people import validation

    ensure_own(congress, agenda_item, "议程")
    errors = Errors()
    body = validation.text({"text": text}, errors, "text", "发言要点", max_length=8000, multiline=True)
    if speaker is None:
        errors.add("speaker", "“发言人”必须选择")
    elif not RosterEntry.objects.in_congress(congress).filter(meeting_id=agenda_item.meeting_id, person=speaker).exists():
        errors.add("speaker", "“发言人”须为本次会议名单上的人员")
    elif not roles_of(actor, congress) & STAFF and getattr(_person_of(actor), "pk", None) != speaker.pk:
        raise NotPermitted("常委会组成人员只能记录本人的审议发言")
    if document is not None:
        uploads.check(document, "meeting_document", errors, "document", what="发言稿")
    if document is None and not body and not errors.by_field:
        errors.add("text", "“发言要点”和“发言稿”至少填写一项")
    errors.raise_if_any()
    assert speaker is not None
    on_speech(congress, agenda_item, actor)
    speech = Speech.objects.create(congress=congress, agenda_item=agenda_item, speaker=speaker, text=body,
                                   document=document or "", recorded_by=actor)
    audit.record(congress, actor, "record_speech", speech, object_repr=f"{agenda_item.title}：{speaker.name}",
                 after={"speaker": speaker.name, "text": body[:200], "document": speech.document.name or ""})
    return speech
