"""The citizen's entry page: the station finder, the concern form, the tracking-code box; the status
in plain words with the date to expect an answer."""

import datetime

from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from renda.core import rules
from renda.liaison import actions
from renda.liaison.models import Concern
from renda.liaison.tests.factory import concern
from renda.people import actions as people
from renda.people.models import Organisation


def entry(world):
    return f"/c/{world.congress.code}/liaison/"


def second_station(world, name="b乌兰代表联络站", area="乌拉特前旗", address="乌兰镇政府院内"):
    station = people.create_organisation(world.congress, actor=world.root, kind=Organisation.Kind.LIAISON_STATION,
                                         name=name, address=address)
    actions.set_up_station(world.congress, station, actor=world.office, area=area, opening_days="每月10日、20日")
    return station


def test_anyone_finds_stations_by_area_or_name_with_opening_days_and_address(world_a, world_b):
    actions.set_up_station(world_a.congress, world_a.station, actor=world_a.office, area="临河区", opening_days="每周二")
    other = second_station(world_a)
    actions.set_rota(world_a.congress, other, actor=world_a.office, on=timezone.localdate() + datetime.timedelta(days=2),
                     mandates=[world_a.deputies[0]])
    client = Client()
    page = client.get(entry(world_a)).content.decode()
    assert world_a.station.name in page and other.name in page and "每周二" in page and "每月10日、20日" in page
    assert "乌兰镇政府院内" in page and "李明" in page  # the deputy sitting there soon, by name
    assert world_b.station.name not in page  # another congress's stations are not listed
    by_area = client.get(entry(world_a), {"area": "乌拉特前旗"}).content.decode()
    assert other.name in by_area and world_a.station.name not in by_area.split('id="stations"')[1].split('id="concern"')[0]
    by_name = client.get(entry(world_a), {"q": "乌兰"}).content.decode()
    assert other.name in by_name.split('id="stations"')[1].split('id="concern"')[0]
    nothing = client.get(entry(world_a), {"q": "不存在的站"}).content.decode()
    assert "没有找到符合条件的联络站" in nothing


def test_the_entry_page_is_linked_from_the_stations_public_pages(world_a):
    for url in (f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/public/",
                f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/intake/"):
        assert f'href="{entry(world_a)}"' in Client().get(url).content.decode()


def test_a_person_raises_a_concern_from_the_entry_page_and_gets_a_code(world_a):
    cache.clear()
    client = Client()
    sent = client.post(entry(world_a), {"station": world_a.station.pk, "category": "教育", "text": "学校门口早晚拥堵",
                                        "person_name": "钱女士", "person_contact": "13900000002"})
    assert sent.status_code == 302
    item = Concern.objects.in_congress(world_a.congress).get()
    assert (item.station_id, item.source) == (world_a.station.pk, "online")
    page = client.get(sent["Location"]).content.decode()
    assert item.tracking_code_display in page and "已收到" in page


def test_a_wrong_input_on_the_entry_page_keeps_everything_typed(world_a):
    cache.clear()
    page = Client().post(entry(world_a), {"station": world_a.station.pk, "category": "教育", "text": "学校门口早晚拥堵",
                                          "place": "实验小学", "person_name": "钱女士", "person_contact": ""})
    html = page.content.decode()
    assert page.status_code == 200 and "请填写姓名和联系方式" in html
    assert "学校门口早晚拥堵" in html and 'value="实验小学"' in html and 'value="钱女士"' in html
    assert f'<option value="{world_a.station.pk}" selected>' in html and '<option value="教育" selected>' in html
    error_at = html.index("请填写姓名和联系方式")
    assert html.index('id="intake_person_contact"') - error_at < 400  # beside its field
    no_station = Client().post(entry(world_a), {"category": "教育", "text": "学校门口早晚拥堵", "anonymous": "on"})
    assert "请选择联络站" in no_station.content.decode() and "学校门口早晚拥堵" in no_station.content.decode()
    assert not Concern.objects.in_congress(world_a.congress).exists()


def test_a_station_of_another_congress_cannot_be_chosen(world_a, world_b):
    cache.clear()
    page = Client().post(entry(world_a), {"station": world_b.station.pk, "category": "教育", "text": "跨域提交",
                                          "anonymous": "on"})
    assert page.status_code == 200 and "跨域提交" in page.content.decode()
    assert not Concern.objects.in_congress(world_a.congress).exists()
    assert not Concern.objects.in_congress(world_b.congress).exists()


def test_the_tracking_page_speaks_plain_words_with_the_expected_date(world_a):
    item = concern(world_a)
    client = Client()
    url = f"/c/{world_a.congress.code}/track/{item.tracking_code}/"
    received = client.get(url).content.decode()
    longest = max(rules.get(world_a.congress, k) for k in ("liaison.committee_days", "liaison.unit_answer_days",
                                                           "liaison.tracking_days"))
    expected = rules.add_days(world_a.congress, item.raised_on, longest)
    assert "已收到" in received and f"{expected.year}年{expected.month}月{expected.day}日" in received
    actions.triage_concern(world_a.congress, item, actor=world_a.office, path="referred", unit=world_a.unit)
    item.refresh_from_db()
    handling = client.get(url).content.decode()
    assert "正在办理" in handling and f"{item.due_on.year}年{item.due_on.month}月{item.due_on.day}日" in handling
    for internal in ("待分办", "上报办", "承办单位办理中"):
        assert internal not in handling
    actions.answer_concern(world_a.congress, item, actor=world_a.office, answer="已增设人行横道")
    answered = client.get(url).content.decode()
    assert "已答复" in answered and "您对办理结果满意吗" in answered
    rated = client.post(url, {"satisfaction": "satisfied"}, follow=True).content.decode()
    assert "已办结" in rated and "谢谢您的评价" in rated


def test_a_dismissed_concern_says_so_with_its_reason(world_a):
    item = concern(world_a)
    actions.dismiss_concern(world_a.congress, item, actor=world_a.office, reason="重复反映，已并入前件办理")
    html = Client().get(f"/c/{world_a.congress.code}/track/{item.tracking_code}/").content.decode()
    assert "不予受理" in html and "重复反映" in html


def test_the_public_api_speaks_the_same_plain_words(world_a):
    item = concern(world_a)
    base = f"/api/public/{world_a.congress.code}/track/"
    body = Client().get(base + item.tracking_code).json()
    assert body["status_label"] == "已收到" and body["expected_on"]
    typo = ("0" if item.tracking_code[0] != "0" else "1") + item.tracking_code[1:]
    mistyped = Client().get(base + typo)
    assert mistyped.status_code == 422 and "查询码有误" in str(mistyped.json())
