"""The year's work points (工作要点) and the calendar of key work (重点工作行事历), followed item by
item to closure.

A ``WorkPlan`` is the year's document, adopted at a directors' or party-group meeting or voted at a
standing-committee session (the vote then recorded); each
``WorkPoint`` is one dated item with its owner (a working committee or the office), the leader in
charge and its due date (a day, or a month — then the month's last day); it is open until it is done
(with a closing note and evidence) or carried over. ``WorkPointLink`` ties an item to what fulfils it:
a meeting, an oversight plan item, a work report. Overdue is derived (due date passed, not done),
never stored."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class WorkPlan(TenantModel):
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("标题", max_length=200)
    adopted_at = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="通过的会议")
    adopted_on = models.DateField("通过日期", null=True, blank=True)
    vote = models.ForeignKey("voting.Vote", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="通过的表决")
    document = models.FileField("工作要点文件", upload_to="work_points/%Y/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "年度工作要点"
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["congress", "year"], name="work_plan_year_unique")]

    def __str__(self) -> str:
        return self.title


class WorkPoint(TenantModel):
    class Status(models.TextChoices):
        OPEN = "open", "推进中"
        DONE = "done", "已完成"
        CARRIED = "carried", "结转下年"

    plan = models.ForeignKey(WorkPlan, on_delete=models.PROTECT, related_name="points", verbose_name="工作要点")
    number = models.PositiveSmallIntegerField("序号")
    text = models.CharField("工作事项", max_length=1000)
    owner = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+",
                              verbose_name="责任委室")
    leader = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name="分管领导")
    due_on = models.DateField("完成时间")
    month_only = models.BooleanField("只定到月份", default=False)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.OPEN)
    closing_note = models.CharField("完成情况", max_length=2000, blank=True)
    evidence = models.FileField("佐证材料", upload_to="work_points/%Y/", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    carried_to = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name="结转至")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "工作要点事项"
        ordering = ["plan", "due_on", "number", "id"]
        indexes = [models.Index(fields=["congress", "status", "due_on"]),
                   models.Index(fields=["congress", "owner", "status"])]

    def __str__(self) -> str:
        return self.text[:60]

    def is_overdue(self, today: datetime.date) -> bool:
        """Due date passed and not done (due today is not overdue)."""
        return self.status == self.Status.OPEN and self.due_on < today

    @property
    def due_text(self) -> str:
        return f"{self.due_on.year}年{self.due_on.month}月" if self.month_only else f"{self.due_on:%Y-%m-%d}"


class WorkPointLink(TenantModel):
    point = models.ForeignKey(WorkPoint, on_delete=models.CASCADE, related_name="links", verbose_name="工作要点事项")
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="会议")
    plan_item = models.ForeignKey("oversight.PlanItem", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="监督工作计划项目")
    work_report = models.ForeignKey("oversight.WorkReport", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="专项工作报告")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "工作要点关联事项"
        ordering = ["point", "id"]

    def __str__(self) -> str:
        return str(self.meeting or self.plan_item or self.work_report)

    @property
    def target(self):
        return self.meeting or self.plan_item or self.work_report
