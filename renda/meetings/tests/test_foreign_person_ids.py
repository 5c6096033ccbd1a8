"""A person id of another congress is answered exactly as an id that does not exist, on every path
that takes a person id from input (docs/tenancy.md, "Person ids from input")."""

import pytest
from django.contrib.messages import get_messages
from django.db.models import Max
from django.test import Client
from django.utils import timezone

from renda.core.errors import ValidationError
from renda.core.tests.test_api import bearer
from renda.meetings import actions
from renda.meetings.models import RosterEntry
from renda.people.models import Person
from renda.testing import make_meeting, signed_in


@pytest.fixture
def ids(world_a, world_b):
    """(a meeting of congress A, the id of a person of congress B only, an id nobody has)."""
    meeting = make_meeting(world_a, members=3, sign_in=0)
    foreign = world_b.make_deputy("乙市独有的人", phone="13911112222").person
    unknown = (Person.objects.aggregate(n=Max("id"))["n"] or 0) + 1000
    return meeting, foreign.pk, unknown


def _roster(meeting):
    return list(RosterEntry.objects.in_congress(meeting.congress_id).filter(meeting=meeting)
                .order_by("id").values_list("person_id", "attendance"))


def test_desk_sign_in_through_the_api_answers_another_congress_s_person_as_unknown(world_a, ids):
    meeting, foreign, unknown = ids
    office, before = bearer(world_a, world_a.office), _roster(meeting)
    answers = [Client().post(f"/api/meetings/{meeting.pk}/desk-sign-in", {"person_id": pid},
                             content_type="application/json", **office) for pid in (foreign, unknown)]
    assert answers[0].status_code == answers[1].status_code == 404
    assert answers[0].content == answers[1].content
    assert "乙市独有的人" not in answers[0].content.decode()
    assert _roster(meeting) == before


def test_desk_sign_in_on_the_page_answers_another_congress_s_person_as_unknown(world_a, ids):
    meeting, foreign, unknown = ids
    client = signed_in(world_a.office)
    url = f"/c/{world_a.congress.code}/meetings/{meeting.pk}/desk/"
    htmx = [client.post(url, {"person": pid}, HTTP_HX_REQUEST="true") for pid in (foreign, unknown)]
    assert htmx[0].status_code == htmx[1].status_code == 422
    assert htmx[0].content == htmx[1].content == "找不到该人员".encode()
    plain = [client.post(url, {"person": pid}) for pid in (foreign, unknown)]
    said = [[str(m) for m in get_messages(r.wsgi_request)] for r in plain]
    assert plain[0].status_code == plain[1].status_code and said[0] == said[1] == ["找不到该人员"]
    assert not RosterEntry.objects.in_congress(world_a.congress).filter(meeting=meeting, attendance="present").exists()
    assert "乙市独有的人" not in plain[0].content.decode()


def test_the_desk_still_signs_in_members_and_attendees_entered_by_name(world_a, ids):
    meeting, _, _ = ids
    office = bearer(world_a, world_a.office)
    member = world_a.deputies[0].person
    guest = actions.add_attendee(world_a.congress, meeting, actor=world_a.root, name="赵副市长", post="副市长").person
    for person in (member, guest):
        r = Client().post(f"/api/meetings/{meeting.pk}/desk-sign-in", {"person_id": person.pk},
                          content_type="application/json", **office)
        assert r.status_code == 200
    present = dict(_roster(meeting))
    assert present[member.pk] == present[guest.pk] == "present"


def test_the_sign_in_action_itself_refuses_another_congress_s_person_without_naming_them(world_a, world_b, ids):
    meeting, foreign, _ = ids
    with pytest.raises(ValidationError) as refused:
        actions.sign_in_at_desk(world_a.congress, meeting, actor=world_a.root, person=Person.objects.get(pk=foreign))
    assert refused.value.message_dict == {"person": ["找不到该人员"]}


def test_adding_an_attendee_by_another_congress_s_person_id_is_answered_as_unknown(world_a, ids):
    meeting, foreign, unknown = ids
    office, before = bearer(world_a, world_a.office), _roster(meeting)
    answers = [Client().post(f"/api/meetings/{meeting.pk}/attendees", {"person_id": pid, "post": "列席"},
                             content_type="application/json", **office) for pid in (foreign, unknown)]
    assert answers[0].status_code == answers[1].status_code == 422
    assert answers[0].json() == answers[1].json()
    assert _roster(meeting) == before  # no roster row points at another congress's person


def test_adding_an_attendee_on_the_page_by_another_congress_s_person_id_is_answered_as_unknown(world_a, ids):
    meeting, foreign, unknown = ids
    client, before = signed_in(world_a.office), _roster(meeting)
    url = f"/c/{world_a.congress.code}/meetings/{meeting.pk}/do/attendee/"
    pages = [client.post(url, {"person": f"@{pid}", "post": "列席"}) for pid in (foreign, unknown)]
    errors = [r.context["forms"]["attendee"].errors["person"] for r in pages]
    assert pages[0].status_code == pages[1].status_code
    assert [e.replace(str(foreign), "N") for e in errors[0]] == [e.replace(str(unknown), "N") for e in errors[1]]
    assert _roster(meeting) == before


def test_a_chair_of_another_congress_is_refused_when_convening(world_a, world_b):
    foreign = world_b.deputies[0].person
    with pytest.raises(ValidationError) as refused:
        actions.create_meeting(world_a.congress, actor=world_a.root, term=world_a.term, kind="plenary",
                               starts_at=timezone.now(), chair=foreign)
    assert refused.value.message_dict == {"chair": ["找不到该人员"]}
