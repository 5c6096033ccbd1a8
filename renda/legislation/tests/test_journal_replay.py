"""The journal's two legislation cases replayed through the API with tokens (issue 15, "Replay the
journal"):

- 农田灌溉用水管理条例: the 2026 plan with the item placed on 2/26, the bill started from the item,
  legislative research on 3/3–3/4 at five sites in two counties with a questionnaire (the oversight
  machinery), the preliminary review report at the directors' meeting on 3/18, the first reading at
  the standing-committee session on 3/31 — deliberation, no vote;
- 乌梁素海流域生态保护条例: passed 2023-08-25, approved 2023-09-27 (33 days, inside four months), in
  force 2023-11-01, reviewed in Q4 2024; a submission decided after more than four months is late.

Off the API only the meetings (the meetings app's sessions, renda.testing.make_meeting) and the
members' votes on the voting engine (the enactment tests' fixtures); every legislation step goes
through /api/… and is read back through the GET endpoints."""

from __future__ import annotations

import datetime

from django.utils import timezone

from renda.agenda.tests.test_journal_replay import Api, pdf
from renda.enactment.tests import fixtures as f
from renda.legislation.tests.fixtures import TEXT
from renda.legislative_plans.tests.fixtures import legal_committee
from renda.testing import make_meeting
from renda.voting.models import Vote

