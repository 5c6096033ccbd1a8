"""Questioning (质询案): a written motion by the legal number of members (监督法第七章, 组织法第五十三条:
``sc.inquiry_min_members``) or of deputies at a plenary (组织法第二十四条: ``plenary.inquiry_min_deputies``),
naming the body, the questions and their content. The chair's or directors' meeting decides to put
it to the body, which answers orally or in writing through its head by the time set; if more than
half of the signers are not satisfied, a further answer may be required (代表法第二十条)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class Questioning(TenantModel):
    class Forum(models.TextChoices):
        STANDING_COMMITTEE = "standing_committee", "常委会会议"
        PLENARY = "plenary", "代表大会会议"

    class Status(models.TextChoices):
        DRAFT = "draft", "征集联名"
        FILED = "filed", "已提出"
        ACCEPTED = "accepted", "已决定交受质询机关答复"
        REJECTED = "rejected", "未列入"
        ANSWERED = "answered", "已答复"
        FURTHER = "further", "要求再作答复"
        CONCLUDED = "concluded", "已办结"

    class Mode(models.TextChoices):
        ORAL = "oral", "口头答复"
        WRITTEN = "written", "书面答复"

    forum = models.CharField("提出场合", max_length=20, choices=Forum.choices)
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, related_name="+", verbose_name="会议")
    body = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+",
                             verbose_name="受质询机关")
    title = models.CharField("案由", max_length=200)
    questions = models.TextField("质询的问题和内容", max_length=8000)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    filed_at = models.DateTimeField("提出时间", null=True, blank=True)
    decided_at_meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True,
                                           related_name="+", verbose_name="决定的主席团会议或主任会议")
    decision_note = models.CharField("决定", max_length=300, blank=True)
    mode = models.CharField("答复方式", max_length=8, choices=Mode.choices, blank=True)
    answer_by = models.DateField("答复期限", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "质询案"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title


class QuestioningSigner(TenantModel):
    questioning = models.ForeignKey(Questioning, on_delete=models.PROTECT, related_name="signers")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="提案人")
    signed_at = models.DateTimeField(auto_now_add=True)
    satisfied = models.BooleanField("对答复满意", null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["questioning", "id"]
        constraints = [models.UniqueConstraint(fields=["congress", "questioning", "person"], name="questioning_signer_once")]


class QuestioningAnswer(TenantModel):
    questioning = models.ForeignKey(Questioning, on_delete=models.PROTECT, related_name="answers")
    round = models.PositiveSmallIntegerField("答复次数")  # 1, then 2 for the further answer
    mode = models.CharField("答复方式", max_length=8, choices=Questioning.Mode.choices)
    answerer = models.CharField("答复人（受质询机关负责人）", max_length=100)
    text = models.TextField("答复内容", max_length=20000)
    document = models.FileField("书面答复", upload_to="oversight/questioning/%Y/", blank=True)
    answered_on = models.DateField("答复日期")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        ordering = ["questioning", "round"]
        constraints = [models.UniqueConstraint(fields=["congress", "questioning", "round"], name="questioning_answer_round")]
