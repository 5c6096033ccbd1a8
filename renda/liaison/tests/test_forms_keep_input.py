"""Every liaison form comes back with what was typed and the error beside its field; weighty steps ask
first; every step ends with a message; handlers are picked by name."""

import re

from django.test import Client
from django.utils import timezone

from renda.liaison import actions
from renda.liaison.models import Concern, ContactLink, ContactRecord, Reception, RotaSlot, StationProfile
from renda.liaison.tests.factory import concern, station_deputy
from renda.liaison.tests.test_handling_pages import reception_rows
from renda.testing import signed_in


def error_beside(html: str, field_id: str, message: str) -> bool:
    """The message is in the errorlist Django puts with the field (described by it)."""
    match = re.search(rf'<ul class="errorlist" id="{field_id}_error">(.*?)</ul>', html, re.S)
    described = re.search(rf'aria-describedby="[^"]*\b{re.escape(field_id)}_error\b', html)
    return match is not None and message in match.group(1) and described is not None


def concern_url(world, item, what=""):
    return f"/c/{world.congress.code}/concerns/{item.pk}/" + (f"do/{what}/" if what else "")


def test_triage_keeps_what_was_typed_when_the_unit_is_missing(world_a):
    item = concern(world_a)
    page = signed_in(world_a.office).post(concern_url(world_a, item, "triage"), {
        "path": "referred", "answer": "先电话联系了学校", "committee": "", "due_on": "2099-12-31", "unit": ""})
    html = page.content.decode()
    assert page.status_code == 200 and error_beside(html, "triage_unit", "上报办须选择本级的承办单位")
    assert "先电话联系了学校" in html and 'value="2099-12-31"' in html
    item.refresh_from_db()
    assert item.status == Concern.Status.RECEIVED


def test_triage_picks_the_responsible_deputy_by_name(world_a, world_b):
    item = concern(world_a)
    office = signed_in(world_a.office)
    unknown = office.post(concern_url(world_a, item, "triage"), {"path": "tracked", "responsible": "张三丰"})
    assert error_beside(unknown.content.decode(), "triage_responsible", "找不到代表：张三丰")
    # A deputy of another congress is "not found" here, even by the exact name.
    foreign = world_b.make_deputy("赵外地")
    refused = office.post(concern_url(world_a, item, "triage"), {"path": "tracked", "responsible": foreign.person.name})
    assert error_beside(refused.content.decode(), "triage_responsible", "找不到代表：赵外地")
    done = office.post(concern_url(world_a, item, "triage"), {"path": "tracked", "responsible": "李明"}, follow=True)
    assert "已分办：跟踪办，由李明办理" in done.content.decode()
    item.refresh_from_db()
    assert (item.status, item.responsible_id) == (Concern.Status.TRACKING, world_a.deputies[0].pk)


def test_dismissing_without_a_reason_comes_back_with_the_error(world_a):
    item = concern(world_a)
    office = signed_in(world_a.office)
    page = office.post(concern_url(world_a, item, "dismiss"), {"reason": ""})
    assert page.status_code == 200 and error_beside(page.content.decode(), "dismiss_reason", "不予受理理由")
    done = office.post(concern_url(world_a, item, "dismiss"), {"reason": "重复反映"}, follow=True)
    assert "已不予受理" in done.content.decode()


def test_answer_committee_follow_up_and_feedback_keep_their_input(world_a):
    office = signed_in(world_a.office)
    referred = concern(world_a)
    actions.triage_concern(world_a.congress, referred, actor=world_a.office, path="referred", unit=world_a.unit)
    page = office.post(concern_url(world_a, referred, "answer"), {"answer": "   "})
    assert error_beside(page.content.decode(), "answer_answer", "答复内容")
    page = office.post(concern_url(world_a, referred, "follow-up"), {"note": "", "internal": "on"})
    html = page.content.decode()
    assert error_beside(html, "follow_note", "跟踪情况") and 'id="follow_internal" checked' in html
    with_committee = concern(world_a)
    actions.triage_concern(world_a.congress, with_committee, actor=world_a.office, path="on_the_spot", committee="幸福社区")
    page = office.post(concern_url(world_a, with_committee, "committee"), {"answer": ""})
    assert error_beside(page.content.decode(), "committee_answer", "办理结果")
    answered = office.post(concern_url(world_a, referred, "answer"), {"answer": "已增设人行横道"}, follow=True)
    assert "已答复，反映人可凭查询码查看并评价" in answered.content.decode()
    page = office.post(concern_url(world_a, referred, "feedback"), {"satisfaction": "", "note": "电话回访，本人表示认可"})
    html = page.content.decode()
    assert error_beside(html, "feedback_satisfaction", "满意度") and 'value="电话回访，本人表示认可"' in html


