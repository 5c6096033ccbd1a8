"""The rectification pages by role: the list and its filters, the unit officer's own items, the item
page's steps (wrong input keeps input), exports of exactly what is filtered, the dashboard, and the
public page without anyone's name."""

import datetime
import io

from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from renda.core.roles import Role
from renda.rectification import actions
from renda.rectification.models import RectificationItem
from renda.rectification.tests.fixtures import claimed, make_item, other_unit, pdf, today

DAY = datetime.timedelta(days=1)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def base(world):
    return f"/c/{world.congress.code}/rectification/"


def test_the_list_filters_by_the_address_and_the_unit_officer_sees_only_the_unit(world_a):
    mine = make_item(world_a, problem="学校饮水设施老化")
    other = make_item(world_a, problem="医院排队时间长", unit=other_unit(world_a), source="law_inspection")
    late = make_item(world_a, problem="河道垃圾未清理", due_on=today() - DAY)
    staff = client_for(world_a.office)
    html = staff.get(base(world_a)).content.decode()
    assert all(i.problem in html for i in (mine, other, late))
    html = staff.get(base(world_a) + "?source=law_inspection").content.decode()
    assert other.problem in html and mine.problem not in html
    html = staff.get(base(world_a) + "?overdue=1").content.decode()
    assert late.problem in html and mine.problem not in html and "逾期 1 天" in html
    html = staff.get(base(world_a) + "?q=饮水").content.decode()
    assert mine.problem in html and late.problem not in html
    page = staff.get(base(world_a) + "?status=nonsense&year=abc")
    assert page.status_code == 200 and "“状态”须为" in page.content.decode()
    officer = client_for(world_a.users[Role.UNIT_OFFICER])
    html = officer.get(base(world_a)).content.decode()
    assert mine.problem in html and other.problem not in html and "本单位的整改事项" in html
    assert officer.get(f"{base(world_a)}{other.pk}/").status_code == 404
    assert officer.get(f"{base(world_a)}{mine.pk}/").status_code == 200


def test_pages_by_role_and_another_congress(world_a, world_b):
    item = make_item(world_a)
    foreign = make_item(world_b)
    assert client_for(world_a.users[Role.PUBLIC]).get(base(world_a)).status_code == 403
    assert Client().get(base(world_a)).status_code == 302
    assert client_for(world_a.users[Role.DEPUTY]).get(f"{base(world_a)}{item.pk}/").status_code == 200
    assert client_for(world_a.office).get(f"{base(world_a)}{foreign.pk}/").status_code == 404


def test_closure_without_evidence_keeps_the_text_and_says_why(world_a):
    item = make_item(world_a)
    officer = client_for(world_a.users[Role.UNIT_OFFICER])
    page = officer.post(f"{base(world_a)}{item.pk}/do/closure/", {"text": "管网已全部更换"})
    html = page.content.decode()
    assert page.status_code == 422 and "“佐证材料”必须上传" in html and "管网已全部更换" in html
    page = officer.post(f"{base(world_a)}{item.pk}/do/closure/", {"text": "管网已全部更换", "evidence": pdf()})
    assert page.status_code == 302
    item.refresh_from_db()
    assert item.status == RectificationItem.Status.CLAIMED
    html = client_for(world_a.office).get(f"{base(world_a)}{item.pk}/").content.decode()
    assert "验收销号" in html and 'data-confirm="验收通过后' in html and 'data-confirm="退回后' in html
    assert officer.post(f"{base(world_a)}{item.pk}/do/accept/", {}).status_code == 403


def test_accept_and_return_from_the_page(world_a):
    item = claimed(world_a)
    staff = client_for(world_a.office)
    page = staff.post(f"{base(world_a)}{item.pk}/do/return/", {"reason": ""})
    assert page.status_code == 422 and "“退回理由”必须填写" in page.content.decode()
    assert staff.post(f"{base(world_a)}{item.pk}/do/accept/", {"resolution": "验收合格"}).status_code == 302
    item.refresh_from_db()
    assert item.status == RectificationItem.Status.CLOSED and item.closed_on == today()
    page = staff.post(f"{base(world_a)}{item.pk}/do/accept/", {})
    assert page.status_code == 422  # no longer claimed: the step is refused, the page says why


