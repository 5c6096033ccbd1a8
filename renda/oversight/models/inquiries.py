"""Special inquiries (专题询问, 监督法第四章): on a topic the standing committee is deliberating,
members and deputies register questions in advance and put them at the meeting to the officials
present; each answer is recorded and rated by its asker; what is promised goes onto the
rectification list (``rectification.Item`` with source ``inquiry``)."""

from __future__ import annotations

from django.db import models

from renda.core.tenancy import TenantModel


class Inquiry(TenantModel):
    class Status(models.TextChoices):
        PREPARING = "preparing", "准备中"
        HELD = "held", "已询问"
        CONCLUDED = "concluded", "已办结"

    topic = models.CharField("询问题目", max_length=200)
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, related_name="+",
                                verbose_name="常委会会议")
    agenda_item = models.OneToOneField("meetings.AgendaItem", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="inquiry", verbose_name="议程")
    work_report = models.ForeignKey("oversight.WorkReport", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="inquiries", verbose_name="结合审议的报告")
    plan_item = models.ForeignKey("oversight.PlanItem", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="inquiries", verbose_name="监督计划项目")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PREPARING)
    summary = models.TextField("询问情况综述", max_length=8000, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "专题询问"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.topic


class InquiryAnswerer(TenantModel):
    """An official present at the meeting to answer (应询人)."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.PROTECT, related_name="answerers")
    name = models.CharField("姓名", max_length=60)
    post = models.CharField("职务", max_length=100)
    organisation = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name="所在单位")
    present = models.BooleanField("到会", default=True)

    class Meta(TenantModel.Meta):
        ordering = ["inquiry", "id"]

    def __str__(self) -> str:
        return f"{self.post}{self.name}"


class InquiryQuestion(TenantModel):
    class Satisfaction(models.TextChoices):
        NONE = "", "未评价"
        SATISFIED = "satisfied", "满意"
        BASIC = "basic", "基本满意"
        UNSATISFIED = "unsatisfied", "不满意"

    inquiry = models.ForeignKey(Inquiry, on_delete=models.PROTECT, related_name="questions")
    order = models.PositiveSmallIntegerField("序号")
    asker = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="询问人")
    text = models.TextField("问题", max_length=2000)
    to = models.ForeignKey(InquiryAnswerer, on_delete=models.PROTECT, null=True, blank=True, related_name="questions",
                           verbose_name="应询人")
    answer = models.TextField("回答", max_length=8000, blank=True)
    answered_by = models.ForeignKey(InquiryAnswerer, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="回答人")
    satisfaction = models.CharField("询问人评价", max_length=12, choices=Satisfaction.choices, blank=True,
                                    default=Satisfaction.NONE)
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "询问问题"
        ordering = ["inquiry", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["congress", "inquiry", "order"], name="inquiry_question_order")]