SITES = [("2026-03-03", "东河县", "东河县红旗灌区渠首"), ("2026-03-03", "东河县", "东河县向阳村用水户协会"),
         ("2026-03-03", "东河县", "东河县第三支渠"), ("2026-03-04", "西山县", "西山县水务局"),
         ("2026-03-04", "西山县", "西山县丰收村高效节水示范区")]


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_the_irrigation_regulation_from_the_plan_to_its_first_reading(world_a):
    api, c = Api(world_a.congress, world_a.office), world_a.congress
    committee = legal_committee(world_a)

    plan = api.post("/api/legislative-plans/yearly", {"year": 2026}, status=201)
    assert plan["kind"] == "yearly" and plan["year"] == 2026 and plan["items"] == []
    item = api.post(f"/api/legislative-plans/{plan['id']}/items",
                    {"title": "示例市农田灌溉用水管理条例", "status": "formal", "drafting_body_id": world_a.unit.pk,
                     "committee_id": committee.pk, "placed_on": "2026-02-26",
                     "planned_readings": [{"reading": "一审", "month": "2026-03"}]}, status=201)
    assert item["placed_on"] == "2026-02-26" and item["status"] == "formal" and item["bill_id"] is None
    adopted = api.post(f"/api/legislative-plans/{plan['id']}/adopt", {"adopted_on": "2026-02-26"})
    assert adopted["status"] == "adopted" and adopted["statistics"]["by_status"]["formal"] == 1

    # Legislative research on the oversight machinery: the team, the plan with five stops, the visits.
    research = api.post(f"/api/legislative-plans/items/{item['id']}/research",
                        {"title": "《示例市农田灌溉用水管理条例（草案）》立法调研", "year": 2026}, status=201)
    assert research["kind"] == "law_research" and research["item_id"] == item["id"]
    aid = research["activity_id"]
    leader = world_a.deputies[0].person
    team = api.client.put(f"/api/oversight/activities/{aid}/team", {"leader_id": leader.pk},
                          content_type="application/json", **api.auth)
    assert team.status_code == 200, team.content
    planned = api.client.put(
        f"/api/oversight/activities/{aid}/plan",
        {"goals": "了解农田灌溉用水管理现状，听取基层对条例草案的意见。", "starts_on": "2026-03-03", "ends_on": "2026-03-04",
         "stops": [{"day": d, "county": county, "site": site} for d, county, site in SITES]},
        content_type="application/json", **api.auth)
    assert planned.status_code == 200, planned.content
    activity = api.post(f"/api/oversight/activities/{aid}/begin")
    assert activity["kind"] == "law_research", activity
    for day, county, site in SITES:
        visit = api.post(f"/api/oversight/activities/{aid}/site-visits",
                         {"day": day, "county": county, "place": site, "observations": "计量设施不全，渠道老化。"},
                         status=201, multipart=True)
        assert visit["place"] == site and visit["day"] == day
    visits = api.get(f"/api/oversight/activities/{aid}/site-visits")
    assert len(visits) == 5 and {v["county"] for v in visits} == {"东河县", "西山县"}
    assert {v["day"] for v in visits} == {"2026-03-03", "2026-03-04"}
    survey = api.post("/api/questionnaires", {"title": "农田灌溉用水情况问卷"}, status=201)
    questions = api.client.put(f"/api/questionnaires/{survey['id']}/questions", {"questions": [
        {"text": "您家的灌溉用水是否计量收费？", "kind": "single", "choices": ["按方计量", "按亩收费", "不收费"]},
        {"text": "您的意见和建议", "kind": "text", "required": False}]}, content_type="application/json", **api.auth)
    assert questions.status_code == 200, questions.content
    assert api.post(f"/api/questionnaires/{survey['id']}/open")["status"] == "open"
    attached = api.post(f"/api/oversight/activities/{aid}/questionnaires", {"questionnaire_id": survey["id"]},
                        status=201)
    assert [q["id"] for q in attached] == [survey["id"]]

    # The bill from the item, submitted by the government.
    started = api.post(f"/api/legislative-plans/items/{item['id']}/bill",
                       {"text": TEXT, "explanation": "关于《示例市农田灌溉用水管理条例（草案）》的说明。"}, status=201)
    bill_id = started["bill_id"]
    assert bill_id and started["bill_status"] == "drafting"
    bill = api.get(f"/api/legislation/bills/{bill_id}")
    assert bill["title"] == "示例市农田灌溉用水管理条例" and bill["committee_id"] == committee.pk
    assert len(bill["versions"]) == 1
    version_id = bill["versions"][0]["id"]
    submitted = api.post(f"/api/enactment/bills/{bill_id}/submit",
                         {"version_id": version_id, "proposer_kind": "government", "proposer_id": world_a.unit.pk,
                          "presenter": "市水务局局长", "submitted_on": "2026-03-10"})
    assert submitted["status"] == "submitted" and submitted["submitted_on"] == "2026-03-10"

    # The preliminary review report at the directors' meeting on 3/18.
    directors = make_meeting(world_a, kind="directors", members=2, starts_at=at(datetime.date(2026, 3, 18)))
    heard = api.post(f"/api/enactment/bills/{bill_id}/preliminary-review",
                     {"file": pdf("初审意见的报告.pdf"), "meeting_id": str(directors.pk), "committee_id": str(committee.pk)},
                     status=201, multipart=True)
    [report] = heard["reports"]
    assert report["kind"] == "preliminary" and report["meeting_id"] == directors.pk
    assert report["reported_on"] == "2026-03-18" and report["body"] == committee.name
    assert heard["status"] == "submitted" and heard["readings"] == []

    # The first reading at the session on 3/31: the draft out on 3/20, deliberated, no vote.
    session = make_meeting(world_a, members=5, starts_at=at(datetime.date(2026, 3, 31)))
    scheduled = api.post(f"/api/enactment/bills/{bill_id}/readings",
                         {"version_id": version_id, "meeting_id": session.pk,
                          "distributed_at": at(datetime.date(2026, 3, 20), 15).isoformat()}, status=201)
    [reading] = scheduled["readings"]
    assert reading["number"] == 1 and reading["days_before"] == 11 and reading["status"] != "held"
    held = api.post(f"/api/enactment/bills/{bill_id}/readings/{reading['id']}/held")
    assert held["status"] == "under_deliberation" and held["readings_held"] == 1
    assert held["readings"][0]["held_on"] == "2026-03-31"
    assert held["votes"] == [] and held["passed_on"] is None and held["approval"] is None
    assert not Vote.objects.in_congress(c).filter(meeting=session).exists()
    assert api.get(f"/api/legislation/bills/{bill_id}")["status"] == "under_deliberation"
    assert api.get(f"/api/legislative-plans/items/{item['id']}")["bill_status"] == "under_deliberation"
    # The bill cannot be put to a vote yet (three readings required by default; no 表决稿).
    refused = api.client.post(f"/api/enactment/bills/{bill_id}/vote", {"meeting_id": session.pk},
                              content_type="application/json", **api.auth)
    assert refused.status_code in (409, 422), refused.content
    assert api.get(f"/api/enactment/bills/{bill_id}")["votes"] == []


