"""Demo data: a fictional prefecture-level city in Inner Mongolia (示例市) with two county congresses
beneath it, caught on an ordinary working day of the fifth term. Every name is generated from
common Han and Mongolian surnames and given names with a fixed seed; no real person is meant.

Every date is counted from the day the demo is loaded (Asia/Shanghai): this year's plenary session
was held about 110 days ago, the suggestions its deputies filed are answered, rated, re-handled or
still in handling (some due within days, some overdue), the standing committee met every four weeks
and meets again this week, and the liaison stations received constituents in the last weeks.

Built through the same actions as the UI (so the audit log and the rules apply), except
``bulk_deputies``, which the benchmarks use to load tens of thousands of rows quickly.
"""

from __future__ import annotations

import datetime
import itertools
import random
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from renda.activities import actions as activities_actions
from renda.activities import demo_data as activities_demo
from renda.agenda import demo_data as agenda_demo
from renda.appointments import demo_data as appointments_demo
from renda.core import actions as core_actions
from renda.core import rules
from renda.core.models import Congress, Term
from renda.core.roles import Role
from renda.decisions import demo_data as decisions_demo
from renda.demo_support import at as _at
from renda.deputy_groups import demo_data as deputy_groups_demo
from renda.deputy_pages import demo_data as deputy_pages_demo
from renda.duty_reports import demo_data as duty_reports_demo
from renda.enactment import demo_data as enactment_demo
from renda.law_comments import demo_data as law_comments_demo
from renda.legislation import actions as legislation_actions
from renda.legislation import demo_data as legislation_demo
from renda.legislation import queries as legislation_queries
from renda.legislative_plans import actions as legislative_plans_actions
from renda.legislative_plans import demo_data as legislative_plans_demo
from renda.opinions import demo_data as opinions_demo
from renda.oversight import demo_data as oversight_demo
from renda.oversight import demo_hearings as oversight_hearings_demo
from renda.oversight import demo_inquiries as oversight_inquiries_demo
from renda.oversight import demo_opinions as oversight_opinions_demo
from renda.people import actions
from renda.people.models import Mandate, MandateEvent, Organisation, Person
from renda.portfolios import demo_data as portfolios_demo
from renda.rectification import demo_data as rectification_demo
from renda.routing import demo_data as routing_demo
from renda.work_points import demo_data as work_points_demo

PASSWORD = "renda-demo-2026"

# ── Names ──
# Han surnames in rough order of frequency (the first are drawn far more often), and the Han-style
# surnames many Mongolian families in the region also use.
SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余"
            "潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
MALE_GIVEN = ("建国 志强 永刚 海涛 俊杰 文博 浩然 宏伟 国庆 振华 晓东 立新 建军 德胜 玉山 雪松 明辉 宇航 鹏飞 旭东 春雷 志远 "
              "光明 新民 卫东 利民 长青 洪亮 金龙 海峰 泽宇 庆丰 家豪 思远 建华 占军 永胜 福林 树林 文斌 国栋 伟 强 磊 军 勇 "
              "杰 涛 斌 超 刚 辉 鹏 峰 亮 凯 彬 毅").split()
FEMALE_GIVEN = ("雪琪 秀英 桂兰 丽娟 晓燕 海燕 春梅 玉兰 淑芬 美玲 婷婷 欣怡 佳琪 思雨 雅琴 文静 慧敏 晓红 丽华 彩霞 金凤 艳红 "
                "秀云 红梅 雪梅 丹丹 晶晶 梦瑶 亚楠 春燕 玉梅 凤英 丽萍 静 敏 丽 芳 娜 艳 娟 霞 萍 玲 颖 琳").split()
MONGOLIAN_MALE = ("巴特尔 巴图 苏和 宝音 朝鲁 孟和 额尔敦 阿拉坦仓 乌力吉 图门 哈斯 毕力格 达来 那顺 胡日查 布仁 特木尔 "
                  "吉日嘎拉 额尔德木图 宝力道 巴雅尔 敖其尔 满都拉 阿古拉 朝克图 斯钦 桑布 格日勒图 呼和 乌恩").split()
MONGOLIAN_FEMALE = ("乌云其其格 其木格 萨仁 娜仁 斯琴高娃 乌兰 图雅 那仁图雅 萨日娜 琪琪格 敖登 高娃 塔娜 乌日娜 "
                    "阿拉坦其其格 苏日娜 格根 托娅 诺敏 其其格 乌仁 娜日苏 哈斯其其格 萨茹拉 吉雅").split()
MONGOLIAN_PREFIXES = ["", "", "", "包", "白", "韩", "鲍", "吴"]
OTHER_ETHNICITIES = ["回族", "满族", "达斡尔族", "鄂温克族"]
PARTIES = ["中共党员"] * 6 + ["群众", "群众", "民盟盟员", "九三学社社员", "民建会员", "无党派人士"]
OCCUPATIONS = [("农民", "{place}村党支部书记、村委会主任"), ("教师", "{place}第一中学教师"), ("医生", "{place}人民医院主任医师"),
               ("企业职工", "{place}能源有限公司工程师"), ("公务员", "{place}人民政府副县长"), ("个体工商户", "{place}个体工商户"),
               ("牧民", "{place}嘎查牧民"), ("社区工作者", "{place}街道社区党委书记"), ("企业负责人", "{place}建材公司董事长"),
               ("牧民", "{place}家庭牧场主"), ("教师", "{place}蒙古族中学教师"), ("医生", "{place}蒙医医院医师")]

# ── The city ──
DELEGATIONS = ["东湖县", "西山县", "南湾区", "北岭区", "中城区", "青河县", "白石县"]
# Towns, sumu (苏木), gacha (嘎查), villages and communities of each delegation's area.
PLACES = {
    "东湖县": ["巴彦塔拉镇", "查干诺尔苏木", "东湖镇", "乌兰哈达嘎查"],
    "西山县": ["西山镇", "宝日格斯台苏木", "红旗村", "白音敖包嘎查"],
    "南湾区": ["南湾街道", "和平街道", "锡林社区", "团结社区"],
    "北岭区": ["北岭街道", "新华街道", "草原路社区", "昭君社区"],
    "中城区": ["中心街道", "胜利街道", "昭乌达社区", "人民路社区"],
    "青河县": ["青河镇", "哈达图苏木", "敖包图嘎查", "新地村"],
    "白石县": ["白石镇", "额尔敦苏木", "达来嘎查", "沙梁村"],
}
ROADS = ["新华大街", "锡林路", "人民路", "团结大街", "草原路", "昭乌达路", "学府路", "巴彦路"]
RIVERS = ["青河", "锡林河", "白石河"]
WORKING_COMMITTEES = ["法制工作委员会", "预算工作委员会", "监察和司法工作委员会", "环境资源城乡建设工作委员会", "农牧工作委员会",
                      "社会建设工作委员会", "科教文卫工作委员会", "民族侨务外事工作委员会", "代表工作委员会"]
DEPARTMENTS = ["发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局", "财政局",
               "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水务局", "农牧局",
               "商务局", "文化旅游体育局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局",
               "统计局", "林业和草原局", "医疗保障局", "城市管理综合执法局", "国有资产监督管理委员会", "信访局"]

# The fixed people behind the demo accounts (and a few others a visitor meets first).
DEPUTY_INDEX = 49    # the `deputy` account: a 东湖县 deputy, also a deputy of the 东湖县 congress
MEMBER_INDEX = 10    # the `member` account: a standing-committee member
FIXED: dict[int, dict[str, Any]] = {
    DEPUTY_INDEX: {"name": "程雪琪", "sex": "女", "ethnicity": "汉族", "occupation": "教师",
                   "workplace": "东湖县第一中学副校长", "party": "中共党员", "birth_date": datetime.date(1981, 4, 17)},
    MEMBER_INDEX: {"name": "巴特尔", "sex": "男", "ethnicity": "蒙古族", "occupation": "公务员",
                   "workplace": "示例市人大常委会环境资源城乡建设工作委员会主任", "party": "中共党员",
                   "birth_date": datetime.date(1970, 9, 3)},
    0: {"name": "孟和", "sex": "男", "ethnicity": "蒙古族", "occupation": "公务员", "workplace": "示例市人大常委会主任",
        "party": "中共党员", "birth_date": datetime.date(1964, 2, 11)},
}
STAFF: dict[str, tuple[str, str, str, str, str]] = {  # username: name, sex, ethnicity, body, post
    "admin": ("刘志远", "男", "汉族", "示例市人大常委会办公室", "工作人员"),
    "office": ("乌云其其格", "女", "蒙古族", "示例市人大常委会办公室", "工作人员"),
    "committee": ("李静", "女", "汉族", "代表工作委员会", "工作人员"),
    "unit": ("张建华", "男", "汉族", "示例市教育局", "联络员"),
}
PUBLIC_NAME = "赵桂兰"
CONTACT_POINT = "城关街道基层立法联系点"
CONTACT_POINT_STAFF = ("孙丽娟", "女", "汉族")  # the `contact` account: gathers residents' comments on drafts


class Names:
    """Deterministic people: a Han name (surname by frequency, given name by sex) or a Mongolian one
    (often alone, sometimes after a Han-style surname), never the same name twice while unused
    combinations remain."""

    def __init__(self, seed: int = 2026, mongolian_share: float = 0.25, unique: bool = True):
        self.random = random.Random(seed)
        self.mongolian_share = mongolian_share
        self.unique = unique
        self.used: set[str] = set()
        self._cumulative = list(itertools.accumulate(1 / (rank + 4) for rank in range(len(SURNAMES))))

    def reserve(self, *names: str) -> None:
        self.used.update(names)

    def _draw(self, sex: str, mongolian: bool) -> str:
        r = self.random
        if mongolian:
            return r.choice(MONGOLIAN_PREFIXES) + r.choice(MONGOLIAN_MALE if sex == "男" else MONGOLIAN_FEMALE)
        surname = r.choices(SURNAMES, cum_weights=self._cumulative)[0]
        return surname + r.choice(MALE_GIVEN if sex == "男" else FEMALE_GIVEN)

    def name(self, sex: str = "男", mongolian: bool = False) -> str:
        name = self._draw(sex, mongolian)
        if self.unique:
            for _ in range(50):
                if name not in self.used:
                    break
                name = self._draw(sex, mongolian)
            self.used.add(name)
        return name

    def person(self, place: str) -> dict:
        r = self.random
        sex = r.choice(["男", "男", "女"])
        mongolian = r.random() < self.mongolian_share
        ethnicity = "蒙古族" if mongolian else ("汉族" if r.random() < 0.9 else r.choice(OTHER_ETHNICITIES))
        occupation, workplace = r.choice(OCCUPATIONS)
        return {
            "name": self.name(sex, mongolian), "sex": sex, "ethnicity": ethnicity,
            "birth_date": datetime.date(r.randint(1962, 1995), r.randint(1, 12), r.randint(1, 28)),
            "party": r.choice(PARTIES), "occupation": occupation, "workplace": workplace.format(place=place),
            "phone": f"13{r.randint(100000000, 999999999)}",
        }


_hashed: dict[str, str] = {}


