"""Recount every kept aggregate (core.tallies) from its source rows: after a bulk load that wrote rows
without actions, or whenever a kept figure is in doubt. Run it while nobody writes to the congress."""

from django.core.management.base import BaseCommand, CommandError

from renda.core import tallies
from renda.core.models import Congress
from renda.core.tenancy import congress_scope


class Command(BaseCommand):
    help = "从原始记录重新统计各项统计累计（可指定人大代码与统计项）"

    def add_arguments(self, parser):
        parser.add_argument("--congress", help="人大代码；不填则全部")
        parser.add_argument("--name", action="append", help="统计项，如 liaison.concerns；可重复；不填则全部")

    def handle(self, *args, congress=None, name=None, **options):
        kept = tallies.all_kept()
        unknown = sorted(set(name or []) - set(kept))
        if unknown:
            raise CommandError(f"没有这些统计项：{'、'.join(unknown)}；可选：{'、'.join(sorted(kept))}")
        congresses = Congress.objects.filter(code=congress) if congress else Congress.objects.order_by("id")
        if congress and not congresses.exists():
            raise CommandError(f"没有代码为 {congress} 的人大")
        for c in congresses:
            with congress_scope(c):
                for each in (kept[n] for n in (name or sorted(kept))):
                    rows = tallies.rebuild(each, c)
                    self.stdout.write(f"{c.code} {each.name}: {rows} 行")
