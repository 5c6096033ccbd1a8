"""Demo: the city's handling units get the duties of the evaluation set's units of the same kind (三定
wording, renda/routing/evaluation/units.json), so the assignment pages propose units with reasons."""

from __future__ import annotations

import json
from pathlib import Path

from renda.core.models import Congress
from renda.people.models import Organisation
from renda.routing.actions import set_unit_duties

EVALUATION_UNITS = Path(__file__).parent / "evaluation" / "units.json"
# the demo city's unit (its name after 示例市) → the evaluation set's unit key
SAME_DUTIES = {
    "发展和改革委员会": "ndrc", "教育局": "edu", "公安局": "police", "民政局": "civil", "司法局": "justice",
    "财政局": "finance", "人力资源和社会保障局": "hrss", "自然资源局": "land", "生态环境局": "eco",
    "住房和城乡建设局": "housing", "交通运输局": "transport", "水务局": "water", "农牧局": "agri", "商务局": "commerce",
    "文化旅游体育局": "culture", "卫生健康委员会": "health", "退役军人事务局": "veterans", "应急管理局": "emergency",
    "市场监督管理局": "market", "医疗保障局": "medins", "城市管理综合执法局": "urban", "信访局": "petition",
    "中级人民法院": "court", "人民检察院": "procur",
}


def build(congress: Congress, *, office) -> int:
    duties = {u["key"]: u["duties"] for u in json.loads(EVALUATION_UNITS.read_text(encoding="utf-8"))}
    done = 0
    units = Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.HANDLING_UNIT)
    for unit in units.order_by("id"):
        key = SAME_DUTIES.get(unit.name.removeprefix(congress.name).removeprefix("示例市"))
        if key:
            set_unit_duties(congress, unit, actor=office, duties=duties[key])
            done += 1
    return done
