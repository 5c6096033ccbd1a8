"""The writes of the delivery app: a person's channels, reading one's inbox, the office's retry of a
dead letter, meeting notices and the answer to one (参加 / 请假)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils import timezone

from renda.core import audit
from renda.core.errors import NotFound
from renda.core.models import Congress
from renda.core.usecase import action, ensure_own
from renda.delivery import attendance, channels, outbox
from renda.delivery.models import AttendanceReply, Delivery, Preference
from renda.meetings.models import Meeting, RosterEntry
from renda.people.validation import Errors
from renda.proposals.models import Notice

MOBILE = re.compile(r"^1[3-9]\d{9}$")


@action("set_delivery_preferences")
def set_preferences(congress: Congress, *, actor, channels_: list[str], email: str = "", mobile: str = "") -> Preference:
    """The channels (in order of preference) and addresses the account's notices go to besides the inbox."""
    errors = Errors()
    email, mobile = (email or "").strip(), (mobile or "").strip().replace(" ", "")
    offered = [c for c in channels.EXTERNAL if channels.get(c).available(congress)]
    chosen: list[str] = []
    for name in channels_ or []:
        if name == "inbox":
            continue  # always on
        if name not in offered:
            errors.add("channels", f"“接收渠道”须为 {'、'.join(channels.get(c).label for c in offered) or '站内通知'}"
                                   f"之一，收到：{str(name)[:20]}")
        elif name not in chosen:
            chosen.append(name)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.add("email", f"“电子邮箱”格式不正确，收到：{email[:60]}")
        if len(email) > 120:
            errors.add("email", "“电子邮箱”最多 120 个字符")
    if mobile and not MOBILE.match(mobile):
        errors.add("mobile", f"“手机号”须为 11 位手机号码（1 开头），收到：{mobile[:20]}")
    if "email" in chosen and not (email or actor.email):
        errors.add("email", "选择电子邮件接收通知时须填写“电子邮箱”")
    person = getattr(actor, "person", None)
    if "webhook" in chosen and not (mobile or (person.phone if person else "")):
        errors.add("mobile", "选择短信或政务通讯接收通知时须填写“手机号”")
    errors.raise_if_any()
    preference, _ = Preference.objects.update_or_create(
        congress=congress, user=actor, defaults={"channels": chosen, "email": email, "mobile": mobile})
    audit.record(congress, actor, "set_delivery_preferences", preference, object_repr="通知接收设置",
                 after={"channels": chosen, "email": bool(email), "mobile": bool(mobile)})
    return preference


@action("read_own_notices")
def mark_read(congress: Congress, *, actor, delivery_ids: list[int] | None = None) -> int:
    """Mark the account's own inbox notices read (these, or all when ``delivery_ids`` is None). An id
    that is not the account's own notice is not found: nobody marks or learns of another's inbox."""
    own = Delivery.objects.in_congress(congress).filter(user=actor, channel="inbox")
    if delivery_ids is not None:
        ids = {int(i) for i in delivery_ids}
        if own.filter(pk__in=ids).count() != len(ids):
            raise NotFound("找不到该通知")
        own = own.filter(pk__in=ids)
    count = own.filter(read_at__isnull=True).update(read_at=timezone.now())
    audit.record(congress, actor, "read_own_notices", None, object_repr="标为已读", after={"read": count})
    return count


@action("retry_delivery")
def retry(congress: Congress, delivery: Delivery, *, actor) -> Delivery:
    """A dead letter back to the queue with a fresh count of attempts, tried once this commits."""
    ensure_own(congress, delivery, "通知送达记录")
    if delivery.status != Delivery.Status.DEAD:
        raise ValidationError({"status": f"只能重发多次失败的通知，该通知{delivery.get_status_display()}"})
    delivery.status, delivery.attempts, delivery.next_attempt_at = Delivery.Status.PENDING, 0, timezone.now()
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    audit.record(congress, actor, "retry_delivery", delivery, object_repr=f"重发通知 {delivery.notice_id}",
                 before={"last_error": delivery.last_error}, after={"status": delivery.status})
    outbox.announce([Notice(pk=delivery.notice_id, congress_id=congress.pk)])
    return delivery


def meeting_text(meeting: Meeting, reminder: bool) -> str:
    when = timezone.localtime(meeting.starts_at)
    lead = "提醒：" if reminder else "会议通知："
    place = f"在{meeting.place}" if meeting.place else ""
    return (f"{lead}{meeting.title}定于{when.month}月{when.day}日{when:%H:%M}{place}举行，"
            f"请回复参加或请假")[:300]


