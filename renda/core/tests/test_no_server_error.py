"""Hand-made bad inputs that once gave a server error (issue 11, point 4): each now gets a 4xx with a
Chinese message naming the field. The generated ones are in test_api_fuzz.py."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from renda.core import actions as core_actions
from renda.core.tests.test_api import bearer
from renda.meetings import queries
from renda.testing import make_meeting

HUGE = 2**63  # one past SQLite's largest integer


def fields(response) -> dict:
    return {e["field"]: e["message"] for e in response.json()["detail"]}


# ── NUL anywhere: refused before a view or a query reads it ──

def test_a_nul_in_a_query_parameter_is_refused_with_the_parameter_named(world_a):
    staff = bearer(world_a, world_a.office)
    response = Client().get("/api/deputies", {"q": "李\x00"}, **staff)
    assert response.status_code == 422
    assert fields(response) == {"q": "“q”不能包含控制字符"}


def test_a_nul_in_a_json_body_is_refused_with_the_field_named(world_a):
    staff = bearer(world_a, world_a.office)
    response = Client().post("/api/suggestions", {"title": "学校\x00门口", "body": "x"},
                             content_type="application/json", **staff)
    assert response.status_code == 422
    assert fields(response) == {"title": "“title”不能包含控制字符"}


def test_a_nul_inside_a_field_is_named_by_that_field(world_a):
    """A NUL in a nested object's value or key, or in a list's entry, names the body's field it is in."""
    staff = bearer(world_a, world_a.office)
    for body, field in [({"content": {"": "\x00"}}, "content"), ({"content": {"a\x00": 1}}, "content"),
                        ({"marks": ["x", "y\x00"]}, "marks"), ({"": "\x00"}, "正文")]:
        response = Client().post("/api/votes/1/ballot", body, content_type="application/json", **staff)
        assert response.status_code == 422
        assert fields(response) == {field: f"“{field}”不能包含控制字符"}


def test_the_anonymous_intake_and_the_tracking_code_refuse_a_nul(world_a):
    code, station = world_a.congress.code, world_a.station.pk
    intake = Client().post(f"/api/public/{code}/stations/{station}/concerns",
                           {"anonymous": True, "category": "其他", "text": "路灯\x00坏了"}, content_type="application/json")
    assert intake.status_code == 422 and "不能包含控制字符" in str(intake.json())
    assert Client().get(f"/api/public/{code}/track/AB%00CD").status_code == 422
    page = Client().get(f"/c/{code}/liaison/track/AB%00CD/")
    assert page.status_code == 400 and "不能包含控制字符" in page.content.decode()


def test_a_nul_in_a_page_query_is_refused_with_a_page_naming_it(world_a):
    client = Client()
    client.force_login(world_a.office)
    page = client.get(f"/c/{world_a.congress.code}/suggestions/reports/", {"year": "20\x0024"})
    assert page.status_code == 400 and "“year”不能包含控制字符" in page.content.decode()


# ── tokens ──

@pytest.mark.parametrize("token", ["².x", "٣.x", f"{HUGE}.x", f"{10**40}.secret", ".x", "1."])
def test_a_token_whose_congress_is_not_a_plain_number_is_401(world_a, token):
    assert Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


# ── numbers too large for the database ──

@pytest.mark.parametrize("path", ["/api/deputies/{n}", "/api/meetings/{n}", "/api/votes/{n}", "/api/concerns/{n}",
                                  "/api/suggestions/{n}", "/api/organisations/{n}", "/api/livelihood/calls/{n}"])
def test_an_id_past_the_largest_integer_is_not_found(world_a, path):
    staff = bearer(world_a, world_a.office)
    for n in (HUGE, 2**31, -1):
        assert Client().get(path.format(n=n), **staff).status_code in (404, 422)


def test_a_term_number_past_the_smallint_is_refused(world_a):
    staff = bearer(world_a, world_a.admin)
    response = Client().post("/api/terms", {"number": 40000, "start": "2027-01-10"},
                             content_type="application/json", **staff)
    assert response.status_code == 422 and "number" in fields(response)


# ── years ──

@pytest.mark.parametrize("year", [0, -1, 1948, 99999, HUGE])
def test_a_year_no_report_can_have_is_refused_by_the_api(world_a, year):
    staff = bearer(world_a, world_a.office)
    for path in (f"/api/liaison/statistics?year={year}", f"/api/suggestion-reports?year={year}",
                 f"/api/public/{world_a.congress.code}/suggestion-answers?year={year}"):
        response = Client().get(path, **staff)
        assert response.status_code == 422, path
        assert "年份" in str(response.json()), path


def test_the_first_and_last_report_years_are_taken(world_a):
    staff = bearer(world_a, world_a.office)
    for year in (1949, timezone.localdate().year + 1):
        assert Client().get(f"/api/liaison/statistics?year={year}", **staff).status_code == 200
        assert Client().get(f"/api/suggestion-reports?year={year}", **staff).status_code == 200


