"""代表履职档案: a deputy's performance record is computed from every module when it is read
(records.queries), so no figure is stored and none can go stale. The only stored part is the deputy's
own short note to a year."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class RecordNote(TenantModel):
    """The deputy's note to one year of their record (履职情况说明); never a figure."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="代表")
    year = models.PositiveSmallIntegerField("年度")
    text = models.TextField("履职情况说明", max_length=5000)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "履职情况说明"
        constraints = [models.UniqueConstraint(fields=["congress", "person", "year"], name="record_note_once")]

    def __str__(self) -> str:
        return f"{self.year}年履职情况说明"
