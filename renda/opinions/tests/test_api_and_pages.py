"""The register through the API (a direct line answered and acknowledged, a meeting's tasks, errors
naming fields) and on the pages (the phone form keeps input, the list's filters, the export)."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from django.utils import timezone

from renda.core.actions import issue_api_token
from renda.core.roles import Role
from renda.liaison.models import Concern
from renda.opinions.tests import factory
from renda.testing import make_meeting, signed_in

pytestmark = pytest.mark.django_db


def api(world, user):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}
    client = Client()

    def post(path, body):
        return client.post(f"/api{path}", json.dumps(body), content_type="application/json", **headers)

    def get(path):
        return client.get(f"/api{path}", **headers)

    return post, get


def test_a_direct_line_round_trip_through_the_api(world_a):
    post, get = api(world_a, world_a.deputy)
    sent = post("/opinions/direct-line", {"category": "交通出行", "text": "桥面坑洼", "place": "西桥"})
    assert sent.status_code == 201, sent.content
    item_id = sent.json()["id"]
    office_post, office_get = api(world_a, world_a.office)
    assert office_get("/opinions?source=direct_line").json()[0]["id"] == item_id
    assigned = office_post(f"/opinions/{item_id}/assign", {"unit": world_a.unit.pk})
    assert assigned.status_code == 200 and assigned.json()["status"] == "referred"
    unit_post, _ = api(world_a, world_a.users[Role.UNIT_OFFICER])
    assert unit_post(f"/opinions/{item_id}/answer", {"answer": "已修复"}).json()["status"] == "answered"
    mine = get("/opinions/mine").json()
    assert mine[0]["answer"] == "已修复"
    done = post(f"/opinions/{item_id}/feedback", {"satisfaction": "satisfied"})
    assert done.json()["status"] == "closed"
    stats = office_get(f"/opinions/statistics?year={timezone.localdate().year}").json()
    assert stats["total"]["received"] == 1 and stats["total"]["on_time"] == 1


def test_a_meetings_tasks_and_errors_name_the_field(world_a):
    meeting = make_meeting(world_a, open_it=False)
    post, _ = api(world_a, world_a.office)
    bad = post("/opinions/record", {"source": "meeting_task", "meeting": meeting.pk,
                                    "points": [{"speaker": world_a.deputies[0].person.pk, "category": "不存在", "text": "x"}]})
    assert bad.status_code == 422
    assert {d["field"] for d in bad.json()["detail"]} == {"points.0.category"}
    ok = post("/opinions/record", {"source": "meeting_task", "meeting": meeting.pk,
                                   "points": [{"speaker": world_a.deputies[0].person.pk, "category": "教育", "text": "抓紧办"}]})
    assert ok.status_code == 201 and ok.json()[0]["meeting_id"] == meeting.pk
    refused = api(world_a, world_a.office)[0]("/opinions/direct-line", {"category": "教育", "text": "x"})
    assert refused.status_code == 403


def test_another_congress_item_is_not_found(world_a, world_b):
    theirs = factory.direct_line(world_b)
    _, get = api(world_a, world_a.office)
    assert get(f"/opinions/{theirs.pk}").status_code == 404


def test_the_phone_form_keeps_input_and_names_the_field(world_a):
    client = signed_in(world_a.deputy)
    url = f"/c/{world_a.congress.code}/opinions/direct-line/"
    assert client.get(url).status_code == 200
    page = client.post(url, {"category": "", "text": "我写的内容", "place": "东街"})
    body = page.content.decode()
    assert page.status_code == 422 and "我写的内容" in body and "东街" in body and "“类别”" in body
    assert not Concern.objects.in_congress(world_a.congress).filter(source="direct_line").exists()
    sent = client.post(url, {"category": "教育", "text": "我写的内容"})
    assert sent.status_code == 302
    assert "我写的内容" in client.get(f"/c/{world_a.congress.code}/opinions/mine/").content.decode()
    assert signed_in(world_a.office).get(url).status_code == 403


def test_the_list_filters_the_item_page_and_the_export(world_a):
    factory.direct_line(world_a, text="第一件直通车")
    petition = factory.petition(world_a, text="第二件信访")
    client = signed_in(world_a.office)
    base = f"/c/{world_a.congress.code}/opinions/"
    listed = client.get(base + "?source=petition").content.decode()
    assert "第二件信访" in listed and "第一件直通车" not in listed
    assert "第一件直通车" in client.get(base + "?q=直通车").content.decode()
    page = client.get(f"{base}{petition.pk}/").content.decode()
    assert "交办" in page and "13900000000" in page
    bad = client.post(f"{base}{petition.pk}/do/assign/", {"unit": "", "due_on": ""})
    assert bad.status_code == 422 and "请选择承办单位" in bad.content.decode()
    form = client.get(base + "petition/")
    assert form.status_code == 200
    xlsx = client.get(base + "statistics.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["按来源", "按承办单位", "按月份"]
    assert client.get(base + "statistics/").status_code == 200
