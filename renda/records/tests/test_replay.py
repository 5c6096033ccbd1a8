"""Issue 16's replay through the JSON API with tokens, as an integrator would drive it:

- a deputy of a city, a county under it and a township under that takes part in 10 activities in a
  year (4 organised by the city, 3 by the county, 3 by the township), leads 5 suggestions over two
  years, all accepted, and proposes two livelihood projects: each congress's record shows its own
  share, the combined record the sum, and each figure's source endpoint lists exactly the rows;
- 70 deputies of four levels trained on one day: one session, hours and certificates, and each
  trainee's record at their own level shows the session and its hours;
- 14 deputies attend a standing-committee session as 列席: signed in on the roster, counted once each;
- a station's receptions with CPPCC members (the full station year, 30 / 118 / 5 / 50 / 100 %, is
  renda/liaison/tests/test_cppcc.py::test_a_station_year_with_cppcc_members_gives_the_same_figures):
  the receptions CPPCC members held alone are not in the deputy's record;
- bad input: an outsider on an activity, an evaluation twice from one phone, a note over the limit;
- done when: a changed attendance changes the record at once (nothing stored goes stale).

Only people (mandates, bodies) are set up with the people actions; the rest goes through /api/…"""

from __future__ import annotations

import datetime

from django.test import Client
from django.utils import timezone

from renda.core.actions import issue_api_token
from renda.core.models import Congress
from renda.people import actions as people
from renda.people.models import Organisation
from renda.records.models import RecordNote
from renda.testing import congress_root, make_world

YEAR = timezone.localdate().year - 1  # the deputy's year: a whole year, all of it past
K = Organisation.Kind


class Api:
    """A token client for one user of one congress: get/post JSON, checking the status."""

    def __init__(self, congress, user):
        self.client = Client()
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(congress, actor=user, name='replay16')[1]}"}

    def get(self, url, status=200):
        r = self.client.get(url, **self.auth)
        assert r.status_code == status, (url, r.status_code, r.content.decode(errors="replace")[:600])
        return r.json()

    def post(self, url, data=None, status=(200, 201)):
        r = self.client.post(url, data or {}, content_type="application/json", **self.auth)
        ok = status if isinstance(status, tuple) else (status,)
        assert r.status_code in ok, (url, r.status_code, r.content.decode(errors="replace")[:800])
        return r.json() if r.content else None


def values(record: dict) -> dict:
    return {f["key"]: f["value"] for f in record["figures"]}


def nonzero(record: dict) -> dict:
    return {k: v for k, v in values(record).items() if v}


def source_ids(api: Api, person_id: int, year: int, key: str) -> list[str]:
    return sorted(row["id"] for row in api.get(f"/api/records/people/{person_id}/{year}/figures/{key}"))


def at(day: datetime.date, hour: int = 9) -> str:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour))).isoformat()


def three_levels(world_a):
    """A county under the world's city and a township under the county; the world's deputy persona
    (李明) also holds a mandate in each."""
    person = world_a.deputies[0].person
    county = make_world("cty16", "示例县人民代表大会", level=Congress.Level.COUNTY, parent=world_a.congress)
    township = make_world("twn16", "示例镇人民代表大会", level=Congress.Level.TOWNSHIP, parent=county.congress)
    for n, w in enumerate((county, township)):
        people.appoint_deputy(w.congress, actor=congress_root(w.congress), term=w.term, number=f"L{n}001",
                              elected_on="2022-01-10", person=person, delegation=w.delegation)
    return person, county, township


def hold_activities(api: Api, person_id: int, count: int, *, first_day: datetime.date, kinds=None) -> list[str]:
    """``count`` activities organised through ``api``'s congress with the person present; the
    participant row ids (what the record's activities figure counts)."""
    kinds = kinds or ["inspection", "survey", "symposium", "group", "leaders_visit"]
    rows = []
    for n in range(count):
        made = api.post("/api/activities", {"kind": kinds[n % len(kinds)], "topic": f"闭会期间活动{first_day:%m%d}-{n}",
                                            "starts_at": at(first_day + datetime.timedelta(days=7 * n)),
                                            "place": "城关镇"}, status=201)
        added = api.post(f"/api/activities/{made['id']}/participants", {"person_ids": [person_id]}, status=201)
        marked = api.post(f"/api/activities/{made['id']}/attendance",
                          {"rows": [{"person_id": person_id, "attendance": "present"}]}, status=201)
        assert marked["participants"][0]["attendance"] == "present"
        api.post(f"/api/activities/{made['id']}/held", {"summary": "活动完成"}, status=201)
        rows.append(str(added["participants"][0]["id"]))
    return rows


