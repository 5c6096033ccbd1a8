"""重大事项决定: a major matter deliberated and voted, the resolution or decision (决议/决定) it
produces, and the implementation report that follows it.

A ``Decision`` is one proposal of a major matter (组织法第五十条) going to a standing-committee
session: it is placed on the session's agenda (a ``meetings.AgendaItem``), deliberated there
(``meetings.Speech``), voted on the voting engine (a roll call on that agenda item); a passed vote
gives it its number (示常决〔2026〕3号, numbered per congress and year) and its text is published.
The implementation report (执行情况报告) is a rectification item of source 重大事项决定 linked to the
decision (``decision.rectification_items``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class Decision(TenantModel):
    class Kind(models.TextChoices):
        RESOLUTION = "resolution", "决议"
        DECISION = "decision", "决定"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "已列入议程"
        VOTING = "voting", "付表决"
        PASSED = "passed", "已通过"
        FAILED = "failed", "未通过"
        PUBLISHED = "published", "已公布"

    title = models.CharField("标题", max_length=200)
    kind = models.CharField("文种", max_length=12, choices=Kind.choices, default=Kind.DECISION)
    proposer = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+",
                                 verbose_name="提请机关")
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, related_name="+",
                                verbose_name="提请审议的常委会会议")
    agenda_item = models.ForeignKey("meetings.AgendaItem", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="议程")
    explanation = models.TextField("议案说明", max_length=8000, blank=True)
    text = models.TextField("决议、决定文本", max_length=20000)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PROPOSED)
    vote = models.ForeignKey("voting.Vote", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="表决")
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    number = models.PositiveIntegerField("序号", null=True, blank=True)
    number_text = models.CharField("文号", max_length=40, blank=True)
    decided_on = models.DateField("通过日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "重大事项决定"
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["congress", "year", "number"], name="decision_number_once")]
        indexes = [models.Index(fields=["congress", "status"])]

    def __str__(self) -> str:
        return self.title

