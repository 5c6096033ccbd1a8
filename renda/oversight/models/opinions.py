"""Review opinions (审议意见书, 监督法第十四条、第十七条): after the standing committee deliberates a
work report or an inspection report, the office drafts the opinions from the speeches and the
report's findings; the directors' meeting approves them; they are sent to the body, which reports
in writing how it dealt with them (研究处理情况报告) by the due date; the reply may be deliberated at
a later session; opinions and reply are published."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class ReviewOpinion(TenantModel):
    class Status(models.TextChoices):
        DRAFTING = "drafting", "起草中"
        APPROVED = "approved", "主任会议已通过"
        SENT = "sent", "已交办"
        REPLIED = "replied", "已报告研究处理情况"
        DELIBERATED = "deliberated", "研究处理情况已审议"
        PUBLISHED = "published", "已公开"

    title = models.CharField("标题", max_length=200)
    number = models.CharField("文号", max_length=60, blank=True)
    work_report = models.ForeignKey("oversight.WorkReport", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="opinions", verbose_name="专项工作报告")
    report = models.ForeignKey("oversight.Report", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="opinions", verbose_name="调研（检查）报告")
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, related_name="+",
                                verbose_name="审议的常委会会议")
    body = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+",
                             verbose_name="送达机关")
    preamble = models.TextField("开头", max_length=4000, blank=True)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFTING)
    approved_at_meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True,
                                            related_name="+", verbose_name="通过的主任会议")
    approved_on = models.DateField("通过日期", null=True, blank=True)
    sent_on = models.DateField("交办日期", null=True, blank=True)
    reply_due = models.DateField("书面报告期限", null=True, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "审议意见"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title


class OpinionPoint(TenantModel):
    """One opinion, drafted from a finding of the report or from what members said."""

    opinion = models.ForeignKey(ReviewOpinion, on_delete=models.PROTECT, related_name="points")
    order = models.PositiveSmallIntegerField("序号")
    heading = models.CharField("标题", max_length=200)
    text = models.TextField("内容", max_length=4000, blank=True)
    finding = models.ForeignKey("oversight.Finding", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="opinion_points", verbose_name="来自报告的问题或建议")
    speech = models.ForeignKey("meetings.Speech", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name="来自审议发言")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "审议意见条目"
        ordering = ["opinion", "order", "id"]


class OpinionReply(TenantModel):
    """研究处理情况报告: the body's written reply to the opinions."""

    opinion = models.OneToOneField(ReviewOpinion, on_delete=models.PROTECT, related_name="reply")
    text = models.TextField("研究处理情况", max_length=20000)
    document = models.FileField("报告文本", upload_to="oversight/replies/%Y/", blank=True)
    signed_by = models.CharField("报告人", max_length=100, blank=True)
    filed_at = models.DateTimeField("报送时间")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agenda_item = models.OneToOneField("meetings.AgendaItem", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="opinion_reply", verbose_name="审议的议程")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "研究处理情况报告"