def test_a_deputys_year_at_three_levels_with_suggestions_and_livelihood_through_the_api(world_a, monkeypatch):
    person, county, township = three_levels(world_a)
    pid = person.pk
    city_office, deputy = Api(world_a.congress, world_a.office), Api(world_a.congress, world_a.deputy)
    county_office, township_office = Api(county.congress, county.office), Api(township.congress, township.office)

    # 10 activities at three levels, and one the deputy was excused from (not counted)
    city_rows = hold_activities(city_office, pid, 4, first_day=datetime.date(YEAR, 2, 3))
    county_rows = hold_activities(county_office, pid, 3, first_day=datetime.date(YEAR, 5, 6))
    township_rows = hold_activities(township_office, pid, 3, first_day=datetime.date(YEAR, 9, 2))
    excused = city_office.post("/api/activities", {"kind": "survey", "topic": "请假的调研", "place": "城关镇",
                                                   "starts_at": at(datetime.date(YEAR, 11, 4))}, status=201)
    city_office.post(f"/api/activities/{excused['id']}/participants", {"person_ids": [pid]}, status=201)
    city_office.post(f"/api/activities/{excused['id']}/attendance",
                     {"rows": [{"person_id": pid, "attendance": "on_leave"}]}, status=201)
    seen = county_office.get(f"/api/activities?year={YEAR}")
    assert len(seen) == 3 and all(a["participants"][0]["as_deputy_of_id"] == county.congress.pk for a in seen)

    # 5 suggestions over two years (2 drafted the year before, 3 in the year), all accepted
    real_localdate = timezone.localdate
    made: dict[int, list[str]] = {YEAR - 1: [], YEAR: []}
    for year, count in ((YEAR - 1, 2), (YEAR, 3)):
        for n in range(count):
            monkeypatch.setattr(timezone, "localdate", lambda *a, y=year: datetime.date(y, 6, 1))
            draft = deputy.post("/api/suggestions", {"title": f"关于{year}年第{n + 1}件事的建议", "body": "建议内容"},
                                status=201)
            monkeypatch.setattr(timezone, "localdate", real_localdate)
            deputy.post(f"/api/suggestions/{draft['id']}/submit")
            accepted = city_office.post(f"/api/suggestions/{draft['id']}/accept", {})
            assert accepted["status"] == "accepted" and accepted["number"], accepted
            made[year].append(str(draft["id"]))

    # two livelihood topics proposed by the deputy
    today = timezone.localdate()
    call = city_office.post("/api/livelihood/calls", {"year": YEAR, "title": f"{YEAR}年民生实事项目征集",
                                                      "opens_on": str(today - datetime.timedelta(days=5)),
                                                      "closes_on": str(today + datetime.timedelta(days=5)),
                                                      "to_choose": 2}, status=201)
    topics = [str(deputy.post(f"/api/livelihood/calls/{call['id']}/proposals",
                              {"title": title, "description": "为民办实事", "place": "城关镇"}, status=201)["id"])
              for title in ("老旧小区加装电梯", "农村饮水提质")]

    # each congress's record: exactly its own share
    city = city_office.get(f"/api/records/people/{pid}/{YEAR}")
    assert nonzero(city) == {"activities_attended": 4, "suggestions_led": 3, "items_accepted": 3,
                             "livelihood_proposed": 2}, nonzero(city)
    assert deputy.get(f"/api/records/mine?year={YEAR}")["figures"] == city["figures"]
    assert nonzero(county_office.get(f"/api/records/people/{pid}/{YEAR}")) == {"activities_attended": 3}
    assert nonzero(township_office.get(f"/api/records/people/{pid}/{YEAR}")) == {"activities_attended": 3}
    before = city_office.get(f"/api/records/people/{pid}/{YEAR - 1}")
    assert nonzero(before) == {"suggestions_led": 2, "items_accepted": 2}, nonzero(before)

    # the combined record adds the three levels up
    combined = deputy.get(f"/api/records/people/{pid}/{YEAR}/combined")
    assert combined["congresses"] == [world_a.congress.name, county.congress.name, township.congress.name]
    assert {k: v for k, v in values(combined).items() if v} == {"activities_attended": 10, "suggestions_led": 3,
                                                                  "items_accepted": 3, "livelihood_proposed": 2}
    assert [values(r)["activities_attended"] for r in combined["records"]] == [4, 3, 3]

    # every figure is traceable: its source endpoint lists exactly the rows it counts
    for figure in city["figures"]:
        assert figure["source"] == f"/c/{world_a.congress.code}/records/{pid}/{YEAR}/{figure['key']}/"
        assert len(source_ids(city_office, pid, YEAR, figure["key"])) == figure["value"]
    assert source_ids(city_office, pid, YEAR, "activities_attended") == sorted(city_rows)
    assert source_ids(county_office, pid, YEAR, "activities_attended") == sorted(county_rows)
    assert source_ids(township_office, pid, YEAR, "activities_attended") == sorted(township_rows)
    for year in (YEAR - 1, YEAR):
        assert source_ids(city_office, pid, year, "suggestions_led") == sorted(made[year])
        assert source_ids(city_office, pid, year, "items_accepted") == sorted(made[year])
    assert source_ids(deputy, pid, YEAR, "livelihood_proposed") == sorted(topics)
    rows = city_office.get(f"/api/records/people/{pid}/{YEAR}/figures/activities_attended")
    assert [r["date"] for r in rows] == [f"{YEAR}-02-{3 + 7 * n:02d}" for n in range(4)]


