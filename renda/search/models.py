"""全文检索 — the index's rows.

One ``SearchEntry`` per searchable thing (kind, object_id) in a congress. Its text is kept twice: as
given (title, body; for the highlighted passage) and folded (``folded``: the units of the title and
of the body, joined by one space, which no folded query contains), for the exact-substring check
every hit passes. The full-text part is not a Django field: on SQLite an FTS5 table ``search_fts``
whose rowid is the entry's ``seq``; on PostgreSQL a ``tsv tsvector`` column of this table with a GIN
index (both made by migration 0001 for the connection's vendor, see ``renda.search.engine``).
"""

from django.db import models

from renda.core.tenancy import TenantModel


class SearchEntry(TenantModel):
    kind = models.CharField("类别", max_length=40)
    object_id = models.BigIntegerField("对象编号")
    title = models.TextField("标题")
    body = models.TextField("正文", blank=True, default="")
    when = models.DateTimeField("时间", null=True, blank=True)
    year = models.IntegerField("年度", null=True, blank=True)
    status = models.CharField("状态", max_length=40, blank=True, default="")
    unit_id = models.BigIntegerField("承办单位", null=True, blank=True)
    delegation_id = models.BigIntegerField("代表团", null=True, blank=True)
    station_id = models.BigIntegerField("联络站", null=True, blank=True)
    audience = models.TextField("可见范围", blank=True, default="")   # space-joined keys ("staff public person:12")
    folded = models.TextField("折叠文本", blank=True, default="")
    # Newest first in one integer: the time in seconds and the id (see engine.sequence); the FTS5 rowid.
    seq = models.BigIntegerField("排序键", unique=True, null=True)   # set right after the insert (it needs the id)

    class Meta(TenantModel.Meta):
        verbose_name = "检索条目"
        verbose_name_plural = "检索条目"
        constraints = [models.UniqueConstraint(fields=["congress", "kind", "object_id"], name="search_entry_unique")]
        indexes = [models.Index(fields=["congress", "seq"], name="search_entry_newest")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
