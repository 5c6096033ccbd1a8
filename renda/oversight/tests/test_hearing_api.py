"""The work-report API round trip: schedule, file late (multipart) with the flag, review, a speech,
the evaluation and conclusion; refusals in the API's error body; another congress's ids not found;
reads refused to those without view_oversight (a unit officer sees its own unit's reports)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from renda.core.actions import issue_api_token
from renda.core.roles import Role
from renda.oversight.tests.permission_calls_hearings import scheduled, session


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def test_the_round_trip(world_a, world_b):
    api, office = Client(), bearer(world_a, world_a.office)
    post = lambda path, body, **h: api.post(path, body, content_type="application/json", **(h or office))  # noqa: E731
    meeting = session(world_a, days=15)
    refused = post("/api/oversight/work-reports", {"title": "关于食品安全工作情况的报告", "body_id": world_a.committee.pk,
                                                   "meeting_id": meeting.pk})
    assert refused.status_code == 422 and "承办单位" in refused.json()["detail"][0]["message"]
    assert refused.json()["detail"][0]["field"] == "body_id"
    made = post("/api/oversight/work-reports", {"title": "关于食品安全工作情况的报告", "body_id": world_a.unit.pk,
                                                "meeting_id": meeting.pk, "reporter": "副市长 李某",
                                                "committee_id": world_a.committee.pk})
    assert made.status_code == 201, made.content
    report = made.json()
    assert report["status"] == "expected" and report["late"] and report["late_flag"] == "未报送，已逾期 5 日"
    assert [t["missed"] for t in report["lead_times"]] == [True, False, False]
    rid = report["id"]

    officer = bearer(world_a, world_a.users[Role.UNIT_OFFICER])
    unknown = api.post(f"/api/oversight/work-reports/{rid}/file", {"summary": "要点", "extra": "x"}, **officer)
    assert unknown.status_code == 422
    filed = api.post(f"/api/oversight/work-reports/{rid}/file",
                     {"summary": "一、基本情况", "late_reason": "数据核实",
                      "document": SimpleUploadedFile("报告.pdf", b"%PDF-1.4\n%%EOF\n")}, **officer)
    assert filed.status_code == 200, filed.content
    assert filed.json()["late_flag"] == "逾期报送 5 日" and filed.json()["late_reason"] == "数据核实"
    assert api.get(f"/api/oversight/work-reports/{rid}", **officer).status_code == 200
    listed = api.get("/api/oversight/work-reports", **officer)  # the officer's own unit's reports only
    assert listed.status_code == 200 and [r["id"] for r in listed.json()] == [rid]

    early = post(f"/api/oversight/work-reports/{rid}/speeches", {})
    assert early.status_code in (415, 422)
    review = post(f"/api/oversight/work-reports/{rid}/review",
                  {"opinion": "同意提请审议", "reviewed_on": timezone.localdate().isoformat()})
    assert review.status_code == 200 and review.json()["status"] == "reviewed"
    speech = api.post(f"/api/oversight/work-reports/{rid}/speeches",
                      {"speaker_id": world_a.deputies[1].person.pk, "text": "建议加强监管"}, **office)
    assert speech.status_code == 201, speech.content
    assert speech.json()["speaker"] == "王芳"
    got = api.get(f"/api/oversight/work-reports/{rid}", **office).json()
    assert got["status"] == "deliberated" and got["speeches"][0]["text"] == "建议加强监管"
    outcome = post(f"/api/oversight/work-reports/{rid}/outcome", {})
    assert outcome.status_code == 422
    done = post(f"/api/oversight/work-reports/{rid}/conclude", {})
    assert done.status_code == 200 and done.json()["status"] == "concluded"

    listed = api.get("/api/oversight/work-reports?status=concluded", **office).json()
    assert [r["id"] for r in listed] == [rid]
    other = scheduled(world_b)
    assert api.get(f"/api/oversight/work-reports/{other.pk}", **office).status_code == 404
    assert post(f"/api/oversight/work-reports/{other.pk}/conclude", {}).status_code == 404
    assert api.get("/api/oversight/work-reports", **bearer(world_a, world_a.deputy)).status_code == 403


def test_evaluation_over_the_api(world_a):
    from renda.oversight.tests.permission_calls_hearings import deliberated

    api, office = Client(), bearer(world_a, world_a.office)
    report = deliberated(world_a, scheduled(world_a, session(world_a, days=0, open_it=True)))
    started = api.post(f"/api/oversight/work-reports/{report.pk}/evaluation", {}, content_type="application/json",
                       **office)
    assert started.status_code == 200 and started.json()["status"] == "evaluating" and started.json()["evaluation_id"]
    too_soon = api.post(f"/api/oversight/work-reports/{report.pk}/outcome", {}, content_type="application/json",
                        **office)
    assert too_soon.status_code == 422 and "结束后才能记录" in too_soon.json()["detail"][0]["message"]
    report.refresh_from_db()
    assert report.outcome == "" and report.report_again_by is None  # nothing decided yet
