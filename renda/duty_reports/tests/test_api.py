"""Duty reports through the API with a token: plan, file, rate at a session and by a station, the record."""

from django.test import Client

from renda.core.actions import issue_api_token
from renda.duty_reports.models import DutyPlan, DutyReport
from renda.duty_reports.tests.fixtures import appointee, filed_report, pdf, year
from renda.testing import make_meeting, teller_keys, voters
from renda.voting import actions as voting
from renda.voting.models import Vote


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def test_the_round_trip_at_a_session(world_a):
    c, api = world_a.congress, Client()
    office = bearer(world_a, world_a.office)
    post = appointee(world_a, "吴局长")
    proposed = api.get(f"/api/duty-reports/proposed?year={year()}", **office).json()
    assert [p["membership_id"] for p in proposed] == [post.pk]
    made = api.post("/api/duty-reports/plans", {"year": year(), "deputy_ids": [world_a.deputies[0].person.pk]},
                    content_type="application/json", **office)
    assert made.status_code == 201, made.content
    reports = {r["person"]: r for r in made.json()["reports"]}
    assert set(reports) == {"吴局长", "李明"}
    rid = reports["吴局长"]["id"]
    empty = api.post(f"/api/duty-reports/{rid}/file", {"text": ""}, **office)
    assert empty.status_code == 422 and "正文或上传" in str(empty.json())
    filed = api.post(f"/api/duty-reports/{rid}/file", {"title": "述职报告", "file": pdf()}, **office)
    assert filed.status_code == 201 and filed.json()["status"] == "filed" and filed.json()["file"]
    meeting = make_meeting(world_a, members=3, sign_in=3)
    started = api.post(f"/api/duty-reports/{rid}/session-rating", {"meeting_id": meeting.pk},
                       content_type="application/json", **office)
    assert started.status_code == 201 and started.json()["status"] == "rating"
    vote = Vote.objects.in_congress(c).get(pk=DutyReport.objects.in_congress(c).get(pk=rid).vote_id)
    vote = voting.open_vote(c, vote, actor=world_a.office)
    for user, rating in zip(voters(meeting), ["满意", "不满意", "不满意"], strict=True):
        voting.cast_ballot(c, vote, actor=user, content={"rating": rating})
    voting.close_vote(c, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    done = api.post(f"/api/duty-reports/{rid}/session-result", **office)
    assert done.status_code == 201 and done.json()["grade"] == "不满意" and done.json()["satisfaction_rate"] == "33.3%"
    record = api.get(f"/api/duty-reports/people/{post.person_id}", **office).json()
    assert [r["grade"] for r in record] == ["不满意"]


def test_station_counts_and_refusals(world_a, world_b):
    api = Client()
    office = bearer(world_a, world_a.office)
    report = filed_report(world_a)
    bad = api.post(f"/api/duty-reports/{report.pk}/station-rating", {"satisfied": 0, "basic": 0, "unsatisfied": 0},
                   content_type="application/json", **office)
    assert bad.status_code == 422 and "合计须大于 0" in str(bad.json())
    negative = api.post(f"/api/duty-reports/{report.pk}/station-rating", {"satisfied": -1, "basic": 0, "unsatisfied": 2},
                        content_type="application/json", **office)
    assert negative.status_code == 422
    report.refresh_from_db()
    assert report.status == "filed"
    ok = api.post(f"/api/duty-reports/{report.pk}/station-rating", {"satisfied": 8, "basic": 1, "unsatisfied": 1},
                  content_type="application/json", **office)
    assert ok.status_code == 201 and ok.json()["grade"] == "满意"
    foreign = filed_report(world_b)
    assert api.get(f"/api/duty-reports/{foreign.pk}", **office).status_code == 404
    assert api.post(f"/api/duty-reports/{foreign.pk}/file", {"text": "x"}, **office).status_code == 404
    plan_b = DutyPlan.objects.in_congress(world_b.congress).get()
    assert api.post(f"/api/duty-reports/plans/{plan_b.pk}/people", {"deputy_ids": []}, content_type="application/json",
                    **office).status_code == 404
    deputy = bearer(world_a, world_a.deputy)
    assert api.post("/api/duty-reports/plans", {"year": year() + 1}, content_type="application/json",
                    **deputy).status_code == 403


def test_a_refused_plan_names_the_body_field_and_nothing_is_written(world_a):
    from renda.core.tests.test_api import bearer

    answer = Client().post("/api/duty-reports/plans", {"year": year(), "appointee_membership_ids": [10**6]},
                           content_type="application/json", **bearer(world_a, world_a.office))
    assert answer.status_code == 422
    assert {e["field"] for e in answer.json()["detail"]} == {"appointee_membership_ids"}
    assert not DutyPlan.objects.in_congress(world_a.congress).exists()
