"""Leaders' portfolios (分管) and the map of working committees to the departments they face
(对口联系), so that work routes to the right committee and leader.

Both are periods: a row counts on a day from its ``start`` to its ``end`` inclusive (no end: still
in force). Routing reads them at the time asked (renda/portfolios/queries.py); nothing else stores a
leader or a committee twice."""

from __future__ import annotations

from django.db import models

from renda.core.tenancy import TenantModel


class Portfolio(TenantModel):
    """分管: a leader of the standing committee (主任、副主任、秘书长) in charge of a working committee."""

    leader = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="分管领导")
    committee = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+",
                                  verbose_name="工作委员会")
    start = models.DateField("起始日期")
    end = models.DateField("结束日期", null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "领导分管"
        ordering = ["committee", "start", "id"]
        indexes = [models.Index(fields=["congress", "leader"]), models.Index(fields=["congress", "committee"])]

    def __str__(self) -> str:
        return f"{self.leader} 分管 {self.committee}"


class Liaison(TenantModel):
    """对口联系: a working committee facing a department (承办单位) for a period."""

    committee = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+",
                                  verbose_name="工作委员会")
    unit = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+",
                             verbose_name="对口联系部门")
    start = models.DateField("起始日期")
    end = models.DateField("结束日期", null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "对口联系"
        ordering = ["committee", "unit", "start", "id"]
        indexes = [models.Index(fields=["congress", "unit"]), models.Index(fields=["congress", "committee"])]

    def __str__(self) -> str:
        return f"{self.committee} 对口联系 {self.unit}"
