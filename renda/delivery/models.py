"""Notices that reach people outside the app.

The outbox is ``proposals.Notice`` (whoever writes a notice writes only that). This app plans one
``Delivery`` per notice, recipient and channel (``channels.py``: email, webhook, inbox), sends it
after the notice's transaction has committed or from ``renda manage deliver_notices``, retries with
backoff, and lists what keeps failing (dead letters) for the office. A person's ``Preference`` says
which channels they want; ``AttendanceReply`` is the answer to a meeting notice's 参加 link.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class Preference(TenantModel):
    """One account's choice of channels in one congress. ``channels`` is ordered: an ordinary notice
    goes to the first one (and the inbox), an urgent one to all of them. The inbox is always on."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField("电子邮箱", max_length=120, blank=True)
    mobile = models.CharField("手机号", max_length=20, blank=True)
    channels = models.JSONField("接收渠道", default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "通知接收设置"
        constraints = [models.UniqueConstraint(fields=["congress", "user"], name="delivery_preference_once")]


class Delivery(TenantModel):
    """One notice to one recipient over one channel. The unique constraint is what keeps two drains
    (or a drain and the after-commit attempt) planning the same delivery twice; sending is claimed by
    a conditional UPDATE (see ``outbox.claim``)."""

    class Status(models.TextChoices):
        PENDING = "pending", "待发送"
        SENT = "sent", "已送达"
        FAILED = "failed", "失败待重试"
        DEAD = "dead", "多次失败（死信）"

    notice = models.ForeignKey("proposals.Notice", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name="接收人")
    channel = models.CharField("渠道", max_length=16)
    address = models.CharField("地址", max_length=120, blank=True)  # e-mail or mobile, as when planned
    urgent = models.BooleanField("紧急", default=False)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField("已尝试次数", default=0)
    next_attempt_at = models.DateTimeField("下次尝试时间")
    last_error = models.CharField("最近一次错误", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField("送达时间", null=True, blank=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)  # the inbox channel only

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "通知送达"
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["notice", "user", "channel"], name="delivery_once_per_channel")]
        indexes = [models.Index(fields=["congress", "status", "next_attempt_at"], name="delivery_due"),
                   models.Index(fields=["congress", "user", "channel", "read_at"], name="delivery_inbox")]


class AttendanceReply(TenantModel):
    """A member's answer to a meeting notice: 参加 (recorded here: the roster has no confirmation) or
    请假 (recorded here too, and filed as a leave request through the meetings app's action)."""

    class Answer(models.TextChoices):
        ATTEND = "attend", "参加"
        LEAVE = "leave", "请假"

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    answer = models.CharField("回复", max_length=8, choices=Answer.choices)
    reason = models.CharField("请假理由", max_length=200, blank=True)
    replied_at = models.DateTimeField(auto_now=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "会议通知回执"
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_reply_once")]
