"""Comments on a draft (征求意见): the comment periods, the comments tied to an article or to the
whole, the grassroots legislative contact points that forward residents' comments, and the
committee's adoption of each.

A ``CommentPeriod`` opens one version of a bill (草案, 修改稿) for comment to any of four audiences —
deputies (常委会组成人员 among them), handling units, the grassroots legislative contact points, the
public — from ``opens_on`` to ``closes_on`` (both days included, Asia/Shanghai). A bill may have
several periods, one per version. Once the period is closed, the committee decides each comment
(采纳 / 部分采纳 / 未采纳, with a reason for the last two) and finalises the summary (意见汇总及采纳
情况); after that no decision changes.

A ``LawComment`` names the provision it is about (an article or one of its paragraphs; none for the
draft as a whole) and, for grouping, the article; its source says who gave it. A contact point's
comment carries the resident's name (or 匿名), the community or village, how it was gathered and
when. Each comment has a reference code (查询码) so whoever gave it can see its outcome."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class CommentPeriod(TenantModel):
    bill = models.ForeignKey("legislation.Bill", on_delete=models.PROTECT, related_name="comment_periods",
                             verbose_name="法规案")
    version = models.OneToOneField("legislation.BillVersion", on_delete=models.PROTECT, related_name="comment_period",
                                   verbose_name="征求意见的文本")
    for_deputies = models.BooleanField("向人大代表征求意见", default=False)
    for_units = models.BooleanField("向有关单位征求意见", default=False)
    for_contact_points = models.BooleanField("向基层立法联系点征求意见", default=False)
    for_public = models.BooleanField("向社会公开征求意见", default=False)
    opens_on = models.DateField("开始日期")
    closes_on = models.DateField("截止日期")
    closed_early_at = models.DateTimeField("提前结束时间", null=True, blank=True)
    notes = models.TextField("征求意见说明", max_length=4000, blank=True)
    finalised_at = models.DateTimeField("意见汇总定稿时间", null=True, blank=True)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    AUDIENCES = (("deputies", "人大代表"), ("units", "有关单位"), ("contact_points", "基层立法联系点"),
                 ("public", "社会公众"))

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "征求意见"
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["congress", "closes_on"])]

    def __str__(self) -> str:
        return f"{self.bill.title}（{self.version.label or self.version.get_stage_display()}）征求意见"

    @property
    def audiences(self) -> list[str]:
        return [key for key, _ in self.AUDIENCES if getattr(self, f"for_{key}")]

    @property
    def audience_labels(self) -> list[str]:
        return [label for key, label in self.AUDIENCES if getattr(self, f"for_{key}")]

    def is_open_on(self, day: datetime.date) -> bool:
        return self.closed_early_at is None and self.opens_on <= day <= self.closes_on

    def has_ended_by(self, day: datetime.date) -> bool:
        return self.closed_early_at is not None or day > self.closes_on

    def state_on(self, day: datetime.date) -> str:
        if self.has_ended_by(day):
            return "已定稿" if self.finalised_at else "已截止"
        return "征求意见中" if day >= self.opens_on else "尚未开始"


class LawComment(TenantModel):
    class Source(models.TextChoices):
        DEPUTY = "deputy", "人大代表"
        MEMBER = "member", "常委会组成人员"
        UNIT = "unit", "有关单位"
        CONTACT_POINT = "contact_point", "基层立法联系点"
        PUBLIC = "public", "社会公众"

    class Gathered(models.TextChoices):
        SYMPOSIUM = "symposium", "座谈会"
        VISIT = "visit", "走访"
        WRITTEN = "written", "书面"

    class Decision(models.TextChoices):
        ADOPTED = "adopted", "采纳"
        PARTLY = "partly", "部分采纳"
        DECLINED = "declined", "未采纳"

    period = models.ForeignKey(CommentPeriod, on_delete=models.PROTECT, related_name="comments")
    provision = models.ForeignKey("legislation.Provision", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="条款（空为对草案整体的意见）")
    article = models.ForeignKey("legislation.Provision", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="所属条")
    source = models.CharField("意见来源", max_length=16, choices=Source.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name="提交账号")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name="代表或组成人员")
    organisation = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="单位或基层立法联系点")
    name = models.CharField("提出人", max_length=50, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    community = models.CharField("社区（村）", max_length=100, blank=True)
    gathered_how = models.CharField("收集方式", max_length=10, choices=Gathered.choices, blank=True)
    gathered_on = models.DateField("收集日期", null=True, blank=True)
    text = models.TextField("意见", max_length=4000)
    reference_code = models.CharField("查询码", max_length=11)
    submitted_at = models.DateTimeField("提交时间")
    decision = models.CharField("采纳情况", max_length=10, choices=Decision.choices, blank=True)
    reason = models.TextField("理由", max_length=2000, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "立法意见"
        ordering = ["period", "submitted_at", "id"]
        constraints = [models.UniqueConstraint(fields=["congress", "reference_code"], name="law_comment_code_once")]
        indexes = [models.Index(fields=["period", "article"]), models.Index(fields=["congress", "author"])]

    def __str__(self) -> str:
        return f"{self.get_source_display()}意见 {self.reference_code}"

    @property
    def giver(self) -> str:
        """Who gave it, as the summary names them."""
        if self.source == self.Source.CONTACT_POINT:
            who = self.name or "匿名"
            where = f"，{self.community}" if self.community else ""
            point = self.organisation.name if self.organisation is not None else "基层立法联系点"
            return f"{point}（{who}{where}）"
        if self.source == self.Source.UNIT:
            return self.organisation.name if self.organisation is not None else "有关单位"
        if self.source in (self.Source.DEPUTY, self.Source.MEMBER):
            return self.person.name if self.person is not None else self.name
        return self.name or "匿名"
