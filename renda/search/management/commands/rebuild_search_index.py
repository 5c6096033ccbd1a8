"""Rebuild the search index from the sources, for every congress or one.

    renda manage rebuild_search_index [--congress CODE]
"""

import time

from django.core.management.base import BaseCommand, CommandError

from renda.core.models import Congress
from renda.core.tenancy import congress_scope
from renda.search import engine


class Command(BaseCommand):
    help = "重建全文检索索引"

    def add_arguments(self, parser):
        parser.add_argument("--congress", dest="code", default=None, help="only this congress (its code)")

    def handle(self, *args, code=None, **options):
        congresses = Congress.objects.order_by("id")
        if code:
            congresses = congresses.filter(code=code)
            if not congresses.exists():
                raise CommandError(f"没有代码为 {code} 的人大")
        total = 0
        for congress in congresses:
            started = time.perf_counter()
            with congress_scope(congress):
                count = engine.rebuild(congress.pk)
            total += count
            self.stdout.write(f"{congress.name}（{congress.code}）：索引 {count} 条，用时 {time.perf_counter() - started:.1f} 秒")
        self.stdout.write(f"合计 {total} 条")