def test_seventy_deputies_of_four_levels_trained_on_one_day_and_in_each_record(world_a):
    """The training day through the activities API (as activities/tests/test_demo_and_training.py)
    and, beyond it, each trainee's record at their own level: one session, six hours."""
    from renda.activities.tests.fixtures import deputy_in, tree

    t = tree(world_a)
    levels = [t["province"], world_a.congress, t["county"], t["township"]]
    trainees = [deputy_in(world_a, levels[n % 4], f"学员{n:02d}") for n in range(70)]
    office = Api(world_a.congress, world_a.office)
    programme = office.post("/api/training/programmes", {"kind": "law", "title": "代表法专题培训", "year": YEAR,
                                                         "certificate": True, "required_hours": "6"}, status=201)
    session = office.post("/api/activities", {"kind": "training", "topic": "学习代表法", "place": "市委党校",
                                              "programme_id": programme["id"], "hours": "6",
                                              "starts_at": at(datetime.date(YEAR, 4, 15))}, status=201)
    added = office.post(f"/api/activities/{session['id']}/participants",
                        {"person_ids": [m.person_id for m in trainees]}, status=201)
    assert len(added["participants"]) == 70
    assert {p["as_deputy_of_id"] for p in added["participants"]} == {c.pk for c in levels}
    office.post(f"/api/activities/{session['id']}/attendance",
                {"rows": [{"person_id": m.person_id, "attendance": "present"} for m in trainees]}, status=201)
    office.post(f"/api/activities/{session['id']}/held", {"summary": "培训完成"}, status=201)
    issued = office.post(f"/api/training/programmes/{programme['id']}/certificates", status=201)
    assert issued["session_ids"] == [session["id"]]
    assert len(issued["trainees"]) == 70 and all(t["hours"] == "6.0" and t["completed"] for t in issued["trainees"])
    assert len({t["certificate_number"] for t in issued["trainees"]}) == 70
    for n in (0, 1, 2, 3):  # one trainee of each level, read in their own congress
        congress, mandate = levels[n], trainees[n]
        staff = Api(congress, world_a.root) if congress != world_a.congress else office  # a superuser elsewhere
        record = staff.get(f"/api/records/people/{mandate.person_id}/{YEAR}")
        assert nonzero(record) == {"training_sessions": 1, "training_hours": 6.0}, (congress.name, nonzero(record))
        assert len(source_ids(staff, mandate.person_id, YEAR, "training_hours")) == 1


