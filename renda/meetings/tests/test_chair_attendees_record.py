"""Issue 14's three fixes: the chair is set through the API and the page (and so is named in the news
and may decide leave); an attendee typed in by name is the same person at every meeting; the record
shows only results the chair has announced."""

import datetime

from django.test import Client
from django.utils import timezone

from renda.core.roles import Role
from renda.core.tests.test_api import bearer
from renda.meetings import actions, notices
from renda.meetings.models import LeaveRequest, Meeting, RosterEntry
from renda.people.models import Person
from renda.testing import make_meeting, make_world, signed_in, teller_keys
from renda.voting import actions as voting

JSON = {"content_type": "application/json"}


def _sc_member_person(world):
    return world.users[Role.SC_MEMBER].person


def test_the_chair_is_set_when_convening_and_changed_later_through_the_api(world_a):
    office = bearer(world_a, world_a.office)
    chair = _sc_member_person(world_a)
    made = Client().post("/api/meetings", {"term": 5, "kind": "sc_session", "starts_at": timezone.now().isoformat(),
                                           "organisation_id": make_meeting(world_a, members=3, open_it=False).organisation_id,
                                           "chair_id": chair.pk, "convener": "主任会议"}, **JSON, **office)
    assert made.status_code == 201, made.content
    assert made.json()["chair_id"] == chair.pk and made.json()["chair"] == "王芳" and made.json()["convener"] == "主任会议"
    meeting = Meeting.objects.in_congress(world_a.congress).select_related("term", "congress", "chair", "organisation").get(pk=made.json()["id"])
    assert "王芳主持会议" in notices.news_draft(meeting)
    other = world_a.deputies[0].person
    changed = Client().patch(f"/api/meetings/{meeting.pk}", {"chair_id": other.pk, "place": "第一会议室"}, **JSON, **office)
    assert changed.status_code == 200 and changed.json()["chair"] == other.name and changed.json()["place"] == "第一会议室"
    cleared = Client().patch(f"/api/meetings/{meeting.pk}", {"clear_chair": True}, **JSON, **office)
    assert cleared.json()["chair_id"] is None


def test_a_chair_from_another_congress_or_nobody_is_refused_and_nothing_changes(world_a, world_b):
    office = bearer(world_a, world_a.office)
    meeting = make_meeting(world_a, members=3, open_it=False)
    stranger = world_b.deputies[0].person
    refused = Client().patch(f"/api/meetings/{meeting.pk}", {"chair_id": stranger.pk, "place": "别处"}, **JSON, **office)
    assert refused.status_code == 422 and "主持人" in str(refused.json())
    meeting.refresh_from_db()
    assert meeting.chair_id is None and meeting.place == "常委会会议室"
    unknown = Client().patch(f"/api/meetings/{meeting.pk}", {"chair_id": 10**9}, **JSON, **office)
    assert unknown.status_code == 422
    assert Client().patch(f"/api/meetings/{meeting.pk}", {"place": "x"}, **JSON,
                          **bearer(world_a, world_a.deputy)).status_code == 403


def test_a_closed_meeting_keeps_its_chair(world_a):
    meeting = make_meeting(world_a, members=3)
    actions.close_meeting(world_a.congress, meeting, actor=world_a.office)
    refused = Client().patch(f"/api/meetings/{meeting.pk}", {"chair_id": _sc_member_person(world_a).pk}, **JSON,
                             **bearer(world_a, world_a.office))
    assert refused.status_code == 422 and "已闭会" in str(refused.json())


def test_the_member_who_chairs_decides_leave_and_another_member_may_not(world_a):
    meeting = make_meeting(world_a, members=4, open_it=False)
    deputy = world_a.deputies[0].person
    leave = actions.request_leave(world_a.congress, meeting, actor=world_a.deputy, reason="出差")
    member = bearer(world_a, world_a.users[Role.SC_MEMBER])
    # 王芳 is a member but not the chair yet.
    assert Client().post(f"/api/leaves/{leave.pk}/decision", {"approve": True}, **JSON, **member).status_code == 403
    Client().patch(f"/api/meetings/{meeting.pk}", {"chair_id": _sc_member_person(world_a).pk}, **JSON,
                   **bearer(world_a, world_a.office))
    decided = Client().post(f"/api/leaves/{leave.pk}/decision", {"approve": True}, **JSON, **member)
    assert decided.status_code == 200 and decided.json()["status"] == LeaveRequest.Status.APPROVED
    assert RosterEntry.objects.in_congress(world_a.congress).get(meeting=meeting, person=deputy).attendance == RosterEntry.Attendance.LEAVE