def _passed(world, on: datetime.date, title: str):
    """A bill read twice, its 表决稿 put to the vote over the API and passed (the votes cast off the API)."""
    api = Api(world.congress, world.office)
    bill, meeting = f.ready(world, readings=2, on=on, title=title)
    made = api.post(f"/api/enactment/bills/{bill.pk}/vote", {"meeting_id": meeting.pk}, status=201)
    vote = Vote.objects.in_congress(world.congress).get(pk=made["votes"][0]["vote_id"])
    f.cast(world, vote, meeting, yes=5)
    out = api.post(f"/api/enactment/bills/{bill.pk}/outcome")
    assert out["status"] == "passed" and out["passed_on"] == on.isoformat() and out["approval_required"]
    return api, bill


def test_the_wuliangsuhai_regulation_approved_in_33_days_in_force_and_reviewed(world_a):
    api, bill = _passed(world_a, datetime.date(2023, 8, 25), "乌梁素海流域生态保护条例")
    sent = api.post(f"/api/enactment/bills/{bill.pk}/approval",
                    {"submitted_on": "2023-08-28", "reference": "报〔2023〕5号"}, status=201, multipart=True)
    assert sent["status"] == "submitted_for_approval" or sent["approval"]["submitted_on"] == "2023-08-28"
    assert sent["approval"]["due_on"] == "2023-12-28" and sent["approval"]["decided_on"] is None
    decided = api.post(f"/api/enactment/bills/{bill.pk}/approval/decision",
                       {"decided_on": "2023-09-27", "outcome": "approved"})
    assert decided["status"] == "approved" and decided["approval"]["late"] is False
    passed_on = datetime.date.fromisoformat(decided["passed_on"])
    assert (datetime.date.fromisoformat(decided["approval"]["decided_on"]) - passed_on).days == 33
    done = api.post(f"/api/enactment/bills/{bill.pk}/promulgation",
                    {"announcement_number": "第12号", "announced_on": "2023-09-28", "in_force_on": "2023-11-01"},
                    status=201)
    p = done["promulgation"]
    assert p["in_force_on"] == "2023-11-01" and p["law_status"] == "in_force"
    law = api.get(f"/api/legislation/laws/{p['law_id']}")
    assert law["title"] == "乌梁素海流域生态保护条例" and law["status"] == "in_force"
    [revision] = law["revisions"]
    assert (revision["passed_on"], revision["approved_on"], revision["announced_on"], revision["in_force_on"]) == \
        ("2023-08-25", "2023-09-27", "2023-09-28", "2023-11-01")
    assert law["provisions"] and law["consolidated_version_id"]
    assert p["law_id"] in [x["id"] for x in api.get("/api/legislation/laws") if x["status"] == "in_force"]
    # Post-enactment review in Q4 2024 on the oversight machinery.
    review = api.post(f"/api/legislative-plans/laws/{p['law_id']}/reviews",
                      {"title": "《乌梁素海流域生态保护条例》立法后评估", "year": 2024,
                       "lead_committee_id": legal_committee(world_a).pk}, status=201)
    assert review["kind"] == "law_review" and review["law_id"] == p["law_id"]
    assert api.get(f"/api/oversight/activities/{review['activity_id']}")["kind"] == "law_review"


def test_an_approval_after_more_than_four_months_is_late(world_a):
    api, bill = _passed(world_a, datetime.date(2023, 8, 25), "示例市迟批条例")
    sent = api.post(f"/api/enactment/bills/{bill.pk}/approval", {"submitted_on": "2023-08-28"}, status=201,
                    multipart=True)
    assert sent["approval"]["due_on"] == "2023-12-28"
    decided = api.post(f"/api/enactment/bills/{bill.pk}/approval/decision",
                       {"decided_on": "2023-12-29", "outcome": "approved"})
    assert decided["status"] == "approved" and decided["approval"]["late"] is True
    assert api.get(f"/api/enactment/bills/{bill.pk}")["approval"]["late"] is True


def test_an_approval_on_the_last_day_of_the_four_months_is_not_late(world_a):
    api, bill = _passed(world_a, datetime.date(2023, 8, 25), "示例市按期批准条例")
    api.post(f"/api/enactment/bills/{bill.pk}/approval", {"submitted_on": "2023-08-28"}, status=201, multipart=True)
    decided = api.post(f"/api/enactment/bills/{bill.pk}/approval/decision",
                       {"decided_on": "2023-12-28", "outcome": "approved"})
    assert decided["approval"]["late"] is False
