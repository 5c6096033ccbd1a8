"""Deputies' activities between sessions (闭会期间代表活动) and their training (代表培训).

An ``Activity`` is organised by one congress (its tenant): an inspection, a survey, a symposium, a
deputy group's activity, a visit with leaders, or a training session. Its participants may be deputies
of any level of this congress's area (the congress itself, those above it and those below it), so a
``Participant`` names the ``people.Person`` (the one table shared by the five levels) and the congress
whose deputy they are (``as_deputy_of``); a person keeps one record per congress, and the combined view
adds their congresses up (records app). Staff and CPPCC members may take part too (``as_deputy_of``
empty). Training sessions are activities of kind training that belong to a ``TrainingProgramme``
and count hours per participant.

列席 at standing-committee meetings is not recorded here: it is the meeting's roster (meetings app),
read by the records app through the deputy's person.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class TrainingProgramme(TenantModel):
    """A training programme (任职培训, a 代表法 course, mediation training, staff training) of one
    or more sessions."""

    class Kind(models.TextChoices):
        INDUCTION = "induction", "履职学习（任职培训）"
        LAW = "law", "代表法等法律专题培训"
        MEDIATION = "mediation", "调解培训"
        STAFF = "staff", "人大干部培训"
        OTHER = "other", "其他专题培训"

    kind = models.CharField("培训类别", max_length=12, choices=Kind.choices)
    title = models.CharField("培训名称", max_length=200)
    year = models.PositiveSmallIntegerField("年度")
    organiser = models.CharField("主办单位", max_length=100, blank=True)
    certificate = models.BooleanField("颁发结业证书", default=False)
    required_hours = models.DecimalField("结业所需学时", max_digits=5, decimal_places=1, null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "培训项目"
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title


class Activity(TenantModel):
    class Kind(models.TextChoices):
        INSPECTION = "inspection", "视察"
        SURVEY = "survey", "专题调研"
        SYMPOSIUM = "symposium", "座谈会"
        GROUP = "group", "代表小组活动"
        LEADERS_VISIT = "leaders_visit", "走访（领导联系代表）"
        TRAINING = "training", "培训"
        OTHER = "other", "其他活动"

    class Status(models.TextChoices):
        PLANNED = "planned", "已通知"
        HELD = "held", "已举行"
        CANCELLED = "cancelled", "已取消"

    kind = models.CharField("活动类别", max_length=16, choices=Kind.choices)
    topic = models.CharField("主题", max_length=200)
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间", null=True, blank=True)
    place = models.CharField("地点", max_length=200)
    organiser = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="组织机构")
    deputy_group = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="代表小组")
    programme = models.ForeignKey(TrainingProgramme, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="sessions", verbose_name="培训项目")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1, null=True, blank=True)
    description = models.TextField("内容", max_length=5000, blank=True)
    summary = models.TextField("活动情况", max_length=10000, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PLANNED)
    sign_in_secret = models.CharField(max_length=64, default=secrets.token_hex, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "代表活动"
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["congress", "starts_at"]), models.Index(fields=["congress", "kind", "starts_at"])]

    def __str__(self) -> str:
        return self.topic


class Participant(TenantModel):
    """One person invited to an activity: their reply to the notice (参加/请假), their attendance and,
    for training, the hours they earned."""

    class Reply(models.TextChoices):
        NONE = "", "未回复"
        ATTEND = "attend", "参加"
        LEAVE = "leave", "请假"

    class Attendance(models.TextChoices):
        EXPECTED = "expected", "应到"
        PRESENT = "present", "出席"
        ON_LEAVE = "on_leave", "请假"
        ABSENT = "absent", "缺席"

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="人员")
    as_deputy_of = models.ForeignKey("core.Congress", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="代表所属人大")
    role = models.CharField("身份", max_length=30, blank=True, help_text="例如：带队、代表、列席")
    reply = models.CharField("回复", max_length=8, choices=Reply.choices, blank=True)
    reply_note = models.CharField("请假理由", max_length=200, blank=True)
    replied_at = models.DateTimeField("回复时间", null=True, blank=True)
    attendance = models.CharField("出席情况", max_length=10, choices=Attendance.choices, default=Attendance.EXPECTED)
    signed_in_at = models.DateTimeField("签到时间", null=True, blank=True)
    sign_in_method = models.CharField("签到方式", max_length=8, blank=True)
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1, null=True, blank=True)
    certificate_number = models.CharField("结业证书编号", max_length=40, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "活动参加人员"
        ordering = ["activity", "id"]
        constraints = [models.UniqueConstraint(fields=["congress", "activity", "person"], name="participant_once")]
        indexes = [models.Index(fields=["congress", "person"])]


class Output(TenantModel):
    """What an activity produced: an opinion (in the opinion register), a suggestion, a report."""

    class Kind(models.TextChoices):
        OPINION = "opinion", "意见建议"
        SUGGESTION = "suggestion", "代表建议"
        REPORT = "report", "调研（视察）报告"

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField("类别", max_length=12, choices=Kind.choices)
    title = models.CharField("标题", max_length=200)
    suggestion = models.ForeignKey("proposals.Suggestion", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    concern = models.ForeignKey("liaison.Concern", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    text = models.TextField("内容", max_length=20000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "活动成果"
        ordering = ["activity", "id"]


class TrainingCertificate(TenantModel):
    """A certificate of completion (结业证书) of a programme, issued to one person once their hours
    reach the programme's required hours. The hours are not stored: they are read from attendance."""

    programme = models.ForeignKey(TrainingProgramme, on_delete=models.PROTECT, related_name="certificates")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="人员")
    number = models.CharField("证书编号", max_length=40)
    issued_on = models.DateField("颁发日期")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "培训结业证书"
        ordering = ["programme", "number"]
        constraints = [models.UniqueConstraint(fields=["congress", "programme", "person"], name="certificate_once"),
                       models.UniqueConstraint(fields=["congress", "number"], name="certificate_number_once")]

    def __str__(self) -> str:
        return f"{self.number}（{self.person.name}）"
