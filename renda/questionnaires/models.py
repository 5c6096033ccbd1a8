"""Questionnaires (问卷) built in Renda and answered on a phone without an account: one survey
machinery for oversight surveys and inspections, legislative research and any later use.

A questionnaire is reached either through its public link (the QR code on a poster or a slide: one
answer per browser) or through single-use answer codes handed to named groups (each code answers
once). Answers carry no personal data."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


def new_link_code() -> str:
    return secrets.token_urlsafe(12)


class Questionnaire(TenantModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        OPEN = "open", "收集中"
        CLOSED = "closed", "已结束"

    class Access(models.TextChoices):
        LINK = "link", "公开链接（每个浏览器答一次）"
        CODES = "codes", "答卷码（每个码答一次）"

    title = models.CharField("问卷标题", max_length=200)
    intro = models.TextField("说明", max_length=2000, blank=True)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.DRAFT)
    access = models.CharField("答卷方式", max_length=8, choices=Access.choices, default=Access.LINK)
    link_code = models.CharField(max_length=24, unique=True, default=new_link_code, editable=False)
    closes_at = models.DateTimeField("截止时间", null=True, blank=True)
    opened_at = models.DateTimeField("开始时间", null=True, blank=True)
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "问卷"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title


class Question(TenantModel):
    class Kind(models.TextChoices):
        SINGLE = "single", "单选"
        MULTIPLE = "multiple", "多选"
        SCALE = "scale", "量表"
        TEXT = "text", "填空"

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="questions")
    order = models.PositiveSmallIntegerField("顺序")
    text = models.CharField("题目", max_length=300)
    kind = models.CharField("题型", max_length=8, choices=Kind.choices)
    required = models.BooleanField("必答", default=True)
    choices = models.JSONField("选项", default=list, blank=True)  # single / multiple: the options' texts
    max_choices = models.PositiveSmallIntegerField("最多选几项", null=True, blank=True)
    scale_min = models.SmallIntegerField("量表最小值", default=1)
    scale_max = models.SmallIntegerField("量表最大值", default=5)
    scale_low_label = models.CharField("最小值含义", max_length=20, blank=True)
    scale_high_label = models.CharField("最大值含义", max_length=20, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "问卷题目"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class AnswerCode(TenantModel):
    """A single-use code for answering a questionnaire whose access is by codes."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="codes")
    code = models.CharField("答卷码", max_length=16)
    batch = models.CharField("发放对象", max_length=60, blank=True)
    used_at = models.DateTimeField("使用时间", null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "答卷码"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["congress", "questionnaire", "code"], name="answer_code_unique")]


class Response(TenantModel):
    """One filled-in questionnaire. ``respondent`` is a one-way digest of the browser's token or of
    the answer code, unique per questionnaire, so the same link or code cannot answer twice."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="responses")
    respondent = models.CharField(max_length=64)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "答卷"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["congress", "questionnaire", "respondent"],
                                               name="one_response_per_respondent")]
        indexes = [models.Index(fields=["congress", "questionnaire", "submitted_at"])]


class Answer(TenantModel):
    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    choices = models.JSONField("所选选项", default=list, blank=True)  # indexes into question.choices
    scale = models.SmallIntegerField("量表分值", null=True, blank=True)
    text = models.TextField("填写内容", max_length=2000, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "答案"
        ordering = ["id"]
        indexes = [models.Index(fields=["congress", "question"])]