def test_a_member_records_a_spot_check_and_bad_input_is_kept(world_a):
    item = make_item(world_a)
    member = client_for(world_a.users[Role.SC_MEMBER])
    page = member.post(f"{base(world_a)}{item.pk}/do/check/", {"kind": "spot_check", "findings": "",
                                                              "on": (today() + DAY).isoformat()})
    assert page.status_code == 422 and "检查情况" in page.content.decode()
    assert member.post(f"{base(world_a)}{item.pk}/do/check/", {"kind": "spot_check",
                                                              "findings": "抽查三所学校"}).status_code == 302
    assert item.updates.get().kind == "spot_check"
    assert member.post(f"{base(world_a)}{item.pk}/do/progress/", {"text": "x"}).status_code == 403


def test_exports_hold_exactly_what_is_filtered(world_a):
    make_item(world_a, problem="学校饮水设施老化")
    make_item(world_a, problem="医院排队时间长", unit=other_unit(world_a))
    staff = client_for(world_a.office)
    response = staff.get(base(world_a) + f"export.xlsx?unit={world_a.unit.pk}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert world_a.congress.name in sheet["A1"].value and "责任单位：教育局" in sheet["A2"].value
    problems = [row[2] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert problems == ["学校饮水设施老化"]
    response = staff.get(base(world_a) + "export.pdf?q=医院")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "医院排队时间长" in text and "学校饮水设施老化" not in text and "整改清单" in text


def test_the_dashboard_counts_and_the_on_time_rate(world_a):
    make_item(world_a, due_on=today() - DAY)  # overdue
    make_item(world_a)  # open, not yet due
    on_time = claimed(world_a)
    actions.accept_closure(world_a.congress, on_time, actor=world_a.office)
    html = client_for(world_a.office).get(base(world_a) + "dashboard/").content.decode()
    assert 'id="fig-total">3<' in html and 'id="fig-overdue">1<' in html and 'id="fig-closed">1<' in html
    assert 'id="fig-rate">50.0%<' in html and "按责任单位" in html and "教育局" in html


def test_the_public_page_shows_public_items_without_owner(world_a):
    from renda.livelihood.models import Proposal

    hidden = make_item(world_a, problem="尚未公开的问题", owner="钱秘书")
    assert "尚未公开的问题" not in Client().get(base(world_a) + "public/").content.decode()
    proposal = Proposal.objects.in_congress(world_a.congress).first()
    if proposal is None:
        from renda.testing import make_call

        make_call(world_a)
        proposal = Proposal.objects.in_congress(world_a.congress).first()
    Proposal.objects.in_congress(world_a.congress).filter(pk=proposal.pk).update(status="chosen")
    shown = make_item(world_a, problem="项目进度滞后", owner="孙处长", source="livelihood", livelihood_project=proposal)
    actions.report_progress(world_a.congress, shown, actor=world_a.office, text="进展", evidence=pdf())
    page = Client().get(base(world_a) + "public/")
    html = page.content.decode()
    assert page.status_code == 200 and "项目进度滞后" in html and "教育局" in html
    assert "孙处长" not in html and "钱秘书" not in html and "evidence" not in html and hidden.problem not in html


def test_a_unit_officers_export_names_the_unit_not_all(world_a):
    make_item(world_a, problem="学校饮水设施老化")
    make_item(world_a, problem="医院排队时间长", unit=other_unit(world_a))
    response = client_for(world_a.users[Role.UNIT_OFFICER]).get(base(world_a) + "export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "责任单位：教育局" in sheet["A2"].value and "全部" not in sheet["A2"].value
    assert [row[2] for row in sheet.iter_rows(min_row=4, values_only=True)] == ["学校饮水设施老化"]
    staff = load_workbook(io.BytesIO(client_for(world_a.office).get(base(world_a) + "export.xlsx").content)).active
    assert "筛选：全部" in staff["A2"].value


def test_an_export_with_bad_filters_says_they_were_not_used(world_a):
    make_item(world_a, problem="学校饮水设施老化")
    response = client_for(world_a.office).get(base(world_a) + "export.xlsx?unit=99999&status=bogus")
    assert response.status_code == 200
    title = load_workbook(io.BytesIO(response.content)).active["A2"].value
    assert "筛选条件有误，未采用" in title
    assert "“责任单位”不是本级的单位，收到：99999" in title and "“状态”须为" in title and "收到：bogus" in title
    assert "99999" not in response["Content-Disposition"]
    good = load_workbook(io.BytesIO(client_for(world_a.office).get(base(world_a) + "export.xlsx").content)).active
    assert "未采用" not in good["A2"].value
