"""The plan pages, as each role: the office's list and plan, the forms that keep input, the public page,
the .xlsx export and the print view."""

import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from renda.core.roles import Role
from renda.oversight.actions import plan as plan_actions
from renda.oversight.models import Plan, PlanItem
from renda.oversight.tests.plan_fixtures import committee, make_activity, make_item, make_plan, this_year
from renda.testing import make_meeting, signed_in


def url(world, rest=""):
    return f"/c/{world.congress.code}/oversight/{rest}"


def published(world):
    plan = make_plan(world)
    make_item(world, plan)
    make_item(world, plan, kind="work_report", title="听取市政府关于教育工作情况的报告", body=world.unit, month=3)
    directors = make_meeting(world, kind="directors", open_it=False)
    plan_actions.approve_oversight_plan(world.congress, plan, actor=world.office, meeting=directors,
                                        approved_on=timezone.localdate())
    return plan_actions.publish_oversight_plan(world.congress, plan, actor=world.office)


@pytest.mark.parametrize(("role", "status"), [(Role.OFFICE_STAFF, 200), (Role.COMMITTEE_STAFF, 200),
                                               (Role.SC_MEMBER, 200), (Role.DEPUTY, 403), (Role.PUBLIC, 403),
                                               (Role.UNIT_OFFICER, 403)])
def test_the_list_is_for_staff_and_members(world_a, role, status):
    assert signed_in(world_a.users[role]).get(url(world_a)).status_code == status


def test_an_anonymous_visitor_is_sent_to_sign_in(world_a):
    assert Client().get(url(world_a)).status_code == 302


def test_a_draft_is_not_found_for_the_public_and_another_congress(world_a, world_b):
    plan = make_plan(world_a)
    make_item(world_a, plan)
    assert signed_in(world_a.office).get(url(world_a, f"plans/{plan.pk}/")).status_code == 200
    assert signed_in(world_a.deputy).get(url(world_a, f"plans/{plan.pk}/")).status_code == 404
    assert Client().get(url(world_a, f"plans/{plan.pk}/")).status_code == 404
    assert signed_in(world_b.office).get(url(world_b, f"plans/{plan.pk}/")).status_code == 404


def test_the_plan_page_shows_items_by_month_and_by_kind_with_progress(world_a):
    plan = published(world_a)
    client = signed_in(world_a.office)
    page = client.get(url(world_a, f"plans/{plan.pk}/")).content.decode()
    assert "3月" in page and "5月" in page and "未开始" in page and "组织专题调研" in page
    page = client.get(url(world_a, f"plans/{plan.pk}/?by=kind")).content.decode()
    assert page.index("听取审议专项工作报告") < page.index("专题调研</h3>")


def test_the_public_page_shows_published_plans_in_plain_words(world_a):
    plan = published(world_a)
    page = Client().get(url(world_a, "public/")).content.decode()
    assert plan.title in page and "按计划安排" in page and "组织专题调研" not in page
    assert "记录推迟" not in page
    assert Client().get(url(world_a, f"plans/{plan.pk}/")).status_code == 200


def test_the_public_page_says_a_finished_report_is_there_and_links_it(world_a):
    from renda.oversight.actions import activities, reporting
    from renda.oversight.tests.permission_calls_reporting import ready
    from renda.oversight.tests.plan_fixtures import ready_activity

    plan = published(world_a)
    item = PlanItem.objects.in_congress(world_a.congress).filter(plan=plan, kind="survey").first()
    activity = ready_activity(world_a, plan_item=item)
    report = ready(world_a, activities.begin_fieldwork(world_a.congress, activity, actor=world_a.office))
    page = Client().get(url(world_a, "public/")).content.decode()
    assert "阅读报告" not in page  # a draft is not the public's
    reporting.finalise_oversight_report(world_a.congress, report, actor=world_a.office)
    page = Client().get(url(world_a, "public/")).content.decode()
    assert "报告已形成" in page and f"/oversight/reports/public/{report.pk}/" in page
    assert Client().get(url(world_a, f"reports/public/{report.pk}/")).status_code == 200


def test_the_public_page_says_when_nothing_is_published(world_a):
    make_plan(world_a)
    assert "尚未公布" in Client().get(url(world_a, "public/")).content.decode()


def test_a_new_plan_is_drafted_from_the_list(world_a):
    client = signed_in(world_a.users[Role.COMMITTEE_STAFF])
    response = client.post(url(world_a, "plans/new/"), {"year": this_year(), "title": "年度计划"})
    plan = Plan.objects.in_congress(world_a.congress).get()
    assert response.status_code == 302 and response["Location"].endswith(f"/plans/{plan.pk}/")
    again = client.post(url(world_a, "plans/new/"), {"year": this_year(), "title": "重复"})
    assert again.status_code == 422 and "已经存在" in again.content.decode() and 'value="重复"' in again.content.decode()


def test_an_item_form_keeps_input_on_error(world_a):
    plan = make_plan(world_a)
    client = signed_in(world_a.office)
    data = {"kind": "survey", "title": "关于养老服务的调研", "lead_committee": committee(world_a).pk, "month": 13,
            "leader": f"@{world_a.deputies[1].person.pk}"}
    response = client.post(url(world_a, f"plans/{plan.pk}/do/item/"), data)
    page = response.content.decode()
    assert response.status_code == 422 and "关于养老服务的调研" in page and "“安排月份”" in page
    data["month"] = 12
    assert client.post(url(world_a, f"plans/{plan.pk}/do/item/"), data).status_code == 302
    item = PlanItem.objects.in_congress(world_a.congress).get()
    assert item.leader == world_a.deputies[1].person and item.month == 12
    edit = client.get(url(world_a, f"plans/{plan.pk}/items/{item.pk}/edit/"))
    assert edit.status_code == 200 and "关于养老服务的调研" in edit.content.decode()
    data |= {"item": item.pk, "title": "改后的题目", "co_committees": [world_a.committee.pk]}
    assert client.post(url(world_a, f"plans/{plan.pk}/do/item/"), data).status_code == 302
    item.refresh_from_db()
    assert item.title == "改后的题目"


