"""The demo's portfolios (分管) and liaison map (对口联系): each 副主任 and the 秘书长 in charge of
working committees since the term began, each committee facing two to four departments; one
department moved from one committee to another last year, so its history shows a period ended.

Wire with ``portfolios_demo.build(city)`` after ``_city`` (any time after the committees and units
exist) in renda/demo.py."""

from __future__ import annotations

import datetime

from renda.portfolios import actions

START = datetime.date(2022, 1, 10)
# Leader (index in city.mandates: 1–5 副主任, 6 秘书长; see renda/demo.py _city) → committees.
PORTFOLIOS = {
    1: ["法制工作委员会", "监察和司法工作委员会"],
    2: ["预算工作委员会"],
    3: ["环境资源城乡建设工作委员会", "农牧工作委员会"],
    4: ["社会建设工作委员会", "民族侨务外事工作委员会"],
    5: ["科教文卫工作委员会"],
    6: ["代表工作委员会"],
}
LIAISONS = {
    "法制工作委员会": ["司法局", "公安局", "信访局"],
    "监察和司法工作委员会": ["监察委员会", "中级人民法院", "人民检察院"],
    "预算工作委员会": ["财政局", "审计局", "发展和改革委员会", "国有资产监督管理委员会"],
    "环境资源城乡建设工作委员会": ["生态环境局", "住房和城乡建设局", "自然资源局", "城市管理综合执法局"],
    "农牧工作委员会": ["农牧局", "水务局", "林业和草原局"],
    "社会建设工作委员会": ["民政局", "人力资源和社会保障局", "退役军人事务局", "应急管理局"],
    "民族侨务外事工作委员会": ["商务局", "市场监督管理局"],
    "科教文卫工作委员会": ["教育局", "卫生健康委员会", "文化旅游体育局"],
    "代表工作委员会": ["交通运输局", "工业和信息化局"],
}
MOVED = ("医疗保障局", "社会建设工作委员会", "科教文卫工作委员会", datetime.date(2025, 3, 31))


def build(city) -> dict:
    c, office = city.congress, city.office
    made: dict = {"portfolios": [], "liaisons": []}
    for index, names in PORTFOLIOS.items():
        leader = city.mandates[index].person
        for name in names:
            if name in city.committees:
                made["portfolios"].append(actions.assign_portfolio(c, actor=office, leader=leader,
                                                                   committee=city.committees[name], start=START))
    for name, units in LIAISONS.items():
        if name not in city.committees:
            continue
        for short in units:
            if short in city.units:
                made["liaisons"].append(actions.link_unit(c, actor=office, committee=city.committees[name],
                                                          unit=city.units[short], start=START))
    unit, before, after, until = MOVED
    if unit in city.units and before in city.committees and after in city.committees:
        old = actions.link_unit(c, actor=office, committee=city.committees[before], unit=city.units[unit], start=START)
        actions.end_liaison(c, old, actor=office, end=until)
        made["liaisons"].append(actions.link_unit(c, actor=office, committee=city.committees[after],
                                                  unit=city.units[unit], start=until + datetime.timedelta(days=1)))
    return made
