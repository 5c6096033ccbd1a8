"""The demo's oversight (监督): last year's plan, heard, with two finished reports; this year's plan
published, with a food-safety inspection in the field (questionnaire answered, sites visited, units'
self-inspection reports in, the report being drafted), a survey being prepared, and a deputy group's
inspection visit. Everything goes through the actions, as the office would do it."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.demo_support import at as _at
from renda.demo_support import pdf
from renda.meetings import actions as meetings
from renda.meetings.models import Meeting
from renda.oversight.actions import activities, fieldwork, plan, reporting
from renda.oversight.models import Activity, PlanItem
from renda.people.models import Organisation
from renda.questionnaires import actions as questionnaires

IDEAS = ["希望加强学校食堂检查，公开检查结果。", "农贸市场的快检室经常不开门。", "外卖后厨要多抽查。",
         "建议在社区设食品安全投诉点。", "小作坊的卫生条件需要整治。", "保健食品虚假宣传要严查。", "孩子在校园周边小卖部买零食，希望管一管。"]



def _pdf(title: str, lines: list[str]) -> SimpleUploadedFile:
    return pdf(title, lines, heading="基本情况")


def _photo(seed: int) -> SimpleUploadedFile:
    """A small PNG: a coloured square (stands in for a site photo)."""
    import struct
    import zlib

    width = height = 48
    colour = bytes(((seed * 67) % 256, (seed * 131) % 256, (seed * 29) % 256))
    raw = b"".join(b"\x00" + colour * width for _ in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return SimpleUploadedFile(f"现场照片{seed}.png", io.BytesIO(png).getvalue(), content_type="image/png")


def _directors_meeting(city, day: datetime.date) -> Meeting:
    directors = Organisation.objects.in_congress(city.congress).get(kind=Organisation.Kind.DIRECTORS_MEETING)
    meeting = meetings.create_meeting(city.congress, actor=city.office, term=city.term, kind="directors",
                                      organisation=directors, place="常委会第一会议室", starts_at=_at(day),
                                      chair=city.mandates[0].person)
    meetings.open_meeting(city.congress, meeting, actor=city.office)
    meetings.close_meeting(city.congress, meeting, actor=city.office)
    return meeting


def _sessions(city, year: int) -> list[Meeting]:
    return list(Meeting.objects.in_congress(city.congress).filter(kind=Meeting.Kind.SC_SESSION, starts_at__year=year)
                .order_by("starts_at"))


def _plan(city, year: int, items: list[dict[str, Any]], approved_day: datetime.date):
    c, office = city.congress, city.office
    the_plan = plan.draft_oversight_plan(c, actor=office, year=year, title=f"示例市人大常委会{year}年监督工作计划")
    made = []
    for spec in items:
        made.append(plan.arrange_plan_item(c, the_plan, actor=office, **spec))
    plan.approve_oversight_plan(c, the_plan, actor=office, meeting=_directors_meeting(city, approved_day),
                                approved_on=approved_day)
    plan.publish_oversight_plan(c, the_plan, actor=office, published_on=approved_day + datetime.timedelta(days=3))
    return the_plan, made


def _team(city, activity: Activity, leader_index: int, members: list[tuple[int, str]], committees=()) -> None:
    people = [(city.mandates[i].person, role, "") for i, role in members]
    activities.set_team(city.congress, activity, actor=city.office, leader=city.mandates[leader_index].person,
                        members=people, committees=list(committees))


def _visit_sites(city, activity: Activity, sites: list[tuple], visitors: list[int]):
    made = []
    for n, (day, county, place, seen) in enumerate(sites):
        made.append(fieldwork.record_site_visit(
            city.congress, activity, actor=city.office, day=day, county=county, place=place, observations=seen,
            visitors=[city.mandates[i].person for i in visitors], photos=[_photo(n + day.day)] if n % 2 == 0 else [],
            captions=[f"{place}现场"] if n % 2 == 0 else []))
    return made


def _report(city, activity: Activity, title: str, situation: str, problems: list[tuple[str, str]],
            recommendations: list[tuple[str, str]], figures: list[dict], sources: list | None = None,
            finalise: bool = True):
    c, office = city.congress, city.office
    report = reporting.draft_oversight_report(c, activity, actor=office, title=title, situation=situation,
                                              closing="以上报告，请予审议。")
    for spec in figures:
        reporting.tag_report_figure(c, report, actor=office, **spec)
    found = []
    for n, (heading, body) in enumerate(problems):
        source = (sources or [None])[n % len(sources or [None])]
        found.append(reporting.record_finding(c, report, actor=office, kind="problem", heading=heading, text=body,
                                              site_visit=source, evidence="实地察看记录" if source else ""))
    for n, (heading, body) in enumerate(recommendations):
        reporting.record_finding(c, report, actor=office, kind="recommendation", heading=heading, text=body,
                                 addresses=found[n] if n < len(found) else None)
    reporting.save_report_version(c, report, actor=office, note="调研组初稿")
    if finalise:
        reporting.finalise_oversight_report(c, report, actor=office, note="主任会议讨论后定稿")
    return report


def _last_year(city) -> None:
    year = city.today.year - 1
    sessions = _sessions(city, year) or _sessions(city, year - 1)
    K = PlanItem.Kind
    env, farming, budget = (city.committees["环境资源城乡建设工作委员会"], city.committees["农牧工作委员会"],
                            city.committees["预算工作委员会"])
    social = city.committees["社会建设工作委员会"]
    items = [
        dict(kind=K.LAW_INSPECTION, title="检查《中华人民共和国水污染防治法》和《示例市饮用水水源保护条例》实施情况",
             lead_committee=env, leader=city.mandates[2].person, month=5, meeting=sessions[min(2, len(sessions) - 1)]),
        dict(kind=K.SURVEY, title="农村牧区养老服务体系建设情况专题调研", lead_committee=social,
             co_committees=[farming], leader=city.mandates[3].person, month=8, meeting=sessions[-1]),
        dict(kind=K.BUDGET, title="听取和审议上半年预算执行情况的报告", lead_committee=budget,
             body=city.units["人民政府"], leader=city.mandates[4].person, month=7, meeting=sessions[-1]),
        dict(kind=K.ENVIRONMENT, title="听取和审议市人民政府关于上年度环境状况和环境保护目标完成情况的报告",
             lead_committee=env, body=city.units["人民政府"], leader=city.mandates[2].person, month=4,
             meeting=sessions[min(1, len(sessions) - 1)]),
    ]
    the_plan, made = _plan(city, year, items, datetime.date(year, 1, 20))
    c, office = city.congress, city.office

    water = activities.start_activity(c, actor=office, kind="law_inspection", title=made[0].title, year=year,
                                      plan_item=made[0], lead_committee=env,
                                      laws=["中华人民共和国水污染防治法", "示例市饮用水水源保护条例"])
    _team(city, water, 2, [(10, "member"), (17, "member"), (60, "deputy"), (75, "deputy")])
    stops = [dict(day=datetime.date(year, 4, d), county=county, site=site) for d, county, site in [
        (14, "东湖县", "东湖水库饮用水水源地"), (14, "东湖县", "东湖镇污水处理厂"), (15, "西山县", "西山县第二水厂"),
        (16, "南湾区", "南湾工业园区污水集中处理设施")]]
    activities.write_activity_plan(c, water, actor=office, goals="检查饮用水水源保护区划定、污水处理设施运行和执法情况。",
                                   questions="一、水源地保护区划定和标志设置\n二、工业园区污水收集处理\n三、执法和处罚",
                                   starts_on=datetime.date(year, 4, 14), ends_on=datetime.date(year, 4, 16), stops=stops)
    activities.begin_fieldwork(c, water, actor=office)
    sites = _visit_sites(city, water, [(s["day"], s["county"], s["site"], f"察看{s['site']}，听取运行情况介绍。")
                                       for s in stops], [2, 10, 60])
    _report(city, water, "关于检查《中华人民共和国水污染防治法》和《示例市饮用水水源保护条例》实施情况的报告",
            "检查组在{{sites}}点位实地察看。全市共有集中式饮用水水源地{{sources}}，其中县级以上{{county_sources}}、"
            "乡镇级{{town_sources}}。城镇污水处理率达到{{rate}}%。",
            [("部分水源保护区标志设置不规范", "东湖水库二级保护区内有3处界标缺失，警示牌内容陈旧。"),
             ("工业园区污水收集管网不完善", "南湾工业园区雨污分流不彻底，部分企业预处理不达标。")],
            [("规范水源保护区建设", "年内完成界标、警示牌补设更新，定期巡查。"),
             ("加快园区管网改造", "制定园区管网改造计划，落实企业预处理责任。")],
            [dict(key="sites", label="实地察看点位", source={"kind": "site_visits"}, unit="个"),
             dict(key="county_sources", label="县级以上水源地", value="12", unit="个"),
             dict(key="town_sources", label="乡镇级水源地", value="29", unit="个"),
             dict(key="sources", label="水源地合计", kind="sum", value="41", unit="个",
                  parts=["county_sources", "town_sources"]),
             dict(key="treated", label="污水处理量", value="136.49", unit="万吨"),
             dict(key="total", label="污水总量", value="158.85", unit="万吨"),
             dict(key="rate", label="城镇污水处理率", kind="percent", value="85.92", parts=["treated", "total"])],
            sources=sites)

    care = activities.start_activity(c, actor=office, kind="survey", title=made[1].title, year=year,
                                     plan_item=made[1], lead_committee=social)
    _team(city, care, 3, [(19, "member"), (22, "expert"), (90, "deputy")], committees=[farming])
    care_stops = [dict(day=datetime.date(year, 7, d), county=county, site=site) for d, county, site in [
        (8, "青河县", "青河镇中心敬老院"), (8, "青河县", "红星嘎查互助幸福院"), (9, "白石县", "白石县社会福利中心")]]
    activities.write_activity_plan(c, care, actor=office, goals="了解农村牧区养老服务设施建设、运营和医养结合情况。",
                                   starts_on=datetime.date(year, 7, 8), ends_on=datetime.date(year, 7, 9), stops=care_stops)
    activities.begin_fieldwork(c, care, actor=office)
    care_sites = _visit_sites(city, care, [(s["day"], s["county"], s["site"], "察看设施，与入住老人和工作人员座谈。")
                                           for s in care_stops], [3, 19])
    fieldwork.record_symposium(c, care, actor=office, day=datetime.date(year, 7, 9), place="白石县人民政府会议室",
                               topic="农村牧区养老服务工作座谈会", summary="民政、卫生健康、医保等部门汇报工作。",
                               speeches=[{"speaker": "王立新", "affiliation": "市民政局局长", "summary": "介绍全市养老服务体系建设情况。"}])
    _report(city, care, "关于农村牧区养老服务体系建设情况的调研报告",
            "调研组深入{{counties}}旗县实地察看{{sites}}养老服务设施。全市农村牧区现有养老机构{{homes}}、"
            "互助幸福院{{mutual}}，合计{{all}}。",
            [("设施利用率不高", "部分互助幸福院无专人管理，冬季取暖费用难以保障。"),
             ("专业护理人员不足", "乡镇敬老院护理人员平均年龄超过55岁，持证上岗比例低。")],
            [("建立运营补贴机制", "将互助幸福院运营纳入财政补贴范围。"),
             ("加强护理队伍建设", "开展养老护理员职业技能培训，提高待遇。")],
            [dict(key="counties", label="调研旗县", source={"kind": "counties"}, unit="个"),
             dict(key="sites", label="实地察看", source={"kind": "site_visits"}, unit="处"),
             dict(key="homes", label="养老机构", value="594", unit="所"),
             dict(key="mutual", label="互助幸福院", value="2258", unit="处"),
             dict(key="all", label="合计", kind="sum", value="2852", unit="处", parts=["homes", "mutual"])],
            sources=care_sites)


def _this_year(city) -> None:
    c, office, today = city.congress, city.office, city.today
    year = today.year
    sessions = _sessions(city, year)
    upcoming = [m for m in sessions if m.status != Meeting.Status.CLOSED]
    K = PlanItem.Kind
    finance, env, farming = (city.committees["预算工作委员会"], city.committees["环境资源城乡建设工作委员会"],
                             city.committees["农牧工作委员会"])
    education = city.committees["科教文卫工作委员会"]
    items = [
        dict(kind=K.LAW_INSPECTION, title="检查《中华人民共和国食品安全法》实施情况", lead_committee=education,
             co_committees=[farming], leader=city.mandates[1].person, month=today.month,
             meeting=upcoming[-1] if upcoming else None, session_note="" if upcoming else "年末常委会会议"),
        dict(kind=K.SURVEY, title="黑土地保护利用情况专题调研", lead_committee=farming, leader=city.mandates[5].person,
             month=12, session_note="明年第一次常委会会议"),
        dict(kind=K.VISIT, title="代表视察城区冬季供热保障工作", lead_committee=env, leader=city.mandates[2].person,
             month=max(1, today.month - 1)),
        dict(kind=K.FINAL_ACCOUNTS, title="审查和批准上年度市级决算", lead_committee=finance, body=city.units["人民政府"],
             leader=city.mandates[4].person, month=6, meeting=sessions[0] if sessions else None),
        dict(kind=K.AUDIT, title="听取和审议上年度市级预算执行和其他财政收支的审计工作报告", lead_committee=finance,
             body=city.units["审计局"], leader=city.mandates[4].person, month=6, meeting=sessions[0] if sessions else None),
        dict(kind=K.WORK_REPORT, title="听取和审议市人民政府关于营商环境优化工作情况的报告",
             lead_committee=city.committees["法制工作委员会"], body=city.units["人民政府"],
             leader=city.mandates[1].person, month=12, session_note="年末常委会会议"),
        dict(kind=K.INQUIRY, title="围绕营商环境优化工作开展专题询问", lead_committee=city.committees["法制工作委员会"],
             leader=city.mandates[0].person, month=12, session_note="年末常委会会议"),
    ]
    the_plan, made = _plan(city, year, items, datetime.date(year, 1, 19))
    # Dates stay inside this year whatever day the demo is built (the itinerary must be in the plan's year).
    started = max(today - datetime.timedelta(days=20), datetime.date(year, 1, 2))

    # The food-safety inspection, in the field: sites visited, a questionnaire answered, units' reports in.
    food = activities.start_activity(c, actor=office, kind="law_inspection", title=made[0].title, year=year,
                                     plan_item=made[0], lead_committee=education, laws=["中华人民共和国食品安全法"])
    from renda.demo import DEPUTY_INDEX, MEMBER_INDEX  # the demo accounts are on this team

    _team(city, food, 1, [(MEMBER_INDEX, "member"), (25, "member"), (DEPUTY_INDEX, "deputy"), (120, "deputy"),
                          (140, "expert")], committees=[farming])
    counties = [("东湖县", "东湖县第一中学食堂"), ("东湖县", "东湖镇农贸市场"), ("西山县", "西山县中心敬老院食堂"),
                ("南湾区", "南湾区大型商超")]
    stops = [dict(day=started + datetime.timedelta(days=n // 2), county=county, site=site)
             for n, (county, site) in enumerate(counties)]
    activities.write_activity_plan(c, food, actor=office, goals="检查食品安全法实施情况，重点是校园食品安全和农贸市场监管。",
                                   questions="一、食品安全责任落实\n二、校园食堂和农贸市场监管\n三、检验检测能力",
                                   starts_on=started, ends_on=started + datetime.timedelta(days=3), stops=stops)
    fieldwork.send_self_report_letter(
        c, food, actor=office, units=[city.units["市场监督管理局"], city.units["卫生健康委员会"], city.units["教育局"]],
        text="请对照食品安全法逐条自查，形成书面自查报告。", due_on=today + datetime.timedelta(days=7), today=started - datetime.timedelta(days=5))
    activities.begin_fieldwork(c, food, actor=office)
    for letter in food.letters.all()[:2]:
        fieldwork.file_self_report(c, letter, actor=office, upload=_pdf(f"{letter.unit.name}食品安全法实施情况自查报告",
                                                                         ["我单位对照食品安全法逐条开展自查。"]))
    sites = _visit_sites(city, food, [(s["day"], s["county"], s["site"], f"检查{s['site']}的索证索票和留样记录。")
                                      for s in stops], [1, MEMBER_INDEX])
    survey = questionnaires.create_questionnaire(c, actor=office, title="食品安全满意度问卷",
                                                 intro="本问卷匿名填写，约需两分钟。")
    questionnaires.set_questions(c, survey, actor=office, questions=[
        {"text": "您对本地食品安全状况总体是否满意？", "kind": "single", "choices": ["满意", "基本满意", "不满意"]},
        {"text": "您最关心哪些方面？（可多选）", "kind": "multiple",
         "choices": ["校园食品", "农贸市场", "餐饮外卖", "保健食品"], "max_choices": 3},
        {"text": "请为学校食堂的食品安全打分", "kind": "scale", "scale_min": 1, "scale_max": 5,
         "scale_low_label": "很差", "scale_high_label": "很好"},
        {"text": "您的意见和建议", "kind": "text", "required": False}])
    questionnaires.open_questionnaire(c, survey, actor=office)
    fieldwork.attach_questionnaire(c, food, actor=office, questionnaire=survey)
    asked = list(survey.questions.order_by("order"))
    for n in range(37):
        questionnaires.answer_questionnaire(c, survey, actor=AnonymousUser(), respondent_token=f"demo-respondent-{n:04d}",
                                            answers={asked[0].pk: [0, 0, 1, 0, 2][n % 5], asked[1].pk: [n % 4, (n + 1) % 4],
                                                     asked[2].pk: 3 + n % 3,
                                                     asked[3].pk: IDEAS[n // 6 % len(IDEAS)] if n % 6 == 0 else ""})
    _report(city, food, "关于检查《中华人民共和国食品安全法》实施情况的报告",
            "检查组于近期在{{counties}}县区实地检查{{sites}}点位，收回问卷{{responses}}。",
            [("校园食堂索证索票不规范", "个别学校食堂进货查验记录不全。")],
            [("压实学校食品安全主体责任", "落实校长陪餐和食堂日常检查制度。")],
            [dict(key="counties", label="检查县区", source={"kind": "counties"}, unit="个"),
             dict(key="sites", label="实地检查", source={"kind": "site_visits"}, unit="个"),
             dict(key="responses", label="收回问卷", unit="份",
                  source={"kind": "questionnaire", "questionnaire_id": survey.pk, "measure": "responses"})],
            sources=sites, finalise=False)

    # The survey, being prepared: team and itinerary, not yet in the field.
    soil = activities.start_activity(c, actor=office, kind="survey", title=made[1].title, year=year, plan_item=made[1],
                                     lead_committee=farming)
    _team(city, soil, 5, [(30, "member"), (DEPUTY_INDEX, "deputy"), (155, "deputy"), (160, "expert")])
    soon = min(today + datetime.timedelta(days=9), datetime.date(year, 12, 30))
    activities.write_activity_plan(c, soil, actor=office, goals="了解黑土地保护性耕作推广和侵蚀沟治理情况。",
                                   starts_on=soon, ends_on=soon + datetime.timedelta(days=1),
                                   stops=[dict(day=soon, county="青河县", site="青河镇保护性耕作示范区"),
                                          dict(day=soon + datetime.timedelta(days=1), county="白石县", site="白石县侵蚀沟治理项目")])
    fieldwork.send_team_notice(c, soil, actor=office, text=f"定于{soon.month}月{soon.day}日起开展黑土地保护利用专题调研，为期两天，请回复是否参加。",
                               reply_by=today + datetime.timedelta(days=4))

    # The deputy group's inspection visit, done: sites and participants on record.
    group = city.groups[0]
    heating = activities.start_activity(c, actor=office, kind="visit", title=made[2].title, year=year,
                                        plan_item=made[2], lead_committee=env, organiser=group)
    _team(city, heating, 2, [(i, "deputy") for i in (DEPUTY_INDEX, 56, 63, 70)])
    day = max(today - datetime.timedelta(days=35), datetime.date(year, 1, 2))
    activities.write_activity_plan(c, heating, actor=office, goals="了解入冬以来城区供热保障情况。",
                                   starts_on=day, ends_on=day,
                                   stops=[dict(day=day, county="中城区", site="城区热源厂"),
                                          dict(day=day, county="中城区", site="北苑老旧小区")])
    activities.begin_fieldwork(c, heating, actor=office)
    visited = _visit_sites(city, heating, [(day, "中城区", "城区热源厂", "热源厂满负荷运行，储煤充足。"),
                                           (day, "中城区", "北苑老旧小区", "入户测温，部分楼栋室温偏低。")],
                           [2, DEPUTY_INDEX, 56, 63])
    _report(city, heating, "关于城区冬季供热保障工作的视察报告",
            "代表视察组实地察看{{sites}}，入户测温。热源厂满负荷运行，储煤可满足一个月用量。",
            [("老旧小区室温偏低", "北苑小区部分楼栋管网老化，室温低于18摄氏度。")],
            [("加快老旧管网改造", "明年供暖季前完成北苑小区管网改造。")],
            [dict(key="sites", label="视察点位", source={"kind": "site_visits"}, unit="处")], sources=visited)


def build(city) -> None:
    _last_year(city)
    _this_year(city)
