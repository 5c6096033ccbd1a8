"""The demo's legislative plan: the 2026 yearly plan, six items of the three categories (the
irrigation-water regulation placed in the plan on 2026-02-26 as a 正式项目, the property regulation
moved from 预备 to 正式 with its reason), adopted; two proposals (a deputy's accepted as a 调研项目,
the public's declined with a reason); and the irrigation regulation's legislative research on
3/3–3/4 in two counties at five sites with a questionnaire — an oversight activity of kind 立法调研,
built the way renda/oversight/demo_data.py builds its surveys. Everything goes through the actions.

Wire with ``legislative_plans_demo.build(city)`` in renda/demo.py after the oversight demo (it
uses ``city.congress``, ``city.office``, ``city.term``, ``city.committees``, ``city.units`` and
``city.mandates``)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser

from renda.legislative_plans import actions
from renda.oversight.actions import activities, fieldwork
from renda.questionnaires import actions as questionnaires

YEAR = 2026
IRRIGATION = "示例市农田灌溉用水管理条例"
ITEMS = [  # title, category, drafting body, committee, planned readings
    (IRRIGATION, "formal", "水务局", "农牧工作委员会", [("一审", "2026-03"), ("二审", "2026-06")]),
    ("示例市物业管理条例（修订）", "preparatory", "住房和城乡建设局", "环境资源城乡建设工作委员会", [("一审", "2026-09")]),
    ("示例市城市市容和环境卫生管理条例", "formal", "住房和城乡建设局", "环境资源城乡建设工作委员会",
     [("一审", "2026-06"), ("二审", "2026-08")]),
    ("示例市历史文化名城保护条例", "preparatory", "自然资源局", "法制工作委员会", [("一审", "2026-10")]),
    ("示例市湿地保护条例", "research", "生态环境局", "环境资源城乡建设工作委员会", []),
    ("示例市养老服务条例", "research", "民政局", "法制工作委员会", []),
]
SITES = [(datetime.date(YEAR, 3, 3), "东湖县", "东湖灌区管理所", "查看灌区计量设施和用水台账。"),
         (datetime.date(YEAR, 3, 3), "东湖县", "东湖镇高效节水灌溉示范区", "查看滴灌设施运行和农户用水情况。"),
         (datetime.date(YEAR, 3, 3), "东湖县", "红星村农民用水户协会", "了解水费收缴和协会运转情况。"),
         (datetime.date(YEAR, 3, 4), "西山县", "西山县水务局灌溉试验站", "了解灌溉定额和试验数据。"),
         (datetime.date(YEAR, 3, 4), "西山县", "西山县引黄灌区总干渠", "查看渠系配套和量水设施。")]


def _unit(city, name):
    return city.units.get(name) or city.units.get("人民政府")


def build(city) -> dict:
    c, office = city.congress, city.office
    plan = actions.create_legislative_plan(c, actor=office, kind="yearly", year=YEAR, term=city.term)
    made: dict = {"plan": plan, "items": []}
    for title, status, body, committee, readings in ITEMS:
        made["items"].append(actions.add_plan_item(
            c, plan, actor=office, title=title, status=status, drafting_body=_unit(city, body),
            committee=city.committees[committee], placed_on=datetime.date(YEAR, 2, 26) if title == IRRIGATION else
            datetime.date(YEAR, 1, 20), planned_readings=[{"reading": r, "month": m} for r, m in readings]))
    made["plan"] = actions.adopt_legislative_plan(c, plan, actor=office, adopted_on=datetime.date(YEAR, 2, 26))
    actions.change_plan_item(c, made["items"][1], actor=office, status="formal", on=datetime.date(YEAR, 4, 8),
                             reason="起草单位已完成草案初稿和征求意见，具备年内提请审议的条件")

    deputy = city.mandates[49].person
    deputy_user = getattr(deputy, "user", None) or office
    accepted = actions.submit_legislative_proposal(
        c, actor=deputy_user, title="示例市黑土地保护条例", year=YEAR,
        necessity="黑土地“变薄、变瘦、变硬”问题突出，现行政策措施缺乏法规保障。",
        feasibility="国家已制定黑土地保护法，本市已开展保护性耕作试点三年。",
        main_content="保护规划、耕地质量监测、保护性耕作、侵蚀沟治理、责任和监督。",
        legal_basis="《中华人民共和国黑土地保护法》；立法法第八十一条（生态文明建设）。")
    made["accepted"] = actions.decide_legislative_proposal(
        c, accepted, actor=office, accept=True, plan=plan, status="research",
        committee=city.committees["农牧工作委员会"], on=datetime.date(YEAR, 3, 20),
        reason="列为调研项目，由农牧工作委员会牵头开展立法调研")
    declined = actions.submit_legislative_proposal(
        c, actor=AnonymousUser(), title="示例市电动自行车管理条例", name="赵女士",
        necessity="电动自行车乱停乱放、进楼充电问题多。")
    made["declined"] = actions.decide_legislative_proposal(
        c, declined, actor=office, accept=False, on=datetime.date(YEAR, 3, 20),
        reason="已列入《示例市物业管理条例（修订）》一并规定电动自行车停放充电管理，不再单独立项。")

    irrigation = made["items"][0]
    research = actions.start_legislative_research(c, actor=office, item=irrigation, year=YEAR,
                                                  title="《示例市农田灌溉用水管理条例（草案）》立法调研")
    activity = research.activity
    leader, members = city.mandates[2].person, [(city.mandates[i].person, "member", "") for i in (10, 25)]
    activities.set_team(c, activity, actor=office, leader=leader, members=members + [(deputy, "deputy", "")])
    activities.write_activity_plan(
        c, activity, actor=office, goals="了解农田灌溉用水管理现状，听取基层对条例草案的意见。",
        questions="一、灌溉用水总量控制和定额管理\n二、计量设施和水费\n三、农民用水户协会",
        starts_on=datetime.date(YEAR, 3, 3), ends_on=datetime.date(YEAR, 3, 4),
        stops=[{"day": d, "county": county, "site": site} for d, county, site, _ in SITES])
    activities.begin_fieldwork(c, activity, actor=office)
    for day, county, site, seen in SITES:
        fieldwork.record_site_visit(c, activity, actor=office, day=day, county=county, place=site, observations=seen,
                                    visitors=[leader, deputy])
    fieldwork.record_symposium(c, activity, actor=office, day=datetime.date(YEAR, 3, 4), place="西山县人大常委会会议室",
                               topic="条例草案座谈会", summary="水务、农牧、财政部门和用水户代表对草案提出意见。",
                               speeches=[{"speaker": "王建国", "affiliation": "西山县水务局局长",
                                          "summary": "建议明确计量设施的建设和维护责任。"}])
    survey = questionnaires.create_questionnaire(c, actor=office, title="农田灌溉用水情况问卷",
                                                 intro="本问卷匿名填写，用于农田灌溉用水管理条例的立法调研。")
    questionnaires.set_questions(c, survey, actor=office, questions=[
        {"text": "您家的灌溉用水是否计量收费？", "kind": "single", "choices": ["按方计量", "按亩收费", "不收费"]},
        {"text": "您最希望条例解决的问题（可多选）", "kind": "multiple",
         "choices": ["用水不足", "水费偏高", "渠道老化", "用水纠纷"], "max_choices": 2},
        {"text": "您的意见和建议", "kind": "text", "required": False}])
    questionnaires.open_questionnaire(c, survey, actor=office)
    fieldwork.attach_questionnaire(c, activity, actor=office, questionnaire=survey)
    asked = list(survey.questions.order_by("order"))
    for n in range(24):
        questionnaires.answer_questionnaire(c, survey, actor=AnonymousUser(), respondent_token=f"irrigation-{n:04d}",
                                            answers={asked[0].pk: [0, 1, 0, 2][n % 4], asked[1].pk: [n % 4],
                                                     asked[2].pk: "希望尽快修缮支渠。" if n % 8 == 0 else ""})
    made["research"] = research
    return made
