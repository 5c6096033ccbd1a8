"""The rectification list (整改清单): one model for every problem Renda asks someone to fix —
from review opinions, law-enforcement inspections, surveys and visits, livelihood supervision,
special inquiries, questioning, investigations and the implementation reports of
major-matter decisions (重大事项决定). Each item says what is wrong, the goal, the
measures, the deadline, the unit and the person responsible; progress reports, site checks and
spot checks (抽查) are ``RectificationUpdate`` rows; the item closes only with evidence and the
committee's acceptance, and an overdue item escalates (reminders, then the directors' meeting)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class RectificationItem(TenantModel):
    class Source(models.TextChoices):
        REVIEW_OPINION = "review_opinion", "审议意见"
        LAW_INSPECTION = "law_inspection", "执法检查"
        SURVEY = "survey", "专题调研"
        VISIT = "visit", "视察"
        LIVELIHOOD = "livelihood", "民生实事监督"
        INQUIRY = "inquiry", "专题询问"
        QUESTIONING = "questioning", "质询"
        INVESTIGATION = "investigation", "特定问题调查"
        DECISION = "decision", "重大事项决定"

    class Status(models.TextChoices):
        OPEN = "open", "整改中"
        CLAIMED = "claimed", "申请销号待验收"
        CLOSED = "closed", "已销号"

    source = models.CharField("来源", max_length=16, choices=Source.choices)
    # Exactly the link that fits the source is set; the others stay empty.
    opinion_point = models.ForeignKey("oversight.OpinionPoint", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="rectification_items", verbose_name="审议意见条目")
    finding = models.ForeignKey("oversight.Finding", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="rectification_items", verbose_name="调研（检查）发现的问题")
    livelihood_project = models.ForeignKey("livelihood.Proposal", on_delete=models.PROTECT, null=True, blank=True,
                                           related_name="rectification_items", verbose_name="民生实事项目")
    livelihood_inspection = models.ForeignKey("livelihood.Inspection", on_delete=models.PROTECT, null=True,
                                              blank=True, related_name="rectification_items", verbose_name="视察")
    inquiry_question = models.ForeignKey("oversight.InquiryQuestion", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="rectification_items", verbose_name="询问问题")
    questioning = models.ForeignKey("oversight.Questioning", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="rectification_items", verbose_name="质询案")
    investigation = models.ForeignKey("oversight.Investigation", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="rectification_items", verbose_name="特定问题调查")
    decision = models.ForeignKey("decisions.Decision", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="rectification_items", verbose_name="重大事项决定")
    problem = models.CharField("问题", max_length=1000)
    goal = models.CharField("整改目标", max_length=500, blank=True)
    measures = models.TextField("整改措施", max_length=4000, blank=True)
    due_on = models.DateField("整改时限")
    unit = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="责任单位")
    owner = models.CharField("责任人", max_length=100)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    resolution = models.CharField("整改情况", max_length=1000, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="验收人")
    escalated_on = models.DateField("提请主任会议日期", null=True, blank=True)
    escalated_to = models.ForeignKey("meetings.AgendaItem", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="列入的主任会议议程")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "整改事项"
        ordering = ["status", "due_on", "id"]
        indexes = [models.Index(fields=["congress", "status", "due_on"]),
                   models.Index(fields=["congress", "unit", "status"]),
                   models.Index(fields=["congress", "source", "status"])]

    def __str__(self) -> str:
        return self.problem[:60]


class RectificationUpdate(TenantModel):
    class Kind(models.TextChoices):
        PROGRESS = "progress", "进展报告"
        SITE_CHECK = "site_check", "实地检查"
        SPOT_CHECK = "spot_check", "抽查"
        CLOSURE_REQUEST = "closure_request", "申请销号"
        ACCEPTED = "accepted", "验收销号"
        RETURNED = "returned", "验收未通过，退回整改"
        REMINDER = "reminder", "催办提醒"
        ESCALATED = "escalated", "提请主任会议"

    item = models.ForeignKey(RectificationItem, on_delete=models.PROTECT, related_name="updates")
    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    text = models.TextField("情况", max_length=4000)
    evidence = models.FileField("佐证材料", upload_to="rectification/%Y/", blank=True)
    on = models.DateField("日期")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "整改进展"
        ordering = ["item", "on", "id"]
