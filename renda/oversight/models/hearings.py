"""Hearing a body's special work report (听取和审议专项工作报告, 监督法第二章).

The body files its report by the statutory lead times before the session (``core.rules``
``oversight.report_to_*_days``); a late filing is derived from the filing time and shown to the
directors' meeting. The committee reviews it first (初审), the standing committee deliberates — the
members' speeches are ``meetings.Speech`` rows on the report's agenda item — and may evaluate it
on the voting engine. An unsatisfactory result obliges the body to report again (``again_of``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class WorkReport(TenantModel):
    class Kind(models.TextChoices):
        SPECIAL = "special", "专项工作报告"
        KEY_SUGGESTIONS = "key_suggestions", "重点督办建议办理情况报告"
        AGAIN = "again", "再次报告"

    class Status(models.TextChoices):
        EXPECTED = "expected", "待报送"
        FILED = "filed", "已报送"
        REVIEWED = "reviewed", "已初审"
        DELIBERATED = "deliberated", "已审议"
        EVALUATING = "evaluating", "测评中"
        CONCLUDED = "concluded", "已办结"

    class Outcome(models.TextChoices):
        NONE = "", "未测评"
        SATISFIED = "satisfied", "满意"
        UNSATISFIED = "unsatisfied", "不满意"

    kind = models.CharField("类别", max_length=16, choices=Kind.choices, default=Kind.SPECIAL)
    title = models.CharField("报告名称", max_length=200)
    plan_item = models.ForeignKey("oversight.PlanItem", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="work_reports", verbose_name="监督计划项目")
    body = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+",
                             verbose_name="报告机关")
    reporter = models.CharField("报告人", max_length=100, blank=True)  # e.g. 副县长 王某某
    committee = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="初审的专门委员会或工作机构")
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, related_name="+",
                                verbose_name="审议的常委会会议")
    agenda_item = models.OneToOneField("meetings.AgendaItem", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="work_report", verbose_name="议程")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.EXPECTED)
    document = models.FileField("报告文本", upload_to="oversight/work-reports/%Y/", blank=True)
    summary = models.TextField("报告要点", max_length=4000, blank=True)
    filed_at = models.DateTimeField("报送时间", null=True, blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    late_reason = models.CharField("逾期报送说明", max_length=300, blank=True)
    preliminary_review = models.TextField("初审意见", max_length=8000, blank=True)
    reviewed_on = models.DateField("初审日期", null=True, blank=True)
    evaluation = models.OneToOneField("voting.Vote", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name="满意度测评")
    outcome = models.CharField("测评结果", max_length=12, choices=Outcome.choices, blank=True, default=Outcome.NONE)
    report_again_by = models.DateField("再次报告期限", null=True, blank=True)
    again_of = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="reported_again",
                                 verbose_name="前次报告（测评不满意）")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "专项工作报告"
        ordering = ["-meeting__starts_at", "id"]
        indexes = [models.Index(fields=["congress", "status"])]

    def __str__(self) -> str:
        return self.title


class WorkReportSuggestion(TenantModel):
    """A key-supervision suggestion (重点督办建议) whose handling the report covers (issue point 7)."""

    work_report = models.ForeignKey(WorkReport, on_delete=models.PROTECT, related_name="key_suggestions")
    suggestion = models.ForeignKey("proposals.Suggestion", on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["congress", "work_report", "suggestion"],
                                               name="work_report_suggestion_once")]
