"""Special investigation committees (特定问题调查委员会, 监督法第六章): established by a vote of the
standing committee (or the congress), with a chair, vice-chairs and members (experts may join); the
evidence they gather is restricted to the committee and the office; they report to the body that
set them up, which decides on the report."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class Investigation(TenantModel):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "提请设立"
        ESTABLISHED = "established", "已设立"
        REPORTED = "reported", "已提出调查报告"
        DECIDED = "decided", "已作出决议"
        NOT_ESTABLISHED = "not_established", "未获通过"

    title = models.CharField("名称", max_length=200)
    subject = models.TextField("调查的特定问题", max_length=4000)
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, related_name="+",
                                verbose_name="决定设立的会议")
    vote = models.OneToOneField("voting.Vote", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name="设立表决")
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.PROPOSED)
    established_on = models.DateField("设立日期", null=True, blank=True)
    report = models.TextField("调查报告", max_length=40000, blank=True)
    report_document = models.FileField("调查报告文本", upload_to="oversight/investigations/%Y/", blank=True)
    report_meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", verbose_name="听取报告的会议")
    decision = models.TextField("决议", max_length=8000, blank=True)
    decided_on = models.DateField("决议日期", null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "特定问题调查委员会"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title


class InvestigationMember(TenantModel):
    class Role(models.TextChoices):
        CHAIR = "chair", "主任委员"
        VICE_CHAIR = "vice_chair", "副主任委员"
        MEMBER = "member", "委员"
        EXPERT = "expert", "专家"

    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="members")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="人员")
    role = models.CharField("职务", max_length=12, choices=Role.choices)

    class Meta(TenantModel.Meta):
        ordering = ["investigation", "id"]
        constraints = [models.UniqueConstraint(fields=["congress", "investigation", "person"],
                                               name="investigation_member_once")]


class Evidence(TenantModel):
    """An entry in the committee's evidence log: restricted to its members and the office."""

    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="evidence")
    on = models.DateField("取得日期")
    title = models.CharField("材料名称", max_length=200)
    source = models.CharField("来源", max_length=200)
    description = models.TextField("内容摘要", max_length=4000, blank=True)
    file = models.FileField("文件", upload_to="oversight/evidence/%Y/", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "调查取证记录"
        ordering = ["investigation", "on", "id"]
