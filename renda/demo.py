"""Demo data: a fictional city congress with two county congresses beneath it. Every name is
generated from common characters; no real person is meant.

Built through the same actions as the UI (so the audit log and the rules apply), except
``bulk_deputies``, which the benchmarks use to load tens of thousands of rows quickly.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction

from renda.core import actions as core_actions
from renda.core.models import Congress, RoleGrant, Term
from renda.core.roles import Role
from renda.people import actions
from renda.people.models import Mandate, MandateEvent, Organisation, Person

PASSWORD = "renda-demo-2026"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红春梅海燕丹玲萍鹏辉斌宇浩凯晨欣怡佳琪雪梅德胜玉兰文博永庆巴特尔其其格乌兰图雅"
ETHNICITIES = ["汉族"] * 8 + ["蒙古族", "回族", "满族", "达斡尔族"]
PARTIES = ["中共党员"] * 6 + ["群众", "群众", "民盟盟员", "九三学社社员", "民建会员", "无党派人士"]
OCCUPATIONS = [("农民", "{place}村党支部书记、村委会主任"), ("教师", "{place}第一中学教师"), ("医生", "{place}人民医院主任医师"),
               ("企业职工", "{place}能源有限公司工程师"), ("公务员", "{place}人民政府副县长"), ("个体工商户", "{place}个体工商户"),
               ("牧民", "{place}嘎查牧民"), ("社区工作者", "{place}街道社区党委书记"), ("企业负责人", "{place}建材公司董事长")]
DELEGATIONS = ["东湖县", "西山县", "南湾区", "北岭区", "中城区", "青河县", "白石县"]
WORKING_COMMITTEES = ["法制工作委员会", "预算工作委员会", "监察和司法工作委员会", "环境资源城乡建设工作委员会", "农牧工作委员会",
                      "社会建设工作委员会", "科教文卫工作委员会", "民族侨务外事工作委员会", "代表工作委员会"]
DEPARTMENTS = ["发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局", "财政局",
               "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水务局", "农牧局",
               "商务局", "文化旅游体育局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局",
               "统计局", "林业和草原局", "医疗保障局", "城市管理综合执法局", "国有资产监督管理委员会", "信访局"]


class Names:
    def __init__(self, seed: int = 2026):
        self.random = random.Random(seed)

    def name(self) -> str:
        given = "".join(self.random.choice(GIVEN) for _ in range(self.random.choice([1, 2, 2])))
        return self.random.choice(SURNAMES) + given

    def person(self, place: str) -> dict:
        r = self.random
        occupation, workplace = r.choice(OCCUPATIONS)
        return {
            "name": self.name(), "sex": r.choice(["男", "男", "女"]), "ethnicity": r.choice(ETHNICITIES),
            "birth_date": datetime.date(r.randint(1960, 1995), r.randint(1, 12), r.randint(1, 28)),
            "party": r.choice(PARTIES), "occupation": occupation, "workplace": workplace.format(place=place),
            "phone": f"13{r.randint(100000000, 999999999)}",
        }


def _user(username: str, full_name: str, *, superuser: bool = False):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = core_actions.create_user(username, PASSWORD, full_name=full_name)
        if superuser:
            user.is_superuser = user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
    return user


def _org(congress, admin, kind, name, **extra) -> Organisation:
    return actions.create_organisation(congress, actor=admin, kind=kind, name=name, **extra)


def _city(admin, names: Names) -> tuple[Congress, dict]:
    K = Organisation.Kind
    city = Congress.objects.create(level=Congress.Level.CITY, name="示例市人民代表大会", code="demo-city")
    core_actions.grant_role(city, actor=admin, user=admin, role=Role.ADMIN)
    term = core_actions.create_term(city, actor=admin, number=5, start="2022-01-10", end="2027-01-09")
    sc = _org(city, admin, K.STANDING_COMMITTEE, "示例市人大常委会")
    directors = _org(city, admin, K.DIRECTORS_MEETING, "主任会议", parent=sc)
    committees = [_org(city, admin, K.WORKING_COMMITTEE, n, parent=sc) for n in WORKING_COMMITTEES]
    _org(city, admin, K.OFFICE, "示例市人大常委会办公室", parent=sc)
    delegations = [_org(city, admin, K.DELEGATION, f"{d}代表团") for d in DELEGATIONS]
    groups = [_org(city, admin, K.DEPUTY_GROUP, f"{d}第{i}代表小组", parent=delegations[n])
              for n, d in enumerate(DELEGATIONS) for i in (1, 2, 3)]
    stations = [_org(city, admin, K.LIAISON_STATION, f"{d}代表联络站", address=f"示例市{d}人民路{n + 1}号")
                for n, d in enumerate(DELEGATIONS + ["开发区", "高新区"])]
    units = [_org(city, admin, K.HANDLING_UNIT, "示例市人民政府", unit_type="government"),
             _org(city, admin, K.HANDLING_UNIT, "示例市监察委员会", unit_type="supervisory_commission"),
             _org(city, admin, K.HANDLING_UNIT, "示例市中级人民法院", unit_type="court"),
             _org(city, admin, K.HANDLING_UNIT, "示例市人民检察院", unit_type="procuratorate")]
    units += [_org(city, admin, K.HANDLING_UNIT, f"示例市{d}", unit_type="department") for d in DEPARTMENTS]
    mandates = []
    for i in range(400):
        n = i % len(delegations)
        place = DELEGATIONS[n]
        mandates.append(actions.appoint_deputy(
            city, actor=admin, term=term, number=f"05{i + 1:04d}", elected_on="2022-01-10",
            person_data=names.person(place), delegation=delegations[n], constituency=f"{place}选举单位",
            deputy_group=groups[n * 3 + (i // 7) % 3], liaison_station=stations[i % len(stations)],
        ))
    # Standing committee: 43 members drawn from the deputies (主任, 5 副主任, 秘书长, 36 委员).
    posts = ["主任"] + ["副主任"] * 5 + ["秘书长"] + ["委员"] * 36
    for mandate, post in zip(mandates[:43], posts, strict=True):
        actions.add_membership(city, actor=admin, organisation=sc, person=mandate.person, post=post, start="2022-01-10")
        if post != "委员":
            actions.add_membership(city, actor=admin, organisation=directors, person=mandate.person,
                                   post=post if post != "秘书长" else "秘书长", start="2022-01-10")
    for n, committee in enumerate(committees):
        actions.add_membership(city, actor=admin, organisation=committee, person=mandates[7 + n].person, post="主任",
                               start="2022-01-10")
        for k in range(3):
            actions.add_membership(city, actor=admin, organisation=committee,
                                   person=mandates[16 + n * 3 + k].person, post="委员", start="2022-01-10")
    for group in groups:
        leader = next(m for m in mandates if m.deputy_group_id == group.pk)
        actions.add_membership(city, actor=admin, organisation=group, person=leader.person, post="组长", start="2022-02-01")
    actions.end_mandate(city, mandates[-1], actor=admin, status=Mandate.Status.RESIGNED, on="2024-06-30",
                        reason="工作调动，辞去代表职务")
    _sc_session(city, admin, term, sc, [m.person for m in mandates[:43]])
    _livelihood(city, admin, term, mandates, units, groups)
    _liaison(city, admin, stations, mandates, units)
    return city, {"term": term, "mandates": mandates, "committees": committees, "units": units, "sc": sc}


def _county(admin, names: Names, city: Congress, name: str, code: str, shared: list[Mandate]) -> Congress:
    K = Organisation.Kind
    county = Congress.objects.create(level=Congress.Level.COUNTY, name=f"{name}人民代表大会", code=code, parent=city)
    core_actions.grant_role(county, actor=admin, user=admin, role=Role.ADMIN)
    term = core_actions.create_term(county, actor=admin, number=18, start="2021-12-20", end="2026-12-19")
    sc = _org(county, admin, K.STANDING_COMMITTEE, f"{name}人大常委会")
    _org(county, admin, K.WORKING_COMMITTEE, "代表工作委员会", parent=sc)
    groups = [_org(county, admin, K.DEPUTY_GROUP, f"{name}第{i}代表小组") for i in range(1, 7)]
    stations = [_org(county, admin, K.LIAISON_STATION, f"{name}{town}代表联络站") for town in ("城关镇", "河口镇", "草原苏木")]
    for unit in ("人民政府", "监察委员会", "人民法院", "人民检察院", "教育局", "交通运输局", "农牧局", "卫生健康委员会"):
        unit_type = {"人民政府": "government", "监察委员会": "supervisory_commission", "人民法院": "court",
                     "人民检察院": "procuratorate"}.get(unit, "department")
        _org(county, admin, K.HANDLING_UNIT, f"{name}{unit}", unit_type=unit_type)
    # The same people serve here and at the city: five-level deputies (五级代表).
    for i, mandate in enumerate(shared):
        actions.appoint_deputy(county, actor=admin, term=term, person=mandate.person, number=f"18{i + 1:04d}",
                               elected_on="2021-12-20", deputy_group=groups[i % 6], liaison_station=stations[i % 3])
    for i in range(len(shared), 150):
        actions.appoint_deputy(county, actor=admin, term=term, number=f"18{i + 1:04d}", elected_on="2021-12-20",
                               person_data=names.person(name), deputy_group=groups[i % 6],
                               liaison_station=stations[i % 3], constituency=f"第{i % 40 + 1}选区")
    return county


def _sc_session(city, admin, term, sc, members) -> None:
    """第五届人大常委会第二十一次会议: 43 members, 36 present, a vote and an evaluation announced;
    and the next session convened, its roster drawn, not yet opened."""
    from django.utils import timezone

    from renda.meetings import actions as meetings
    from renda.voting import actions as voting

    for number in range(1, 21):  # the earlier sessions of the term, for numbering
        meetings.create_meeting(city, actor=admin, term=term, kind="sc_session", organisation=sc, place="常委会会议室",
                                starts_at=timezone.now() - datetime.timedelta(days=30 * (22 - number)))
    session = meetings.create_meeting(city, actor=admin, term=term, kind="sc_session", organisation=sc,
                                      place="常委会会议室", starts_at=timezone.now() - datetime.timedelta(days=1),
                                      chair=members[0])
    meetings.build_roster(city, session, actor=admin)
    meetings.add_attendee(city, session, actor=admin, name="赵建国", post="市人民政府副市长")
    meetings.add_agenda_item(city, session, actor=admin, kind="report", title="听取和审议市人民政府关于生态环境保护工作情况的报告")
    meetings.add_agenda_item(city, session, actor=admin, kind="draft", title="审议《示例市城市绿化条例（草案）》")
    meetings.open_meeting(city, session, actor=admin)
    for person in members[1:3]:
        meetings.decide_leave(city, meetings.request_leave(city, session, actor=admin, person=person, reason="因公出差"),
                              actor=admin, approve=True)
    for person in members[3:39]:
        meetings.sign_in_at_desk(city, session, actor=admin, person=person)
    vote = voting.open_vote(city, voting.create_vote(city, session, actor=admin, title="关于批准2025年市级预算调整方案的决议"),
                            actor=admin)
    from django.contrib.auth import get_user_model

    User = get_user_model()
    for n, person in enumerate(members[3:39]):
        user = person.user or User.objects.create_user(username=f"sc{person.pk}")  # no password: never signs in
        if person.user is None:
            person.user = user
            person.save(update_fields=["user"])
        if not RoleGrant.objects.in_congress(city).filter(user=user, role=Role.DEPUTY).exists():
            core_actions.grant_role(city, actor=admin, user=user, role=Role.DEPUTY)
        voting.cast_vote(city, vote, actor=user, choice="yes" if n < 33 else "abstain")
    voting.announce_result(city, voting.close_vote(city, vote, actor=admin), actor=admin)
    meetings.create_meeting(city, actor=admin, term=term, kind="sc_session", organisation=sc, place="常委会会议室",
                            starts_at=timezone.now() + datetime.timedelta(days=30))


PROJECTS = [
    ("老旧小区加装电梯", "为城区12个老旧小区加装电梯48部", "中城区", 2400, "public"),
    ("中小学校园食堂改造", "改造8所农村中小学食堂，解决学生就餐难", "青河县", 1600, "deputy"),
    ("社区养老服务中心建设", "新建社区嵌入式养老服务中心6个", "南湾区", 1800, "public"),
    ("城乡公交一体化", "新开通城乡公交线路5条，更新新能源公交车40辆", "全市", 3200, "department"),
    ("农村饮水安全巩固提升", "改造农村供水管网120公里", "白石县", 2100, "deputy"),
    ("背街小巷路灯照明", "为背街小巷安装路灯1200盏", "北岭区", 600, "public"),
    ("嘎查村卫生室标准化建设", "新建改建嘎查村卫生室30个", "东湖县", 900, "department"),
    ("城市口袋公园建设", "建设口袋公园15个", "中城区", 1200, "public"),
]


def _liaison(city, admin, stations, mandates, units) -> None:
    """Stations with opening days and a rota, a reception day, and concerns on each of the three ways."""
    from django.contrib.auth.models import AnonymousUser
    from django.utils import timezone

    from renda.liaison import actions as liaison

    today = timezone.localdate()
    for n, station in enumerate(stations):
        liaison.set_up_station(city, station, actor=admin, area=station.name.removesuffix("代表联络站"),
                               opening_days="每月5日、15日、25日", phone=f"0471-66{n:02d}100")
        attached = [m for m in mandates if m.liaison_station_id == station.pk and m.status == Mandate.Status.SERVING]
        for week in range(4):
            liaison.set_rota(city, station, actor=admin, on=today + datetime.timedelta(days=7 * week + 1),
                             mandates=attached[week * 2:week * 2 + 2])
    first, attached = stations[0], [m for m in mandates if m.liaison_station_id == stations[0].pk][:2]
    reception = liaison.record_reception(city, first, actor=admin, held_on=today - datetime.timedelta(days=2),
                                         deputies=attached, visitors=9, notes="群众反映集中在道路和供暖", concerns=[
        {"person_name": "赵桂兰", "person_contact": "13947100001", "category": "城乡建设", "text": "老旧小区供暖温度不达标",
         "place": "幸福小区"},
        {"anonymous": True, "category": "交通出行", "text": "人民路学校门口上下学时段拥堵", "place": "人民路"}])
    heating, traffic = reception.concerns.order_by("id")
    liaison.triage_concern(city, heating, actor=admin, path="on_the_spot", responsible=attached[0],
                           answer="代表当场联系热力公司，已上门调试")
    liaison.record_feedback(city, heating, actor=admin, satisfaction="satisfied", note="电话回访")
    liaison.triage_concern(city, traffic, actor=admin, path="referred", unit=units[0])
    forms: list[dict] = [
        {"person_name": "钱志强", "person_contact": "13947100002", "category": "农牧业", "text": "草场围栏被车辆撞坏"},
        {"anonymous": True, "category": "生态环境", "text": "河道有人倾倒建筑垃圾", "place": "河口桥下"},
        {"person_name": "孙丽", "person_contact": "13947100003", "category": "教育", "text": "希望社区开办课后托管"}]
    online = [liaison.submit_concern(city, first, actor=AnonymousUser(), data=d) for d in forms]
    liaison.triage_concern(city, online[1], actor=admin, path="tracked", responsible=attached[1])
    liaison.record_follow_up(city, online[1], actor=admin, note="代表已会同生态环境局现场查看")


def _livelihood(city, admin, term, mandates, units, groups) -> None:
    """A year of 民生实事项目票决: 8 proposals, 2 dropped in screening, 6 candidates for 5 projects,
    a plenary vote, and the chosen projects under supervision."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from renda.livelihood import actions as livelihood
    from renda.livelihood.models import Proposal
    from renda.meetings import actions as meetings
    from renda.meetings.models import RosterEntry
    from renda.voting import actions as voting

    today = timezone.localdate()
    call = livelihood.open_call(city, actor=admin, year=today.year, title=f"{today.year}年民生实事项目征集",
                                opens_on=today - datetime.timedelta(days=60), closes_on=today,
                                to_choose=5)
    proposals = [livelihood.submit_proposal(city, call, actor=None, title=t, description=d, place=p,
                                            estimated_cost=c, proposer_name="群众" if s == "public" else "",
                                            today=today - datetime.timedelta(days=30))
                 for t, d, p, c, s in PROJECTS]
    for n, proposal in enumerate(proposals):
        for stage in call.stages:
            if n in (5, 7) and stage == call.stages[n % 2]:
                livelihood.decide_stage(city, proposal, actor=admin, passed=False,
                                        reason="资金未落实" if n == 5 else "用地未落实，列入下年度储备")
                break
            livelihood.decide_stage(city, proposal, actor=admin, passed=True)
    livelihood.fix_candidates(city, call, actor=admin)
    plenary = meetings.create_meeting(city, actor=admin, term=term, kind="plenary", place="市人民会堂",
                                      starts_at=timezone.now() - datetime.timedelta(hours=3))
    meetings.build_roster(city, plenary, actor=admin)
    meetings.open_meeting(city, plenary, actor=admin)
    present = [m.person for m in mandates[:380] if m.status == "serving"]
    RosterEntry.objects.in_congress(city).filter(meeting=plenary, person__in=present).update(
        attendance=RosterEntry.Attendance.PRESENT, signed_in_at=timezone.now(), sign_in_method=RosterEntry.Method.DEVICE)
    vote = voting.open_vote(city, livelihood.put_projects_to_vote(city, call, plenary, actor=admin), actor=admin)
    candidates = list(vote.candidates.order_by("order"))
    User = get_user_model()
    chooser = random.Random(7)
    for person in present:
        user = person.user
        if user is None:
            user = User.objects.create_user(username=f"d{person.pk}")  # no password: never signs in
            person.user = user
            person.save(update_fields=["user"])
        if not RoleGrant.objects.in_congress(city).filter(user=user, role=Role.DEPUTY).exists():
            core_actions.grant_role(city, actor=admin, user=user, role=Role.DEPUTY)
        weights = [0.9, 0.85, 0.8, 0.75, 0.7, 0.3]
        marks = {str(c.pk): "for" for c, w in zip(candidates, weights, strict=True) if chooser.random() < w}
        if len(marks) > 5:
            marks.pop(next(iter(marks)))
        voting.cast_ballot(city, vote, actor=user, content={"marks": marks})
    voting.announce_result(city, voting.close_vote(city, vote, actor=admin), actor=admin)
    livelihood.record_project_result(city, call, actor=admin)
    chosen = Proposal.objects.in_congress(city).filter(call=call, status=Proposal.Status.CHOSEN).order_by("id")
    for n, project in enumerate(chosen):
        livelihood.assign_supervision(city, project, actor=admin, lead_unit=units[4 + n], budget=project.estimated_cost,
                                      groups=[groups[n * 3], groups[n * 3 + 1]], milestones=[
                                          {"title": "立项审批", "due_on": str(today - datetime.timedelta(days=20))},
                                          {"title": "开工建设", "due_on": str(today + datetime.timedelta(days=40))},
                                          {"title": "竣工验收", "due_on": str(today + datetime.timedelta(days=200))}])
        first = project.milestones.order_by("due_on").first()
        if n != 2:  # one project is behind: its first milestone is overdue
            livelihood.report_progress(city, project, actor=admin, text_="已完成立项审批", spent="50", milestone=first)
    livelihood.record_inspection(city, chosen[0], actor=admin, group=groups[0], on=str(today - datetime.timedelta(days=3)),
                                 notes="代表小组实地察看施工准备", problems=[
                                     {"text": "施工期间居民出行不便，需设置临时通道", "owner": units[4].name,
                                      "due_on": str(today + datetime.timedelta(days=10))}])


