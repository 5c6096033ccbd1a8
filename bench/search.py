"""Benchmark: the search engine over N Chinese suggestion/concern texts (default 1,000,000).

Builds the index (SQLite: WAL file in a temporary directory; PostgreSQL: database renda_bench_search, when
reachable), reports build time and index size, then 10 concurrent clients (processes, each its own
connection) run newest-20 and ranked top-20 queries, p50/p95; and recall on a planted set: ~200 known
substrings (two to eight characters) written into known texts, every one of which must be found.

    .venv/bin/python bench/search.py --n 1000000              # SQLite
    .venv/bin/python bench/search.py --n 100000 --postgres    # PostgreSQL
"""

from __future__ import annotations

import argparse
import datetime
import multiprocessing
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

PLACES = ["城关镇", "东城区", "西城街道", "新区", "开发区", "老城区", "滨河路", "人民路", "建设路", "中山路", "解放路",
          "南湖社区", "北关村", "高新区", "工业园区", "县城", "城南片区", "火车站周边", "学府路", "幸福小区", "阳光花园",
          "河西镇", "枫林村", "桃园街道", "五里铺", "十字街", "文化路", "长江路", "黄河大道", "青年路"]
TOPICS = ["道路维修", "路灯照明", "垃圾分类", "污水处理", "停车难", "交通拥堵", "学校扩建", "幼儿园学位", "医保报销",
          "养老服务", "社区卫生服务中心", "农村饮水安全", "5G基站建设", "老旧小区改造", "加装电梯", "噪声扰民",
          "烧烤油烟", "占道经营", "公交线路", "共享单车", "菜市场改造", "农民工工资", "就业培训", "乡村振兴",
          "高标准农田", "河道治理", "空气质量", "燃气管道", "消防通道", "物业服务", "供暖不热", "雨污分流",
          "G107国道拓宽", "断头路打通", "校车安全", "食品安全", "文物保护", "全民健身", "网格化管理", "营商环境"]
PROBLEMS = ["问题突出", "群众反映强烈", "长期得不到解决", "存在安全隐患", "影响居民出行", "给群众生活带来不便",
            "亟需统筹解决", "多次反映未果", "投诉较多", "资金缺口较大", "配套设施不足", "管理不到位"]
ASKS = ["建议加快推进", "建议有关部门尽快", "建议加大投入", "建议完善相关政策", "建议建立长效机制", "建议列入民生实事",
        "建议开展专项整治", "建议加强监督检查", "希望尽快解决", "请予以重视"]
HEADS = ["关于{p}{t}的建议", "关于加强{t}工作的建议", "{p}{t}{q}", "关于解决{p}{t}问题的建议", "{p}居民反映{t}",
         "请求解决{p}{t}", "关于推进{t}的意见"]
KINDS = ["suggestion", "concern"]
STATUSES = ["assigned", "answered", "closed", "rehandling"]
RARE = [chr(c) for c in range(0x9F80, 0x9FA5)] + [chr(c) for c in range(0x4DB6 - 60, 0x4DB6)]   # rare Han, not in the vocabulary
QUERIES = ["道路", "建议", "垃圾分类", "5G基站", "G107国道", "养老服务", "停车", "加装电梯", "噪声", "学校扩建",
           "群众反映强烈", "城关镇道路维修", "乡村振兴", "雨污", "社区卫生服务", "幸福小区物业服务", "供暖", "占道经营",
           "长效机制", "断头路"]


def texts(n: int, seed: int = 7):
    rng = random.Random(seed)
    for _ in range(n):
        p, t = rng.choice(PLACES), rng.choice(TOPICS)
        title = rng.choice(HEADS).format(p=p, t=t, q=rng.choice(PROBLEMS))
        sentences = [f"{p}{t}{rng.choice(PROBLEMS)}，{rng.choice(PROBLEMS)}。"]
        for _ in range(rng.randint(1, 4)):
            sentences.append(f"{rng.choice(PLACES)}{rng.choice(TOPICS)}{rng.choice(PROBLEMS)}，{rng.choice(ASKS)}"
                             f"{rng.choice(TOPICS)}。")
        yield title, "".join(sentences)


def plant(count: int, n: int, seed: int = 11) -> dict[int, str]:
    """{document number: planted string}, strings of 2..8 rare characters, none a substring of another."""
    rng = random.Random(seed)
    planted: dict[int, str] = {}
    used: set[str] = set()
    while len(planted) < count:
        length = 2 if len(planted) < count // 3 else rng.randint(3, 8)
        s = "".join(rng.choice(RARE) for _ in range(length))
        if any(s in u or u in s for u in used):
            continue
        used.add(s)
        planted[rng.randrange(n)] = s
    return planted


def build(n: int, batch: int) -> tuple[int, dict[int, tuple[int, str]], float]:
    from renda.core.models import Congress
    from renda.search import engine
    from renda.search.engine import Document

    congress = Congress.objects.create(level="city", name="检索基准市人民代表大会", code="searchbench")
    planted = plant(200, n)
    rng = random.Random(5)
    start = datetime.datetime(2016, 1, 1, tzinfo=datetime.UTC)
    span = 10 * 365 * 86400
    found: dict[int, tuple[int, str]] = {}

    def documents():
        for i, (title, body) in enumerate(texts(n)):
            if i in planted:   # inside the body, at a random place, and for a third of them with a query substring
                cut = rng.randrange(len(body))
                body = body[:cut] + planted[i] + body[cut:]
            audience = ["staff", "public"] if i % 10 else ["staff", f"person:{i % 5000}"]
            when = start + datetime.timedelta(seconds=int(i / n * span) + rng.randrange(3600))
            found[i] = (i + 1, planted[i]) if i in planted else found.get(-1, (0, ""))
            yield Document(congress_id=congress.pk, kind=KINDS[i % 2], object_id=i + 1, title=title, body=body,
                           when=when, status=STATUSES[i % 4], unit_id=i % 300, audience=audience)

    began = time.perf_counter()
    made = engine.put_many(documents(), batch=batch)
    assert made == n
    seconds = time.perf_counter() - began
    return congress.pk, {i: (i + 1, s) for i, s in planted.items()}, seconds