def test_approve_and_publish_from_the_page(world_a):
    plan = make_plan(world_a)
    make_item(world_a, plan)
    directors = make_meeting(world_a, kind="directors", open_it=False)
    client = signed_in(world_a.office)
    page = client.get(url(world_a, f"plans/{plan.pk}/")).content.decode()
    assert "data-confirm" in page
    refused = client.post(url(world_a, f"plans/{plan.pk}/do/approve/"), {"meeting": directors.pk, "approved_on": "1990-01-01"})
    assert refused.status_code == 422 and "“通过日期”须在" in refused.content.decode()
    assert client.post(url(world_a, f"plans/{plan.pk}/do/approve/"),
                       {"meeting": directors.pk, "approved_on": timezone.localdate().isoformat()}).status_code == 302
    assert client.post(url(world_a, f"plans/{plan.pk}/do/publish/"), {}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == Plan.Status.PUBLISHED


def test_committee_staff_may_not_approve(world_a):
    plan = make_plan(world_a)
    make_item(world_a, plan)
    client = signed_in(world_a.users[Role.COMMITTEE_STAFF])
    assert client.post(url(world_a, f"plans/{plan.pk}/do/approve/"), {}).status_code == 403


def test_item_status_from_the_page(world_a):
    plan = published(world_a)
    item = PlanItem.objects.in_congress(world_a.congress).filter(plan=plan, kind="survey").get()
    client = signed_in(world_a.office)
    refused = client.post(url(world_a, f"plans/{plan.pk}/do/item-status/"), {"item": item.pk, "status": "cancelled"})
    assert refused.status_code == 422 and "须写明原因" in refused.content.decode()
    assert client.post(url(world_a, f"plans/{plan.pk}/do/item-status/"),
                       {"item": item.pk, "status": "cancelled", "note": "并入执法检查"}).status_code == 302
    assert "取消" in client.get(url(world_a, f"plans/{plan.pk}/")).content.decode()


def test_the_export_opens_and_holds_the_items(world_a):
    plan = published(world_a)
    response = Client().get(url(world_a, f"plans/{plan.pk}/export.xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == f"示例甲市人民代表大会常务委员会{this_year()}年度监督工作计划"
    assert sheet.freeze_panes == "A3"
    assert [c.value for c in sheet[2]][:4] == ["序号", "安排月份", "类别", "项目"]
    titles = [row[3] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert titles == ["听取市政府关于教育工作情况的报告", "关于义务教育优质均衡发展情况的调研"]
    assert sheet.column_dimensions["D"].width > 20


def test_a_formula_like_title_stays_text_in_the_export(world_a):
    plan = make_plan(world_a)
    make_item(world_a, plan, title='=HYPERLINK("http://x","点击")')
    sheet = load_workbook(io.BytesIO(signed_in(world_a.office).get(url(world_a, f"plans/{plan.pk}/export.xlsx")).content)).active
    assert sheet["D3"].data_type == "s"


def test_the_print_view_has_a_print_button(world_a):
    plan = published(world_a)
    page = Client().get(url(world_a, f"plans/{plan.pk}/print/")).content.decode()
    assert "data-print" in page and "@media print" in page


def test_joint_activities_appear_in_the_partners_plan(db):
    from renda.core.models import Congress
    from renda.testing import make_world

    city = make_world("city", "示例市人民代表大会")
    county = make_world("cty", "示例县人民代表大会", level=Congress.Level.COUNTY, parent=city.congress)
    make_activity(city, title="全市河湖长制落实情况联合调研", partner=county.congress)
    plan = make_plan(county)
    page = signed_in(county.office).get(f"/c/{county.congress.code}/oversight/plans/{plan.pk}/").content.decode()
    assert "全市河湖长制落实情况联合调研" in page and "联动" in page
    other = make_world("oth", "另一县人民代表大会")
    other_plan = make_plan(other)
    page = signed_in(other.office).get(f"/c/{other.congress.code}/oversight/plans/{other_plan.pk}/").content.decode()
    assert "全市河湖长制落实情况联合调研" not in page


def test_another_congresss_plan_is_not_found_through_this_congresss_address(world_a, world_b):
    plan = make_plan(world_b)
    client = signed_in(world_a.office)
    assert client.post(url(world_a, f"plans/{plan.pk}/do/item/"), {"kind": "survey"}).status_code == 404
    assert client.get(url(world_a, f"plans/{plan.pk}/export.xlsx")).status_code == 404


def test_staff_of_another_congress_may_not_write_here(world_a, world_b):
    plan = make_plan(world_a)
    assert signed_in(world_b.office).post(url(world_a, f"plans/{plan.pk}/do/item/"), {}).status_code == 403
    assert signed_in(world_b.office).get(url(world_a)).status_code == 403


def test_an_approved_plans_item_is_not_edited(world_a):
    plan = published(world_a)
    item = PlanItem.objects.in_congress(world_a.congress).filter(plan=plan).first()
    client = signed_in(world_a.office)
    response = client.get(url(world_a, f"plans/{plan.pk}/items/{item.pk}/edit/"), follow=True)
    assert "项目不能再修改" in response.content.decode()
    refused = client.post(url(world_a, f"plans/{plan.pk}/do/item/"), {
        "item": item.pk, "kind": "survey", "title": "改", "lead_committee": item.lead_committee_id, "month": 5})
    assert refused.status_code == 422 and "草案" in refused.content.decode()
