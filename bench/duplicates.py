"""Near-duplicate suggestions at scale: generate N synthetic suggestions (seeded vocabulary of Chinese
titles and short bodies), plant near-duplicate pairs and small clusters (reordered clauses, a few
changed characters, traditional characters, full-width digits, added punctuation), then find every
cluster with the same code the staff's cluster page uses (renda.similar.minhash: 3-unit shingles,
128 permutations, datasketch MinHashLSH) and report recall, precision, time and memory.

    .venv/bin/python bench/duplicates.py --items 1000000 --pairs 10000 --clusters 1000

No database: the clustering runs over texts in memory, as the cluster page does over a batch.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import zhconv  # noqa: E402

from renda.core.text import units  # noqa: E402
from renda.similar import minhash  # noqa: E402

COMMON = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定"
          "行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天"
          "政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立"
          "代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指")
PLACE_HEADS = "东西南北中新老上下前后大小长青红金银石河湖山林桥港湾岭坪塘沟"
PLACE_BODIES = "风光明华兴安平和阳春秋胜利民丰泰康宁福顺昌盛源江海城乡园田岗"
PLACE_TAILS = ["镇", "街道", "社区", "村", "路", "片区", "小区", "工业园", "乡"]
TOPICS = [
    "老旧小区改造", "加装电梯", "农村饮水安全", "学校周边交通安全", "停车难问题", "垃圾分类", "污水管网建设", "背街小巷路面硬化",
    "农贸市场提升改造", "养老服务设施", "社区卫生服务中心建设", "幼儿园学位供给", "公交线路优化", "城乡客运一体化", "河道综合治理",
    "黑臭水体整治", "农村危房改造", "高标准农田建设", "农田水利设施维修", "乡村道路安全防护", "夜间施工噪声扰民", "餐饮油烟污染",
    "物业服务管理", "充电桩建设", "公共厕所改造", "文化广场建设", "全民健身设施", "中小学课后服务", "校外培训监管", "食品安全监管",
    "农村电商发展", "特色农产品品牌", "中小企业融资难", "营商环境优化", "拖欠农民工工资", "就业技能培训", "高校毕业生就业",
    "医疗保险异地结算", "基层医生队伍建设", "村卫生室运行", "残疾人托养服务", "困难群众救助", "独居老人关爱", "留守儿童关爱",
    "防汛排涝能力", "地质灾害隐患治理", "森林防火", "燃气管道老化更新", "电动自行车充电安全", "消防通道占用", "违章建筑整治",
    "城市绿化提升", "口袋公园建设", "历史文化街区保护", "旅游公路建设", "乡村振兴产业项目", "集体经济发展", "宅基地管理",
    "土地征收补偿", "移民后期扶持", "供暖管网改造", "供水管网漏损", "天然气入户", "农村厕所革命", "畜禽养殖污染", "秸秆综合利用",
]
ACTIONS = ["加快推进", "进一步加强", "尽快解决", "完善", "规范", "统筹推进", "加大", "切实做好", "研究解决", "着力提升"]
PROBLEMS = ["设施陈旧", "资金缺口较大", "管理主体不明确", "群众反映强烈", "安全隐患突出", "覆盖面不足", "标准偏低",
            "维护不及时", "部门职责交叉", "历史遗留问题多", "审批流程繁琐", "专业人员缺乏"]
UNITS_ = ["住建局", "交通运输局", "教育局", "卫健委", "民政局", "生态环境局", "水利局", "农业农村局", "城管局", "财政局",
          "自然资源局", "人社局", "市场监管局", "应急管理局", "公安局交警大队", "发改委", "文旅局", "医保局"]
MEASURES = ["制定专项工作方案", "设立专项资金", "明确责任单位和完成时限", "开展全面排查", "引入社会资本参与",
            "建立长效管护机制", "纳入年度民生实事", "加强部门协调联动", "组织专家论证", "公开征求群众意见"]


def _places(rng: random.Random) -> list[str]:
    heads = [a + b for a in PLACE_HEADS for b in PLACE_BODIES]
    rng.shuffle(heads)
    return [h + rng.choice(PLACE_TAILS) for h in heads]


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.places = _places(self.rng)

    def suggestion(self) -> tuple[str, list[str]]:
        r = self.rng
        place, topic, other = r.choice(self.places), r.choice(TOPICS), r.choice(self.places)
        title = f"关于{r.choice(ACTIONS)}{place}{topic}的建议"
        clauses = [
            f"目前{place}{topic}{r.choice(PROBLEMS)}",
            f"据{other}{r.randint(2, 99)}户居民反映{r.choice(PROBLEMS)}",
            f"涉及{r.randint(100, 9999)}人，{''.join(r.choices(COMMON, k=r.randint(4, 10)))}",
            f"建议{r.choice(UNITS_)}{r.choice(MEASURES)}",
            f"在{r.randint(2024, 2027)}年{r.randint(1, 12)}月前{r.choice(MEASURES)}",
        ]
        r.shuffle(clauses)
        return title, clauses[: r.randint(3, 5)]

    def variant(self, title: str, clauses: list[str]) -> str:
        """A near-duplicate as another deputy would type it: two or three small edits."""
        r = self.rng
        clauses = list(clauses)
        edits = r.sample(["reorder", "chars", "traditional", "punct", "fullwidth", "drop"], k=r.randint(2, 3))
        if "reorder" in edits:
            r.shuffle(clauses)
        if "drop" in edits and len(clauses) > 3:
            clauses.pop(r.randrange(len(clauses)))
        text = title + "。" + "，".join(clauses) + "。"
        if "chars" in edits:
            chars = list(text)
            for _ in range(r.randint(1, 3)):
                i = r.randrange(len(chars))
                chars[i] = r.choice(COMMON)
            text = "".join(chars)
        if "punct" in edits:
            chars = list(text)
            for _ in range(r.randint(1, 4)):
                chars.insert(r.randrange(len(chars)), r.choice("，、；！ ?"))
            text = "".join(chars)
        if "traditional" in edits:
            text = zhconv.convert(text, "zh-tw")
        if "fullwidth" in edits:
            text = text.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
        return text


def build(items: int, pairs: int, clusters: int, seed: int) -> tuple[list[str], list[int]]:
    """The texts, and for each the planted group it belongs to (-1: none)."""
    gen = Generator(seed)
    texts: list[str] = []
    group: list[int] = []
    g = 0
    for _ in range(pairs):
        title, clauses = gen.suggestion()
        texts += [title + "。" + "，".join(clauses) + "。", gen.variant(title, clauses)]
        group += [g, g]
        g += 1
    for _ in range(clusters):
        title, clauses = gen.suggestion()
        size = gen.rng.randint(3, 5)
        texts += [title + "。" + "，".join(clauses) + "。"] + [gen.variant(title, clauses) for _ in range(size - 1)]
        group += [g] * size
        g += 1
    while len(texts) < items:
        title, clauses = gen.suggestion()
        texts.append(title + "。" + "，".join(clauses) + "。")
        group.append(-1)
    order = list(range(len(texts)))
    gen.rng.shuffle(order)
    return [texts[i] for i in order], [group[i] for i in order]


def _sign(chunk: list[str]) -> np.ndarray:
    return minhash.signatures([units(t) for t in chunk])


def sign_all(texts: list[str], processes: int, chunk: int = 20_000) -> np.ndarray:
    chunks = [texts[i:i + chunk] for i in range(0, len(texts), chunk)]
    if processes <= 1:
        return np.vstack([_sign(c) for c in chunks])
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return np.vstack(pool.map(_sign, chunks))


def score(found: list[list[int]], group: list[int]) -> tuple[float, float, int, int]:
    """Pair recall (planted pairs whose two texts share a found cluster) and pair precision (pairs within
    found clusters that are planted)."""
    planted: dict[int, list[int]] = {}
    for i, g in enumerate(group):
        if g >= 0:
            planted.setdefault(g, []).append(i)
    planted_pairs = sum(len(m) * (len(m) - 1) // 2 for m in planted.values())
    cluster_of = {i: c for c, members in enumerate(found) for i in members}
    hit = sum(1 for m in planted.values() for a, b in itertools.combinations(m, 2)
              if a in cluster_of and cluster_of.get(a) == cluster_of.get(b))
    found_pairs = sum(len(m) * (len(m) - 1) // 2 for m in found)
    good = sum(1 for m in found for a, b in itertools.combinations(m, 2) if group[a] >= 0 and group[a] == group[b])
    return hit / max(planted_pairs, 1), good / max(found_pairs, 1), planted_pairs, found_pairs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--clusters", type=int, default=1_000, help="planted clusters of 3–5")
    parser.add_argument("--threshold", type=float, default=0.5, help="as the rule similar.cluster_threshold")
    parser.add_argument("--processes", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()

    t0 = time.perf_counter()
    texts, group = build(args.items, args.pairs, args.clusters, args.seed)
    t1 = time.perf_counter()
    print(f"generated {len(texts)} suggestions ({args.pairs} planted pairs, {args.clusters} planted clusters of 3–5, "
          f"mean {sum(map(len, texts)) / len(texts):.0f} characters) in {t1 - t0:.1f} s", flush=True)
    sigs = sign_all(texts, args.processes)
    t2 = time.perf_counter()
    print(f"MinHash (3-unit shingles, {minhash.NUM_PERM} permutations, numpy, {args.processes} processes): "
          f"{t2 - t1:.1f} s", flush=True)
    result = minhash.cluster(sigs, threshold=args.threshold)
    t3 = time.perf_counter()
    print(f"LSH (datasketch MinHashLSH, threshold {args.threshold}) + verified union-find: {t3 - t2:.1f} s, "
          f"{result.pairs_checked} candidate pairs checked, {len(result.clusters)} clusters", flush=True)
    recall, precision, planted_pairs, found_pairs = score(result.clusters, group)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"recall {recall:.4f} of {planted_pairs} planted pairs; precision {precision:.4f} of {found_pairs} pairs in "
          f"found clusters")
    print(f"clustering time (MinHash + LSH) {t3 - t1:.1f} s; total with generation {t3 - t0:.1f} s; "
          f"peak memory (main process) {peak:.0f} MB")


if __name__ == "__main__":
    main()