@action("send_meeting_notice")
def send_meeting_notice(congress: Congress, meeting: Meeting, *, actor, reminder: bool = False) -> int:
    """A notice to each person on the meeting's roster, with 参加 / 请假 links. Once per person (the
    notice's key); a reminder goes once per day to those who have not replied and are not on leave.
    Delivered after this commits."""
    ensure_own(congress, meeting, "会议")
    if meeting.status == Meeting.Status.CLOSED or meeting.starts_at <= timezone.now():
        raise ValidationError({"meeting": "会议已经开始或已闭会，不再发送会议通知"})
    roster = RosterEntry.objects.in_congress(congress).filter(meeting=meeting)
    people = list(roster.values_list("person_id", flat=True))
    if not people:
        raise ValidationError({"meeting": "会议名单为空，请先生成会议名单"})
    tag = f"remind-{timezone.localdate():%Y%m%d}" if reminder else "notice"
    if reminder:
        replied = set(AttendanceReply.objects.in_congress(congress).filter(meeting=meeting).values_list("person_id", flat=True))
        on_leave = set(attendance.leave_states(congress, meeting))  # however filed, pending or approved
        people = [p for p in people if p not in replied | on_leave]
    keys = {attendance.meeting_key(meeting.pk, p, tag): p for p in people}
    sent = set(Notice.objects.in_congress(congress).filter(key__in=list(keys)).values_list("key", flat=True))
    link = reverse("meeting_detail", args=[congress.code, meeting.pk])
    message = meeting_text(meeting, reminder)
    Notice.objects.bulk_create([Notice(congress=congress, person_id=p, link=link, text=message, key=k)
                                for k, p in keys.items() if k not in sent], ignore_conflicts=True)
    fresh = list(Notice.objects.in_congress(congress).filter(key__in=[k for k in keys if k not in sent]))
    outbox.announce(fresh)
    audit.record(congress, actor, "send_meeting_notice", meeting, object_repr=f"{meeting.title}会议通知",
                 after={"notices": len(fresh), "reminder": reminder})
    return len(fresh)


@action("reply_meeting_notice")
def reply(congress: Congress, meeting: Meeting, *, actor, answer: str, reason: str = "") -> AttendanceReply:
    """The account's person answers a meeting notice. 参加 is recorded here; 请假 is filed through the
    meetings app's own action (request_leave: its permission, its checks, its audit) and recorded."""
    from renda.meetings.actions import request_leave

    ensure_own(congress, meeting, "会议")
    person = getattr(actor, "person", None)
    if answer not in AttendanceReply.Answer.values:
        raise ValidationError({"answer": f"“回复”须为参加或请假，收到：{str(answer)[:20]}"})
    entry = RosterEntry.objects.in_congress(congress).filter(meeting=meeting, person=person).first() if person else None
    if person is None or entry is None:
        raise ValidationError({"person": "只有会议名单中的人员可以回复会议通知"})
    if meeting.status == Meeting.Status.CLOSED or meeting.starts_at <= timezone.now():
        raise ValidationError({"meeting": "会议已经开始，不能再回复会议通知；请假请联系工作人员"})
    on_leave = attendance.leave_states(congress, meeting, [person.pk]).get(person.pk)
    if on_leave:  # 参加 would contradict the leave the meeting page shows; 请假 again would file it twice
        raise ValidationError({"answer": f"您已请假（{on_leave}），如需参加请联系会务工作人员撤回请假"
                               if answer == AttendanceReply.Answer.ATTEND else f"您已请假（{on_leave}），无需再次请假"})
    if answer == AttendanceReply.Answer.LEAVE and not entry.voting:
        raise ValidationError({"answer": "列席人员不需请假；不能参加的，请告知会务工作人员"})
    reason = (reason or "").strip()
    if answer == AttendanceReply.Answer.LEAVE:
        request_leave(congress, meeting, actor=actor, reason=reason)  # validates the reason, names the field
    row, _ = AttendanceReply.objects.update_or_create(
        congress=congress, meeting=meeting, person=person,
        defaults={"answer": answer, "reason": reason[:200] if answer == AttendanceReply.Answer.LEAVE else ""})
    # The notice is answered: its inbox copy is read (the key's trailing colon keeps person 2 from 23).
    Delivery.objects.in_congress(congress).filter(
        user=actor, channel="inbox", read_at__isnull=True,
        notice__key__startswith=f"meeting:{meeting.pk}:{person.pk}:").update(read_at=timezone.now())
    audit.record(congress, actor, "reply_meeting_notice", meeting, object_repr=f"{person.name}回复会议通知",
                 after={"answer": answer})
    return row