def _user(username: str, full_name: str, *, superuser: bool = False):
    """A demo account. The password is hashed once for all of them: PBKDF2 is slow on purpose."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = core_actions.create_user(username, None, full_name=full_name)  # type: ignore[arg-type]  # unusable for now
        if PASSWORD not in _hashed:
            _hashed[PASSWORD] = make_password(PASSWORD)
        user.password = _hashed[PASSWORD]
        user.is_superuser = user.is_staff = superuser
        user.save(update_fields=["password", "is_superuser", "is_staff"])
    return user


def _org(congress, admin, kind, name, **extra) -> Organisation:
    return actions.create_organisation(congress, actor=admin, kind=kind, name=name, **extra)



@dataclass
class City:
    """What the later steps of the build need to find again."""

    congress: Congress
    admin: Any
    term: Term
    today: datetime.date
    names: Names
    random: random.Random
    mandates: list[Mandate]
    sc: Organisation
    committees: dict[str, Organisation]
    units: dict[str, Organisation]            # by the department's short name (教育局) or full name
    stations: list[Organisation]
    groups: list[Organisation]
    delegations: list[Organisation]
    office: Any = None
    users: dict[int, Any] = field(default_factory=dict)           # person id → login
    unit_users: dict[int, Any] = field(default_factory=dict)      # unit id → its liaison officer's login
    plenary: Any = None  # this year's plenary session

    def unit(self, short: str) -> Organisation:
        return self.units[short]

    def user(self, mandate_or_person) -> Any:
        person_id = getattr(mandate_or_person, "person_id", None) or mandate_or_person.pk
        return self.users[person_id]

    @property
    def serving(self) -> list[Mandate]:
        return [m for m in self.mandates if m.status == Mandate.Status.SERVING]


def _city(admin, names: Names, today: datetime.date) -> City:
    K = Organisation.Kind
    city = Congress.objects.create(level=Congress.Level.CITY, name="示例市人民代表大会", code="demo-city")
    core_actions.grant_role(city, actor=admin, user=admin, role=Role.ADMIN)
    term = core_actions.create_term(city, actor=admin, number=5, start="2022-01-10", end="2027-01-09")
    sc = _org(city, admin, K.STANDING_COMMITTEE, "示例市人大常委会")
    directors = _org(city, admin, K.DIRECTORS_MEETING, "主任会议", parent=sc)
    committees = {n: _org(city, admin, K.WORKING_COMMITTEE, n, parent=sc) for n in WORKING_COMMITTEES}
    office_org = _org(city, admin, K.OFFICE, "示例市人大常委会办公室", parent=sc)
    delegations = [_org(city, admin, K.DELEGATION, f"{d}代表团") for d in DELEGATIONS]
    groups = [_org(city, admin, K.DEPUTY_GROUP, f"{d}第{i}代表小组", parent=delegations[n])
              for n, d in enumerate(DELEGATIONS) for i in (1, 2, 3)]
    stations = [_org(city, admin, K.LIAISON_STATION, f"{d}代表联络站", address=f"示例市{d}{ROADS[n % len(ROADS)]}{n + 11}号")
                for n, d in enumerate(DELEGATIONS + ["开发区", "高新区"])]
    units = {"人民政府": _org(city, admin, K.HANDLING_UNIT, "示例市人民政府", unit_type="government"),
             "监察委员会": _org(city, admin, K.HANDLING_UNIT, "示例市监察委员会", unit_type="supervisory_commission"),
             "中级人民法院": _org(city, admin, K.HANDLING_UNIT, "示例市中级人民法院", unit_type="court"),
             "人民检察院": _org(city, admin, K.HANDLING_UNIT, "示例市人民检察院", unit_type="procuratorate")}
    units.update({d: _org(city, admin, K.HANDLING_UNIT, f"示例市{d}", unit_type="department") for d in DEPARTMENTS})
    names.reserve(*(f["name"] for f in FIXED.values()), *(s[0] for s in STAFF.values()), PUBLIC_NAME)
    mandates = []
    for i in range(400):
        n = i % len(delegations)
        place = DELEGATIONS[n]
        person = names.person(place)
        if i in FIXED:
            person.update(FIXED[i])
        # Most deputies sit at their own area's station; every fifth at the development zones'.
        station = stations[n] if i % 5 else stations[7 + (i // 5) % 2]
        mandates.append(actions.appoint_deputy(
            city, actor=admin, term=term, number=f"05{i + 1:04d}", elected_on="2022-01-10",
            person_data=person, delegation=delegations[n], constituency=f"{place}选举单位",
            deputy_group=groups[n * 3 + (i // 7) % 3], liaison_station=station,
        ))
    # Standing committee: 43 members drawn from the deputies (主任, 5 副主任, 秘书长, 36 委员).
    posts = ["主任"] + ["副主任"] * 5 + ["秘书长"] + ["委员"] * 36
    for mandate, post in zip(mandates[:43], posts, strict=True):
        actions.add_membership(city, actor=admin, organisation=sc, person=mandate.person, post=post, start="2022-01-10")
        if post != "委员":
            actions.add_membership(city, actor=admin, organisation=directors, person=mandate.person, post=post,
                                   start="2022-01-10")
    for n, committee in enumerate(committees.values()):
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
    mandates[-1].refresh_from_db()
    made = City(congress=city, admin=admin, term=term, today=today, names=names, random=random.Random(11),
                mandates=mandates, sc=sc, committees=committees, units=units, stations=stations, groups=groups,
                delegations=delegations)
    _accounts(made, office_org)
    return made


def _accounts(city: City, office_org: Organisation) -> None:
    """The demo accounts with their people, a login for every serving deputy (the votes, suggestions
    and ratings below are theirs), and a liaison officer (联络员) for every handling unit."""
    congress, admin = city.congress, city.admin
    orgs = {office_org.name: office_org, **city.committees, **{u.name: u for u in city.units.values()}}
    for username, (name, sex, ethnicity, org_name, post) in STAFF.items():
        user = admin if username == "admin" else _user(username, name)
        if username == "admin":
            user.first_name = name
            user.save(update_fields=["first_name"])
        membership = actions.add_membership(congress, actor=admin, organisation=orgs[org_name], post=post,
                                            start="2022-01-10", person_data={"name": name, "sex": sex,
                                                                             "ethnicity": ethnicity})
        membership.person.user = user
        membership.person.save(update_fields=["user"])
    office = get_user_model().objects.get(username="office")
    core_actions.grant_role(congress, actor=admin, user=office, role=Role.OFFICE_STAFF)
    committee = get_user_model().objects.get(username="committee")
    core_actions.grant_role(congress, actor=admin, user=committee, role=Role.COMMITTEE_STAFF,
                            organisation=city.committees["代表工作委员会"])
    education = city.unit("教育局")
    unit = get_user_model().objects.get(username="unit")
    core_actions.grant_role(congress, actor=admin, user=unit, role=Role.UNIT_OFFICER, organisation=education)
    city.office = office
    city.unit_users[education.pk] = unit
    member = _user("member", FIXED[MEMBER_INDEX]["name"])
    deputy = _user("deputy", FIXED[DEPUTY_INDEX]["name"])
    _user("public", PUBLIC_NAME)
    for index, user in ((MEMBER_INDEX, member), (DEPUTY_INDEX, deputy)):
        person = city.mandates[index].person
        person.user = user
        person.save(update_fields=["user"])
    core_actions.grant_role(congress, actor=admin, user=member, role=Role.SC_MEMBER)
    # Logins for the other deputies, made in one insert: they never sign in (no usable password).
    User = get_user_model()
    pending = [m.person for m in city.serving if m.person.user_id is None]
    User.objects.bulk_create([User(username=f"d{p.pk}", first_name=p.name, password=make_password(None))
                              for p in pending])
    by_name = {u.username: u for u in User.objects.filter(username__in=[f"d{p.pk}" for p in pending])}
    for p in pending:
        p.user = by_name[f"d{p.pk}"]
    Person.objects.bulk_update(pending, ["user"])
    for m in city.serving:
        city.users[m.person_id] = m.person.user
        core_actions.grant_role(congress, actor=admin, user=m.person.user, role=Role.DEPUTY)
    for unit_org in city.units.values():
        if unit_org.pk in city.unit_users:
            continue
        data = city.names.person("示例市")
        data.update(occupation="公务员", workplace=f"{unit_org.name}办公室")
        person = actions.add_membership(congress, actor=admin, organisation=unit_org, post="联络员", start="2022-03-01",
                                        person_data=data).person
        user = User.objects.create(username=f"u{unit_org.pk}", first_name=person.name, password=make_password(None))
        person.user = user
        person.save(update_fields=["user"])
        core_actions.grant_role(congress, actor=admin, user=user, role=Role.UNIT_OFFICER, organisation=unit_org)
        city.unit_users[unit_org.pk] = user


def _county(admin, names: Names, city: Congress, name: str, code: str, shared: list[Mandate]) -> Congress:
    K = Organisation.Kind
    county = Congress.objects.create(level=Congress.Level.COUNTY, name=f"{name}人民代表大会", code=code, parent=city)
    core_actions.grant_role(county, actor=admin, user=admin, role=Role.ADMIN)
    term = core_actions.create_term(county, actor=admin, number=18, start="2021-12-20", end="2026-12-19")
    sc = _org(county, admin, K.STANDING_COMMITTEE, f"{name}人大常委会")
    _org(county, admin, K.WORKING_COMMITTEE, "代表工作委员会", parent=sc)
    groups = [_org(county, admin, K.DEPUTY_GROUP, f"{name}第{i}代表小组") for i in range(1, 7)]
    towns = PLACES[name][:3]
    stations = [_org(county, admin, K.LIAISON_STATION, f"{name}{town}代表联络站") for town in towns]
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
                               person_data=names.person(towns[i % 3]), deputy_group=groups[i % 6],
                               liaison_station=stations[i % 3], constituency=f"第{i % 40 + 1}选区")
    return county


# ── Meetings ──

SC_AGENDA = [  # (report or draft heard, the decision voted on)
    ("听取和审议市人民政府关于生态环境保护工作情况的报告", "关于市人民政府生态环境保护工作情况报告的审议意见"),
    ("审议《示例市城市绿化条例（草案）》", "示例市城市绿化条例"),
    ("听取和审议市人民政府关于上半年国民经济和社会发展计划执行情况的报告", "关于批准本年度市级预算调整方案的决议"),
    ("听取和审议市人民政府关于草原生态保护和修复工作情况的报告", "关于加强草原生态保护和修复工作的决议"),
    ("审议《示例市供热条例（修订草案）》", "示例市供热条例（修订）"),
    ("听取和审议市人民政府关于代表建议办理情况的报告", "关于代表建议办理情况报告的审议意见"),
    ("听取和审议市中级人民法院关于行政审判工作情况的报告", "关于市中级人民法院行政审判工作情况报告的审议意见"),
    ("审议《示例市农村牧区人居环境治理条例（草案）》", "示例市农村牧区人居环境治理条例"),
]
THIS_WEEK_AGENDA = [
    ("report", "听取和审议市人民政府关于冬季供热保障工作情况的报告"),
    ("draft", "审议《示例市养犬管理条例（草案）》"),
    ("appointment", "人事任免事项"),
]


def _sign_in_rows(city: City, meeting, present: list[Person]) -> int:
    from renda.meetings import actions as meetings

    numbers = dict(Mandate.objects.in_congress(city.congress).filter(term=city.term, person__in=present)
                   .values_list("person_id", "number"))
    return meetings.import_sign_ins(city.congress, meeting, actor=city.office,
                                    rows=[{"代表证号": numbers[p.pk]} for p in present])


def _roll_call(city: City, meeting, title: str, voters: list[Person], agenda_item=None, against: int = 1,
               abstain: int = 2) -> None:
    from renda.core.usecase import Request
    from renda.voting import actions as voting

    vote = voting.open_vote(city.congress, voting.create_vote(city.congress, meeting, actor=city.office, title=title,
                                                              agenda_item=agenda_item), actor=city.office)
    choices = ["no"] * against + ["abstain"] * abstain
    voting.cast_votes(city.congress, vote, requests=[
        Request(city.user(p), {"choice": choices[n] if n < len(choices) else "yes"})
        for n, p in enumerate(city.random.sample(voters, len(voters)))])
    voting.announce_result(city.congress, voting.close_vote(city.congress, vote, actor=city.office), actor=city.office)


def _held(city: City, meeting, *, absent: int, leave: int, reasons=("因公出差", "参加自治区会议", "身体原因")) -> list[Person]:
    """Roster drawn, a few on approved leave, the rest but ``absent`` signed in; returns who is present."""
    from renda.meetings import actions as meetings
    from renda.meetings.models import RosterEntry

    congress = city.congress
    meetings.build_roster(congress, meeting, actor=city.office)
    members = [e.person for e in RosterEntry.objects.in_congress(congress).filter(meeting=meeting, voting=True)
               .select_related("person").order_by("id")]
    away = city.random.sample(members[1:], leave + absent)
    for person in away[:leave]:
        meetings.decide_leave(congress, meetings.request_leave(congress, meeting, actor=city.office, person=person,
                                                               reason=city.random.choice(reasons)),
                              actor=city.office, approve=True)
    meetings.open_meeting(congress, meeting, actor=city.office)
    present = [p for p in members if p not in away]
    _sign_in_rows(city, meeting, present)
    return present


def _past(city: City, meeting) -> None:
    """An earlier meeting of the term, there for its number: held and closed, its attendance not
    recorded in the demo."""
    from renda.meetings import actions as meetings

    meetings.open_meeting(city.congress, meeting, actor=city.office)
    meetings.close_meeting(city.congress, meeting, actor=city.office)


def _sc_sessions(city: City) -> None:
    """The standing committee meets about every two months since the term began, and every four weeks
    this year: the last four sessions with their agenda, leave, sign-ins and announced votes. The next
    session is this week: roster drawn, documents out, one leave request waiting for the office."""
    from renda.meetings import actions as meetings

    congress, office, today = city.congress, city.office, city.today
    chair = city.mandates[0].person
    recent = [today - datetime.timedelta(days=28 * k) for k in (4, 3, 2, 1)]
    day = datetime.date(2022, 3, 15)
    while day < recent[0] - datetime.timedelta(days=40):  # the term's earlier sessions, for their numbers
        _past(city, meetings.create_meeting(congress, actor=office, term=city.term, kind="sc_session",
                                            organisation=city.sc, place="常委会会议室", starts_at=_at(day), chair=chair))
        day += datetime.timedelta(days=61)
    for n, day in enumerate(recent):
        meeting = meetings.create_meeting(congress, actor=office, term=city.term, kind="sc_session",
                                          organisation=city.sc, place="常委会会议室", starts_at=_at(day), chair=chair)
        meetings.add_attendee(congress, meeting, actor=office, name="赵建国", post="市人民政府副市长")
        heard, decided = SC_AGENDA[(2 * n) % len(SC_AGENDA)], SC_AGENDA[(2 * n + 1) % len(SC_AGENDA)]
        meetings.add_agenda_item(congress, meeting, actor=office, kind="report", title=heard[0])
        item = meetings.add_agenda_item(congress, meeting, actor=office, kind="draft", title=decided[0])
        present = _held(city, meeting, absent=1, leave=2 + n % 2)
        _roll_call(city, meeting, heard[1], present, against=0, abstain=1)
        _roll_call(city, meeting, decided[1], present, agenda_item=item, against=n % 2, abstain=2)
        meetings.close_meeting(congress, meeting, actor=office)
    # This week's session (later today if the week has no working day left).
    ahead = min(2, 6 - today.weekday()) if today.weekday() < 6 else 0
    meeting = meetings.create_meeting(congress, actor=office, term=city.term, kind="sc_session", organisation=city.sc,
                                      place="常委会会议室", starts_at=_at(today + datetime.timedelta(days=ahead),
                                                                         15 if ahead == 0 else 9), chair=chair)
    meetings.build_roster(congress, meeting, actor=office)
    meetings.add_attendee(congress, meeting, actor=office, name="赵建国", post="市人民政府副市长")
    for kind, title in THIS_WEEK_AGENDA:
        item = meetings.add_agenda_item(congress, meeting, actor=office, kind=kind, title=title)
        if kind == "report":
            _document(city, meeting, item, "关于冬季供热保障工作情况的报告", [
                "入冬以来，全市集中供热面积较上年增加，城区平均室温保持在二十摄氏度以上。",
                "针对部分老旧小区室温不达标问题，供热企业已完成管网改造和入户调试。",
                "下一步，将加强热源保障和应急抢修，畅通群众投诉渠道，确保温暖过冬。"])
    sc_members = [m.person for m in city.mandates[1:43]]
    meetings.decide_leave(congress, meetings.request_leave(congress, meeting, actor=office, person=sc_members[4],
                                                           reason="参加自治区人大常委会会议"), actor=office, approve=True)
    meetings.request_leave(congress, meeting, actor=office, person=sc_members[12], reason="在外地参加培训，无法出席")


def _document(city: City, meeting, item, title: str, paragraphs: list[str]) -> None:
    from renda.meetings import actions as meetings
    from renda.meetings.notices import official_pdf

    pdf = official_pdf("示例市人民政府", title, paragraphs)
    meetings.publish_document(city.congress, meeting, actor=city.office, title=title, agenda_item=item,
                              file=ContentFile(pdf, name=f"{title}.pdf"), audience="attendees",
                              release_at=timezone.now() - datetime.timedelta(days=1))


def _plenaries(city: City) -> None:
    """One plenary session a year; this year's was held about 110 days ago: the government work
    report approved by roll call and the livelihood projects chosen by ballot."""
    from renda.meetings import actions as meetings

    congress, office = city.congress, city.office
    held = city.today - datetime.timedelta(days=110)
    for year in range(2023, held.year + 1):
        day = datetime.date(year, 1, 12)
        if day >= held - datetime.timedelta(days=60):
            break
        _past(city, meetings.create_meeting(congress, actor=office, term=city.term, kind="plenary", place="市人民会堂",
                                            starts_at=_at(day)))
    plenary = meetings.create_meeting(congress, actor=office, term=city.term, kind="plenary", place="市人民会堂",
                                      starts_at=_at(held), convener="示例市人大常委会")
    city.plenary = plenary
    report = meetings.add_agenda_item(congress, plenary, actor=office, kind="report", title="审议市人民政府工作报告")
    meetings.add_agenda_item(congress, plenary, actor=office, kind="report", title="票决本年度民生实事项目")
    present = _held(city, plenary, absent=6, leave=14, reasons=("因病住院", "因公出国", "家中有急事"))
    _roll_call(city, plenary, "关于示例市人民政府工作报告的决议", present, agenda_item=report, against=3, abstain=5)
    _livelihood(city, present)
    meetings.close_meeting(congress, plenary, actor=office)


PROJECTS = [  # title, description, place, estimated cost (10k yuan), who proposed, lead unit
    ("老旧小区加装电梯", "为城区12个老旧小区加装电梯48部", "中城区", 2400, "public", "住房和城乡建设局"),
    ("中小学校园食堂改造", "改造8所农村牧区中小学食堂，解决学生就餐难", "青河县", 1600, "deputy", "教育局"),
    ("社区养老服务中心建设", "新建社区嵌入式养老服务中心6个", "南湾区", 1800, "public", "民政局"),
    ("城乡公交一体化", "新开通城乡公交线路5条，更新新能源公交车40辆", "全市", 3200, "department", "交通运输局"),
    ("农村牧区饮水安全巩固提升", "改造农村牧区供水管网120公里", "白石县", 2100, "deputy", "水务局"),
    ("背街小巷路灯照明", "为背街小巷安装路灯1200盏", "北岭区", 600, "public", "城市管理综合执法局"),
    ("嘎查村卫生室标准化建设", "新建改建嘎查村卫生室30个", "东湖县", 900, "department", "卫生健康委员会"),
    ("城市口袋公园建设", "建设口袋公园15个", "中城区", 1200, "public", "住房和城乡建设局"),
]


def _livelihood(city: City, present: list[Person]) -> None:
    """A year of 民生实事项目票决: 8 proposals, 2 dropped in screening, 6 candidates for 5 projects,
    the plenary's ballot, and the chosen projects under supervision by their lead units."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from renda.livelihood import actions as livelihood
    from renda.livelihood.models import Proposal, Watch
    from renda.rectification import actions as rectification
    from renda.voting import actions as voting

    congress, admin, office = city.congress, city.admin, city.office
    held = timezone.localdate(city.plenary.starts_at)
    today = city.today
    call = livelihood.open_call(congress, actor=office, year=held.year, title=f"{held.year}年民生实事项目征集",
                                opens_on=held - datetime.timedelta(days=75), closes_on=held - datetime.timedelta(days=20),
                                to_choose=5)
    proposals = [livelihood.submit_proposal(congress, call, actor=None, title=t, description=d, place=p,
                                            estimated_cost=c, proposer_name="群众" if s == "public" else "",
                                            today=held - datetime.timedelta(days=45))
                 for t, d, p, c, s, _ in PROJECTS]
    for n, proposal in enumerate(proposals):
        for stage in call.stages:
            if n in (5, 7) and stage == call.stages[n % 2]:
                livelihood.decide_stage(congress, proposal, actor=admin, passed=False,
                                        reason="资金未落实" if n == 5 else "用地未落实，列入下年度储备")
                break
            livelihood.decide_stage(congress, proposal, actor=admin, passed=True)
    livelihood.fix_candidates(congress, call, actor=admin)
    vote = voting.open_vote(congress, livelihood.put_projects_to_vote(congress, call, city.plenary, actor=office),
                            actor=office)
    candidates = list(vote.candidates.order_by("order"))
    chooser = random.Random(7)
    for person in present:
        weights = [0.9, 0.85, 0.8, 0.75, 0.7, 0.3]
        marks = {str(c.pk): "for" for c, w in zip(candidates, weights, strict=True) if chooser.random() < w}
        if len(marks) > 5:
            marks.pop(next(iter(marks)))
        voting.cast_ballot(congress, vote, actor=city.user(person), content={"marks": marks})
    # The tellers type the key slips they were handed at the opening.
    voting.announce_result(congress, voting.close_vote(congress, vote, actor=office, teller_keys=vote.teller_slips[:2]),
                           actor=office)
    livelihood.record_project_result(congress, call, actor=office)
    lead_units = {t: u for t, *_, u in PROJECTS}
    chosen = list(Proposal.objects.in_congress(congress).filter(call=call, status=Proposal.Status.CHOSEN).order_by("id"))
    for n, project in enumerate(chosen):
        unit = city.unit(lead_units[project.title])
        livelihood.assign_supervision(congress, project, actor=office, lead_unit=unit, budget=project.estimated_cost,
                                      groups=[city.groups[n * 3], city.groups[n * 3 + 1]], milestones=[
                                          {"title": "立项审批", "due_on": str(held + datetime.timedelta(days=45))},
                                          {"title": "开工建设", "due_on": str(today - datetime.timedelta(days=10))},
                                          {"title": "竣工验收", "due_on": str(today + datetime.timedelta(days=150))}])
        first, second, _ = project.milestones.order_by("due_on")
        officer = city.unit_users[unit.pk]
        livelihood.report_progress(congress, project, actor=officer, text_="完成项目立项审批和招标", spent="50",
                                   milestone=first, done_on=held + datetime.timedelta(days=40))
        if n != 2:  # one project is behind: construction has not started
            livelihood.report_progress(congress, project, actor=officer, text_="施工单位进场，项目开工建设",
                                       spent=str(int(project.estimated_cost or 0) // 4), milestone=second,
                                       done_on=today - datetime.timedelta(days=12))
    # Each chosen project's leader in charge (包联领导, a vice-chairman) and its supervision visits: one
    # by each watching deputy group, three led by the leader in charge (主任领衔督办) and one joint visit;
    # the problems they raised are on the rectification list, one already put right and accepted.
    vice_chairs = [m.person for m in city.mandates[1:6]]  # the standing committee's 副主任 (see _city)
    day = lambda n: str(today - datetime.timedelta(days=n))  # noqa: E731
    for n, project in enumerate(chosen):
        leader = vice_chairs[n % len(vice_chairs)]
        livelihood.set_project_leader(congress, project, actor=office, person=leader)
        groups = [w.group for w in Watch.objects.in_congress(congress).filter(proposal=project).select_related("group")]
        for k, group in enumerate(groups):
            livelihood.record_inspection(congress, project, actor=office, group=group, on=day(60 - 10 * k - n),
                                         notes=f"{group.name}察看{project.title}进展，听取牵头单位汇报")
        if n < 3:
            livelihood.record_inspection(congress, project, actor=office, group=groups[0], mode="director_led",
                                         led_by=leader, on=day(25 - n),
                                         notes=f"{leader.name}副主任领衔督办，协调解决用地和资金问题")
    first, behind = chosen[0], chosen[min(2, len(chosen) - 1)]
    joint = livelihood.record_inspection(
        congress, first, actor=office, group=city.groups[0], mode="joint", led_by=city.mandates[0].person, on=day(3),
        notes="市人大常委会与市政协联合视察，代表小组实地察看施工进展",
        problems=[{"problem": "施工期间居民出行不便，需设置临时通道", "owner": "项目负责人",
                   "goal": "保障居民安全出行", "measures": "设置临时通道和警示标志",
                   "due_on": str(today + datetime.timedelta(days=10))},
                  {"problem": "施工围挡破损，夜间照明不足", "owner": "项目负责人",
                   "due_on": str(today - datetime.timedelta(days=5))}])
    livelihood.record_inspection(
        congress, behind, actor=office, group=Watch.objects.in_congress(congress).filter(proposal=behind).first().group,
        on=day(8),
        notes="代表小组发现项目尚未开工", problems=[{"problem": "项目开工滞后于计划节点", "owner": "分管副局长",
                                                  "due_on": str(today + datetime.timedelta(days=30))}])
    # The broken fence was mended: the lead unit lodged its photo report and the committee accepted it.
    mended = joint.rectification_items.order_by("id")[1]
    officer = city.unit_users[first.lead_unit_id]
    evidence = SimpleUploadedFile("整改情况报告.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                                  content_type="application/pdf")
    rectification.request_closure(congress, mended, actor=officer, text="已更换破损围挡，增设夜间照明灯12盏",
                                  evidence=evidence, on=day(2))
    rectification.accept_closure(congress, mended, actor=office, resolution="经实地查看，整改到位，予以销号", on=day(1))


# ── Suggestions ──
# Each category goes to the department whose work it is (the lead unit), sometimes with co-units.
CATEGORY_UNITS = {
    "教育": ("教育局", ["财政局"]),
    "交通": ("交通运输局", ["公安局"]),
    "城乡建设": ("住房和城乡建设局", ["自然资源局"]),
    "供热": ("住房和城乡建设局", ["发展和改革委员会"]),
    "水务": ("水务局", ["生态环境局"]),
    "农牧业": ("农牧局", ["财政局"]),
    "草原林业": ("林业和草原局", ["农牧局"]),
    "生态环境": ("生态环境局", ["城市管理综合执法局"]),
    "医疗卫生": ("卫生健康委员会", ["医疗保障局"]),
    "医疗保障": ("医疗保障局", ["卫生健康委员会"]),
    "养老服务": ("民政局", ["卫生健康委员会"]),
    "就业社保": ("人力资源和社会保障局", ["财政局"]),
    "文化旅游": ("文化旅游体育局", ["发展和改革委员会"]),
    "市场监管": ("市场监督管理局", ["教育局"]),
    "城市管理": ("城市管理综合执法局", ["住房和城乡建设局"]),
    "应急管理": ("应急管理局", ["林业和草原局"]),
}
# The committee that supervises a category's key items (重点督办).
CATEGORY_COMMITTEES = {
    "教育": "科教文卫工作委员会", "医疗卫生": "科教文卫工作委员会", "医疗保障": "社会建设工作委员会",
    "文化旅游": "科教文卫工作委员会", "养老服务": "社会建设工作委员会", "就业社保": "社会建设工作委员会",
    "农牧业": "农牧工作委员会", "草原林业": "农牧工作委员会", "交通": "环境资源城乡建设工作委员会",
    "城乡建设": "环境资源城乡建设工作委员会", "供热": "环境资源城乡建设工作委员会", "水务": "环境资源城乡建设工作委员会",
    "生态环境": "环境资源城乡建设工作委员会", "城市管理": "环境资源城乡建设工作委员会", "市场监管": "监察和司法工作委员会",
    "应急管理": "监察和司法工作委员会",
}
# category, title, what the deputy found, three things to do, what was done (answer A), what is planned (answer B).
# {place}: a town, sumu, gacha or community of the lead deputy's area; {area}: the county or district;
# {road}, {river}: a street, a river of the city.
TEMPLATES = [
    ("教育", "关于改善{place}农村牧区寄宿制学校办学条件的建议",
     "{place}寄宿制学校宿舍拥挤，部分学生八人一间，冬季取暖设施老化，牧区学生周末往返距离远",
     "分年度实施宿舍改扩建|更新取暖设施，保障冬季室温|开通周末学生返家专线班车",
     "已安排专项资金完成宿舍改造和取暖设施更新", "宿舍改扩建已列入明年校舍建设计划"),
    ("教育", "关于扩大{area}城区学位供给的建议",
     "{area}城区近年人口增长较快，部分小学班额超过五十人，新建小区配套学校未能同步建成",
     "加快新建小区配套学校建设|推动优质学校集团化办学|合理划分学区，公开招生政策",
     "已新增学位一千二百个，两所配套学校秋季投入使用", "配套学校建设已纳入明年城建计划"),
    ("教育", "关于加强中小学生心理健康教育的建议",
     "近年来中小学生心理问题有所增多，{area}多数学校没有专职心理教师",
     "每所中学至少配备一名专职心理教师|建立学生心理健康筛查和转介机制|加强家校沟通和家长培训",
     "已为全市中学配齐专职心理教师并建立筛查机制", "专职心理教师招聘已列入明年教师招聘计划"),
    ("教育", "关于扩大普惠性幼儿园覆盖面的建议",
     "{place}一带适龄幼儿较多，公办幼儿园学位不足，民办园收费偏高",
     "新建和改扩建公办幼儿园|扶持普惠性民办幼儿园|落实幼儿园教师待遇",
     "已新增普惠性学位六百个", "新建公办幼儿园两所已列入明年计划"),
    ("教育", "关于加强职业院校与本地企业合作的建议",
     "本市职业院校专业设置与能源、农畜产品加工等本地产业结合不紧，毕业生本地就业率不高",
     "围绕本地产业调整专业设置|推行订单式培养|建设一批校企共建实训基地",
     "已与二十家本地企业签订校企合作协议", "专业设置调整方案将于明年实施"),
    ("交通", "关于修缮{place}至{area}城区公路的建议",
     "{place}至{area}城区公路建成已二十余年，路面破损严重，雨雪天气通行困难，影响群众出行和牲畜、农产品外运",
     "将该路段列入农村牧区公路改造计划|先行修补坑槽，设置警示标志|加强日常养护",
     "已完成该路段大中修和警示标志设置", "该路段改造已列入明年农村牧区公路建设计划"),
    ("交通", "关于增开{area}城乡公交线路的建议",
     "{place}距城区较远，目前每天只有两班客车，群众就医、上学出行不便",
     "增开城乡公交线路或加密班次|推广预约响应式公交|对城乡公交给予运营补贴",
     "已开通城乡公交线路一条，每天往返八班", "城乡公交线路加密已列入城乡公交一体化项目"),
    ("交通", "关于在{road}增设公交站点和港湾式停靠站的建议",
     "{road}沿线居民区和学校集中，公交站点间距过大，早晚高峰公交车停靠占用车道造成拥堵",
     "在居民区和学校附近增设公交站点|改建港湾式停靠站|优化高峰时段信号灯配时",
     "已增设公交站点两处并改建港湾式停靠站", "港湾式停靠站改建已列入明年道路改造计划"),
    ("交通", "关于缓解{road}学校周边上下学时段拥堵的建议",
     "{road}沿线学校上下学时段接送车辆集中，道路拥堵，存在安全隐患",
     "设置临时停车接送区|错峰放学并加强交警疏导|完善学校周边交通标志标线",
     "已设置临时停车接送区并增派警力疏导", "学校周边交通改造方案正在设计"),
    ("城乡建设", "关于加快{place}老旧小区改造的建议",
     "{place}多个小区建于上世纪九十年代，管网老化，外墙保温缺失，冬季室温偏低，群众反映强烈",
     "将这些小区列入老旧小区改造计划|同步实施管网、保温和加装电梯|改造方案征求居民意见",
     "已将其中三个小区纳入今年改造并完工", "其余小区已列入明年老旧小区改造计划"),
    ("城乡建设", "关于规范住宅小区物业服务管理的建议",
     "{area}部分小区物业服务质量差、收费不透明，业主委员会成立难",
     "建立物业服务质量评价和退出机制|推动物业收费公开|指导成立业主委员会",
     "已出台物业服务质量评价办法", "物业管理规定修订已列入明年工作计划"),
    ("城乡建设", "关于解决{road}沿线雨季积水问题的建议",
     "{road}部分路段地势低洼，排水管网标准低，每逢强降雨积水深达半米",
     "实施雨污分流改造|提高排水管网标准|汛期前清淤疏通",
     "已完成积水点排水管网改造", "雨污分流改造已列入明年城建计划"),
    ("供热", "关于解决{place}部分小区供暖温度不达标的建议",
     "{place}部分小区供暖季室温长期低于十八摄氏度，老人孩子受冻，投诉后处理慢",
     "对供热管网进行排查改造|建立室温监测和投诉快速处理机制|对不达标的供热企业依约扣减热费",
     "已完成管网改造，室温监测达标", "管网改造已列入明年供热设施改造计划"),
    ("供热", "关于推进城区清洁能源供暖的建议",
     "{area}仍有部分平房区和城中村使用燃煤小锅炉取暖，冬季空气污染较重",
     "推进集中供热管网向平房区延伸|对煤改电、煤改气给予补贴|加快拆除燃煤小锅炉",
     "已完成平房区集中供热管网延伸", "煤改电补贴方案将于明年供暖季前出台"),
    ("水务", "关于解决{place}人畜饮水困难的建议",
     "{place}地下水位下降，部分水井干涸，牧民需远距离拉水，人畜饮水困难",
     "新打机电井并配套管网|实施集中供水工程|加强水质检测",
     "已新打机电井四眼并完成配套管网", "集中供水工程已列入农村牧区饮水安全巩固提升项目"),
    ("水务", "关于加快城区供水管网改造的建议",
     "{area}部分老旧供水管网漏损严重，高层住户水压不足，时常停水",
     "加快老旧供水管网改造|建设二次供水加压设施|停水提前通知居民",
     "已完成老旧供水管网改造八公里", "剩余管网改造已列入明年计划"),
    ("水务", "关于加强{river}河道综合治理的建议",
     "{river}{area}段河道淤积，岸坡坍塌，汛期存在安全隐患，沿岸有垃圾倾倒",
     "实施河道清淤和护岸工程|落实河长制巡河责任|严查向河道倾倒垃圾行为",
     "已完成河道清淤和护岸加固", "综合治理工程已列入明年水利建设计划"),
    ("农牧业", "关于加大肉牛养殖扶持力度的建议",
     "{place}牧民发展肉牛养殖积极性高，但缺少资金和良种，棚圈设施简陋",
     "加大肉牛良种补贴|扩大养殖贷款贴息范围|支持建设标准化棚圈",
     "已落实良种补贴并扩大贷款贴息范围", "标准化棚圈建设补贴已列入明年计划"),
    ("农牧业", "关于完善农牧业保险理赔机制的建议",
     "{area}农牧民反映农业保险理赔周期长、定损标准不透明，灾后难以及时恢复生产",
     "简化理赔程序|公开定损标准|扩大政策性保险覆盖品种",
     "已督促保险机构简化理赔程序并公开定损标准", "扩大保险品种已报请自治区审批"),
    ("农牧业", "关于扶持{place}奶业合作社发展的建议",
     "{place}奶业合作社规模小，缺少冷链设施，鲜奶收购价格波动大",
     "支持合作社建设冷链设施|引导乳企与合作社签订长期收购协议|开展养殖技术培训",
     "已支持合作社建设冷链设施", "乳企与合作社长期收购协议正在协调"),
    ("农牧业", "关于推进高标准农田建设的建议",
     "{place}耕地灌溉设施老化，渠系渗漏严重，部分耕地沙化",
     "将该区域列入高标准农田建设计划|推广节水灌溉|加强建后管护",
     "已完成高标准农田建设一万亩", "其余区域已列入明年高标准农田建设计划"),
    ("草原林业", "关于落实草原生态保护补助奖励政策的建议",
     "{place}部分牧户反映草原生态保护补奖资金发放不及时，禁牧区和草畜平衡区界线不清",
     "按时足额发放补奖资金|公开禁牧区和草畜平衡区范围|加强政策宣传",
     "补奖资金已足额发放到户，区域范围已公示", "补奖资金发放信息平台正在建设"),
    ("草原林业", "关于加强{place}草原禁牧休牧监管的建议",
     "{place}一带仍有偷牧、超载过牧现象，草场退化明显",
     "加强禁牧休牧期巡查|推行草原管护员制度|对超载过牧依法处理",
     "已增配草原管护员并开展专项巡查", "草原网格化管护方案将于明年实施"),
    ("草原林业", "关于推进沙化土地综合治理的建议",
     "{area}北部沙化土地面积较大，风沙天气影响群众生产生活",
     "实施防沙治沙工程|推广光伏治沙等新模式|鼓励企业和群众参与治沙",
     "已完成防沙治沙工程三万亩", "光伏治沙项目已列入明年计划"),
    ("生态环境", "关于治理{area}工业园区废气污染的建议",
     "{area}工业园区周边居民反映夜间异味明显，怀疑有企业偷排",
     "开展园区废气专项执法检查|安装在线监测设备并公开数据|督促企业整改",
     "已开展专项执法并督促三家企业完成整改", "在线监测设备安装已列入明年计划"),
    ("生态环境", "关于加强城区扬尘污染治理的建议",
     "春季风沙大，{area}城区建筑工地、裸露地面扬尘严重",
     "严格落实工地扬尘防治措施|对裸露地面进行覆盖和绿化|增加道路洒水清扫频次",
     "已开展工地扬尘专项整治", "裸露地面绿化已列入明年城市绿化计划"),
    ("医疗卫生", "关于提升苏木乡镇卫生院服务能力的建议",
     "{place}卫生院医生少、设备旧，群众看小病也要去城里",
     "通过县域医共体下派医生|更新基本医疗设备|提高基层医务人员待遇",
     "已通过医共体向卫生院下派医生并更新设备", "基层医务人员待遇提高方案正在制定"),
    ("医疗卫生", "关于加强蒙医药传承发展的建议",
     "蒙医药特色明显，但{area}蒙医医院人才不足，部分传统疗法面临失传",
     "加强蒙医药人才培养|支持蒙医特色专科建设|将更多蒙医诊疗项目纳入医保",
     "已设立蒙医药人才培养专项并建设特色专科", "蒙医特色专科建设已列入明年计划"),
    ("医疗卫生", "关于缓解市医院周边停车难的建议",
     "市医院周边停车位严重不足，就医车辆排队占道，影响交通",
     "挖潜增设停车位|推广预约就诊和错峰就诊|加强周边交通疏导",
     "已增设停车位三百个并推广预约就诊", "立体停车场建设已列入明年计划"),
    ("医疗保障", "关于扩大异地就医直接结算范围的建议",
     "外出务工和随子女异地居住的老人异地就医报销手续繁琐，需来回跑腿",
     "扩大异地就医直接结算定点医院|简化备案手续|推广网上备案",
     "已实现异地就医网上备案", "门诊慢特病异地直接结算将于明年实施"),
    ("养老服务", "关于加快社区居家养老服务设施建设的建议",
     "{place}老年人口多，社区养老服务站少，助餐、助浴等服务跟不上",
     "在老年人口集中的社区建设养老服务站|发展老年助餐服务|支持社会力量参与",
     "已建成社区养老服务站两个并开办老年餐桌", "养老服务站建设已列入民生实事项目"),
    ("养老服务", "关于加强农村牧区互助幸福院运营管理的建议",
     "{place}互助幸福院建成后运营经费不足，部分已闲置",
     "落实运营补贴|引入专业机构运营|探索嘎查村集体经济支持",
     "已落实运营补贴，闲置幸福院恢复运营", "运营补贴标准提高已列入明年预算"),
    ("养老服务", "关于提高高龄老人津贴标准的建议",
     "本市高龄津贴标准多年未调整，低于周边盟市",
     "适当提高高龄津贴标准|建立动态调整机制|简化申领手续",
     "高龄津贴已实现免申即享", "提高津贴标准已列入明年预算安排"),
    ("就业社保", "关于加强高校毕业生就业服务的建议",
     "本市生源高校毕业生返乡就业渠道少，就业信息不对称",
     "举办本地专场招聘会|落实就业见习补贴|支持返乡创业",
     "已举办专场招聘会六场", "返乡创业扶持办法正在制定"),
    ("就业社保", "关于保障农民工工资按时足额支付的建议",
     "{area}部分建筑工地仍有拖欠农民工工资现象，讨薪难",
     "全面落实工资保证金和实名制管理|畅通欠薪投诉渠道|对恶意欠薪依法惩处",
     "已开展欠薪专项治理，追回工资二百余万元", "工资支付监控预警平台将于明年上线"),
    ("文化旅游", "关于打造草原文化旅游精品线路的建议",
     "本市草原风光和民俗资源丰富，但景点分散、配套不足，游客停留时间短",
     "串联景点打造精品线路|完善旅游公路和服务设施|支持牧户发展特色民宿",
     "已推出草原文化旅游精品线路三条", "旅游服务设施建设已列入明年计划"),
    ("文化旅游", "关于支持嘎查村举办那达慕等传统体育活动的建议",
     "{place}群众喜爱那达慕、搏克、赛马等传统体育活动，但场地和经费缺乏",
     "支持建设嘎查村文体活动场地|对群众性传统体育活动给予补助|培养传统体育项目人才",
     "已补助嘎查村那达慕活动并建成活动场地", "文体活动场地建设已列入明年计划"),
    ("文化旅游", "关于完善{place}全民健身设施的建议",
     "{place}健身设施少且老旧，群众晨练只能在路边",
     "新建和更新健身路径|建设口袋体育公园|推动学校体育场地向社会开放",
     "已新建健身路径五处", "口袋体育公园建设已列入明年计划"),
    ("市场监管", "关于加强校园周边食品安全监管的建议",
     "{area}部分学校周边小摊贩售卖来源不明的食品，存在安全隐患",
     "开展校园周边食品安全专项整治|加强对学校食堂的监督检查|建立长效监管机制",
     "已开展校园周边食品安全专项整治", "校园食品安全长效监管办法正在制定"),
    ("城市管理", "关于增加城区公共厕所的建议",
     "{area}老城区公共厕所少，部分冬季停用，群众如厕难",
     "在人流密集区域增建公共厕所|推动沿街单位厕所对外开放|解决冬季防冻问题",
     "已新建改建公共厕所十座", "公共厕所建设已列入明年城市管理计划"),
    ("城市管理", "关于规范{road}占道经营的建议",
     "{road}早晚占道经营严重，影响通行和环境卫生",
     "设置便民疏导点|加强执法巡查|建立商户自治管理机制",
     "已设置便民疏导点两处并加强巡查", "便民市场建设已列入明年计划"),
    ("应急管理", "关于加强冬春季森林草原防火的建议",
     "{place}草场面积大，冬春季干燥多风，火灾隐患突出，扑火装备不足",
     "配齐嘎查村扑火装备|加强防火宣传和野外用火管理|建设专业扑火队伍",
     "已为嘎查村配发扑火装备并组建半专业扑火队", "防火物资储备库建设已列入明年计划"),
]
CATEGORY_WEIGHTS = {"教育": 5, "交通": 4, "城乡建设": 3, "供热": 2, "水务": 3, "农牧业": 4, "草原林业": 3, "生态环境": 2,
                    "医疗卫生": 3, "医疗保障": 1, "养老服务": 3, "就业社保": 2, "文化旅游": 2, "市场监管": 1,
                    "城市管理": 2, "应急管理": 1}
CONTACT_SUMMARIES = ["到代表所在地实地察看，当面听取意见", "召开座谈会，向代表通报办理方案", "电话联系代表，沟通办理思路",
                     "邀请代表参加现场办公会"]


@dataclass
class Plan:
    """What becomes of one suggestion (``fate``) and the details that fate needs."""

    template: tuple
    lead: Mandate
    co: list[Mandate] = field(default_factory=list)
    fate: str = "closed"          # draft submitted returned withdrawn accepted assigned answered rehandling rehandled closed
    session: bool = True          # filed at this year's plenary, or between sessions
    due_in: int | None = None     # for items still in handling: days until the answer is due
    outcome: str = "A"
    unrated_co: bool = False      # an answered item that a co-signer has not rated yet (the lead has)
    duplicates: list[Mandate] = field(default_factory=list)
    key: bool = False
    confirm_co: bool = True


def _text(city: City, template: tuple, lead: Mandate) -> tuple[str, str, str, str]:
    category, title, situation, points, _, _ = template
    area = {d.pk: name for d, name in zip(city.delegations, DELEGATIONS, strict=True)}[lead.delegation_id or 0]
    r = random.Random(f"{title}{lead.pk}")
    fill = {"place": r.choice(PLACES[area]), "area": area, "road": r.choice(ROADS), "river": r.choice(RIVERS)}
    numbers = "一二三"
    body = (f"{situation.format(**fill)}，群众反映较为强烈。\n\n为此建议：\n"
            + "\n".join(f"{numbers[n]}是{p}；" for n, p in enumerate(points.split("|"))).rstrip("；") + "。")
    return category, title.format(**fill), body, fill["place"]


def _answer_text(plan: Plan, title: str, unit: Organisation, officer, on: datetime.date) -> tuple[str, list[dict]]:
    category, _, _, _, done, planned = plan.template
    greeting = f"{plan.lead.person.name}代表：\n您提出的《{title}》收悉，我单位高度重视，经与您沟通并认真研究，现答复如下。\n\n"
    ending = f"\n\n感谢您对{category}工作的关心和支持。\n\n{unit.name}\n联系人：{officer.get_full_name()}"
    if plan.outcome == "A":
        return greeting + f"您提出的建议已采纳。{done}。" + ending, []
    if plan.outcome == "B":
        due = on + datetime.timedelta(days=120)
        return (greeting + f"您提出的建议符合实际，{planned}，我们将加快推进，及时向您通报进展。" + ending,
                [{"text": planned, "due_on": str(due)}])
    return (greeting + "您反映的问题客观存在。受资金和用地等条件限制，目前难以全部解决。我们将积极争取上级政策和资金支持，"
            "待条件成熟时统筹安排，并先行做好群众解释工作。" + ending, [])


def _assigned_for(congress: Congress, due: datetime.date) -> datetime.date:
    """The assignment date whose legal answer date is ``due`` (or the nearest before it, at a month's end)."""
    months = rules.get(congress, "suggestion.answer_months")
    guess = due - datetime.timedelta(days=31 * months + 4)
    candidates = [guess + datetime.timedelta(days=d) for d in range(12)]
    return max(day for day in candidates if rules.add_months(day, months) <= due)


def _plans(city: City) -> list[Plan]:
    """About three hundred items: the demo accounts' own first, then the rest of the session."""
    r = city.random
    deputy, member = city.mandates[DEPUTY_INDEX], city.mandates[MEMBER_INDEX]
    authors = [m for m in city.serving if m.pk not in (deputy.pk,)]
    busy = r.sample(authors, 60)  # some deputies file many suggestions, most file one or two
    by_category: dict[str, list[tuple]] = {}
    for t in TEMPLATES:
        by_category.setdefault(t[0], []).append(t)
    education = by_category["教育"]

    def pick(category: str | None = None) -> tuple:
        if category is None:
            category = r.choices(list(CATEGORY_WEIGHTS), weights=list(CATEGORY_WEIGHTS.values()))[0]
        return r.choice(by_category[category])

    def someone() -> Mandate:
        return r.choice(busy) if r.random() < 0.5 else r.choice(authors)

    def co_signers(lead: Mandate) -> list[Mandate]:
        if r.random() > 0.2:
            return []
        return [m for m in r.sample(authors, r.choice([1, 1, 2])) if m.pk != lead.pk]

    plans = [
        # The `deputy` account: an answer to rate, another rated and closed, one in re-handling, one in handling,
        # one awaiting review, a draft, and a co-signed item whose lead has rated but she has not.
        Plan(education[0], deputy, fate="answered", outcome="B"),
        Plan(pick("交通"), deputy, fate="answered", outcome="A"),
        Plan(education[2], deputy, fate="closed", outcome="A"),
        Plan(pick("草原林业"), deputy, fate="rehandling", outcome="C"),
        Plan(education[3], deputy, fate="assigned", due_in=6),
        Plan(pick("水务"), deputy, fate="submitted", session=False),
        Plan(pick("养老服务"), someone(), co=[deputy], fate="answered", outcome="B", unrated_co=True),
        Plan(pick("农牧业"), someone(), co=[deputy], fate="closed", outcome="A"),
        # Waiting for her to co-sign (drafts of other deputies).
        Plan(pick("文化旅游"), someone(), co=[deputy], fate="draft", session=False, confirm_co=False),
        Plan(pick("医疗卫生"), someone(), co=[deputy], fate="draft", session=False, confirm_co=False),
        # The `member` account's own.
        Plan(pick("城乡建设"), member, fate="closed", outcome="B", key=True),
        Plan(pick("草原林业"), member, fate="answered", outcome="A"),
        # The education bureau (`unit`): due in 25, 6 and 1 days, overdue, and in re-handling.
        Plan(education[1], someone(), fate="assigned", due_in=25),
        Plan(education[4], someone(), fate="assigned", due_in=1),
        Plan(education[0], someone(), fate="assigned", due_in=-4, key=True),
        Plan(education[1], someone(), fate="rehandling", outcome="C"),
        Plan(education[2], someone(), fate="answered", outcome="B"),
    ]
    # The rest of the session: most answered and rated; some still in handling, some overdue.
    fates = (["closed"] * 165 + ["answered"] * 24 + ["rehandling"] * 6 + ["rehandled"] * 7
             + ["assigned"] * 34 + ["withdrawn"] * 1)
    due_spread = [-11, -7, -5, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 14, 18, 21, 25, 28, 35, 45, 60]
    for n, fate in enumerate(fates):
        lead = someone()
        plan = Plan(pick(), lead, co=co_signers(lead), fate=fate)
        if fate == "assigned":
            plan.due_in = due_spread[n % len(due_spread)]
        if fate in ("closed", "answered", "rehandling", "rehandled"):
            plan.outcome = r.choices("ABC", weights=[5, 4, 1] if fate != "rehandling" else [0, 1, 3])[0]
        plan.unrated_co = fate == "answered" and bool(plan.co) and r.random() < 0.5
        plan.key = n % 37 == 5 and fate in ("closed", "answered", "assigned")
        plans.append(plan)
    for plan in r.sample([p for p in plans[17:] if p.fate == "closed"], 3):  # the same suggestion filed twice
        other = someone()
        if other.pk != plan.lead.pk:
            plan.duplicates.append(other)
    # Between sessions: awaiting review, returned, accepted and not yet assigned, recently assigned, drafts.
    for fate, count in (("submitted", 12), ("returned", 2), ("withdrawn", 1), ("accepted", 4), ("assigned", 4),
                        ("draft", 2)):
        for _ in range(count):
            lead = someone()
            plans.append(Plan(pick(), lead, co=co_signers(lead), fate=fate, session=False,
                              due_in=r.randint(70, 88) if fate == "assigned" else None))
    return plans


FATE_ORDER = ["draft", "submitted", "returned", "withdrawn", "accepted", "assigned", "answered", "rehandling",
              "rehandled", "closed"]


def _suggestions(city: City) -> None:
    from renda.proposals import actions as proposals
    from renda.proposals.models import Commitment

    congress, office, today, r = city.congress, city.office, city.today, city.random
    session_day = timezone.localdate(city.plenary.starts_at)
    # The office assigns the session's items in batches about two weeks after the session.
    batches = [session_day + datetime.timedelta(days=d) for d in (14, 15, 17)]
    vice_chairs = [m.person for m in city.mandates[1:6]]
    pending_extension = None
    for n, plan in enumerate(_plans(city)):
        category, title, body, _ = _text(city, plan.template, plan.lead)
        lead_user = city.user(plan.lead)
        filed = _at(session_day + datetime.timedelta(days=n % 3), 10 + n % 7) if plan.session else \
            timezone.now() - datetime.timedelta(days=1 + n % 6, hours=n % 5)
        item = proposals.save_suggestion_draft(
            congress, actor=lead_user, term=city.term, session=city.plenary if plan.session else None, title=title,
            body=body, category=category, co_signers=[m.person for m in plan.co])
        if plan.confirm_co:
            for co in plan.co:
                proposals.confirm_cosign(congress, item, actor=city.user(co))
        if plan.fate == "draft":
            continue
        item = proposals.submit_suggestion(congress, item, actor=lead_user, now=filed)
        for other in plan.duplicates:
            copy = proposals.save_suggestion_draft(congress, actor=city.user(other), term=city.term,
                                                   session=city.plenary, title=title, body=body, category=category)
            proposals.merge_suggestions(congress, item, [proposals.submit_suggestion(congress, copy,
                                                                                     actor=city.user(other), now=filed)],
                                        actor=office)
        if plan.fate == "submitted":
            continue
        if plan.fate == "returned":
            proposals.return_suggestion(congress, item, actor=office, message="建议内容较为笼统，请补充具体地点和现状后重新提交")
            continue
        if plan.fate == "withdrawn":
            proposals.withdraw_suggestion(congress, item, actor=lead_user)
            continue
        item = proposals.accept_suggestion(congress, item, actor=office)
        if plan.fate == "accepted":
            continue
        lead_name, co_names = CATEGORY_UNITS[category]
        unit = city.unit(lead_name)
        co_units = [city.unit(co_names[0])] if r.random() < 0.12 else []
        complex_item = bool(co_units) and r.random() < 0.3
        if plan.due_in is not None:
            complex_item = False
            assigned_on = _assigned_for(congress, today + datetime.timedelta(days=plan.due_in))
        else:
            assigned_on = batches[n % len(batches)]
        proposals.assign_suggestion(congress, item, actor=office, lead_unit=unit, co_units=co_units,
                                    complex_item=complex_item, on=assigned_on)
        if plan.key:  # the deputies' affairs committee follows the key items still in handling
            committee = "代表工作委员会" if plan.fate == "assigned" else CATEGORY_COMMITTEES[category]
            proposals.mark_key_supervision(congress, item, actor=office, leader=vice_chairs[n % len(vice_chairs)],
                                           committee=city.committees[committee])
        officer = city.unit_users[unit.pk]
        if plan.fate == "assigned":
            if plan.due_in is not None and plan.due_in > 10 and r.random() < 0.5:
                proposals.record_contact(congress, item, actor=officer, on=today - datetime.timedelta(days=r.randint(1, 9)),
                                         way=r.choice(["visit", "phone", "meeting"]), summary=r.choice(CONTACT_SUMMARIES))
            if pending_extension is None and plan.due_in is not None and plan.due_in >= 14 and not co_units:
                pending_extension = proposals.request_handling_change(
                    congress, item, actor=officer, kind="extend", months=2,
                    reason="涉及多个部门和资金安排，需进一步协调，申请延期两个月答复")
            continue
        due = rules.answer_due(congress, assigned_on, complex_item)
        latest = min(today - datetime.timedelta(days=2), due + datetime.timedelta(days=5))
        if plan.fate == "answered":  # answered near the deadline: the deputies have not rated yet
            answered_on = due - datetime.timedelta(days=r.randint(0, 15))
        elif r.random() < 0.08:      # a few answers come late
            answered_on = latest
        else:
            answered_on = assigned_on + datetime.timedelta(days=r.randint(25, 75))
        answered_on = min(answered_on, latest)
        proposals.record_contact(congress, item, actor=officer, on=answered_on - datetime.timedelta(days=r.randint(3, 15)),
                                 way=r.choice(["visit", "phone", "meeting", "phone"]), summary=r.choice(CONTACT_SUMMARIES))
        text_, commitments = _answer_text(plan, title, unit, officer, answered_on)
        answer = proposals.answer_suggestion(congress, item, actor=officer, outcome=plan.outcome, text_=text_,
                                             commitments=commitments, answered_on=answered_on)
        authors = list({m.pk: m for m in [plan.lead, *plan.co, *plan.duplicates]}.values())
        if plan.fate == "answered":
            if plan.unrated_co:
                proposals.rate_suggestion(congress, item, actor=lead_user, work="满意", result="满意")
            continue
        if plan.fate in ("rehandling", "rehandled"):
            proposals.rate_suggestion(congress, item, actor=lead_user, work="基本满意", result="不满意",
                                      comment="答复较为笼统，没有明确的解决措施和时间安排，请重新办理")
            if plan.fate == "rehandling":
                continue
            plan.outcome = "B"
            text_, commitments = _answer_text(plan, title, unit, officer, today)
            answer = proposals.answer_suggestion(congress, item, actor=officer, outcome="B", text_=text_,
                                                 commitments=commitments, answered_on=today)
        for author in authors:
            level = r.choices(["满意", "基本满意"], weights=[3, 1] if plan.outcome == "A" else [1, 1])[0]
            proposals.rate_suggestion(congress, item, actor=city.user(author), work=level, result=level)
        if plan.outcome == "B" and r.random() < 0.3:  # a promise already kept, and confirmed by the deputy
            for commitment in Commitment.objects.in_congress(congress).filter(answer=answer):
                proposals.report_commitment_done(congress, commitment, actor=officer, report="已按承诺完成")
                proposals.confirm_commitment(congress, commitment, actor=lead_user)
    proposals.send_due_reminders(congress, actor=office)


# ── Liaison stations ──
# category, what the person raised, where, what the deputy could do on the spot, the unit it goes to.
CONCERNS = [
    ("城乡建设", "小区供暖温度不达标，家里只有十五六度", "{place}幸福小区", "代表当场联系热力公司，已上门调试", "住房和城乡建设局"),
    ("城乡建设", "楼道照明损坏多时，老人晚上上下楼不安全", "{place}团结小区", "代表联系物业当天更换了灯具", "住房和城乡建设局"),
    ("交通出行", "学校门口上下学时段拥堵，孩子过马路危险", "{road}", "代表联系交警中队，上下学时段派人疏导", "交通运输局"),
    ("交通出行", "嘎查通往镇里的砂石路被雨水冲坏，车辆无法通行", "{place}", "", "交通运输局"),
    ("教育", "希望社区开办课后托管服务", "{place}", "", "教育局"),
    ("教育", "孩子上学的校车路线调整后要多走三公里", "{place}", "", "教育局"),
    ("医疗卫生", "卫生室没有常用的慢性病药品", "{place}", "代表协调镇卫生院每周送药一次", "卫生健康委员会"),
    ("社会保障", "老人的高龄津贴两个月没有到账", "{place}", "", "民政局"),
    ("就业创业", "返乡创业贷款手续复杂，希望简化", "{place}", "", "人力资源和社会保障局"),
    ("农牧业", "草场围栏被过往车辆撞坏，牛羊跑出", "{place}", "", "农牧局"),
    ("农牧业", "今年的草原生态补奖资金还没有发到户", "{place}", "", "林业和草原局"),
    ("生态环境", "河道边有人倾倒建筑垃圾", "{river}桥下", "", "生态环境局"),
    ("生态环境", "附近厂子晚上排烟，气味很大", "{place}", "", "生态环境局"),
    ("社会治理", "小区门口夜市噪音扰民到深夜", "{road}", "代表联系街道和城管，夜市改为晚十点前收摊", "城市管理综合执法局"),
    ("其他", "希望在社区增设快递代收点", "{place}", "代表联系社区，已在物业办公室设立代收点", "商务局"),
]
PEOPLE = ["赵桂兰", "钱志强", "孙丽", "王秀英", "苏和", "李建军", "刘淑芬", "其木格", "张国庆", "韩乌兰", "杨春梅", "白音",
          "周立新", "吴萨仁", "郭永刚"]


def _liaison(city: City) -> None:
    """Stations with opening days and a rota (the `deputy` account on duty this week), a reception at
    each station in the last weeks with concerns on each of the three ways (三办) and at each stage,
    concerns sent in online and not yet triaged, and the "双联系" ties of the demo accounts."""
    from django.contrib.auth.models import AnonymousUser

    from renda.liaison import actions as liaison

    congress, office, today, r = city.congress, city.office, city.today, city.random
    deputy = city.mandates[DEPUTY_INDEX]
    # A working day this week still to come (today, at the week's end).
    duty_day = today + datetime.timedelta(days=1) if today.weekday() < 4 else today
    serving = city.serving
    concerns = iter(r.sample(CONCERNS * 3, len(CONCERNS) * 3))
    people = iter(PEOPLE * 10)
    for n, station in enumerate(city.stations):
        area = DELEGATIONS[n] if n < len(DELEGATIONS) else ("开发区" if n == 7 else "高新区")
        places = PLACES.get(area, [f"{area}创业园社区", f"{area}锦绣社区"])
        liaison.set_up_station(congress, station, actor=office, area=area, opening_days="每月5日、15日、25日及每周三",
                               phone=f"0471-66{n:02d}100")
        attached = [m for m in serving if m.liaison_station_id == station.pk]
        for week in range(4):
            on = duty_day + datetime.timedelta(days=7 * week)
            duty = attached[week * 2:week * 2 + 2]
            if station.pk == deputy.liaison_station_id and week == 0:
                duty = [deputy, *duty[:1]]
            liaison.set_rota(congress, station, actor=office, on=on, mandates=duty)
        # A reception day some weeks ago and one last week, each with what people raised.
        for held in (today - datetime.timedelta(days=24 + n), today - datetime.timedelta(days=3 + n % 4)):
            taken = [next(concerns) for _ in range(2 if held < today - datetime.timedelta(days=20) else 3)]
            fill = {"place": r.choice(places), "road": r.choice(ROADS), "river": r.choice(RIVERS)}
            data = []
            for k, (category, what, where, _, _) in enumerate(taken):
                if k == 1 and n % 2:
                    data.append({"anonymous": True, "category": category, "text": what, "place": where.format(**fill)})
                else:
                    data.append({"person_name": next(people), "person_contact": f"1394710{n:02d}{k:02d}{len(data)}",
                                 "category": category, "text": what, "place": where.format(**fill)})
            reception = liaison.record_reception(congress, station, actor=office, held_on=held, deputies=attached[:2],
                                                 visitors=r.randint(6, 15), notes="接待群众，现场登记诉求",
                                                 concerns=data)
            old = held < today - datetime.timedelta(days=20)
            for concern, (_, _, _, on_the_spot, unit) in zip(reception.concerns.order_by("id"), taken, strict=True):
                responsible = attached[0] if attached else None
                if on_the_spot:
                    liaison.triage_concern(congress, concern, actor=office, path="on_the_spot", answer=on_the_spot,
                                           responsible=responsible)
                    if old:
                        liaison.record_feedback(congress, concern, actor=office, satisfaction="satisfied", note="电话回访")
                elif concern.category in ("农牧业", "生态环境") and responsible is not None:
                    liaison.triage_concern(congress, concern, actor=office, path="tracked", responsible=responsible)
                    liaison.record_follow_up(congress, concern, actor=office,
                                             note=f"{responsible.person.name}代表已会同有关部门现场查看")
                    if old:
                        liaison.answer_concern(congress, concern, actor=office,
                                               answer="经代表协调，有关部门已处理完毕")
                elif concern.category == "社会保障" and not old:
                    liaison.triage_concern(congress, concern, actor=office, path="on_the_spot",
                                           committee=f"{fill['place']}居委会")
                else:
                    liaison.triage_concern(congress, concern, actor=office, path="referred", unit=city.unit(unit))
                    if old:
                        officer = city.unit_users[city.unit(unit).pk]
                        liaison.answer_concern(congress, concern, actor=officer,
                                               answer=f"{city.unit(unit).name}已派人核实，正在按程序办理，预计本月内解决")
                        if n % 3 == 0:
                            liaison.record_feedback(congress, concern, actor=office, satisfaction=r.choice(
                                ["satisfied", "basically"]), note="电话回访")
    # Sent in online through the stations' forms: waiting for the office to choose the way.
    online: list[dict[str, Any]] = [
        {"person_name": "钱志强", "person_contact": "13947100002", "category": "农牧业", "text": "草场围栏被车辆撞坏，牛羊跑出",
         "place": "查干诺尔苏木"},
        {"anonymous": True, "category": "生态环境", "text": "河道有人倾倒建筑垃圾", "place": "青河大桥下"},
        {"person_name": "孙丽", "person_contact": "13947100003", "category": "教育", "text": "希望社区开办课后托管，双职工家庭接孩子困难",
         "place": "和平街道"},
        {"person_name": "那顺", "person_contact": "13947100004", "category": "交通出行",
         "text": "冬季道路结冰，苏木到旗里的班车经常停运", "place": "哈达图苏木"},
        {"anonymous": True, "category": "社会治理", "text": "小区地下室有人私拉电线给电动车充电，存在火灾隐患",
         "place": "胜利街道"},
    ]
    made = [liaison.submit_concern(congress, city.stations[k % len(city.stations)], actor=AnonymousUser(), data=d)
            for k, d in enumerate(online)]
    spam = liaison.submit_concern(congress, city.stations[0], actor=AnonymousUser(), data={
        "anonymous": True, "category": "其他", "text": "推销广告：低价办理各类证件"})
    liaison.dismiss_concern(congress, spam, actor=office, reason="与人大代表联系群众工作无关")
    del made
    _ties(city)


def _ties(city: City) -> None:
    """"双联系": the `deputy` account's constituents (two contacted this year, two not yet) and the
    `member` account's deputies (one contacted, three not yet)."""
    from renda.liaison import actions as liaison

    congress, today = city.congress, city.today
    this_year = max(datetime.date(today.year, 1, 1), today - datetime.timedelta(days=40))
    deputy = city.mandates[DEPUTY_INDEX]
    user = city.user(deputy)
    households = ["巴彦塔拉镇牧民苏和一家", "东湖镇敬老院", "乌兰哈达嘎查党支部", "东湖县第一中学家长委员会"]
    for n, household in enumerate(households):
        link = liaison.link_contact(congress, actor=user, kind="deputy_constituent", constituent=household)
        if n < 2:
            liaison.record_liaison_contact(congress, link, actor=user, on=this_year + datetime.timedelta(days=n * 9),
                                           how="visit", raised="反映冬季取暖和孩子上学的困难", followed="已转交镇政府办理")
    member = city.mandates[MEMBER_INDEX]
    member_user = city.user(member)
    for n, mandate in enumerate(city.mandates[60:64]):
        link = liaison.link_contact(congress, actor=member_user, kind="member_deputy", deputy=mandate.person)
        if n == 0:
            liaison.record_liaison_contact(congress, link, actor=member_user, on=this_year, how="phone",
                                           raised="听取代表对常委会工作的意见建议", followed="已整理报常委会办公室")


ACCOUNTS = [
    ("admin", f"系统管理员（{STAFF['admin'][0]}）", Role.ADMIN),
    ("office", f"机关工作人员（{STAFF['office'][0]}，常委会办公室）", Role.OFFICE_STAFF),
    ("committee", f"工作委员会工作人员（{STAFF['committee'][0]}，代表工作委员会）", Role.COMMITTEE_STAFF),
    ("member", f"常委会组成人员（{FIXED[MEMBER_INDEX]['name']}）", Role.SC_MEMBER),
    ("deputy", f"人大代表（{FIXED[DEPUTY_INDEX]['name']}，市和东湖县两级代表）", Role.DEPUTY),
    ("unit", f"承办单位工作人员（{STAFF['unit'][0]}，市教育局）", Role.UNIT_OFFICER),
    ("contact", f"基层立法联系点工作人员（{CONTACT_POINT_STAFF[0]}，{CONTACT_POINT}）", Role.CONTACT_POINT_STAFF),
    ("public", f"公众（{PUBLIC_NAME}）", Role.PUBLIC),
]


@transaction.atomic
def build(progress=None) -> Congress:
    """The whole demo; ``progress(step, steps, label)`` is told as each part starts (the command prints it)."""
    names = Names()
    today = timezone.localdate()
    admin = _user("admin", STAFF["admin"][0], superuser=True)
    city = _city(admin, names, today)
    county: dict[str, Congress] = {}

    def counties() -> None:
        donghu = [m for i, m in enumerate(city.mandates[:60]) if i % 7 == 0]  # includes the `deputy` account
        county["donghu"] = _county(admin, names, city.congress, "东湖县", "demo-donghu", donghu)
        _county(admin, names, city.congress, "西山县", "demo-xishan", city.mandates[1:40:9])
        core_actions.grant_role(county["donghu"], actor=admin, user=city.user(city.mandates[DEPUTY_INDEX]),
                                role=Role.DEPUTY)

    hearings: dict = {}
    steps = [
        ("常委会会议", lambda: _sc_sessions(city)),
        ("代表大会会议", lambda: _plenaries(city)),
        ("代表建议", lambda: _suggestions(city)),
        ("联络站与群众诉求", lambda: _liaison(city)),
        ("监督工作", lambda: oversight_demo.build(city)),
        ("专项工作报告", lambda: hearings.update(oversight_hearings_demo.build(city))),
        ("审议意见", lambda: oversight_opinions_demo.build(city, hearings["unsatisfactory"])),
        ("专题询问与质询", lambda: oversight_inquiries_demo.build(city)),
        ("整改清单", lambda: rectification_demo.build(city)),
        # The standing committee's business: who is in charge of what, the year's work points, the agenda
        # chain of the coming session, appointments with the oath, duty reports, a major-matter decision.
        ("分管与对口联系", lambda: portfolios_demo.build(city)),
        ("工作要点", lambda: work_points_demo.build(city)),
        ("常委会议程", lambda: agenda_demo.build(city)),
        ("人事任免", lambda: appointments_demo.build(city)),
        ("述职评议", lambda: duty_reports_demo.build(city)),
        ("重大事项决定", lambda: decisions_demo.build(city)),
        ("地方立法", lambda: _legislation(city)),
        ("会议编号", lambda: _number_in_date_order(city)),
        ("会议通知", lambda: _meeting_notice(city)),  # after the numbering: the notice names the session's number
        ("县级人大", counties),
        ("代表闭会期间履职", lambda: _deputies_work(city, county["donghu"])),
    ]
    for step, (label, run) in enumerate(steps, start=1):
        if progress is not None:
            progress(step, len(steps), label)
        run()
    return city.congress


def _meeting_notice(city: City) -> None:
    """This week's standing-committee session is notified, with 参加/请假 replies in each member's inbox."""
    from renda.delivery import actions as delivery
    from renda.meetings.models import Meeting

    # Not one the demo already held: just after midnight a session "held today" still starts later today.
    coming = (Meeting.objects.in_congress(city.congress).filter(kind="sc_session", starts_at__gt=timezone.now())
              .exclude(status=Meeting.Status.CLOSED).order_by("starts_at").first())
    if coming is not None:
        delivery.send_meeting_notice(city.congress, coming, actor=city.office)


def _deputies_work(city: City, county: Congress) -> None:
    """Deputies' work between sessions: the groups with their basis, plan and watched projects; two CPPCC
    members on the persona's station rota; a year of activities (the persona in each) and a training day
    for city and county deputies; one activity next week waiting for replies and the QR sign-in; the
    opinion register; letters to deputies and a resident's message through a deputy's public page.
    The performance records need nothing: they are computed from all of this."""
    congress, office = city.congress, city.office
    persona = city.mandates[DEPUTY_INDEX]
    station = persona.liaison_station or city.stations[0]
    deputy_groups_demo.build(congress, office=office, station=station)
    deputy_groups_demo.build_cppcc(congress, office=office, station=station)
    county_deputies = [m.person for m in Mandate.objects.in_congress(county).filter(status=Mandate.Status.SERVING)
                       .select_related("person").order_by("id")[:20]]
    trainees = [m.person for m in city.mandates[40:70] if m.status == Mandate.Status.SERVING]
    activities_demo.build(congress, actor=office, trainees=trainees + [p for p in county_deputies if p not in trainees],
                          also=(persona.person,))
    coming = activities_actions.create_activity(
        congress, actor=office, kind="inspection", topic="冬季供暖保障情况视察", place="市热力公司及城区小区",
        starts_at=_at(city.today + datetime.timedelta(days=6), 9), description="视察冬季供暖保障，请回复是否参加。")
    activities_actions.add_participants(congress, coming, actor=office,
                                        people=[m.person_id for m in city.mandates[44:52]])
    opinions_demo.build(congress, office=office, deputy_users=[city.user(m) for m in city.mandates[DEPUTY_INDEX:DEPUTY_INDEX + 3]],
                        unit_users=city.unit_users, meeting=city.plenary)
    deputy_pages_demo.build(congress, office=office)
    routing_demo.build(congress, office=office)
    from renda.schedule import actions as schedule

    schedule.issue_calendar_feed(congress, actor=city.user(persona))  # the persona's calendar shows its address


def _legislation(city: City) -> None:
    """Legislation: the river-and-lake regulation in force through the journal's 乌梁素海 dates (passed
    2023-08-25, approved 2023-09-27, in force 2023-11-01); the 2026 plan with the irrigation regulation
    placed on 2/26, researched on 3/3–4, its preliminary review report on 3/18 and first reading on 3/31,
    now open for comment to deputies, units, a grassroots contact point and the public."""
    congress, office, admin = city.congress, city.office, city.admin
    government = city.units["人民政府"]
    river = legislation_actions.create_bill(
        congress, actor=office, title=legislation_demo.TITLE, text=legislation_demo.TEXT, proposer=government,
        drafting_body=city.unit("水务局") if "水务局" in city.units else government,
        committee=city.committees["环境资源城乡建设工作委员会"],
        explanation="为了加强河湖生态保护，市人民政府提请审议本条例草案。")
    enactment_demo.wuliangsuhai(city, river)
    plans = legislative_plans_demo.build(city)
    irrigation = legislative_plans_actions.start_bill_for_plan_item(
        congress, plans["items"][0], actor=office, proposer=government, text_=legislation_demo.IRRIGATION_TEXT,
        explanation=legislation_demo.IRRIGATION_EXPLANATION)
    enactment_demo.first_reading(city, irrigation, preliminary_on=datetime.date(2026, 3, 18),
                                 reading_on=datetime.date(2026, 3, 31))
    point = actions.create_organisation(congress, actor=admin, kind=Organisation.Kind.LEGISLATIVE_CONTACT_POINT,
                                        name=CONTACT_POINT, address="示例市城关街道人民路8号")
    name, sex, ethnicity = CONTACT_POINT_STAFF
    contact = _user("contact", name)
    membership = actions.add_membership(congress, actor=admin, organisation=point, post="联络员", start="2024-03-01",
                                        person_data={"name": name, "sex": sex, "ethnicity": ethnicity})
    membership.person.user = contact
    membership.person.save(update_fields=["user"])
    core_actions.grant_role(congress, actor=admin, user=contact, role=Role.CONTACT_POINT_STAFF, organisation=point)
    law_comments_demo.build(
        congress, office=office, version=legislation_queries.current_version(irrigation), contact_point=point,
        deputies=[city.mandates[DEPUTY_INDEX], city.mandates[MEMBER_INDEX], city.mandates[12]],
        unit_officer=city.unit_users.get(city.unit("教育局").pk))


def _number_in_date_order(city: City) -> None:
    """The demo tells its stories one after another, so the sittings they convene are numbered in the
    order they were written, not in the order of their dates. A congress numbers its sittings by date:
    renumber each kind's sittings of the term so (the audit keeps the title each had when it was made)."""
    from renda.meetings.models import Meeting

    meetings = Meeting.objects.in_congress(city.congress).filter(term=city.term)
    for kind in meetings.values_list("kind", flat=True).distinct():
        rows = list(meetings.filter(kind=kind).order_by("starts_at", "id"))
        for offset in (10_000, 0):  # two passes: the numbers are unique within the term and kind
            for n, meeting in enumerate(rows, start=1):
                meeting.number = n + offset
            Meeting.objects.bulk_update(rows, ["number"])


def bulk_deputies(congress: Congress, term: Term, count: int, *, seed: int = 7, start_number: int = 1) -> None:
    """Load ``count`` deputies straight into the tables (benchmarks only: no audit, no actions)."""
    names = Names(seed, unique=False)
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
