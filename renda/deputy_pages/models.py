"""网上代表之家 and 致代表的信.

A serving deputy's public page is built from what is already recorded (the mandate, the station and
its rota, the published suggestions); the only thing stored for it is whether the deputy's contact
form is open. A message through the form is a liaison ``Concern`` (source 网上代表之家) with the
deputy as the responsible deputy, so it follows the concern workflow.

A letter to deputies goes to each recipient's inbox and the outbox; the recipient row keeps the
first reading (read receipt) and the reply.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class DeputyPage(TenantModel):
    """What the deputy (or the liaison office) has set for the deputy's public page."""

    mandate = models.OneToOneField("people.Mandate", on_delete=models.PROTECT, related_name="+", verbose_name="代表")
    contact_open = models.BooleanField("接受网上留言", default=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "网上代表之家设置"


class Letter(TenantModel):
    """A letter from the standing committee's office to deputies (致代表的信), e.g. before a session."""

    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文", max_length=10000)
    audience = models.CharField("收信范围", max_length=200)
    reply_by = models.DateField("请于此日前回复", null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField("发出时间", auto_now_add=True)
    reminded_at = models.DateTimeField("最近提醒时间", null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "致代表的信"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title


class LetterRecipient(TenantModel):
    """One deputy's copy: when they first opened it (read receipt) and their reply."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="recipients")
    mandate = models.ForeignKey("people.Mandate", on_delete=models.PROTECT, related_name="+", verbose_name="代表")
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)
    reply = models.TextField("回复", max_length=20000, blank=True)
    replied_at = models.DateTimeField("回复时间", null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "来信收件人"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["congress", "letter", "mandate"], name="letter_recipient_once")]
        indexes = [models.Index(fields=["congress", "mandate", "letter"])]
