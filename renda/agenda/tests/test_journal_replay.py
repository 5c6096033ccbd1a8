"""The journal's two standing-committee sessions replayed through the API only, as an integrator would
drive it with tokens (issue 14, "Done when"):

- the 28th directors' meeting (8 members) deliberates the proposed items and fixes the 21st session's
  draft agenda and schedule: a report, two votes (the year's work points, the 任免案), the
  constitutional oath, two duty reports with a satisfaction evaluation;
- the 21st session (43 members, 36 present) adopts the agenda by vote, passes both votes, the
  appointees get their 任命书 and swear the oath and are in office, the duty reports are rated on the
  voting engine;
- the 29th directors' meeting fixes the 22nd session: a first reading and two votes; at the 22nd
  session the boundaries: the agenda refused with 21 of 43 present and adopted with 22, a vote on a
  person the 任免案 does not name, a 任命书 for a failed vote, an oath for someone not appointed.

Only the people (members, bodies, officials in post) are set up with the people actions; everything
else goes through /api/… and is read back through the GET endpoints."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from renda.appointments.models import Nominee, OathCeremony
from renda.core import actions as core_actions
from renda.core.actions import issue_api_token
from renda.core.roles import Role
from renda.meetings.models import AgendaItem
from renda.people import actions as people
from renda.people.models import Organisation
from renda.testing import make_user
from renda.voting.models import Vote

K = Organisation.Kind
def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")


class Api:
    """A token client for one user: get/post JSON (or multipart when files are given), checking the status."""

    def __init__(self, congress, user):
        self.client = Client()
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(congress, actor=user, name='replay')[1]}"}

    def get(self, url, status=200, raw=False):
        r = self.client.get(url, **self.auth)
        assert r.status_code == status, (url, r.status_code, r.content.decode(errors='replace')[:600])
        return r if raw else r.json()

    def post(self, url, data=None, status=(200, 201), multipart=False):
        if multipart:
            r = self.client.post(url, data or {}, **self.auth)
        else:
            r = self.client.post(url, data or {}, content_type="application/json", **self.auth)
        ok = status if isinstance(status, tuple) else (status,)
        assert r.status_code in ok, (url, r.status_code, r.content.decode(errors='replace')[:800])
        return r.json() if r.content else None

    def patch(self, url, data, status=200):
        r = self.client.patch(url, data, content_type="application/json", **self.auth)
        assert r.status_code == status, (url, r.status_code, r.content.decode(errors='replace')[:600])
        return r.json()


def messages(body) -> str:
    return " ".join(f"{d.get('field')}:{d.get('message')}" for d in body["detail"]) if isinstance(body, dict) and \
        isinstance(body.get("detail"), list) else str(body)


# ---------------------------------------------------------------- people (the only set-up off the API)


def set_up_people(world):
    """The standing committee of 43 (8 of them on the directors' meeting: the chair, six vice-chairs and
    the secretary-general), the bodies, the two officials who report on their duties; a user per member."""
    c, root = world.congress, world.root
    org = lambda kind, name, **kw: people.create_organisation(c, actor=root, kind=kind, name=name, **kw)  # noqa: E731
    sc = org(K.STANDING_COMMITTEE, "市人大常委会")
    directors = org(K.DIRECTORS_MEETING, "市人大常委会主任会议")
    gov = org(K.HANDLING_UNIT, "市人民政府", unit_type="government")
    court = org(K.HANDLING_UNIT, "市中级人民法院", unit_type="court")
    police = org(K.HANDLING_UNIT, "市公安局", unit_type="department")
    start = datetime.date(2022, 1, 10)
    posts = ["主任"] + ["副主任"] * 6 + ["秘书长"] + ["委员"] * 35
    members = []
    for n, post in enumerate(posts):
        person = world.make_deputy(f"常委{n + 1:02d}号", number=f"SC{n + 1:03d}").person
        person.user = make_user(f"sc-member-{n + 1}")
        person.save(update_fields=["user"])
        core_actions.grant_role(c, actor=root, user=person.user, role=Role.SC_MEMBER)
        people.add_membership(c, actor=root, organisation=sc, person=person, post=post, start=start)
        if n < 8:
            people.add_membership(c, actor=root, organisation=directors, person=person, post=post, start=start)
        members.append(person)
    reporters = [
        people.add_membership(c, actor=root, organisation=police, person_data={"name": "周公安", "sex": "男"},
                              post="局长", start=datetime.date(2022, 3, 1)),
        people.add_membership(c, actor=root, organisation=court, person_data={"name": "吴法官", "sex": "女"},
                              post="副院长", start=datetime.date(2022, 3, 1)),
    ]
    return {"sc": sc, "directors": directors, "gov": gov, "court": court, "police": police, "members": members,
            "reporters": reporters}


# ---------------------------------------------------------------- API steps


def at(moment: datetime.datetime) -> str:
    return moment.isoformat()


def meeting(api, world, *, kind, number, starts_at, organisation, chair, convener="市人大常委会主任"):
    made = api.post("/api/meetings", {"term": world.term.number, "kind": kind, "number": number,
                                      "starts_at": at(starts_at), "organisation_id": organisation.pk,
                                      "chair_id": chair.pk, "convener": convener, "place": "市人大常委会会议室"},
                    status=201)
    assert made["number"] == number and made["chair_id"] == chair.pk, made
    return made


def propose(api, title, kind, proposer_kind, presenter, proposer=None, document=None):
    data = {"title": title, "kind": kind, "proposer_kind": proposer_kind, "presenter": presenter}
    if proposer is not None:
        data["proposer_id"] = proposer.pk
    item = api.post("/api/agenda/items", data, status=201)
    if document:
        item = api.post(f"/api/agenda/items/{item['id']}/documents", {"file": pdf(document), "title": document[:-4]},
                        status=201, multipart=True)
    return item


def roll_call(api, voters, vote_id, yes: int, no: int = 0, announce=True):
    """Open a roll call, ``yes`` of ``voters`` for, ``no`` against, the rest abstain; close; announce."""
    opened = api.post(f"/api/votes/{vote_id}/open")
    for n, member in enumerate(voters):
        choice = "yes" if n < yes else "no" if n < yes + no else "abstain"
        member.post(f"/api/votes/{vote_id}/cast", {"choice": choice})
    api.post(f"/api/votes/{vote_id}/close", {"teller_keys": opened["teller_keys"][: opened["teller_quorum"] or 0]})
    return api.post(f"/api/votes/{vote_id}/announce") if announce else api.get(f"/api/votes/{vote_id}")


def sign_in(api, meeting_id, persons):
    for person in persons:
        body = api.post(f"/api/meetings/{meeting_id}/desk-sign-in", {"person_id": person.pk})
    return body


def test_the_journal_replays_through_the_api(world_a):
    world, c = world_a, world_a.congress
    cast = set_up_people(world)
    members, chair = cast["members"], cast["members"][0]
    office = Api(c, world.office)
    tokens: dict[int, Api] = {}

    def member(person) -> Api:
        if person.pk not in tokens:
            tokens[person.pk] = Api(c, person.user)
        return tokens[person.pk]

    now = timezone.now()
    year = timezone.localdate().year

    def today() -> str:  # read each time: the replay may run across local midnight
        return str(timezone.localdate())

    # ── the 28th directors' meeting and the 21st session ──────────────────────────────────────
    d28 = meeting(office, world, kind="directors", number=28, starts_at=now - datetime.timedelta(days=3),
                  organisation=cast["directors"], chair=chair)
    assert d28["total"] == 8
    office.post(f"/api/meetings/{d28['id']}/open")
    assert sign_in(office, d28["id"], members[:8])["present"] == 8
    s21 = meeting(office, world, kind="sc_session", number=21, starts_at=now - datetime.timedelta(hours=2),
                  organisation=cast["sc"], chair=chair)
    assert s21["total"] == 43
    assert "第二十一次" in s21["title"] or "21" in s21["title"], s21["title"]

    report = propose(office, f"听取和审议市人民政府关于{year}年全市优化营商环境工作情况的报告", "report", "government",
                     "副市长 钱进", proposer=cast["gov"], document="关于全市优化营商环境工作情况的报告.pdf")
    points_item = propose(office, f"审议《市人大常委会{year}年工作要点》", "other", "directors", "秘书长 常委08号",
                          document=f"市人大常委会{year}年工作要点（草案）.pdf")
    appointment_item = propose(office, "审议市人民政府提请的人事任免案", "appointment", "government",
                               "市人民政府 副市长 钱进", proposer=cast["gov"])
    oath_item = propose(office, "举行宪法宣誓仪式", "oath", "directors", "主任 常委01号")
    duty_items = [propose(office, f"听取{m.person.name}（{m.organisation.name}{m.post}）的述职报告并进行满意度测评",
                          "duty_report", "directors", m.person.name) for m in cast["reporters"]]
    items21 = [report, points_item, appointment_item, oath_item, *duty_items]
    for item in items21:
        decided = office.post(f"/api/agenda/items/{item['id']}/decision",
                              {"directors_meeting_id": d28["id"], "submit": True})
        assert decided["status"] == "submitted" and decided["directors_meeting_id"] == d28["id"]
    schedule = [now - datetime.timedelta(hours=2) + datetime.timedelta(minutes=30 * n) for n in range(len(items21))]
    draft = office.post(f"/api/agenda/sessions/{s21['id']}/draft", {
        "directors_meeting_id": d28["id"],
        "entries": [{"item_id": i["id"], "scheduled_at": at(t), "presenter": i["presenter"]}
                    for i, t in zip(items21, schedule, strict=True)]}, status=201)
    assert draft["status"] == "fixed" and [e["item_id"] for e in draft["entries"]] == [i["id"] for i in items21]
    for which in ("agenda", "schedule"):
        printed = office.get(f"/api/agenda/sessions/{s21['id']}/documents/{which}?format=pdf", raw=True)
        assert printed.content[:4] == b"%PDF"

    # The 任免案 (the government's letter naming the persons and posts), submitted by the 28th directors' meeting.
    bill = office.post("/api/appointments/bills", {"proposer": "government", "title": "市人民政府关于提请任免职务的议案",
                                                   "meeting_id": s21["id"]}, status=201)
    office.post(f"/api/appointments/bills/{bill['id']}/letter", {"letter": pdf("提请函.pdf")}, multipart=True)
    for name, sex, body, post in [("郑新", "男", cast["gov"], "副市长"), ("陈静", "女", cast["court"], "审判员")]:
        bill = office.post(f"/api/appointments/bills/{bill['id']}/nominees", {
            "action": "appoint", "organisation_id": body.pk, "post": post, "resume": "1998年参加工作……",
            "statement": "如获任命，我将恪尽职守。", "person": {"name": name, "sex": sex, "birth_date": "1976-04-01"}},
            status=201)
    bill = office.post(f"/api/appointments/bills/{bill['id']}/submit", {"directors_meeting_id": d28["id"]})
    assert bill["status"] == "submitted" and bill["submitted_by_id"] == d28["id"]
    nominees = {n["name"]: n for n in bill["nominees"]}
    office.post(f"/api/meetings/{d28['id']}/close")
    assert office.get(f"/api/meetings/{d28['id']}")["status"] == "closed"

    # ── the 21st session: 43 members, 36 present ─────────────────────────────────────────────
    office.post(f"/api/meetings/{s21['id']}/open")
    present = members[:36]
    state = sign_in(office, s21["id"], present)
    assert (state["total"], state["present"], state["quorum_met"]) == (43, 36, True)
    assert "43" in state["quorum"] and "36" in state["quorum"], state["quorum"]
    print("quorum line:", state["quorum"], "| titles:", d28["title"], "/", s21["title"])
    voters = [member(p) for p in present]

    agenda_vote = office.post(f"/api/meetings/{s21['id']}/votes", {"title": "关于会议议程（草案）的表决"}, status=201)
    result = roll_call(office, voters, agenda_vote["id"], yes=35, no=0)
    assert result["status"] == "announced" and result["result"]["passed"] and result["result"]["yes"] == 35
    adopted = office.post(f"/api/agenda/sessions/{s21['id']}/adoption", {"vote_id": agenda_vote["id"]})
    assert adopted["status"] == "adopted" and adopted["vote_id"] == agenda_vote["id"]
    assert (adopted["present"], adopted["members"], adopted["quorum"]) == (36, 43, True)
    rows = {e["item_id"]: e for e in adopted["entries"] if e["item_id"] is not None}
    assert set(rows) == {i["id"] for i in items21}
    assert len(adopted["entries"]) == len(items21)  # the 任免案 goes on the adopted 人事任免 item, not a second one
    row = office.get(f"/api/agenda/agenda-items/{rows[report['id']]['agenda_item_id']}")
    assert row["documents"] and row["documents"][0]["title"].startswith("关于全市优化营商环境")
    assert row["proposed_item_id"] == report["id"]
    office.post(f"/api/agenda/agenda-items/{row['id']}/outcome", {"outcome": "听取和审议"})

    # Vote 1: the year's work points.
    points_row = rows[points_item["id"]]["agenda_item_id"]
    points_vote = office.post(f"/api/meetings/{s21['id']}/votes",
                              {"title": f"关于《市人大常委会{year}年工作要点》的表决", "agenda_item_id": points_row},
                              status=201)
    result = roll_call(office, voters, points_vote["id"], yes=34, no=1)
    assert result["result"]["passed"] and result["result"]["yes"] == 34
    linked = office.get(f"/api/agenda/agenda-items/{points_row}")
    assert points_vote["id"] in [v["id"] for v in linked["votes"]]
    outcome = office.post(f"/api/agenda/agenda-items/{points_row}/outcome",
                          {"outcome": "表决通过", "vote_id": points_vote["id"]})
    assert outcome["outcome"].startswith("表决通过")
    made = office.client.post("/api/work-points/plans", {"year": str(year), "title": f"市人大常委会{year}年工作要点",
                                                         "meeting_id": str(s21["id"]), "vote_id": str(points_vote["id"]),
                                                         "adopted_on": today()}, **office.auth)
    assert made.status_code == 201, made.content
    plan = made.json()
    for text, owner, due in [("听取和审议市人民政府关于优化营商环境工作情况的报告", world.committee, f"{year}-06"),
                             ("开展《中华人民共和国食品安全法》执法检查", world.committee, f"{year}-09-30")]:
        office.post(f"/api/work-points/plans/{plan['id']}/points",
                    {"text": text, "owner_id": owner.pk, "due": due, "leader_id": members[1].pk}, status=201)
    plan = office.get(f"/api/work-points/plans/{year}")
    assert len(plan["points"]) == 2 and plan["adopted_at_id"] == s21["id"] and plan["adopted_on"]
    first = plan["points"][0]
    office.post(f"/api/work-points/{first['id']}/links", {"meeting_id": s21["id"]}, status=201)
    assert office.get(f"/api/work-points/{first['id']}")["links"][0]["meeting_id"] == s21["id"]

    # Vote 2: the appointments, person by person.
    stranger = members[10]
    before = Vote.objects.in_congress(c).count()
    refused = office.client.post(f"/api/appointments/bills/{bill['id']}/votes", {"person_ids": [stranger.pk]},
                                 content_type="application/json", **office.auth)
    assert refused.status_code == 422 and "不是本任免案" in messages(refused.json())
    assert refused.json()["detail"][0]["field"] == "person_ids"
    assert Vote.objects.in_congress(c).count() == before
    assert office.get(f"/api/appointments/bills/{bill['id']}")["status"] == "submitted"
    bill = office.post(f"/api/appointments/bills/{bill['id']}/votes",
                       {"person_ids": [n["person_id"] for n in nominees.values()]}, status=201)
    # The bill goes on the 人事任免 item the adopted agenda wrote, and its votes hang there.
    appointment_row = rows[appointment_item["id"]]["agenda_item_id"]
    assert bill["agenda_item_id"] == appointment_row, (bill["agenda_item_id"], appointment_row)
    by_name = {n["name"]: n for n in bill["nominees"]}
    for name, yes in [("郑新", 34), ("陈静", 33)]:
        result = roll_call(office, voters, by_name[name]["vote_id"], yes=yes, no=1)
        assert result["result"]["passed"], result
    bill = office.post(f"/api/appointments/bills/{bill['id']}/decision", {"on": today()})
    assert bill["status"] == "decided", bill["status"]
    assert {(n["name"], n["status"], n["yes"], n["electorate"]) for n in bill["nominees"]} == \
        {("郑新", "passed", 34, 43), ("陈静", "passed", 33, 43)}
    register = {a["name"]: a for a in office.get("/api/appointees")}
    assert {n: (register[n]["status"], register[n]["in_office"]) for n in ("郑新", "陈静")} == \
        {"郑新": ("待宣誓", False), "陈静": ("待宣誓", False)}
    numbers = {}
    for n in bill["nominees"]:
        on = today()
        issued = office.post(f"/api/appointments/nominees/{n['id']}/document", {"on": on})
        assert issued["document"] and issued["document_number"] and issued["issued_on"] == on
        numbers[n["name"]] = issued["document_number"]
        pdf_url = issued["document_pdf"]
        fetched = office.client.get(pdf_url, **office.auth)
        assert pdf_url.startswith("/api/") and fetched.status_code == 200 and fetched.content[:4] == b"%PDF", pdf_url
    assert len(set(numbers.values())) == 2
    # Deciding the bill wrote the item's outcome (no outcome posted by hand).
    assert office.get(f"/api/agenda/agenda-items/{appointment_row}")["outcome"] == \
        "表决通过：任命郑新为市人民政府副市长；任命陈静为市中级人民法院审判员"

    # The oath, led by the chair, before the session.
    oath = office.post("/api/oaths", {"meeting_id": s21["id"], "held_on": today(), "leader_id": chair.pk,
                                      "person_ids": [n["person_id"] for n in bill["nominees"]], "attendance": 36,
                                      "presided_by": chair.name}, status=201)
    assert oath["text"].startswith("我宣誓：忠于中华人民共和国宪法")
    assert {t["name"] for t in oath["takers"]} == {"郑新", "陈静"} and oath["leader_id"] == chair.pk
    office.post(f"/api/agenda/agenda-items/{rows[oath_item['id']]['agenda_item_id']}/outcome", {"outcome": "宣誓"})
    register = {a["name"]: a for a in office.get("/api/appointees")}
    for name, body, post in [("郑新", "市人民政府", "副市长"), ("陈静", "市中级人民法院", "审判员")]:
        a = register[name]
        assert (a["status"], a["in_office"], a["sworn"]) == ("在任", True, True), a
        assert (a["organisation"], a["post"], a["document_number"], a["start"]) == (body, post, numbers[name], bill["decided_on"])
    assert office.get(f"/api/oaths/{oath['id']}")["attendance"] == 36

    # The two duty reports, rated on the voting engine.
    plan_made = office.post("/api/duty-reports/plans", {
        "year": year, "title": f"{year}年度述职评议计划",
        "appointee_membership_ids": [m.pk for m in cast["reporters"]]}, status=201)
    reports = {r["person"]: r for r in plan_made["reports"]}
    assert set(reports) == {"周公安", "吴法官"}
    ratings = {"周公安": (30, 5, 1), "吴法官": (20, 8, 8)}
    for m, item in zip(cast["reporters"], duty_items, strict=True):
        rid = reports[m.person.name]["id"]
        office.post(f"/api/duty-reports/{rid}/file", {"title": "述职报告", "text": "一年来依法履职情况……"}, status=201,
                    multipart=True)
        started = office.post(f"/api/duty-reports/{rid}/session-rating",
                              {"meeting_id": s21["id"], "agenda_item_id": rows[item["id"]]["agenda_item_id"]},
                              status=201)
        assert started["status"] == "rating" and started["vote_id"]
        vote_id = started["vote_id"]
        opened = office.post(f"/api/votes/{vote_id}/open")
        counts = ratings[m.person.name]
        choices = ["满意"] * counts[0] + ["基本满意"] * counts[1] + ["不满意"] * counts[2]
        for voter, rating in zip(voters, choices, strict=True):
            voter.post(f"/api/votes/{vote_id}/ballot", {"content": {"rating": rating}})
        office.post(f"/api/votes/{vote_id}/close", {"teller_keys": opened["teller_keys"][: opened["teller_quorum"] or 0]})
        office.post(f"/api/votes/{vote_id}/announce")
        done = office.post(f"/api/duty-reports/{rid}/session-result", status=201)
        assert (done["satisfied"], done["basic"], done["unsatisfied"]) == counts, done
        assert done["grade"] and done["satisfaction_rate"] and done["rated_by"] == "session"
        office.post(f"/api/agenda/agenda-items/{rows[item['id']]['agenda_item_id']}/outcome",
                    {"outcome": f"满意度测评：{done['grade']}"})
        record = office.get(f"/api/duty-reports/people/{m.person_id}")
        assert [(r["grade"], r["vote_id"]) for r in record] == [(done["grade"], vote_id)]
    plan_back = office.get(f"/api/duty-reports/plans/{year}")
    assert {r["person"]: (r["status"], r["satisfied"]) for r in plan_back["reports"]} == \
        {"周公安": ("rated", 30), "吴法官": ("rated", 20)}
    assert all(r["grade"] for r in plan_back["reports"])

    office.post(f"/api/meetings/{s21['id']}/close")
    record = office.get(f"/api/meetings/{s21['id']}/record")
    assert all(v["status"] == "announced" for v in record["votes"]) and len(record["votes"]) == 6
    assert "43" in record["attendance"] and "36" in record["attendance"]
    assert f"{chair.name}主持会议" in record["news"]
    reader = member(members[20])
    as_member = reader.get(f"/api/agenda/sessions/{s21['id']}")
    assert as_member["status"] == "adopted" and len(as_member["entries"]) >= len(items21)
    assert reader.get(f"/api/agenda/sessions/{s21['id']}/documents/agenda?format=pdf", raw=True).content[:4] == b"%PDF"
    bill_row = office.get(f"/api/agenda/agenda-items/{appointment_row}")
    assert [v["passed"] for v in bill_row["votes"]] == [True, True] and bill_row["outcome"].startswith("表决通过")
    back = office.get(f"/api/agenda/sessions/{s21['id']}")
    outcomes = {e["item_id"]: e["outcome"] for e in back["entries"] if e["item_id"]}
    assert outcomes[report["id"]] == "听取和审议" and outcomes[points_item["id"]].startswith("表决通过")
    assert outcomes[oath_item["id"]] == "宣誓" and all(outcomes[i["id"]].startswith("满意度测评") for i in duty_items)
    assert outcomes[appointment_item["id"]].startswith("表决通过")
    for v in record["votes"]:
        assert office.get(f"/api/votes/{v['id']}")["status"] == "announced"

    # ── the 29th directors' meeting and the 22nd session ──────────────────────────────────────
    d29 = meeting(office, world, kind="directors", number=29, starts_at=now - datetime.timedelta(hours=1),
                  organisation=cast["directors"], chair=chair)
    s22 = meeting(office, world, kind="sc_session", number=22, starts_at=now - datetime.timedelta(minutes=30),
                  organisation=cast["sc"], chair=chair)
    reading = propose(office, "审议《市物业管理条例（草案）》", "draft", "government", "市住房和城乡建设局局长",
                      proposer=cast["gov"], document="市物业管理条例（草案）.pdf")
    decision_item = propose(office, "审议关于召开市第五届人民代表大会第五次会议的决定（草案）", "other", "directors",
                            "秘书长 常委08号")
    appointment22 = propose(office, "审议市中级人民法院提请的人事任免案", "appointment", "court", "市中级人民法院院长",
                            proposer=cast["court"])
    items22 = [reading, decision_item, appointment22]
    for item in items22:
        office.post(f"/api/agenda/items/{item['id']}/decision", {"directors_meeting_id": d29["id"], "submit": True})
    draft = office.post(f"/api/agenda/sessions/{s22['id']}/draft", {
        "directors_meeting_id": d29["id"],
        "entries": [{"item_id": i["id"], "scheduled_at": at(now), "presenter": i["presenter"]} for i in items22]},
        status=201)
    assert draft["status"] == "fixed" and draft["directors_meeting_id"] == d29["id"] and len(draft["entries"]) == 3
    bill22 = office.post("/api/appointments/bills", {"proposer": "court", "title": "市中级人民法院关于提请任免职务的议案",
                                                     "meeting_id": s22["id"]}, status=201)
    bill22 = office.post(f"/api/appointments/bills/{bill22['id']}/nominees", {
        "action": "appoint", "organisation_id": cast["court"].pk, "post": "审判员", "resume": "2005年参加工作……",
        "person": {"name": "林落", "sex": "男", "birth_date": "1980-01-01"}}, status=201)
    bill22 = office.post(f"/api/appointments/bills/{bill22['id']}/submit", {"directors_meeting_id": d29["id"]})

    # Quorum at the boundary: 21 of 43 → refused, nothing written; 22 of 43 → adopted.
    office.post(f"/api/meetings/{s22['id']}/open")
    state = sign_in(office, s22["id"], members[:21])
    assert (state["present"], state["quorum_met"]) == (21, False)
    agenda_vote = office.post(f"/api/meetings/{s22['id']}/votes", {"title": "关于会议议程（草案）的表决"}, status=201)
    rows_before = AgendaItem.objects.in_congress(c).filter(meeting_id=s22["id"]).count()
    not_open = office.client.post(f"/api/votes/{agenda_vote['id']}/open", **office.auth)
    assert not_open.status_code in (409, 422), not_open.content
    refused = office.client.post(f"/api/agenda/sessions/{s22['id']}/adoption", {"vote_id": agenda_vote["id"]},
                                 content_type="application/json", **office.auth)
    assert refused.status_code == 422 and "21" in messages(refused.json()) and "43" in messages(refused.json())
    assert office.get(f"/api/agenda/sessions/{s22['id']}")["status"] == "fixed"
    assert AgendaItem.objects.in_congress(c).filter(meeting_id=s22["id"]).count() == rows_before
    assert office.get(f"/api/agenda/items/{reading['id']}")["status"] == "scheduled"
    state = sign_in(office, s22["id"], members[21:22])
    assert (state["present"], state["quorum_met"]) == (22, True)
    voters22 = [member(p) for p in members[:22]]
    result = roll_call(office, voters22, agenda_vote["id"], yes=22)
    assert result["result"]["passed"] and result["result"]["yes"] == 22
    adopted = office.post(f"/api/agenda/sessions/{s22['id']}/adoption", {"vote_id": agenda_vote["id"]})
    assert adopted["status"] == "adopted" and (adopted["present"], adopted["members"]) == (22, 43)
    rows22 = {e["item_id"]: e["agenda_item_id"] for e in adopted["entries"] if e["item_id"]}
    office.post(f"/api/agenda/agenda-items/{rows22[reading['id']]}/outcome", {"outcome": "初次审议"})
    first_reading = office.get(f"/api/agenda/agenda-items/{rows22[reading['id']]}")
    assert (first_reading["kind"], first_reading["outcome"]) == ("draft", "初次审议")
    assert first_reading["documents"][0]["title"] == "市物业管理条例（草案）"
    decision_vote = office.post(f"/api/meetings/{s22['id']}/votes", {"title": "关于召开市第五届人民代表大会第五次会议的决定"},
                                status=201)
    result = roll_call(office, voters22, decision_vote["id"], yes=22)
    assert result["result"]["passed"]
    office.post(f"/api/agenda/agenda-items/{rows22[decision_item['id']]}/outcome", {"outcome": "表决通过"})

    # The 任免案 at the 22nd: a vote on someone it does not name is refused; its nominee fails (20 of 43).
    before = Vote.objects.in_congress(c).count()
    refused = office.client.post(f"/api/appointments/bills/{bill22['id']}/votes",
                                 {"person_ids": [nominees["郑新"]["person_id"]]}, content_type="application/json",
                                 **office.auth)
    assert refused.status_code == 422 and "不是本任免案" in messages(refused.json())
    assert Vote.objects.in_congress(c).count() == before
    bill22 = office.post(f"/api/appointments/bills/{bill22['id']}/votes", {}, status=201)
    [lin] = bill22["nominees"]
    result = roll_call(office, voters22, lin["vote_id"], yes=20, no=2)
    assert not result["result"]["passed"]
    bill22 = office.post(f"/api/appointments/bills/{bill22['id']}/decision", {"on": today()})
    [lin] = bill22["nominees"]
    assert lin["status"] != "passed" and lin["yes"] == 20
    assert bill22["agenda_item_id"] == rows22[appointment22["id"]]
    assert office.get(f"/api/agenda/agenda-items/{rows22[appointment22['id']]}")["outcome"] == \
        "未通过：任命林落为市中级人民法院审判员"
    no_document = office.client.post(f"/api/appointments/nominees/{lin['id']}/document", {},
                                     content_type="application/json", **office.auth)
    assert no_document.status_code == 422, no_document.content
    assert Nominee.objects.in_congress(c).get(pk=lin["id"]).document_number == ""
    assert office.get(f"/api/appointments/bills/{bill22['id']}")["nominees"][0]["document_number"] == ""
    ceremonies = OathCeremony.objects.in_congress(c).count()
    no_oath = office.client.post("/api/oaths", {"meeting_id": s22["id"], "held_on": today(), "leader_id": chair.pk,
                                                "person_ids": [lin["person_id"]]}, content_type="application/json",
                                 **office.auth)
    assert no_oath.status_code == 422 and no_oath.json()["detail"][0]["field"] == "person_ids"
    assert OathCeremony.objects.in_congress(c).count() == ceremonies
    assert "林落" not in {a["name"] for a in office.get("/api/appointees")}
    office.post(f"/api/meetings/{s22['id']}/close")
    record22 = office.get(f"/api/meetings/{s22['id']}/record")
    assert len(record22["votes"]) == 3 and all(v["status"] == "announced" for v in record22["votes"])

    # What the API tells an integrator afterwards.
    listed = {m["id"]: m for m in office.get("/api/meetings")}
    assert {(listed[m["id"]]["kind"], listed[m["id"]]["number"], listed[m["id"]]["chair"]) for m in (d28, s21, d29, s22)} \
        == {("directors", 28, chair.name), ("sc_session", 21, chair.name), ("directors", 29, chair.name),
            ("sc_session", 22, chair.name)}

