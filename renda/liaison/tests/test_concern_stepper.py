"""A concern's page (staff) and its tracking page (the person) show its stages with the date each
happened: internal words for staff, plain words for the person; stages not reached show no date, only
"尚未进行" for screen readers (never "待办"). 收到 is the concern's 反映日期 (a reception's day, not the
day it was typed in), 答复 its 答复日期."""

import datetime

from django.utils import timezone

from renda.liaison import actions
from renda.liaison.tests.factory import concern, station_deputy
from renda.testing import signed_in


def _stepper(client, url) -> str:
    html = client.get(url).content.decode()
    assert "renda/stepper.css" in html
    return html.split('class="stepper"')[1].split("</ol>")[0]


def _dates(stepper: str) -> list[str]:
    return [part.split('datetime="')[1][:10] if 'datetime="' in part.split("</li>")[0] else ""
            for part in stepper.split('class="stepper-step')[1:]]


def test_the_concern_page_shows_its_stages_with_dates(world_a):
    station_deputy(world_a)
    item = concern(world_a)
    actions.triage_concern(world_a.congress, item, actor=world_a.office, path="referred", unit=world_a.unit)
    office = signed_in(world_a.office)
    page = f"/c/{world_a.congress.code}/concerns/{item.pk}/"
    stepper = _stepper(office, page)
    today = timezone.localdate().isoformat()
    assert "登记受理" in stepper and "分办（上报办）" in stepper
    assert _dates(stepper) == [today, today, "", ""]
    assert stepper.count("尚未进行") == 2 and "待办" not in stepper
    assert 'class="stepper-step current"' in stepper
    plain = _stepper(signed_in(world_a.public), f"/c/{world_a.congress.code}/track/{item.tracking_code}/")
    assert "收到" in plain and "正在办理" in plain and "已答复" in plain and "上报办" not in plain
    assert plain.count("尚未进行") == 2 and "待办" not in plain
    actions.answer_concern(world_a.congress, item, actor=world_a.users["unit_officer"], answer="已整改")
    stepper = _stepper(office, page)
    assert _dates(stepper) == [today, today, today, ""] and stepper.count("尚未进行") == 1


def test_a_concern_raised_at_a_past_reception_is_received_on_that_day(world_a):
    mandate = station_deputy(world_a)
    held_on = timezone.localdate() - datetime.timedelta(days=12)
    reception = actions.record_reception(
        world_a.congress, world_a.station, actor=world_a.office, held_on=held_on, deputies=[mandate], visitors=1,
        concerns=[{"person_name": "钱大爷", "person_contact": "13900000002", "category": "交通出行",
                   "text": "公交站没有遮雨棚", "place": "城关镇"}])
    item = reception.concerns.get()
    assert item.raised_on == held_on
    today = timezone.localdate().isoformat()
    staff = _stepper(signed_in(world_a.office), f"/c/{world_a.congress.code}/concerns/{item.pk}/")
    assert _dates(staff) == [held_on.isoformat(), "", "", ""]
    actions.triage_concern(world_a.congress, item, actor=world_a.office, path="referred", unit=world_a.unit)
    plain = _stepper(signed_in(world_a.public), f"/c/{world_a.congress.code}/track/{item.tracking_code}/")
    assert _dates(plain) == [held_on.isoformat(), today, "", ""]


def test_a_dismissed_concern_shows_received_and_dismissed(world_a):
    item = concern(world_a)
    actions.dismiss_concern(world_a.congress, item, actor=world_a.office, reason="不属于人大职权范围")
    stepper = _stepper(signed_in(world_a.office), f"/c/{world_a.congress.code}/concerns/{item.pk}/")
    today = timezone.localdate().isoformat()
    assert _dates(stepper) == [today, today] and "不予受理" in stepper and "尚未进行" not in stepper