ACCOUNTS = [
    ("admin", "系统管理员", Role.ADMIN),
    ("office", "机关工作人员", Role.OFFICE_STAFF),
    ("committee", "工作委员会工作人员（代表工作委员会）", Role.COMMITTEE_STAFF),
    ("member", "常委会组成人员", Role.SC_MEMBER),
    ("deputy", "人大代表", Role.DEPUTY),
    ("unit", "承办单位工作人员（市教育局）", Role.UNIT_OFFICER),
    ("public", "公众", Role.PUBLIC),
]


@transaction.atomic
def build() -> Congress:
    names = Names()
    admin = _user("admin", "系统管理员", superuser=True)
    city, made = _city(admin, names)
    county = _county(admin, names, city, "东湖县", "demo-donghu", made["mandates"][0:40:7])
    _county(admin, names, city, "西山县", "demo-xishan", made["mandates"][1:40:9])
    office = _user("office", "办公室 王敏")
    core_actions.grant_role(city, actor=admin, user=office, role=Role.OFFICE_STAFF)
    committee = _user("committee", "代表工委 李静")
    core_actions.grant_role(city, actor=admin, user=committee, role=Role.COMMITTEE_STAFF, organisation=made["committees"][-1])
    member = _user("member", "常委会委员")
    member_person = made["mandates"][10].person
    member_person.user = member
    member_person.save(update_fields=["user"])
    core_actions.grant_role(city, actor=admin, user=member, role=Role.SC_MEMBER)
    core_actions.grant_role(city, actor=admin, user=member, role=Role.DEPUTY)
    deputy = _user("deputy", "人大代表")
    deputy_person = made["mandates"][7 * 5].person  # also a 东湖县 deputy: two levels on one login
    deputy_person.user = deputy
    deputy_person.save(update_fields=["user"])
    core_actions.grant_role(city, actor=admin, user=deputy, role=Role.DEPUTY)
    core_actions.grant_role(county, actor=admin, user=deputy, role=Role.DEPUTY)
    unit = _user("unit", "教育局 联络员")
    education = next(u for u in made["units"] if u.name.endswith("教育局"))
    core_actions.grant_role(city, actor=admin, user=unit, role=Role.UNIT_OFFICER, organisation=education)
    _user("public", "公众")
    _suggestions(city, deputy, office, made["units"])
    return city