def index_size() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            path = Path(connection.settings_dict["NAME"])
            total = path.stat().st_size
            try:
                cursor.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")
                sizes = dict(cursor.fetchall())
                fts = sum(v for k, v in sizes.items() if k.startswith("search_fts"))
                entry = sum(v for k, v in sizes.items() if "searchentry" in k or k.startswith("search_entry"))
                return f"database file {total / 2**20:.0f} MiB; FTS5 index {fts / 2**20:.0f} MiB; entry table+indexes {entry / 2**20:.0f} MiB"
            except Exception:  # noqa: BLE001  (dbstat not compiled in)
                return f"database file {total / 2**20:.0f} MiB"
        cursor.execute("SELECT pg_total_relation_size('search_searchentry'), pg_relation_size('search_entry_tsv'), "
                       "pg_database_size(current_database())")
        total, gin, db = cursor.fetchone()
        return f"database {db / 2**20:.0f} MiB; search_searchentry with indexes {total / 2**20:.0f} MiB; GIN {gin / 2**20:.0f} MiB"


def _client(args):
    congress_id, order, queries, count = args
    from django.db import connection

    from renda.search import engine
    from renda.search.engine import Query

    connection.close()   # its own connection
    latencies = []
    for i, text in enumerate(queries):
        q = Query(congress_id=congress_id, text=text, audience=["staff"], order=order, limit=20, count=count)
        began = time.perf_counter()
        engine.search(q)
        if i >= 1:      # the first one warms the connection
            latencies.append(time.perf_counter() - began)
    return latencies


def concurrent(congress_id: int, order: str, clients: int, per_client: int, count: bool) -> harness.Result:
    """``clients`` processes (as gunicorn workers are), each its own connection. count=False: the page of 20
    hits with their passages as a result list shows it; count=True: and the total, counted up to COUNT_CAP."""
    from django.db import connection

    connection.close()
    jobs = [(congress_id, order, [QUERIES[(c * 7 + i) % len(QUERIES)] for i in range(per_client + 1)], count)
            for c in range(clients)]
    began = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        results = pool.map(_client, jobs)
    seconds = time.perf_counter() - began
    label = f"{order}-20{' + total' if count else ''}, {clients} client{'s' if clients > 1 else ''}"
    return harness.Result(label, [x for r in results for x in r], seconds, 0)


def recall(congress_id: int, planted: dict[int, tuple[int, str]]) -> tuple[float, int, int]:
    from renda.search import engine
    from renda.search.engine import Query

    rng = random.Random(13)
    ok = tried = 0
    for _, (object_id, s) in planted.items():
        queries = [s]
        if len(s) > 2:   # and a substring of it, two characters or more
            a = rng.randrange(len(s) - 1)
            b = rng.randrange(a + 2, len(s) + 1)
            queries.append(s[a:b])
        for text in queries:
            tried += 1
            hits = engine.search(Query(congress_id=congress_id, text=text, audience=["staff"], limit=200)).hits
            ok += any(h.object_id == object_id for h in hits)
    return ok / tried, ok, tried


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--requests", type=int, default=40, help="queries per client and order")
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--reuse", default="", help="an SQLite file this script built before (same --n): query only")
    args = parser.parse_args()

    if args.reuse:
        os.environ["RENDA_DATA_DIR"] = str(Path(args.reuse).parent)
        harness.django_setup(f"sqlite:///{args.reuse}")
        from renda.core.models import Congress

        congress_id = Congress.objects.get(code="searchbench").pk
        planted = {i: (i + 1, s) for i, s in plant(200, args.n).items()}
        queries(congress_id, planted, args)
        return
    if args.postgres:
        url = "postgres://postgres@127.0.0.1:5432/renda_bench_search"
        harness.django_setup(url)
    else:
        work = tempfile.mkdtemp(prefix="renda_search_bench_")
        url = f"sqlite:///{work}/search.sqlite3"
        os.environ["RENDA_DATA_DIR"] = work
        harness.django_setup(url)
    harness.fresh_database(url)
    from django.db import connection

    congress_id, planted, seconds = build(args.n, args.batch)
    harness.analyze()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            began = time.perf_counter()
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            optimize = time.perf_counter() - began
    else:
        optimize = 0.0
    print(f"database: {connection.vendor}; {args.n} texts indexed in {seconds:.0f} s "
          f"({args.n / seconds:.0f} texts/s){f', FTS5 optimize {optimize:.0f} s' if optimize else ''}", flush=True)
    print(f"size: {index_size()}", flush=True)
    queries(congress_id, planted, args)


def queries(congress_id, planted, args) -> None:
    rate, ok, tried = recall(congress_id, planted)
    print(f"recall on the planted set: {rate:.3f} ({ok}/{tried} queries; {len(planted)} planted strings, "
          f"{sum(len(s) == 2 for _, s in planted.values())} of two characters, plus a substring of each longer one)", flush=True)
    # the page as a result list shows it (no total), then with the total counted (the first page of the search page)
    for count in (False, True):
        for order in ("newest", "best"):
            print(concurrent(congress_id, order, args.clients, args.requests, count).line(), flush=True)
    # single client, for reference (no queueing on the machine's cores)
    for count in (False, True):
        for order in ("newest", "best"):
            print(concurrent(congress_id, order, 1, args.requests, count).line(), flush=True)


if __name__ == "__main__":
    main()