def test_the_chair_is_set_on_the_meeting_page_and_a_wrong_time_keeps_what_was_typed(world_a):
    meeting = make_meeting(world_a, members=3, open_it=False)
    client = signed_in(world_a.office)
    url = f"/c/{world_a.congress.code}/meetings/{meeting.pk}/do/settings/"
    chair = _sc_member_person(world_a)
    bad = client.post(url, {"starts_at": "明天", "place": "二楼会议室", "chair": f"@{chair.pk}"})
    assert bad.status_code == 200 and "开始时间" in bad.content.decode() and "二楼会议室" in bad.content.decode()
    meeting.refresh_from_db()
    assert meeting.chair_id is None
    when = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M")
    done = client.post(url, {"starts_at": when, "place": "二楼会议室", "chair": f"@{chair.pk}"})
    assert done.status_code == 302
    meeting.refresh_from_db()
    assert meeting.chair_id == chair.pk and meeting.place == "二楼会议室"


def test_an_attendee_typed_by_name_is_the_same_person_at_every_meeting(world_a):
    first = make_meeting(world_a, members=3, open_it=False)
    second = make_meeting(world_a, members=3, open_it=False)
    office = bearer(world_a, world_a.office)
    for meeting in (first, second):
        made = Client().post(f"/api/meetings/{meeting.pk}/attendees", {"name": "赵副市长", "post": "市人民政府副市长"},
                             **JSON, **office)
        assert made.status_code == 201
    assert Person.objects.filter(name="赵副市长").count() == 1
    person = Person.objects.get(name="赵副市长")
    assert RosterEntry.objects.in_congress(world_a.congress).filter(person=person, voting=False).count() == 2
    # A namesake is a new person only when the office says so.
    third = make_meeting(world_a, members=3, open_it=False)
    Client().post(f"/api/meetings/{third.pk}/attendees", {"name": "赵副市长", "post": "市政协副主席", "other_person": True},
                  **JSON, **office)
    assert Person.objects.filter(name="赵副市长").count() == 2


def test_a_deputy_typed_by_name_is_refused_and_picked_by_id_is_linked(world_a):
    meeting = make_meeting(world_a, members=3, open_it=False)
    deputy = world_a.make_deputy("钱列席").person
    office = bearer(world_a, world_a.office)
    typed = Client().post(f"/api/meetings/{meeting.pk}/attendees", {"name": "钱列席", "post": "代表"}, **JSON, **office)
    assert typed.status_code == 422 and Person.objects.filter(name="钱列席").count() == 1
    picked = Client().post(f"/api/meetings/{meeting.pk}/attendees", {"person_id": deputy.pk, "post": "列席代表"}, **JSON, **office)
    assert picked.status_code == 201
    assert RosterEntry.objects.in_congress(world_a.congress).get(meeting=meeting, person=deputy).voting is False


def _counted(world, meeting, title):
    vote = voting.open_vote(world.congress, voting.create_vote(world.congress, meeting, actor=world.office, title=title),
                            actor=world.office)
    return voting.close_vote(world.congress, vote, actor=world.office, teller_keys=teller_keys(vote))


def test_the_record_shows_the_public_only_announced_results(world_a):
    meeting = make_meeting(world_a, members=3)
    announced = _counted(world_a, meeting, "关于预算的决议")
    voting.announce_result(world_a.congress, announced, actor=world_a.office)
    counted = _counted(world_a, meeting, "关于某事项的决定")  # counted, never announced
    actions.close_meeting(world_a.congress, meeting, actor=world_a.office)
    deputy = Client().get(f"/api/meetings/{meeting.pk}/record", **bearer(world_a, world_a.deputy)).json()
    assert [v["id"] for v in deputy["votes"]] == [announced.pk]
    assert "某事项" not in deputy["news"]
    staff = Client().get(f"/api/meetings/{meeting.pk}/record", **bearer(world_a, world_a.office)).json()
    assert {v["id"] for v in staff["votes"]} == {announced.pk, counted.pk}
    page = signed_in(world_a.deputy).get(f"/c/{world_a.congress.code}/meetings/{meeting.pk}/record/").content.decode()
    assert "关于预算的决议" in page and "关于某事项的决定" not in page
    # The vote itself: a member sees its result once it is announced, the staff before.
    member_view = Client().get(f"/api/votes/{counted.pk}", **bearer(world_a, world_a.deputy)).json()
    assert member_view["result"] is None
    assert Client().get(f"/api/votes/{counted.pk}", **bearer(world_a, world_a.office)).json()["result"] is not None
    assert Client().get(f"/api/votes/{announced.pk}", **bearer(world_a, world_a.deputy)).json()["result"] is not None


