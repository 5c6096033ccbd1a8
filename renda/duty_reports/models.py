"""述职: the yearly list of deputies and appointees due to report on their duties, their reports,
and the satisfaction evaluation of each.

A ``DutyPlan`` is the office's list for one year (述职计划); each ``DutyReport`` is one person on it:
a deputy (picked by the office, e.g. because the station asks) or an appointee (someone holding a
post in a handling unit or on a working committee, proposed because they have not reported yet in
this term). The person (or staff for them) files the report; the standing committee rates it by a
satisfaction vote at a session, or — for a deputy — the voters at a liaison station, whose counts the
office records. The counts and the grade are stored on the report.

A deputy's report to the voters (代表向选民述职) is held at a station or before the electoral unit
(``station`` or ``electoral_unit``, ``held_at``); the voters evaluate it on their phones in a window
the office opens (``VoterEvaluation``, one per phone and per person), and on closing the phone
evaluations plus any paper counts (``paper_*``) become the report's counts and grade."""

from __future__ import annotations

from fractions import Fraction

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class DutyPlan(TenantModel):
    term = models.ForeignKey("core.Term", on_delete=models.PROTECT, related_name="+", verbose_name="届次")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("标题", max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "述职计划"
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["congress", "year"], name="duty_plan_year_unique")]

    def __str__(self) -> str:
        return self.title


class DutyReport(TenantModel):
    class Kind(models.TextChoices):
        DEPUTY = "deputy", "人大代表"
        APPOINTEE = "appointee", "常委会任命人员"

    class Status(models.TextChoices):
        DUE = "due", "待提交述职报告"
        FILED = "filed", "已提交，待评议"
        RATING = "rating", "测评中"
        RATED = "rated", "已评议"

    class RatedBy(models.TextChoices):
        SESSION = "session", "常委会会议满意度测评"
        STATION = "station", "代表联络站选民评议"
        VOTERS = "voters", "选区选民评议"

    class Grade(models.TextChoices):
        SATISFIED = "满意", "满意"
        BASIC = "基本满意", "基本满意"
        UNSATISFIED = "不满意", "不满意"

    class Evaluation(models.TextChoices):
        SCHEDULED = "scheduled", "已安排"
        OPEN = "open", "评议中"
        CLOSED = "closed", "已结束"

    plan = models.ForeignKey(DutyPlan, on_delete=models.PROTECT, related_name="reports", verbose_name="述职计划")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="述职人")
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    post = models.CharField("职务", max_length=200, blank=True)
    membership = models.ForeignKey("people.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="所任职务")
    station = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="代表联络站")
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.DUE)
    title = models.CharField("报告标题", max_length=200, blank=True)
    text = models.TextField("述职报告", max_length=20000, blank=True)
    file = models.FileField("报告文件", upload_to="duty_reports/%Y/", blank=True)
    filed_on = models.DateField("提交日期", null=True, blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name="提交人")
    rated_by = models.CharField("评议方式", max_length=8, choices=RatedBy.choices, blank=True)
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="测评的会议")
    vote = models.ForeignKey("voting.Vote", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="满意度测评")
    satisfied = models.PositiveIntegerField("满意", null=True, blank=True)
    basic = models.PositiveIntegerField("基本满意", null=True, blank=True)
    unsatisfied = models.PositiveIntegerField("不满意", null=True, blank=True)
    grade = models.CharField("评议结果", max_length=4, choices=Grade.choices, blank=True)
    rated_on = models.DateField("评议日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # 代表向选民述职 and the voters' evaluation on the phone
    electoral_unit = models.CharField("选区（选举单位）", max_length=200, blank=True)
    held_at = models.DateTimeField("述职时间", null=True, blank=True)
    evaluation = models.CharField("选民扫码评议", max_length=10, choices=Evaluation.choices, blank=True)
    evaluation_opens_at = models.DateTimeField("评议开始时间", null=True, blank=True)
    evaluation_closes_at = models.DateTimeField("评议结束时间", null=True, blank=True)
    evaluation_key = models.CharField("评议码", max_length=32, blank=True, db_index=True)
    paper_satisfied = models.PositiveIntegerField("书面评议：满意", null=True, blank=True)
    paper_basic = models.PositiveIntegerField("书面评议：基本满意", null=True, blank=True)
    paper_unsatisfied = models.PositiveIntegerField("书面评议：不满意", null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "述职报告"
        ordering = ["plan", "kind", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "person"], name="duty_report_once_a_year")]
        indexes = [models.Index(fields=["congress", "person"])]

    def __str__(self) -> str:
        return f"{self.person.name}述职"

    @property
    def total(self) -> int:
        return (self.satisfied or 0) + (self.basic or 0) + (self.unsatisfied or 0)

    def rate(self, *names: str) -> Fraction | None:
        """The share of the counted ratings that are among ``names`` (满意率: 满意+基本满意)."""
        if not self.total:
            return None
        counts = {"满意": self.satisfied or 0, "基本满意": self.basic or 0, "不满意": self.unsatisfied or 0}
        return Fraction(sum(counts[n] for n in names), self.total)

    @property
    def place(self) -> str:
        """Where the deputy reported to the voters: the station's name or the electoral unit."""
        return self.station.name if self.station_id and self.station else self.electoral_unit

    @property
    def paper_total(self) -> int:
        return (self.paper_satisfied or 0) + (self.paper_basic or 0) + (self.paper_unsatisfied or 0)

    @property
    def satisfaction_rate(self) -> str:
        """满意率 (满意 and 基本满意 of all counted), as a percentage with one decimal, or ''."""
        share = self.rate("满意", "基本满意")
        return "" if share is None else f"{float(share) * 100:.1f}%"


class VoterEvaluation(TenantModel):
    """One voter's evaluation of a deputy's report, from the phone (no account). Neither the phone's
    token nor the voter's name and digits are stored: only keyed hashes, per report, so that the same
    phone or the same person is recognised on this report and cannot be traced across reports."""

    Rating = DutyReport.Grade

    # DO_NOTHING so that removing a due report (which has none) stays one scoped DELETE; the database's
    # foreign key still refuses to delete a report that has evaluations.
    report = models.ForeignKey(DutyReport, on_delete=models.DO_NOTHING, related_name="voter_evaluations",
                               verbose_name="述职报告")
    rating = models.CharField("评议意见", max_length=4, choices=Rating.choices)
    comment = models.TextField("意见建议", max_length=500, blank=True)
    device = models.CharField(max_length=64)
    voter = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "选民评议"
        ordering = ["report", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "device"], name="voter_evaluation_once_a_phone"),
                       models.UniqueConstraint(fields=["report", "voter"], name="voter_evaluation_once_a_person")]

    def __str__(self) -> str:
        return f"选民评议：{self.rating}"
