"""A deputy's report to the voters (代表向选民述职) and the voters' evaluation on the phone: the window,
one evaluation per phone and per person, the limit per network address, the counts on closing (phone
plus paper) and the grade at its boundary, the pages and the API."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from renda.core import actions as core_actions
from renda.duty_reports import actions, queries, voters
from renda.duty_reports.models import DutyReport, VoterEvaluation
from renda.duty_reports.tests.fixtures import filed_report, open_report, scheduled_report, voter
from renda.liaison import intake_guard
from renda.testing import signed_in

S, E = DutyReport.Status, DutyReport.Evaluation


@pytest.fixture(autouse=True)
def _still_hour(monkeypatch):
    monkeypatch.setattr(intake_guard, "_hour", lambda: 700_000)


def evaluate(world, report, n: int, rating: str = "满意", **over):
    return actions.evaluate_duty_report(world.congress, report, actor=AnonymousUser(),
                                        **{**voter(n), "rating": rating, **over})


def test_schedule_needs_a_place_a_time_and_a_window_ending_later(world_a):
    c, report = world_a.congress, filed_report(world_a)
    now = timezone.now()
    with pytest.raises(ValidationError) as nowhere:
        actions.schedule_voter_evaluation(c, report, actor=world_a.root, held_at=now)
    assert "二者选其一" in str(nowhere.value)
    with pytest.raises(ValidationError) as both:
        actions.schedule_voter_evaluation(c, report, actor=world_a.root, held_at=now, station=world_a.station,
                                          electoral_unit="第三选区")
    assert "二者选其一" in str(both.value)
    with pytest.raises(ValidationError) as backwards:
        actions.schedule_voter_evaluation(c, report, actor=world_a.root, held_at=now, electoral_unit="第三选区",
                                          closes_at=now - datetime.timedelta(minutes=1))
    assert "评议结束时间" in str(backwards.value)
    with pytest.raises(ValidationError) as not_a_station:
        actions.schedule_voter_evaluation(c, report, actor=world_a.root, held_at=now, station=world_a.unit)
    assert "代表联络站" in str(not_a_station.value)
    report.refresh_from_db()
    assert report.evaluation == "" and report.held_at is None
    done = actions.schedule_voter_evaluation(c, report, actor=world_a.root, held_at="2099-05-01T09:00",
                                             electoral_unit="城关镇第三选区")
    assert done.evaluation == E.SCHEDULED and done.place == "城关镇第三选区" and done.evaluation_key
    hours = done.evaluation_closes_at - done.evaluation_opens_at
    assert done.evaluation_opens_at == done.held_at and hours == datetime.timedelta(hours=3)


def test_before_the_window_refused_at_its_end_refused_just_before_accepted(world_a, monkeypatch):
    c = world_a.congress
    report = open_report(world_a, opens_in=60, hours=2)
    with pytest.raises(ValidationError) as early:
        evaluate(world_a, report, 1)
    assert "将于" in str(early.value) and "开始" in str(early.value)
    start, end = report.evaluation_opens_at, report.evaluation_closes_at
    monkeypatch.setattr(timezone, "now", lambda: start)
    evaluate(world_a, report, 2)  # at the start: accepted
    monkeypatch.setattr(timezone, "now", lambda: end - datetime.timedelta(microseconds=1))
    evaluate(world_a, report, 3)  # just before the end: accepted
    monkeypatch.setattr(timezone, "now", lambda: end)
    with pytest.raises(ValidationError) as late:  # at the end: refused
        evaluate(world_a, report, 4)
    assert "已结束" in str(late.value)
    assert VoterEvaluation.objects.in_congress(c).filter(report=report).count() == 2


def test_not_open_not_accepted_and_closed_not_accepted(world_a):
    c = world_a.congress
    report = scheduled_report(world_a)
    with pytest.raises(ValidationError, match="尚未开始"):
        evaluate(world_a, report, 1)
    actions.open_voter_evaluation(c, report, actor=world_a.root)
    evaluate(world_a, report, 1)
    actions.close_voter_evaluation(c, report, actor=world_a.root)
    with pytest.raises(ValidationError, match="已结束"):
        evaluate(world_a, report, 2)


def test_twice_from_one_phone_or_by_one_person_refused_nothing_written(world_a):
    c = world_a.congress
    report = open_report(world_a)
    evaluate(world_a, report, 1, "满意")
    with pytest.raises(actions.AlreadyEvaluated) as same_phone:
        evaluate(world_a, report, 2, "不满意", device="phone-1")
    assert actions.ALREADY in str(same_phone.value)
    with pytest.raises(actions.AlreadyEvaluated):  # the same person from another phone, name spaced differently
        evaluate(world_a, report, 3, "不满意", name=" 选 民1 ", digits="０００１")
    assert list(VoterEvaluation.objects.in_congress(c).filter(report=report).values_list("rating", flat=True)) == ["满意"]
    # The same phone and person may evaluate another deputy's report.
    other = open_report(world_a)
    evaluate(world_a, other, 1)
    # Nothing identifying is stored.
    row = VoterEvaluation.objects.in_congress(c).filter(report=report).get()
    assert "选民1" not in row.voter and "phone-1" not in row.device


def test_bad_input_named_and_nothing_written(world_a):
    c = world_a.congress
    report = open_report(world_a)
    with pytest.raises(ValidationError) as bad:
        evaluate(world_a, report, 1, "很好", name=" ", digits="12a4", comment="长" * 501, device="")
    fields = bad.value.message_dict
    assert set(fields) == {"rating", "name", "digits", "comment", "device"}
    assert "4 位数字" in fields["digits"][0] and "500" in fields["comment"][0]
    evaluate(world_a, report, 2, digits="123x", comment="长" * 500)  # ID ending in X, comment at the limit
    assert VoterEvaluation.objects.in_congress(c).filter(report=report).count() == 1


def test_counts_on_closing_equal_the_evaluations_plus_paper_and_results_for_reads_them(world_a):
    c = world_a.congress
    report = open_report(world_a)
    ratings = ["满意"] * 5 + ["基本满意"] * 2 + ["不满意"]
    for n, rating in enumerate(ratings, start=1):
        evaluate(world_a, report, n, rating)
    actions.record_paper_counts(c, report, actor=world_a.root, satisfied=3, basic=1, unsatisfied=0)
    closed = actions.close_voter_evaluation(c, report, actor=world_a.root)
    assert (closed.satisfied, closed.basic, closed.unsatisfied) == (8, 3, 1)
    assert closed.status == S.RATED and closed.grade == "满意" and closed.rated_by == DutyReport.RatedBy.STATION
    assert closed.evaluation == E.CLOSED and closed.evaluation_closes_at <= timezone.now()
    [record] = queries.results_for(c, report.person)
    assert (record.satisfied, record.basic, record.unsatisfied, record.grade) == (8, 3, 1, "满意")
    # Paper counts corrected after the close: replaced, and the report recomputed.
    actions.record_paper_counts(c, report, actor=world_a.root, satisfied=0, basic=0, unsatisfied=10)
    report.refresh_from_db()
    assert (report.satisfied, report.basic, report.unsatisfied, report.grade) == (5, 2, 11, "不满意")
    # The station's manual recording is not offered over a phone evaluation.
    with pytest.raises(ValidationError, match="书面评议票数"):
        actions.record_station_rating(c, scheduled_report(world_a), actor=world_a.root, satisfied=1, basic=0,
                                      unsatisfied=0)


def test_an_electoral_unit_is_rated_by_the_voters_and_closing_with_nothing_refused(world_a):
    c = world_a.congress
    report = open_report(world_a, station=False)
    assert report.rated_by == DutyReport.RatedBy.VOTERS and report.status == S.RATING
    with pytest.raises(ValidationError, match="还没有选民评议"):
        actions.close_voter_evaluation(c, report, actor=world_a.root)
    report.refresh_from_db()
    assert report.evaluation == E.OPEN


@pytest.mark.parametrize(("unsatisfied", "grade"), [(2, "基本满意"), (3, "不满意")])
def test_grade_boundary_half_unsatisfied_is_not_unsatisfied(world_a, unsatisfied, grade):
    """Rule duty_reports.unsatisfied_fraction (1/2): 2 of 4 不满意 is not more than half; 3 of 5 is."""
    c = world_a.congress
    report = open_report(world_a)
    for n in range(unsatisfied):
        evaluate(world_a, report, n, "不满意")
    evaluate(world_a, report, 100, "满意")
    evaluate(world_a, report, 101, "基本满意")
    assert actions.close_voter_evaluation(c, report, actor=world_a.root).grade == grade


@pytest.mark.parametrize(("satisfied", "grade"), [(2, "基本满意"), (3, "满意")])
def test_grade_boundary_satisfied_more_than_half(world_a, satisfied, grade):
    c = world_a.congress
    report = open_report(world_a)
    for n in range(satisfied):
        evaluate(world_a, report, n, "满意")
    evaluate(world_a, report, 100, "基本满意")
    evaluate(world_a, report, 101, "基本满意")
    assert actions.close_voter_evaluation(c, report, actor=world_a.root).grade == grade


def test_open_needs_a_filed_report_and_a_window_not_over(world_a, monkeypatch):
    c = world_a.congress
    report = scheduled_report(world_a)
    monkeypatch.setattr(timezone, "now", lambda: report.evaluation_closes_at)
    with pytest.raises(ValidationError, match="重新安排"):
        actions.open_voter_evaluation(c, report, actor=world_a.root)
    monkeypatch.undo()
    monkeypatch.setattr(intake_guard, "_hour", lambda: 700_000)
    actions.open_voter_evaluation(c, report, actor=world_a.root)
    with pytest.raises(ValidationError):  # no rescheduling once open
        actions.schedule_voter_evaluation(c, report, actor=world_a.root, held_at=timezone.now(),
                                          electoral_unit="第三选区")


def _page(world, report):
    return f"/c/{world.congress.code}/duty-reports/evaluate/{report.evaluation_key}/"


def test_the_public_page_cookie_twice_from_one_phone_and_another_phone_same_person(world_a):
    c = world_a.congress
    report = open_report(world_a)
    phone = Client()
    first = phone.get(_page(world_a, report))
    assert first.status_code == 200 and voters.COOKIE in first.cookies and "满意" in first.content.decode()
    sent = phone.post(_page(world_a, report), {"rating": "满意", "name": "王芳", "digits": "1234", "comment": "多来社区"})
    assert sent.status_code == 302
    assert "评议已提交" in phone.get(sent["Location"]).content.decode()
    assert actions.ALREADY in phone.get(_page(world_a, report)).content.decode()
    again = phone.post(_page(world_a, report), {"rating": "不满意", "name": "张三", "digits": "9999"})
    assert again.status_code == 409 and actions.ALREADY in again.content.decode()
    other = Client()
    other.get(_page(world_a, report))
    same_person = other.post(_page(world_a, report), {"rating": "不满意", "name": "王芳", "digits": "1234"})
    assert same_person.status_code == 409 and actions.ALREADY in same_person.content.decode()
    bad = other.post(_page(world_a, report), {"rating": "满意", "name": "李四", "digits": "12"})
    assert bad.status_code == 422 and "李四" in bad.content.decode() and "后四位" in bad.content.decode()
    assert VoterEvaluation.objects.in_congress(c).filter(report=report).count() == 1
    no_cookie = Client().post(_page(world_a, report), {"rating": "满意", "name": "赵六", "digits": "5555"})
    assert no_cookie.status_code == 422 and "Cookie" in no_cookie.content.decode()
    assert Client().get(f"/c/{c.code}/duty-reports/evaluate/nonsense/").status_code == 404


def test_limit_per_network_address(world_a):
    c = world_a.congress
    core_actions.change_rule(c, actor=world_a.admin, key="duty_reports.evaluations_per_address_hour", value=3)
    report = open_report(world_a)
    statuses = []
    for n in range(5):
        phone = Client(REMOTE_ADDR="10.0.0.7")
        phone.get(_page(world_a, report))
        statuses.append(phone.post(_page(world_a, report), {"rating": "满意", "name": f"甲{n}", "digits": "1111"}).status_code)
    assert statuses == [302, 302, 302, 429, 429]
    assert Client(REMOTE_ADDR="10.0.0.7").get(_page(world_a, report)).status_code == 429
    elsewhere = Client(REMOTE_ADDR="10.0.0.8")
    elsewhere.get(_page(world_a, report))
    assert elsewhere.post(_page(world_a, report), {"rating": "满意", "name": "乙", "digits": "1111"}).status_code == 302
    assert VoterEvaluation.objects.in_congress(c).filter(report=report).count() == 4


def test_the_office_page_shows_the_qr_and_live_counts_and_runs_the_steps(world_a, world_b):
    c = world_a.congress
    report = filed_report(world_a)
    office = signed_in(world_a.office)
    url = f"/c/{c.code}/duty-reports/{report.pk}/"
    bad = office.post(url + "do/schedule/", {"electoral_unit": "城关镇第三选区", "held_at": "明天"})
    assert bad.status_code == 422 and "城关镇第三选区" in bad.content.decode()
    start = timezone.localtime() + datetime.timedelta(minutes=5)
    ok = office.post(url + "do/schedule/", {"station": world_a.station.pk, "held_at": start.strftime("%Y-%m-%dT%H:%M")})
    assert ok.status_code == 302
    report.refresh_from_db()
    page = office.get(url).content.decode()
    assert "<svg" in page and report.evaluation_key in page and 'id="live-counts"' in page
    assert office.post(url + "do/open_evaluation/").status_code == 302
    report.refresh_from_db()
    monkey_now = report.evaluation_opens_at
    assert report.status == S.RATING and monkey_now
    assert office.post(url + "do/paper/", {"satisfied": "2", "basic": "-1", "unsatisfied": "0"}).status_code == 422
    assert office.post(url + "do/paper/", {"satisfied": "2", "basic": "0", "unsatisfied": "0"}).status_code == 302
    counts = office.get(f"/c/{c.code}/duty-reports/{report.pk}/counts/")
    assert counts.status_code == 200 and 'id="voter-counts"' in counts.content.decode()
    assert signed_in(world_a.deputy).get(f"/c/{c.code}/duty-reports/{report.pk}/counts/").status_code == 403
    assert signed_in(world_b.office).get(f"/c/{world_b.congress.code}/duty-reports/{report.pk}/counts/").status_code == 404
    assert office.post(url + "do/close_evaluation/").status_code == 302
    report.refresh_from_db()
    assert (report.satisfied, report.basic, report.unsatisfied, report.grade) == (2, 0, 0, "满意")


class _Api:
    def __init__(self, world, user):
        from renda.core.actions import issue_api_token

        self.client = Client()
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}

    def get(self, url):
        return self.client.get(url, **self.auth)

    def post(self, url, body):
        return self.client.post(url, body, content_type="application/json", **self.auth)


def test_the_api_runs_every_step_and_the_public_evaluation(world_a, world_b):
    c = world_a.congress
    report = filed_report(world_a)
    office = _Api(world_a, world_a.office)
    start = timezone.now()
    done = office.post(f"/api/duty-reports/{report.pk}/voter-evaluation",
                       {"held_at": start.isoformat(), "electoral_unit": "城关镇第三选区",
                        "closes_at": (start + datetime.timedelta(hours=1)).isoformat()})
    assert done.status_code == 201, done.content
    body = done.json()
    assert body["place"] == "城关镇第三选区" and body["evaluation"] == "scheduled"
    assert office.post(f"/api/duty-reports/{report.pk}/voter-evaluation/open", {}).status_code == 201
    report.refresh_from_db()
    public = Client()
    base = f"/api/public/{c.code}/duty-reports/evaluate/{report.evaluation_key}"
    info = public.get(base).json()
    assert info["accepting"] and info["device_token"]
    vote = {"device_token": info["device_token"], "rating": "基本满意", "name": "钱七", "digits": "4321"}
    assert public.post(base, vote, content_type="application/json").status_code == 201
    twice = public.post(base, {**vote, "name": "孙八"}, content_type="application/json")
    assert twice.status_code == 409 and twice.json()["detail"][0]["message"] == actions.ALREADY
    forged = public.post(base, {**vote, "device_token": "forged", "name": "周九"}, content_type="application/json")
    assert forged.status_code == 422 and forged.json()["detail"][0]["field"] == "device_token"
    live = office.get(f"/api/duty-reports/{report.pk}/voter-evaluation").json()
    assert live["phone"] == {"satisfied": 0, "basic": 1, "unsatisfied": 0}
    assert office.post(f"/api/duty-reports/{report.pk}/paper-counts",
                       {"satisfied": 1, "basic": 0, "unsatisfied": 0}).status_code == 201
    closed = office.post(f"/api/duty-reports/{report.pk}/voter-evaluation/close", {})
    assert closed.status_code == 201
    assert (closed.json()["satisfied"], closed.json()["basic"], closed.json()["grade"]) == (1, 1, "基本满意")
    assert _Api(world_b, world_b.office).post(f"/api/duty-reports/{report.pk}/voter-evaluation/open", {}).status_code == 404
    assert Client().get(f"/api/public/{world_b.congress.code}/duty-reports/evaluate/{report.evaluation_key}").status_code == 404
