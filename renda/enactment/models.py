"""A bill's way through the standing committee: the preliminary review report, the readings, the
unified review and revision reports, the vote (with separate votes on contested articles),
approval by the province, promulgation and filing.

The meetings app holds what happens at a meeting: each reading and each report is an agenda item
there (``meetings.AgendaItem``) with its documents (``meetings.Document``), and a member's opinion is
a ``meetings.Speech``; the rows here say which bill, which version and which article they are about.
The votes are the voting engine's (``voting.Vote``); the law in force and its revisions are
``legislation.Law`` and ``legislation.LawRevision``."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class Submission(TenantModel):
    """提请审议: a body entitled to propose submits the bill (its version and explanation) to the
    standing committee; the proposal goes through the agenda chain as an ``agenda.ProposedItem``."""

    bill = models.OneToOneField("legislation.Bill", on_delete=models.PROTECT, related_name="submission")
    version = models.ForeignKey("legislation.BillVersion", on_delete=models.PROTECT, related_name="+",
                                verbose_name="提请审议的文本")
    proposer = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name="提请机关")
    proposed_item = models.OneToOneField("agenda.ProposedItem", on_delete=models.PROTECT, related_name="+",
                                         verbose_name="提请事项")
    submitted_on = models.DateField("提请日期")
    explanation = models.TextField("说明", max_length=40000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "法规案提请审议"


class Reading(TenantModel):
    """One reading (审议) of the bill at a standing-committee session: deliberation, no vote. The
    version reaches the members as a meeting document released at ``distributed_at``; fewer than
    the rule's days before the session only in a special case, whose reason is kept."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "已列入议程"
        HELD = "held", "已审议"

    bill = models.ForeignKey("legislation.Bill", on_delete=models.PROTECT, related_name="readings")
    number = models.PositiveSmallIntegerField("审议次序")
    version = models.ForeignKey("legislation.BillVersion", on_delete=models.PROTECT, related_name="+",
                                verbose_name="审议的文本")
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, related_name="+",
                                verbose_name="常委会会议")
    agenda_item = models.ForeignKey("meetings.AgendaItem", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="议程")
    document = models.ForeignKey("meetings.Document", on_delete=models.PROTECT, related_name="+",
                                 verbose_name="发给组成人员的文本")
    distributed_at = models.DateTimeField("发给组成人员的时间")
    short_notice_reason = models.CharField("不足规定天数发出的特殊情况", max_length=500, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    held_on = models.DateField("审议日期", null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "法规案审议"
        ordering = ["bill", "number"]
        constraints = [models.UniqueConstraint(fields=["bill", "number"], name="enactment_reading_number_once"),
                       models.UniqueConstraint(fields=["bill", "meeting"], name="enactment_reading_meeting_once")]

    def __str__(self) -> str:
        return f"第{self.number}次审议"


class Opinion(TenantModel):
    """A member's opinion in a reading (a ``meetings.Speech``), tied to an article or to the whole."""

    reading = models.ForeignKey(Reading, on_delete=models.PROTECT, related_name="opinions")
    speech = models.OneToOneField("meetings.Speech", on_delete=models.PROTECT, related_name="+")
    provision = models.ForeignKey("legislation.Provision", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="条文（不选为总体意见）")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "审议意见"
        ordering = ["reading", "id"]


class Report(TenantModel):
    """A report on the bill: the committee's preliminary review report heard at a directors'
    meeting; the legal committee's unified review report and its revision report at a reading.
    Its document is a meeting document on that meeting's agenda item; a unified review or revision
    report names the version it produces (修改稿、表决稿)."""

    class Kind(models.TextChoices):
        PRELIMINARY = "preliminary", "初审意见的报告"
        UNIFIED = "unified", "审议结果的报告（统一审议）"
        REVISION = "revision", "修改情况的报告"

    bill = models.ForeignKey("legislation.Bill", on_delete=models.PROTECT, related_name="enactment_reports")
    kind = models.CharField("报告", max_length=12, choices=Kind.choices)
    title = models.CharField("标题", max_length=200)
    body = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+",
                             verbose_name="报告机构")
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, related_name="+", verbose_name="会议")
    agenda_item = models.ForeignKey("meetings.AgendaItem", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="议程")
    document = models.ForeignKey("meetings.Document", on_delete=models.PROTECT, related_name="+", verbose_name="文件")
    reading = models.ForeignKey(Reading, on_delete=models.PROTECT, null=True, blank=True, related_name="reports")
    version = models.ForeignKey("legislation.BillVersion", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="据此形成的文本")
    reported_on = models.DateField("报告日期")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "法规案审议报告"
        ordering = ["bill", "reported_on", "id"]


class BillVote(TenantModel):
    """A roll call on the bill: on the whole 表决稿 (``provision`` empty) or, where the chairs'
    meeting so decides, on one contested article, voted before the whole (立法法第四十四条)."""

    bill = models.ForeignKey("legislation.Bill", on_delete=models.PROTECT, related_name="enactment_votes")
    version = models.ForeignKey("legislation.BillVersion", on_delete=models.PROTECT, related_name="+",
                                verbose_name="表决稿")
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, related_name="+")
    provision = models.ForeignKey("legislation.Provision", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="单独表决的条款")
    vote = models.OneToOneField("voting.Vote", on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "法规案表决"
        ordering = ["bill", "id"]


class Approval(TenantModel):
    """报请批准 (立法法第八十一条): a districted city's regulation submitted to the provincial standing
    committee, which decides within four months of the submission."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", "批准"
        AMENDED = "amended", "附修改意见批准"
        NOT_APPROVED = "not_approved", "不予批准"

    bill = models.OneToOneField("legislation.Bill", on_delete=models.PROTECT, related_name="approval")
    submitted_on = models.DateField("报请批准日期")
    reference = models.CharField("报批请示文号", max_length=60, blank=True)
    document = models.FileField("报批请示", upload_to="enactment-approvals/%Y/", blank=True)
    due_on = models.DateField("批准期限")
    decided_on = models.DateField("批准决定日期", null=True, blank=True)
    outcome = models.CharField("批准结果", max_length=14, choices=Outcome.choices, blank=True)
    amendments = models.TextField("要求修改的内容", max_length=8000, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "法规报请批准"

    @property
    def late(self) -> bool:
        return self.decided_on is not None and self.decided_on > self.due_on


class Promulgation(TenantModel):
    """公布: the announcement (公告) with its number and date, and the date in force; for a new law or
    an amendment the ``legislation.LawRevision`` it made, for a repeal the law repealed."""

    bill = models.OneToOneField("legislation.Bill", on_delete=models.PROTECT, related_name="promulgation")
    law = models.ForeignKey("legislation.Law", on_delete=models.PROTECT, related_name="+")
    revision = models.OneToOneField("legislation.LawRevision", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    announcement_number = models.CharField("公告号", max_length=60)
    announced_on = models.DateField("公布日期")
    in_force_on = models.DateField("施行日期")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "法规公布"


class Filing(TenantModel):
    """备案 (立法法第一百零九条): the enacted law filed with one body, within the rule's days of its
    announcement; a filing after the due date is late."""

    promulgation = models.ForeignKey(Promulgation, on_delete=models.PROTECT, related_name="filings")
    body = models.CharField("备案机关", max_length=120)
    due_on = models.DateField("备案期限")
    filed_on = models.DateField("报送备案日期", null=True, blank=True)
    reference = models.CharField("备案报告文号", max_length=60, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "法规备案"
        ordering = ["promulgation", "id"]

    @property
    def late(self) -> bool:
        return self.filed_on is not None and self.filed_on > self.due_on