def _suggestions(city, deputy, office, units) -> None:
    """The deputy's suggestions between sessions: one assigned to the education bureau, one in review,
    one still a draft."""
    from renda.proposals import actions as proposals

    term = Term.objects.in_congress(city).get()
    education = next(u for u in units if u.name.endswith("教育局"))
    items = []
    for title, body in [("关于改善农村学校寄宿条件的建议", "部分农村寄宿制学校宿舍拥挤，建议分年度改扩建。"),
                        ("关于增设城乡公交线路的建议", "建议增设两条城乡公交线路，方便群众出行。")]:
        draft = proposals.save_suggestion_draft(city, actor=deputy, term=term, title=title, body=body, category="教育"
                                                if "学校" in title else "交通")
        items.append(proposals.submit_suggestion(city, draft, actor=deputy))
    proposals.accept_suggestion(city, items[0], actor=office)
    proposals.assign_suggestion(city, items[0], actor=office, lead_unit=education)
    proposals.save_suggestion_draft(city, actor=deputy, term=term, title="关于加强草原生态保护的建议")


def bulk_deputies(congress: Congress, term: Term, count: int, *, seed: int = 7, start_number: int = 1) -> None:
    """Load ``count`` deputies straight into the tables (benchmarks only: no audit, no actions)."""
    names = Names(seed)
    delegations = list(Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.DELEGATION))
    groups = list(Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.DEPUTY_GROUP))
    for offset in range(0, count, 5000):
        chunk = range(offset, min(offset + 5000, count))
        people = Person.objects.bulk_create([Person(**names.person("示例")) for _ in chunk])
        mandates = Mandate.objects.bulk_create([
            Mandate(congress=congress, term=term, person=p, number=f"B{start_number + i:07d}",
                    elected_on=term.start, delegation=delegations[i % len(delegations)] if delegations else None,
                    deputy_group=groups[i % len(groups)] if groups else None,
                    status=Mandate.Status.SERVING if i % 20 else Mandate.Status.RESIGNED)
            for i, p in zip(chunk, people, strict=True)
        ])
        MandateEvent.objects.bulk_create([MandateEvent(congress=congress, mandate=m, on=term.start, what="当选")
                                          for m in mandates])