def test_fourteen_deputies_attend_a_standing_committee_session_as_lie_xi(world_a):
    c, root = world_a.congress, world_a.root
    sc = people.create_organisation(c, actor=root, kind=K.STANDING_COMMITTEE, name="市人大常委会")
    for n in range(5):
        member = world_a.make_deputy(f"常委{n}")
        people.add_membership(c, actor=root, organisation=sc, person=member.person, post="委员",
                              start=datetime.date(2022, 1, 10))
    observers = [world_a.deputies[0]] + [world_a.make_deputy(f"列席代表{n:02d}") for n in range(13)]
    office = Api(c, world_a.office)
    meeting = office.post("/api/meetings", {"term": world_a.term.number, "kind": "sc_session", "place": "常委会会议室",
                                            "starts_at": at(datetime.date(YEAR, 6, 26)), "organisation_id": sc.pk},
                          status=201)
    mid = meeting["id"]
    office.post(f"/api/meetings/{mid}/open")
    for m in observers:
        office.post(f"/api/meetings/{mid}/attendees", {"post": "列席代表", "person_id": m.person_id}, status=201)
        office.post(f"/api/meetings/{mid}/desk-sign-in", {"person_id": m.person_id})
    office.post(f"/api/meetings/{mid}/close")
    roster = office.get(f"/api/meetings/{mid}/record")["roster"]
    watching = [e for e in roster if not e["voting"]]
    assert len(watching) == 14 and {e["attendance"] for e in watching} == {"present"}
    records = {r["person_id"]: values(r) for r in office.get(f"/api/records?year={YEAR}")}
    for m in observers:
        assert records[m.person_id]["sc_sessions_observed"] == 1, m.person.name
        assert records[m.person_id]["meetings_attended"] == 0  # 列席 is not a member's attendance
    assert sum(r["sc_sessions_observed"] for r in records.values()) == 14
    rows = office.get(f"/api/records/people/{observers[0].person_id}/{YEAR}/figures/sc_sessions_observed")
    assert [(r["text"], r["date"]) for r in rows] == [(meeting["title"], f"{YEAR}-06-26")]


def test_receptions_cppcc_members_held_alone_are_not_in_the_deputys_record(world_a):
    """The station year's figures with CPPCC members on the rota are replayed in
    liaison/tests/test_cppcc.py; here, through the API, the deputy's record leaves out what a CPPCC
    member did without them, while the station's statistics count everything."""
    from renda.liaison.tests.factory import station_deputy

    office = Api(world_a.congress, world_a.office)
    deputy = station_deputy(world_a)
    member = office.post("/api/cppcc-members", {"name": "周委员", "sex": "女", "cppcc": "市政协", "sector": "教育界",
                                                "station_id": world_a.station.pk}, status=201)
    together, alone = [], []
    for n in range(6):
        day = datetime.date(YEAR, 3 + n, 10)
        sitting = [deputy.pk] if n < 2 else []
        made = office.post(f"/api/stations/{world_a.station.pk}/receptions",
                           {"held_on": str(day), "mandate_ids": sitting, "cppcc_member_ids": [member["id"]],
                            "visitors": 3}, status=201)
        (together if sitting else alone).append(str(made["id"]))
    stats = office.get(f"/api/liaison/statistics?year={YEAR}")
    row = next(r for r in stats["stations"] if r["label"] == world_a.station.name)
    assert (row["receptions"], row["visitors"]) == (6, 18)
    pid = deputy.person_id
    assert values(office.get(f"/api/records/people/{pid}/{YEAR}"))["receptions"] == 2
    assert source_ids(office, pid, YEAR, "receptions") == sorted(together)
    # the CPPCC member is no deputy: there is no record of theirs to count anything in
    office.get(f"/api/records/people/{member['person_id']}/{YEAR}", status=404)


# ---------------------------------------------------------------- bad input


def test_an_activity_with_a_participant_from_outside_the_area_is_refused_whole(world_a, world_b):
    county_b = make_world("ctyb16", "乙县人民代表大会", level=Congress.Level.COUNTY, parent=world_b.congress)
    outsider = county_b.make_deputy("区外代表")
    office = Api(world_a.congress, world_a.office)
    made = office.post("/api/activities", {"kind": "inspection", "topic": "视察", "place": "城关镇",
                                           "starts_at": at(datetime.date(YEAR, 7, 1))}, status=201)
    body = office.post(f"/api/activities/{made['id']}/participants",
                       {"person_ids": [world_a.deputies[0].person_id, outsider.person_id]}, status=422)
    assert body["detail"][0]["field"] == "person_ids" and "区外代表" in body["detail"][0]["message"]
    assert "李明" not in str(body)
    assert office.get(f"/api/activities/{made['id']}")["participants"] == []
    assert values(office.get(f"/api/records/people/{world_a.deputies[0].person_id}/{YEAR}"))["activities_attended"] == 0


