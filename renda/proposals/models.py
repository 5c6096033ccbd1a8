"""Motions (议案) and suggestions (建议): filing with co-signers, review and numbering, assignment.

This is the first part of the suggestions module: handling, answers, ratings, supervision and the
yearly evaluation build on these tables.
"""

from __future__ import annotations

from django.db import models

from renda.core.tenancy import TenantModel


class Suggestion(TenantModel):
    class Kind(models.TextChoices):
        SUGGESTION = "suggestion", "建议"
        MOTION = "motion", "议案"

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已提交"
        RETURNED = "returned", "退回修改"
        ACCEPTED = "accepted", "已立案"
        MERGED = "merged", "已并案"
        ASSIGNED = "assigned", "已交办"
        ANSWERED = "answered", "已答复"
        REHANDLING = "rehandling", "重新办理"
        CLOSED = "closed", "已办结"
        WITHDRAWN = "withdrawn", "已撤回"

    term = models.ForeignKey("core.Term", on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name="大会会议（闭会期间为空）")
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("类别", max_length=12, choices=Kind.choices, default=Kind.SUGGESTION)
    title = models.CharField("标题", max_length=200, blank=True)
    body = models.TextField("内容", max_length=20000, blank=True)
    category = models.CharField("分类", max_length=40, blank=True)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    number = models.PositiveIntegerField("编号", null=True, blank=True)
    complex = models.BooleanField("涉及面广、处理难度大", default=False)
    return_message = models.CharField("退回说明", max_length=500, blank=True)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged")
    converted = models.BooleanField("由议案转为建议", default=False)
    contact_waived = models.BooleanField("代表表示无需沟通", default=False)
    confidential = models.BooleanField("不公开（涉密或不宜公开）", default=False)
    key_supervision = models.BooleanField("重点督办", default=False)
    supervising_leader = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True,
                                           related_name="+", verbose_name="督办领导")
    supervising_committee = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                              related_name="+", verbose_name="督办委员会")
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "议案和建议"
        ordering = ["-id"]
        indexes = [models.Index(fields=["congress", "status", "id"]), models.Index(fields=["congress", "year", "number"])]

    def __str__(self) -> str:
        return self.title or "（无标题）"

    @property
    def numbered(self) -> str:
        return f"第{self.number:04d}号" if self.number else ""


class Attachment(TenantModel):
    """A file a deputy attaches to their item (a photo of the site, a survey, a draft regulation)."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("附件", upload_to="suggestions/%Y/")
    name = models.CharField("文件名", max_length=120)
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        ordering = ["id"]


class Author(TenantModel):
    """The lead deputy and each co-signer; a co-signer counts only after confirming."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.PROTECT, related_name="authors")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    lead = models.BooleanField("领衔", default=False)
    confirmed = models.BooleanField("已确认", default=False)

    class Meta(TenantModel.Meta):
        ordering = ["-lead", "id"]
        constraints = [models.UniqueConstraint(fields=["congress", "suggestion", "person"], name="author_once")]


class NumberSequence(TenantModel):
    """The last number given in a scope (a session, or a year between sessions). Locked while a number
    is drawn, so that numbers are gapless and never reused under concurrent review."""

    scope = models.CharField(max_length=40)
    last = models.PositiveIntegerField(default=0)

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["congress", "scope"], name="number_scope_unique")]


