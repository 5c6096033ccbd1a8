"""Counters for the limits that protect the public (intake, tracking-code lookups, hall sign-in codes).

They live in the database, not the cache: the cache is file-based, where an increment is a read and a
write that two server processes can interleave (a burst of 40 once got 19 past a limit of 10). A row
per key, locked while it is counted, holds on SQLite and PostgreSQL and across processes. Keys name
their congress, so no counter is shared between congresses; the rows hold no personal data beyond
an address or an account id, and are deleted when they expire."""

from django.db import models


class Counter(models.Model):
    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "频率计数"
        verbose_name_plural = "频率计数"

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
