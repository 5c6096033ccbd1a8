"""Ballots of the wrong shape are refused with 422 naming the field, never a server error
(issue 11, point 4), and a refused ballot leaves the member free to vote."""

import json

import pytest
from django.test import Client

from renda.core.tests.test_api import bearer
from renda.testing import make_meeting, voters
from renda.voting import actions
from renda.voting.models import BallotReceipt, SealedBallot, Vote
from renda.voting.tests.test_elections import names, setup


@pytest.fixture
def open_votes(world_a):
    meeting = make_meeting(world_a, members=5, sign_in=5)
    election = actions.open_vote(world_a.congress, setup(world_a, meeting, "top", 1, names("甲", "乙")),
                                 actor=world_a.office)
    rating = actions.open_vote(world_a.congress, actions.create_vote(
        world_a.congress, meeting, actor=world_a.office, title="测评", kind=Vote.Kind.SATISFACTION), actor=world_a.office)
    return meeting, election, rating


BAD = [
    ("election", {"marks": ["甲"]}, "content"),
    ("election", {"marks": "for"}, "content"),
    ("election", {"marks": {}, "write_ins": "张三"}, "content"),
    ("election", {"marks": {}, "write_ins": [1, 2]}, "write_ins"),
    ("election", {"marks": {}, "write_ins": [f"人{n}" for n in range(11)]}, "write_ins"),
    ("election", {"marks": {"999999999999999999999": "for"}}, "marks"),
    ("election", {"marks": {}, "extra": 1}, "content"),
    ("rating", {"rating": ["满意"]}, "rating"),
    ("rating", {"rating": {"x": 1}}, "rating"),
    ("rating", {"rating": "很满意"}, "rating"),
]


@pytest.mark.parametrize("which,content,field", BAD)
def test_a_ballot_of_the_wrong_shape_is_refused_naming_the_field(world_a, open_votes, which, content, field):
    meeting, election, rating = open_votes
    vote = election if which == "election" else rating
    member = voters(meeting)[0]
    response = Client().post(f"/api/votes/{vote.pk}/ballot", {"content": content}, content_type="application/json",
                             **bearer(world_a, member))
    assert response.status_code == 422
    assert field in json.dumps(response.json(), ensure_ascii=False)
    assert not BallotReceipt.objects.in_congress(world_a.congress).filter(vote=vote, returned=True).exists()
    assert not SealedBallot.objects.in_congress(world_a.congress).filter(vote=vote).exists()


def test_ten_write_ins_are_taken(world_a, open_votes):
    meeting, election, _ = open_votes
    actions.cast_ballot(world_a.congress, election, actor=voters(meeting)[0],
                        content={"marks": {}, "write_ins": [f"人{n}" for n in range(10)]})
    assert SealedBallot.objects.in_congress(world_a.congress).filter(vote=election).count() == 1


@pytest.mark.parametrize("marks", [["1"], "for", 5, None])
def test_a_project_ballot_whose_marks_are_not_an_object_is_refused(world_a, marks):
    plenary = make_meeting(world_a, kind="plenary", members=5, sign_in=5)
    vote = actions.open_vote(world_a.congress, actions.setup_project_vote(
        world_a.congress, plenary, actor=world_a.office, title="民生实事项目票决", choose=1, options=["甲项目", "乙项目"]),
        actor=world_a.office)
    response = Client().post(f"/api/votes/{vote.pk}/ballot", {"content": {"marks": marks}},
                             content_type="application/json", **bearer(world_a, voters(plenary)[0]))
    assert response.status_code == 422 and "选票格式不正确" in json.dumps(response.json(), ensure_ascii=False)


def test_a_candidate_who_is_another_congresss_person_is_refused_as_unknown(world_a, world_b):
    from renda.core.errors import ValidationError

    meeting = make_meeting(world_a, members=5, sign_in=5)
    foreign = world_b.deputies[0].person
    with pytest.raises(ValidationError) as refused:
        actions.setup_election(world_a.congress, meeting, actor=world_a.office, title="选举", post="other", seats=1,
                               candidates=[{"name": "甲", "nominated_by": "presidium", "person": foreign}])
    assert "找不到该人员" in str(refused.value)
    own = world_a.deputies[0].person
    made = actions.setup_election(world_a.congress, meeting, actor=world_a.office, title="选举", post="other", seats=1,
                                  candidates=[{"name": "甲", "nominated_by": "presidium", "person": own}])
    assert made.candidates.get().person_id == own.pk


@pytest.mark.parametrize("seats,within", [(32767, True), (32768, False), (2**63, False)])
def test_seats_beyond_what_the_database_holds_are_refused_naming_the_field(world_a, seats, within):
    meeting = make_meeting(world_a, members=5, sign_in=5)
    response = Client().post(f"/api/meetings/{meeting.pk}/elections",
                             {"title": "选举", "post": "other", "seats": seats,
                              "candidates": [{"name": "甲", "nominated_by": "presidium"}]},
                             content_type="application/json", **bearer(world_a, world_a.office))
    if within:  # past the seats check, refused only for having too few candidates
        assert response.status_code == 422 and "候选人须为" in json.dumps(response.json(), ensure_ascii=False)
    else:
        assert response.status_code == 422 and "seats" in json.dumps(response.json(), ensure_ascii=False)