class Assignment(TenantModel):
    suggestion = models.ForeignKey(Suggestion, on_delete=models.PROTECT, related_name="assignments")
    unit = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name="承办单位")
    lead = models.BooleanField("主办", default=True)
    assigned_on = models.DateField("交办日期")
    due_on = models.DateField("答复期限（协办单位：提交协办意见期限）")
    opinion = models.TextField("协办意见", max_length=5000, blank=True)
    opinion_on = models.DateField("协办意见提交日期", null=True, blank=True)
    ended_on = models.DateField("调整交办后结束", null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["-lead", "id"]
        indexes = [
            models.Index(fields=["congress", "unit", "due_on"]),
            # A unit's items as the lead unit, read from the index alone (the staff list by unit).
            models.Index(fields=["congress", "unit", "suggestion"], condition=models.Q(lead=True, ended_on__isnull=True),
                         name="assignment_lead_in_handling"),
        ]


class Contact(TenantModel):
    """The handling unit's contact with the deputies before answering (走访、座谈、电话)."""

    class Way(models.TextChoices):
        VISIT = "visit", "走访"
        MEETING = "meeting", "座谈"
        PHONE = "phone", "电话"
        OTHER = "other", "其他"

    suggestion = models.ForeignKey(Suggestion, on_delete=models.PROTECT, related_name="contacts")
    unit = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+")
    on = models.DateField("日期")
    way = models.CharField("方式", max_length=8, choices=Way.choices)
    summary = models.CharField("情况", max_length=1000)

    class Meta(TenantModel.Meta):
        ordering = ["on", "id"]


class Answer(TenantModel):
    """The lead unit's written answer; round 1 first, then one per re-handling."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.PROTECT, related_name="answers")
    unit = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+")
    round = models.PositiveSmallIntegerField("轮次")
    outcome = models.CharField("答复分类", max_length=8)
    text = models.TextField("答复内容", max_length=20000)
    answered_on = models.DateField("答复日期")
    due_on = models.DateField("答复期限")

    class Meta(TenantModel.Meta):
        ordering = ["round", "id"]

    @property
    def on_time(self) -> bool:
        from renda.core.rules import answered_on_time

        return answered_on_time(self.answered_on, self.due_on)


class Commitment(TenantModel):
    """A concrete promise in an answer, followed until the unit reports it done."""

    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="commitments")
    text = models.CharField("承诺事项", max_length=300)
    due_on = models.DateField("承诺完成时间")
    done_on = models.DateField("完成日期", null=True, blank=True)
    done_report = models.CharField("完成情况", max_length=500, blank=True)
    confirmed_on = models.DateField("代表确认日期", null=True, blank=True)

    @property
    def fulfilled(self) -> bool:
        """办成: the unit reported it done and a deputy confirmed."""
        return self.done_on is not None and self.confirmed_on is not None


class HandlingRequest(TenantModel):
    """A unit asks to be reassigned (not its remit) or for more time, with a reason; staff decide."""

    class Kind(models.TextChoices):
        REASSIGN = "reassign", "申请调整承办单位"
        EXTEND = "extend", "申请延期答复"

    class Status(models.TextChoices):
        PENDING = "pending", "待决定"
        GRANTED = "granted", "同意"
        REFUSED = "refused", "不同意"

    suggestion = models.ForeignKey(Suggestion, on_delete=models.PROTECT, related_name="handling_requests")
    unit = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    reason = models.CharField("理由", max_length=500)
    months = models.PositiveSmallIntegerField("延期（月）", default=0)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    decision_note = models.CharField("决定说明", max_length=300, blank=True)
    created_on = models.DateField("申请日期")

    class Meta(TenantModel.Meta):
        ordering = ["-id"]


class Rating(TenantModel):
    """An author deputy's rating of the handling work and of the result (never through the unit)."""

    class Level(models.TextChoices):
        SATISFIED = "满意", "满意"
        BASICALLY = "基本满意", "基本满意"
        DISSATISFIED = "不满意", "不满意"
        NONE = "未表态", "未表态"

    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="ratings")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    work = models.CharField("办理工作", max_length=4, choices=Level.choices)
    result = models.CharField("办理结果", max_length=4, choices=Level.choices)
    comment = models.CharField("意见", max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["congress", "answer", "person"], name="rating_once")]


class Notice(TenantModel):
    """Outbox: what a deputy or a handling unit is to be told. Shown in Renda; a mail or SMS gateway
    can drain it (``sent_at``). ``key`` makes a reminder idempotent: one per item, recipient and day.
    A notice is about a suggestion, or — for other apps' reminders, such as an overdue rectification
    item — about whatever page ``link`` points to."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    unit = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    suggestion = models.ForeignKey(Suggestion, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    link = models.CharField(max_length=200, blank=True)
    text = models.CharField(max_length=300)
    key = models.CharField(max_length=80, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["congress", "key"], name="notice_key_once")]
