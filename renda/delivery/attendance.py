"""Meeting notices and their reply links (参加 / 请假).

A meeting notice is an outbox notice whose key is ``meeting:<meeting>:<person>:<tag>``. Each carries
two links signed for that person and meeting (Django's signing, with a timestamp): whoever holds the
link may answer for that person, as an SMS or e-mail reader who is not signed in must be able to —
so the link is the credential, valid ``delivery.reply_link_days`` and never after the meeting starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.urls import reverse

from renda.core import rules

SALT = "renda.delivery.attendance"


class BadLink(Exception):
    """The reply link cannot be used; the message says why, for the page."""


def meeting_key(meeting_id: int, person_id: int, tag: str) -> str:
    return f"meeting:{meeting_id}:{person_id}:{tag}"[:80]


def parse_key(key: str | None) -> tuple[int, int] | None:
    parts = (key or "").split(":")
    if len(parts) >= 3 and parts[0] == "meeting" and parts[1].isdecimal() and parts[2].isdecimal():
        return int(parts[1]), int(parts[2])
    return None


def token(congress_id: int, meeting_id: int, person_id: int) -> str:
    return signing.dumps({"c": congress_id, "m": meeting_id, "p": person_id}, salt=SALT)


def links_for(notice) -> dict[str, str]:
    """The 参加 and 请假 addresses of a meeting notice (relative), or {} for any other notice. A
    non-voting attendee (列席) cannot ask for leave (only the meeting's members can), so theirs has
    only 参加."""
    parsed = parse_key(notice.key)
    if parsed is None or notice.person_id != parsed[1]:
        return {}
    from renda.core.models import Congress
    from renda.meetings.models import RosterEntry

    code = Congress.objects.filter(pk=notice.congress_id).values_list("code", flat=True).first()
    url = reverse("delivery_reply", args=[code, token(notice.congress_id, *parsed)])
    links = {"attend": f"{url}?answer=attend"}
    if RosterEntry.objects.filter(congress_id=notice.congress_id, meeting_id=parsed[0], person_id=parsed[1],
                                  voting=False).exists():
        return links
    return {**links, "leave": f"{url}?answer=leave"}


def leave_states(congress, meeting, person_ids=None) -> dict[int, str]:
    """Who is on leave for the meeting, whichever way it was filed (a reply's 请假, the meeting page's
    请假, the office on one's behalf): person id → 待批准 / 已批准. A pending or approved leave
    request counts, and so does the roster's 请假 (set when leave is approved)."""
    from renda.meetings.models import LeaveRequest, RosterEntry

    requests = LeaveRequest.objects.in_congress(congress).filter(
        meeting=meeting, status__in=[LeaveRequest.Status.PENDING, LeaveRequest.Status.APPROVED])
    roster = RosterEntry.objects.in_congress(congress).filter(meeting=meeting, attendance=RosterEntry.Attendance.LEAVE)
    if person_ids is not None:
        requests, roster = requests.filter(person_id__in=person_ids), roster.filter(person_id__in=person_ids)
    states = {p: LeaveRequest.Status.APPROVED.label for p in roster.values_list("person_id", flat=True)}
    for person_id, status in requests.values_list("person_id", "status"):
        if status == LeaveRequest.Status.PENDING:
            states[person_id] = LeaveRequest.Status.PENDING.label
        else:
            states.setdefault(person_id, LeaveRequest.Status.APPROVED.label)
    return states


@dataclass
class Reply:
    meeting: object
    person: object


def read(congress, raw: str) -> Reply:
    """The meeting and person a link names, or BadLink saying why it cannot be used."""
    from renda.meetings.models import Meeting
    from renda.people.models import Person

    days = rules.get(congress, "delivery.reply_link_days")
    try:
        data = signing.loads(raw, salt=SALT, max_age=days * 86400)
    except signing.SignatureExpired:
        raise BadLink(f"回执链接已超过 {days} 天有效期，请登录平台或联系人大工作人员") from None
    except signing.BadSignature:
        raise BadLink("回执链接无效（可能复制不完整或被改动），请打开通知中的完整链接") from None
    if not isinstance(data, dict) or data.get("c") != congress.pk:
        raise BadLink(f"此回执链接不属于{congress.name}，请打开通知中的原链接")
    meeting = Meeting.objects.in_congress(congress).filter(pk=int(data.get("m") or 0)).first()
    person = Person.objects.filter(pk=int(data.get("p") or 0)).first()
    if meeting is None or person is None:
        raise BadLink("回执链接所指的会议或人员已不存在")
    return Reply(meeting, person)
