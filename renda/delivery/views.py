"""Pages: one's inbox (read / unread, mark read), one's channels, the office's dead letters with a
retry, sending a meeting notice, and the reply page a meeting notice's 参加 / 请假 link opens."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renda.core.errors import NotFound
from renda.core.views_helpers import flash_errors, get_or_404, requires
from renda.delivery import actions, attendance, channels, outbox
from renda.delivery.models import AttendanceReply, Delivery, Preference
from renda.meetings.models import Meeting, RosterEntry
from renda.proposals.models import Notice

PAGE = 100


def inbox_rows(congress, user, unread_only: bool = False):
    rows = (Delivery.objects.in_congress(congress).filter(user=user, channel="inbox")
            .select_related("notice").order_by("-id"))
    return rows.filter(read_at__isnull=True) if unread_only else rows


@requires("read_own_notices")
def inbox(request, congress_code):
    congress = request.congress
    unread_only = request.GET.get("show") == "unread"
    rows = list(inbox_rows(congress, request.user, unread_only)[:PAGE])
    for row in rows:
        row.replies = attendance.links_for(row.notice)  # type: ignore[attr-defined]
    return render(request, "delivery/inbox.html", {
        "rows": rows, "unread_only": unread_only, "unread": outbox.unread_count(congress, request.user)})


@require_POST
@requires("read_own_notices")
def mark_read(request, congress_code):
    ids = request.POST.getlist("delivery")
    try:
        count = actions.mark_read(request.congress, actor=request.user,
                                  delivery_ids=None if request.POST.get("all") else [int(i) for i in ids])
    except (ValueError, NotFound):
        messages.error(request, "找不到该通知")
    else:
        messages.success(request, f"已将 {count} 条通知标为已读")
    target = request.POST.get("next", "")
    if target.startswith(f"/c/{congress_code}/") and not target.startswith("//"):
        return redirect(target)
    return redirect("delivery_inbox", congress_code)


@requires("set_delivery_preferences")
def preferences(request, congress_code):
    congress = request.congress
    offered = [channels.get(c) for c in channels.EXTERNAL if channels.get(c).available(congress)]
    current = Preference.objects.in_congress(congress).filter(user=request.user).first()
    values = {"email": current.email if current else "", "mobile": current.mobile if current else "",
              "channels": current.channels if current else []}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        chosen = [c for c in ("first", "second") if request.POST.get(c)]
        values = {"email": request.POST.get("email", ""), "mobile": request.POST.get("mobile", ""),
                  "channels": [request.POST[c] for c in chosen]}
        try:
            actions.set_preferences(congress, actor=request.user, channels_=values["channels"],
                                    email=values["email"], mobile=values["mobile"])
        except ValidationError as error:
            errors = error.message_dict
        else:
            messages.success(request, "通知接收设置已保存")
            return redirect("delivery_preferences", congress_code)
    person = getattr(request.user, "person", None)
    return render(request, "delivery/preferences.html", {
        "offered": offered, "values": values, "errors": errors,
        "first": values["channels"][0] if values["channels"] else "",
        "second": values["channels"][1] if len(values["channels"]) > 1 else "",
        "account_email": request.user.email, "person_phone": person.phone if person else ""},
        status=400 if errors else 200)


@requires("view_dead_deliveries")
def dead_letters(request, congress_code):
    rows = (Delivery.objects.in_congress(request.congress).filter(status=Delivery.Status.DEAD)
            .select_related("notice", "user").order_by("-id")[:PAGE])
    failing = Delivery.objects.in_congress(request.congress).filter(status=Delivery.Status.FAILED).count()
    return render(request, "delivery/dead.html", {"rows": rows, "failing": failing,
                                                  "labels": {n: c.label for n, c in channels.REGISTRY.items()}})


@require_POST
@requires("retry_delivery")
def retry(request, congress_code, delivery_id):
    delivery = get_or_404(Delivery.objects.in_congress(request.congress), delivery_id, "找不到该通知送达记录")
    try:
        actions.retry(request.congress, delivery, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, "已重新发送")
    return redirect("delivery_dead", congress_code)


@requires("send_meeting_notice")
def meeting_notice(request, congress_code, meeting_id):
    congress = request.congress
    meeting = get_or_404(Meeting.objects.in_congress(congress), meeting_id, "找不到该会议")
    if request.method == "POST":
        try:
            count = actions.send_meeting_notice(congress, meeting, actor=request.user,
                                                reminder=request.POST.get("reminder") == "1")
        except (ValidationError, PermissionDenied) as error:
            flash_errors(request, error)
        else:
            messages.success(request, f"已发送 {count} 份会议通知")
        return redirect("delivery_meeting_notice", congress_code, meeting.pk)
    roster = list(RosterEntry.objects.in_congress(congress).filter(meeting=meeting).select_related("person")
                  .order_by("id"))
    replies = {r.person_id: r for r in AttendanceReply.objects.in_congress(congress).filter(meeting=meeting)}
    noticed = set(Notice.objects.in_congress(congress).filter(key__startswith=f"meeting:{meeting.pk}:")
                  .values_list("person_id", flat=True))
    on_leave = attendance.leave_states(congress, meeting)  # filed here or on the meeting page alike
    for entry in roster:
        entry.reply = replies.get(entry.person_id)  # type: ignore[attr-defined]
        entry.noticed = entry.person_id in noticed  # type: ignore[attr-defined]
        entry.leave_state = on_leave.get(entry.person_id, "")  # type: ignore[attr-defined]
    return render(request, "delivery/meeting_notice.html", {"meeting": meeting, "roster": roster})


def reply(request, congress_code, token):
    """Open to anyone holding the link: the link, signed for one person and meeting, is the credential."""
    congress = request.congress
    try:
        found = attendance.read(congress, token)
        user = found.person.user
        if user is None or not user.is_active:
            raise attendance.BadLink(f"{found.person.name}没有可用的平台账号，请联系人大工作人员请假或确认参加")
        if request.user.is_authenticated and request.user.pk != user.pk:
            raise attendance.BadLink(f"此回执链接是发给{found.person.name}的，您当前登录的是另一账号")
    except attendance.BadLink as bad:
        return render(request, "delivery/reply_invalid.html", {"reason": str(bad)}, status=400)
    answer = request.POST.get("answer") or request.GET.get("answer", "")
    current = AttendanceReply.objects.in_congress(congress).filter(meeting=found.meeting, person=found.person).first()
    entry = RosterEntry.objects.in_congress(congress).filter(meeting=found.meeting, person=found.person).first()
    ways_back = {"meeting": found.meeting, "person": found.person,
                 "signed_in": request.user.is_authenticated and request.user.pk == user.pk}
    errors: list[str] = []
    if request.method == "POST":
        try:
            actions.reply(congress, found.meeting, actor=user, answer=answer, reason=request.POST.get("reason", ""))
        except (ValidationError, PermissionDenied) as error:
            errors = getattr(error, "messages", None) or [str(error)]
        else:
            return render(request, "delivery/reply_done.html", {**ways_back, "answer": answer})
    return render(request, "delivery/reply.html", {
        **ways_back, "answer": answer if answer in ("attend", "leave") else "",
        "current": current, "errors": errors, "reason": request.POST.get("reason", ""),
        "may_leave": entry is not None and entry.voting,
        "on_leave": attendance.leave_states(congress, found.meeting, [found.person.pk]).get(found.person.pk, ""),
        "action_url": reverse("delivery_reply", args=[congress_code, token])}, status=400 if errors else 200)
