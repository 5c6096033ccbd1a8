"""The demo's rectification list: the problems found by the part-1 inspections and surveys (the
oversight demo's finished reports) put on the list with goal, measures, deadline, unit and owner;
progress reports from the unit, a member's spot check, one item closed with evidence and the
committee's acceptance, one claimed and waiting, one overdue. Everything goes through the actions.

Wire with ``rectification_demo.build(city)`` after ``oversight_demo.build(city)`` in renda/demo.py."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from renda.demo_support import pdf
from renda.oversight.models import Finding, Report
from renda.rectification import actions

SOURCE_OF_ACTIVITY = {"law_inspection": "law_inspection", "survey": "survey", "visit": "visit"}
OWNERS = ["分管副局长", "办公室主任", "业务科科长", "分管副主任"]


def _pdf(title: str, lines: list[str]) -> SimpleUploadedFile:
    return pdf(title, lines, heading="整改情况")


# What a finding is about → the department answerable for it (first match wins: “工业园区污水收集管网”
# is the industry bureau's, not housing's for its pipes).
UNIT_BY_KEYWORD = [
    (("水源", "水库", "饮用水"), "生态环境局"),
    (("工业园区", "园区", "企业"), "工业和信息化局"),
    (("污水", "排污", "河道"), "生态环境局"),
    (("幸福院", "敬老院", "养老", "护理"), "民政局"),
    (("食堂", "学校", "校园", "教师", "学生"), "教育局"),
    (("供暖", "室温", "老旧小区", "管网"), "住房和城乡建设局"),
    (("医院", "卫生室", "诊疗"), "卫生健康委员会"),
    (("公交", "道路", "交通"), "交通运输局"),
]


def _unit_of(city, finding: Finding):
    """The finding's own unit, else the department its subject belongs to (by its heading, text and
    the report's title), else the education bureau (whose officer is the demo's `unit` login)."""
    if finding.unit_id:
        return finding.unit
    said = f"{finding.heading} {finding.text} {finding.report.title}"
    for keywords, short in UNIT_BY_KEYWORD:
        if any(word in said for word in keywords) and short in city.units:
            return city.units[short]
    return city.units.get("教育局") or next(iter(city.units.values()))


def build(city) -> None:
    c, office, today = city.congress, city.office, city.today
    day = datetime.timedelta(days=1)
    findings = list(Finding.objects.in_congress(c).filter(kind=Finding.Kind.PROBLEM, report__status=Report.Status.FINAL)
                    .select_related("report__activity", "unit").order_by("report_id", "order", "id")[:6])
    if not findings:
        return
    # Deadlines: one long past (closed on time), one past (overdue), the rest ahead.
    dues = [today - 20 * day, today - 12 * day, today + 5 * day, today + 45 * day, today + 90 * day,
            today + 120 * day]
    items = []
    for n, finding in enumerate(findings):
        source = SOURCE_OF_ACTIVITY.get(finding.report.activity.kind, "survey")
        [item] = actions.list_problems(c, actor=office, source=source, finding=finding, entries=[{
            "problem": f"{finding.heading}。{finding.text}"[:1000],
            "goal": "按调研（检查）报告的意见建议完成整改，建立长效机制",
            "measures": "制定整改方案，明确责任科室和完成时限，每月报告进展",
            "due_on": dues[n % len(dues)].isoformat(), "unit": _unit_of(city, finding),
            "owner": OWNERS[n % len(OWNERS)]}])
        items.append(item)

    def officer(item):
        return city.unit_users.get(item.unit_id) or office

    member = city.user(city.mandates[10])  # the `member` account (MEMBER_INDEX)
    # 1. Closed: progress, the member's spot check, closure with evidence, accepted (before its deadline).
    first = items[0]
    actions.report_progress(c, first, actor=officer(first), text="已制定整改方案，完成第一批问题点位整改。",
                            on=today - 40 * day)
    actions.record_check(c, first, actor=member, kind="spot_check", findings="抽查三处点位，整改到位，台账齐全。",
                         on=today - 30 * day)
    actions.request_closure(c, first, actor=officer(first), text="全部问题点位已整改完毕，长效管理制度已印发。",
                            evidence=_pdf("整改完成情况报告", ["全部问题点位已整改完毕。", "长效管理制度已印发。"]),
                            on=today - 25 * day)
    actions.accept_closure(c, first, actor=office, resolution="经实地核查，整改到位，予以销号。", on=today - 22 * day)
    # 2. Overdue: a progress report, still open past its deadline.
    if len(items) > 1:
        second = items[1]
        actions.report_progress(c, second, actor=officer(second), text="整改资金尚未落实，正在协调财政部门。",
                                on=today - 15 * day)
    # 3. Claimed, waiting for the committee's acceptance.
    if len(items) > 2:
        third = items[2]
        actions.report_progress(c, third, actor=officer(third), text="已完成大部分整改任务。", on=today - 10 * day)
        actions.request_closure(c, third, actor=officer(third), text="整改任务已全部完成。",
                                evidence=_pdf("销号申请及佐证材料", ["整改任务已全部完成，附照片和台账。"]), on=today - 2 * day)
    # 4. A site check on an item under way.
    if len(items) > 3:
        actions.record_check(c, items[3], actor=office, kind="site_check", findings="现场查看，整改正在推进。",
                             on=today - 3 * day)
