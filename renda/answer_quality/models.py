"""Advisory flags on a handling unit's answer (答复质量提示), for the office's staff.

A flag never blocks an answer; it says why an answer may deserve a second look — it repeats the
unit's earlier answer to another item (套话答复), or it does not take up what the item asks (答非所问)
— with the evidence. ``source`` and ``object_id`` name the answer: ``suggestion``, a proposals
Answer (``item_id`` its suggestion); ``concern``, a liaison Concern's answer — a station's concern or
an opinion-register item — given by the unit it was passed to (``object_id`` and ``item_id`` both the
concern, whose answer lives on it). ``unit`` is the answering unit, which the report counts by.
"""

from __future__ import annotations

from django.db import models

from renda.core.tenancy import TenantModel


class AnswerFlag(TenantModel):
    class Kind(models.TextChoices):
        BOILERPLATE = "boilerplate", "套话答复"
        OFF_TOPIC = "off_topic", "答非所问"

    class Source(models.TextChoices):
        SUGGESTION = "suggestion", "议案建议答复"
        CONCERN = "concern", "群众诉求、意见建议答复"

    source = models.CharField("答复类别", max_length=20, choices=Source.choices, default=Source.SUGGESTION)
    object_id = models.PositiveBigIntegerField("答复")
    item_id = models.PositiveBigIntegerField("所答复的件")
    unit = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name="答复单位")
    kind = models.CharField("提示", max_length=12, choices=Kind.choices)
    score = models.FloatField("得分")  # boilerplate: containment in the closest earlier answer; off_topic: coverage
    evidence = models.JSONField("依据", default=dict)
    computed_at = models.DateTimeField("检查时间", auto_now=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "答复质量提示"
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["congress", "source", "object_id", "kind"],
                                               name="answer_flag_once")]
        indexes = [models.Index(fields=["congress", "unit", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.unit_id}）"