def test_party_group_meetings_are_numbered_and_draw_their_roster_from_the_party_group(world_a):
    first = make_meeting(world_a, members=3, kind="party_group", open_it=False)
    second = make_meeting(world_a, members=3, kind="party_group", open_it=False)
    assert (first.number, second.number) == (1, 2) and "党组" in second.title and "第二次会议" in second.title
    from renda.people.models import Membership

    members = Membership.objects.in_congress(world_a.congress).filter(organisation=second.organisation)
    assert second.organisation.kind == "party_group"
    assert set(RosterEntry.objects.in_congress(world_a.congress).filter(meeting=second, voting=True).values_list(
        "person_id", flat=True)) == set(members.values_list("person_id", flat=True))


def test_a_party_group_meeting_needs_its_party_group(world_a):
    other = make_world("pg", "示例丙市人民代表大会")
    from renda.core.errors import ValidationError

    try:
        actions.create_meeting(other.congress, actor=other.root, term=other.term, kind="party_group",
                               starts_at=timezone.now() + datetime.timedelta(days=1))
    except ValidationError as error:
        assert "党组" in str(error)
    else:
        raise AssertionError("a party-group meeting without its party group was convened")
    assert not Meeting.objects.in_congress(other.congress).exists()


def test_a_congress_starting_mid_term_goes_on_with_its_own_count(world_a):
    office = bearer(world_a, world_a.office)
    body = make_meeting(world_a, members=3, kind="directors", open_it=False)  # the 1st directors' meeting
    payload = {"term": 5, "kind": "directors", "starts_at": timezone.now().isoformat(), "organisation_id": body.organisation_id}
    same = Client().post("/api/meetings", {**payload, "number": 1}, **JSON, **office)
    assert same.status_code == 422 and "次数" in str(same.json())  # not past the last (1)
    assert Meeting.objects.in_congress(world_a.congress).filter(kind="directors").count() == 1
    made = Client().post("/api/meetings", {**payload, "number": 28}, **JSON, **office)
    assert made.status_code == 201 and made.json()["number"] == 28 and "第二十八次主任会议" in made.json()["title"]
    following = Client().post("/api/meetings", payload, **JSON, **office)
    assert following.json()["number"] == 29


def test_a_vote_put_through_the_api_names_its_agenda_item_of_this_meeting_only(world_a):
    meeting, other = make_meeting(world_a, members=3), make_meeting(world_a, members=3)
    item = actions.add_agenda_item(world_a.congress, meeting, actor=world_a.office, kind="draft", title="关于某事项的决定（草案）")
    elsewhere = actions.add_agenda_item(world_a.congress, other, actor=world_a.office, kind="draft", title="别的议程")
    office = bearer(world_a, world_a.office)
    from renda.voting.models import Vote

    before = Vote.objects.in_congress(world_a.congress).count()
    wrong = Client().post(f"/api/meetings/{meeting.pk}/votes", {"title": "表决", "agenda_item_id": elsewhere.pk}, **JSON, **office)
    assert wrong.status_code == 422 and "agenda_item_id" in str(wrong.json())
    assert Vote.objects.in_congress(world_a.congress).count() == before
    made = Client().post(f"/api/meetings/{meeting.pk}/votes", {"title": "表决", "agenda_item_id": item.pk}, **JSON, **office)
    assert made.status_code == 201
    assert Vote.objects.in_congress(world_a.congress).get(pk=made.json()["id"]).agenda_item_id == item.pk


def test_an_open_meeting_changes_its_chair_on_the_page_but_not_its_time(world_a):
    meeting = make_meeting(world_a, members=3)  # open
    client = signed_in(world_a.office)
    url = f"/c/{world_a.congress.code}/meetings/{meeting.pk}/do/settings/"
    chair = _sc_member_person(world_a)
    same_time = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M")
    assert client.post(url, {"starts_at": same_time, "place": "常委会会议室", "chair": f"@{chair.pk}"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.chair_id == chair.pk
    later = (timezone.localtime(meeting.starts_at) + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    refused = client.post(url, {"starts_at": later, "place": "常委会会议室", "chair": f"@{chair.pk}"})
    assert refused.status_code == 200 and "会议已开始" in refused.content.decode()


def test_the_chair_form_names_the_field_in_its_messages(world_a):
    meeting = make_meeting(world_a, members=3, open_it=False)
    page = signed_in(world_a.office).post(f"/c/{world_a.congress.code}/meetings/{meeting.pk}/do/settings/",
                                          {"starts_at": "", "place": "地" * 500}).content.decode()
    assert "“开始时间”必须填写" in page and "“地点”不能超过 100 个字" in page
    meeting.refresh_from_db()
    assert meeting.place == "常委会会议室"