def test_a_report_page_with_a_bad_year_says_so_and_shows_this_year(world_a):
    client = Client()
    client.force_login(world_a.office)
    page = client.get(f"/c/{world_a.congress.code}/liaison/statistics/?year=-1").content.decode()
    assert "“年份”须为 1949 至" in page and str(timezone.localdate().year) in page


# ── a meeting on 0001-01-01 ──

@pytest.mark.parametrize("starts_at", ["0001-01-01T09:00:00+08:00", "9999-12-31T09:00:00+08:00"])
def test_a_meeting_at_the_ends_of_the_calendar_is_refused(world_a, starts_at):
    staff = bearer(world_a, world_a.office)
    response = Client().post("/api/meetings", {"term": world_a.term.pk, "kind": "plenary", "starts_at": starts_at},
                             content_type="application/json", **staff)
    assert response.status_code == 422 and "开始时间" in fields(response)["starts_at"]


# ── device sign-ins in GBK ──

def test_device_sign_ins_in_gbk_are_read(world_a):
    meeting = make_meeting(world_a, members=3, sign_in=0)
    staff = bearer(world_a, world_a.office)
    gbk = SimpleUploadedFile("sign.csv", "姓名\n李明\n王芳\n".encode("gbk"))
    response = Client().post(f"/api/meetings/{meeting.pk}/device-sign-ins", {"file": gbk}, **staff)
    assert response.status_code == 200 and queries.quorum(meeting).present == 2


def test_device_sign_ins_in_neither_utf8_nor_gb18030_are_refused_in_chinese(world_a):
    meeting = make_meeting(world_a, members=3, sign_in=0)
    staff = bearer(world_a, world_a.office)
    bad = SimpleUploadedFile("sign.csv", b"\xe5\xa7\x93\xe5\x90\x8d\n\x81\x30\xff\xff\n")
    response = Client().post(f"/api/meetings/{meeting.pk}/device-sign-ins", {"file": bad}, **staff)
    assert response.status_code == 422 and "file" in fields(response)


def test_a_term_is_created_with_the_action_at_the_window_edges(world_a):
    term = core_actions.create_term(world_a.congress, actor=world_a.root, number=99, start=datetime.date(1954, 1, 1))
    assert term.number == 99


def test_a_document_released_at_an_offset_postgresql_refuses_is_stored_in_utc(world_a):
    meeting = make_meeting(world_a, members=3, sign_in=0)
    staff = bearer(world_a, world_a.office)
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")
    response = Client().post(f"/api/meetings/{meeting.pk}/documents",
                             {"title": "议程", "audience": "public", "release_at": "2026-01-01T00:00:00+16:00", "file": pdf},
                             **staff)
    assert response.status_code == 201, response.content
    from renda.meetings.models import Document

    document = Document.objects.in_congress(world_a.congress).get()
    assert document.release_at == datetime.datetime(2025, 12, 31, 8, tzinfo=datetime.UTC)


@pytest.mark.parametrize("content", [{"marks": ["1"]}, {"marks": "for"}, {"marks": None}, {"marks": {"1": ["for"]}},
                                     {"marks": {}, "write_ins": "新项目"}, {"marks": {}, "write_ins": [None]}])
def test_a_livelihood_ballot_whose_marks_are_not_an_object_is_refused(world_a, content):
    from renda.livelihood.tests.test_livelihood import plenary_vote
    from renda.testing import make_call, voters

    call = make_call(world_a, to_choose=1, proposals=2)
    vote, plenary = plenary_vote(world_a, call, deputies=3, present=3)
    member = bearer(world_a, voters(plenary)[0])
    response = Client().post(f"/api/votes/{vote.pk}/ballot", {"content": content}, content_type="application/json",
                             **member)
    assert response.status_code == 422, response.content


def test_a_page_form_with_an_id_past_the_largest_integer_in_a_multiple_choice_is_refused(world_a):
    client = Client()
    client.force_login(world_a.office)
    page = client.post(f"/c/{world_a.congress.code}/suggestions/bulk-assign/",
                       {"items": [str(HUGE), "1"], "lead_unit": str(HUGE)})
    assert page.status_code in (200, 302)
    from renda.proposals.models import Suggestion

    assert list(Suggestion.objects.in_congress(world_a.congress).filter(pk__in=[HUGE, -HUGE])) == []


@pytest.mark.parametrize("text", ["路灯\x00坏了", "\u200b\u200b", "路灯\u202e坏了"])
def test_the_public_intake_page_refuses_nul_invisible_and_bidi_text_beside_the_field(world_a, text):
    from renda.liaison.models import Concern

    url = f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/intake/"
    form = {"category": "其他", "text": text, "anonymous": "on"}
    multipart = Client().post(url, form)  # the test client sends multipart, as the form's browser does
    assert multipart.status_code == 200  # the form again, with the error beside the field
    urlencoded = Client().post(url, urlencode(form), content_type="application/x-www-form-urlencoded")
    assert urlencoded.status_code in (200, 400)
    assert not Concern.objects.in_congress(world_a.congress).exists()