def test_weighty_steps_ask_first(world_a):
    office = signed_in(world_a.office)
    item = concern(world_a)
    html = office.get(concern_url(world_a, item)).content.decode()
    for button in ('value="on_the_spot" data-confirm=', 'value="referred" data-confirm=', 'value="tracked" data-confirm='):
        assert button in html
    assert re.search(r'id="dismiss"[^>]*data-confirm="不予受理后', html)
    actions.triage_concern(world_a.congress, item, actor=world_a.office, path="referred", unit=world_a.unit)
    html = office.get(concern_url(world_a, item)).content.decode()
    assert re.search(r'id="answer-form"[^>]*data-confirm="答复会在查询页告知反映人', html)
    actions.answer_concern(world_a.congress, item, actor=world_a.office, answer="已答复")
    html = office.get(concern_url(world_a, item)).content.decode()
    assert re.search(r'id="feedback"[^>]*data-confirm="记录满意度后这件诉求办结', html)
    public = Client().get(f"/c/{world_a.congress.code}/track/{item.tracking_code}/").content.decode()
    assert 'data-confirm="提交评价后此事办结' in public


def test_the_reception_form_keeps_every_row_and_puts_errors_on_their_row(world_a):
    station_deputy(world_a)
    url = f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/do/reception/"
    page = signed_in(world_a.deputy).post(url, {
        "held_on": timezone.localdate().isoformat(), "deputies": "李明", "visitors": "8", "notes": "上午接待",
        **reception_rows(("吴大爷", "13900000005", "巴彦村", "农牧业", "草场围栏损坏"),
                         ("", "", "", "外星人", "小区停车难"))})
    html = page.content.decode()
    assert page.status_code == 200 and error_beside(html, "reception_c-1-category", "“类别”须为以下之一")
    assert 'value="吴大爷"' in html and "草场围栏损坏" in html and "小区停车难" in html and "上午接待" in html
    assert 'value="8"' in html and "李明" in html.split('id="reception"')[1]  # the picked deputy is still picked
    assert not Reception.objects.in_congress(world_a.congress).exists()
    no_deputy = signed_in(world_a.deputy).post(url, {"held_on": timezone.localdate().isoformat(), "deputies": "",
                                                     "visitors": "3", **reception_rows(("", "", "", "教育", "校车"))})
    assert error_beside(no_deputy.content.decode(), "reception_deputies", "请至少选择一名接待代表")


def test_the_station_profile_and_rota_forms_keep_their_input(world_a, world_b):
    office = signed_in(world_a.office)
    base = f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/do/"
    page = office.post(base + "profile/", {"area": "临河区", "opening_days": "每周二" * 40, "phone": "0478-1234567"})
    html = page.content.decode()
    assert page.status_code == 200 and error_beside(html, "profile_opening_days", "100")
    assert 'value="临河区"' in html and 'value="0478-1234567"' in html
    assert not StationProfile.objects.in_congress(world_a.congress).filter(area="临河区").exists()
    foreign = world_b.make_deputy("赵外地")
    page = office.post(base + "rota/", {"on": "2099-01-05", "mandates": f"李明，{foreign.person.name}"})
    html = page.content.decode()
    assert error_beside(html, "rota_mandates", "找不到代表：赵外地") and 'value="2099-01-05"' in html
    assert not RotaSlot.objects.in_congress(world_a.congress).exists()
    done = office.post(base + "rota/", {"on": "2099-01-05", "mandates": "李明，王芳"}, follow=True).content.decode()
    assert "已排班：2099-01-05，2 名代表进站" in done
    assert RotaSlot.objects.in_congress(world_a.congress).count() == 2


def test_contacts_forms_keep_input_and_pick_the_deputy_by_name(world_a, world_b):
    member = signed_in(world_a.users["sc_member"])
    url = f"/c/{world_a.congress.code}/contacts/"
    page = member.post(url, {"what": "link", "kind": "member_deputy", "deputy": "查无此人"})
    assert error_beside(page.content.decode(), "link_deputy", "找不到代表：查无此人")
    foreign = world_b.make_deputy("赵外地")
    page = member.post(url, {"what": "link", "kind": "member_deputy", "deputy": foreign.person.name})
    assert error_beside(page.content.decode(), "link_deputy", "找不到代表：赵外地")
    done = member.post(url, {"what": "link", "kind": "member_deputy", "deputy": "李明"}, follow=True).content.decode()
    assert "已增加联系对象：李明 代表" in done
    link = ContactLink.objects.in_congress(world_a.congress).get()
    page = member.post(url, {"what": "record", "link": link.pk, "on": "2098-01-01", "how": "phone",
                             "raised": "反映村道破损", "followed": "已转交通局"})
    html = page.content.decode()
    assert error_beside(html, "record_on", "不能晚于今天") and "反映村道破损" in html and "已转交通局" in html
    assert not ContactRecord.objects.in_congress(world_a.congress).exists()


def test_the_office_looks_up_someones_contacts_by_name(world_a):
    member = world_a.users["sc_member"]
    actions.link_contact(world_a.congress, actor=member, kind="member_deputy", deputy=world_a.deputies[0].person)
    office = signed_in(world_a.office)
    html = office.get(f"/c/{world_a.congress.code}/contacts/", {"holder": "王芳"}).content.decode()
    assert "双联系：王芳" in html and "李明 代表" in html
    unknown = office.get(f"/c/{world_a.congress.code}/contacts/", {"holder": "查无此人"}).content.decode()
    assert "找不到人员：查无此人" in unknown