def test_a_voters_evaluation_twice_from_one_phone_is_refused_and_counts_stay(world_a):
    from renda.duty_reports.tests.fixtures import open_report

    report = open_report(world_a, world_a.deputies[0].person)
    public, office = Client(), Api(world_a.congress, world_a.office)
    base = f"/api/public/{world_a.congress.code}/duty-reports/evaluate/{report.evaluation_key}"
    token = public.get(base).json()["device_token"]
    vote = {"device_token": token, "rating": "满意", "name": "钱七", "digits": "4321"}
    assert public.post(base, vote, content_type="application/json").status_code == 201
    counts = office.get(f"/api/duty-reports/{report.pk}/voter-evaluation")
    again = public.post(base, {**vote, "rating": "不满意", "name": "另一人", "digits": "1111"},
                        content_type="application/json")
    assert again.status_code == 409 and "已" in again.json()["detail"][0]["message"]
    assert office.get(f"/api/duty-reports/{report.pk}/voter-evaluation") == counts
    assert counts["phone"] == {"satisfied": 1, "basic": 0, "unsatisfied": 0}


def test_a_note_over_the_limit_is_refused_naming_the_field_and_the_old_note_stays(world_a):
    deputy = Api(world_a.congress, world_a.deputy)
    deputy.post("/api/records/notes", {"year": YEAR, "text": "本年度参加了代表小组活动。"}, status=201)
    body = deputy.post("/api/records/notes", {"year": YEAR, "text": "长" * 501}, status=422)
    assert [d["field"] for d in body["detail"]] == ["text"] and "500" in body["detail"][0]["message"]
    assert deputy.get(f"/api/records/mine?year={YEAR}")["note"] == "本年度参加了代表小组活动。"
    assert RecordNote.objects.in_congress(world_a.congress).get().text == "本年度参加了代表小组活动。"
    assert deputy.post("/api/records/notes", {"year": YEAR, "text": "长" * 500}, status=201)["note"] == "长" * 500


# ---------------------------------------------------------------- done when: computed, never stale


def test_a_changed_source_changes_the_record_at_once(world_a):
    """The record is computed on reading (records/models.py stores only the note): correcting an
    activity's attendance or a meeting's roster through the API shows in the next read."""
    c, pid = world_a.congress, world_a.deputies[0].person_id
    office, deputy = Api(c, world_a.office), Api(c, world_a.deputy)
    rows = hold_activities(office, pid, 2, first_day=datetime.date(YEAR, 3, 2))
    meeting = office.post("/api/meetings", {"term": world_a.term.number, "kind": "plenary", "place": "大会堂",
                                            "starts_at": at(datetime.date(YEAR, 1, 12))}, status=201)
    office.post(f"/api/meetings/{meeting['id']}/open")
    office.post(f"/api/meetings/{meeting['id']}/desk-sign-in", {"person_id": pid})
    first = values(deputy.get(f"/api/records/mine?year={YEAR}"))
    assert (first["activities_attended"], first["meetings_attended"]) == (2, 1)
    activity_id = office.get(f"/api/activities?year={YEAR}")[-1]["id"]  # the earlier one: rows[0]
    office.post(f"/api/activities/{activity_id}/attendance", {"rows": [{"person_id": pid, "attendance": "absent"}]},
                status=201)
    office.post(f"/api/meetings/{meeting['id']}/close")
    now = values(deputy.get(f"/api/records/mine?year={YEAR}"))
    assert now["activities_attended"] == 1
    assert source_ids(deputy, pid, YEAR, "activities_attended") == [rows[1]]
    assert (now["meetings_attended"], now["meetings_absent"]) == (1, 0)
    office.post(f"/api/activities/{activity_id}/attendance", {"rows": [{"person_id": pid, "attendance": "present"}]},
                status=201)
    assert values(deputy.get(f"/api/records/mine?year={YEAR}"))["activities_attended"] == 2
    everyone = {r["person_id"]: values(r) for r in office.get(f"/api/records?year={YEAR}")}
    assert everyone[pid]["activities_attended"] == 2 and everyone[pid]["meetings_attended"] == 1

