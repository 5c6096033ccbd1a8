"""Demo of the opinion register ("事事有回音"), built through the actions: a symposium's points (one
per speaker), 代表直通车 items (one answered and acknowledged, one answered awaiting the deputy, one
with a unit), two merged points that follow their main item, a meeting's task and a petition whose
answer was delivered to the person.

``build(congress, *, office, deputy_users, unit_users, meeting=None)``: ``office`` an office-staff
login; ``deputy_users`` logins of serving deputies of this congress (at least three); ``unit_users``
handling-unit id → that unit's officer login (at least one); ``meeting`` a meeting of this congress
whose tasks to record (optional)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from renda.activities import actions as activities
from renda.liaison import actions as liaison
from renda.opinions import actions
from renda.people.models import Organisation, Person


def build(congress, *, office, deputy_users: list, unit_users: dict, meeting=None) -> dict:
    c = congress
    units = list(unit_users.items())
    unit_of = lambda n: Organisation.objects.in_congress(c).get(pk=units[n % len(units)][0])  # noqa: E731
    officer = lambda unit: unit_users[unit.pk]  # noqa: E731
    people = [Person.objects.get(user=u) for u in deputy_users[:3]]
    symposium = activities.create_activity(c, actor=office, kind="symposium", topic="常委会领导联系代表座谈会",
                                           starts_at=timezone.now() - datetime.timedelta(days=3), place="常委会二楼会议室")
    points = actions.record_opinions(c, actor=office, source="symposium", activity=symposium, points=[
        {"speaker": people[0], "category": "教育", "text": "城区学校放学时段校门口拥堵，建议错峰放学并增设临时停车位"},
        {"speaker": people[1], "category": "交通出行", "text": "学校周边道路缺少人行横道信号灯"},
        {"speaker": people[2], "category": "医疗卫生", "text": "乡镇卫生院夜间值班医生不足"}])
    # The two school-traffic points are one matter: merged, assigned, answered together.
    main = points[0]
    actions.merge_opinions(c, main, actor=office, others=[points[1]])
    unit = unit_of(0)
    liaison.triage_concern(c, main, actor=office, path="referred", unit=unit)
    liaison.answer_concern(c, main, actor=officer(unit), answer="已会同交警部门在三所学校试行错峰放学，增设临时停车位 40 个，"
                                                               "两处路口加装人行横道信号灯。")
    liaison.triage_concern(c, points[2], actor=office, path="referred", unit=unit_of(1))
    # 代表直通车
    direct = [actions.send_direct_line(c, actor=deputy_users[n], data={"category": category, "text": text, "place": place})
              for n, (category, text, place) in enumerate([
                  ("城乡建设", "老旧小区加装电梯审批环节多，居民反映办理时间长", "城关镇"),
                  ("农牧业", "春耕在即，部分嘎查农资配送不及时", "东河乡"),
                  ("生态环境", "河道上游有生活垃圾堆放，汛期前需要清理", "西河村")])]
    for item, answer in zip(direct[:2], ["已将加装电梯审批压缩为一个窗口办理，承诺 15 个工作日办结。",
                                         "已协调供销社增加配送车辆，本周内全部送达。"], strict=True):
        unit = unit_of(item.pk)
        liaison.triage_concern(c, item, actor=office, path="referred", unit=unit)
        liaison.answer_concern(c, item, actor=officer(unit), answer=answer)
    liaison.record_feedback(c, direct[0], actor=deputy_users[0], satisfaction="satisfied", note="办得快")
    liaison.triage_concern(c, direct[2], actor=office, path="referred", unit=unit_of(2))
    tasks = []
    if meeting is not None:
        tasks = actions.record_opinions(c, actor=office, source="meeting_task", meeting=meeting, points=[
            {"speaker": people[0], "category": "社会保障", "text": "会后抓紧研究农村养老服务站运营补贴办法"}])
    petition = actions.register_petition(c, actor=office, data={
        "person_name": "赵桂兰", "person_contact": "13947100000", "category": "社会保障",
        "text": "来信反映所在小区冬季供暖温度长期不达标"})
    unit = unit_of(3)
    liaison.triage_concern(c, petition, actor=office, path="referred", unit=unit)
    liaison.answer_concern(c, petition, actor=officer(unit), answer="已督促供热公司更换换热站水泵，室温已达 20℃。")
    actions.record_petition_delivery(c, petition, actor=office, how="电话")
    liaison.record_feedback(c, petition, actor=office, satisfaction="basically")
    return {"symposium": symposium, "points": points, "direct_line": direct, "tasks": tasks, "petition": petition}
