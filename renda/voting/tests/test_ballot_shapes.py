"""Ballots of the wrong shape are refused with 422 naming the field, never a server error
(issue 11, point 4), and a refused ballot leaves the member free to vote."""

import json

import pytest
from django.test import Client

from renda.core.errors import ValidationError
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


def paper_election(world):
    meeting = make_meeting(world, members=5, sign_in=5)
    return actions.open_vote(world.congress, setup(world, meeting, "top", 1, names("甲", "乙"), paper=True),
                             actor=world.office)


@pytest.mark.parametrize("figure", [1.7, "2", True, float("inf"), -1, 2**40])
def test_a_paper_count_takes_whole_numbers_only(world_a, figure):
    vote = paper_election(world_a)
    first = str(vote.candidates.order_by("order").first().pk)
    counts = {str(c.pk): {"for": 1, "against": 0, "abstain": 0} for c in vote.candidates.all()}
    counts[first]["for"] = figure
    with pytest.raises(ValidationError) as refused:
        actions.record_paper_count(world_a.congress, vote, actor=world_a.office, slot=1, returned=5,
                                   tally={"counts": counts, "invalid": 0})
    assert "整数" in str(refused.value)


@pytest.mark.parametrize("tally", [
    {"counts": "ALL", "invalid": 0},
    {"counts": None, "invalid": float("inf")},
    {"write_ins": {"\u202e三张": 1}},
    {"write_ins": {"张三": 1.99}},
    {"write_ins": ["张三"]},
    {"bogus": 1},
])
def test_a_paper_tally_of_the_wrong_shape_is_refused_without_a_server_error(world_a, tally):
    vote = paper_election(world_a)
    full = {"counts": {str(c.pk): {"for": 1, "against": 0, "abstain": 0} for c in vote.candidates.all()}, "invalid": 0}
    full.update(tally)
    response = Client().post(f"/api/votes/{vote.pk}/paper-counts", {"slot": 1, "returned": 5, "tally": full},
                             content_type="application/json", **bearer(world_a, world_a.office))
    assert response.status_code == 422 and "tally" in json.dumps(response.json(), ensure_ascii=False)


def test_an_unknown_mark_in_a_paper_count_is_refused_not_dropped(world_a):
    vote = paper_election(world_a)
    counts = {str(c.pk): {"for": 1, "against": 0, "abstain": 0, "bogus": 9} for c in vote.candidates.all()}
    with pytest.raises(ValidationError):
        actions.record_paper_count(world_a.congress, vote, actor=world_a.office, slot=1, returned=5,
                                   tally={"counts": counts, "invalid": 0})


def test_a_write_in_that_turns_the_text_around_is_refused(world_a, open_votes):
    meeting, election, _ = open_votes
    with pytest.raises(ValidationError) as refused:
        actions.cast_ballot(world_a.congress, election, actor=voters(meeting)[0],
                            content={"marks": {}, "write_ins": ["\u202e张三"]})
    assert "改变文字方向" in str(refused.value)


@pytest.mark.parametrize("corrected", [
    {"counts": [1, 2], "returned": -5, "void": True, "reason": {"x": 1}},
    {"yes": 2},
    {"yes": 2, "no": 0, "abstain": 0, "not_voting": float("inf")},
    {"yes": "2", "no": 0, "abstain": 0, "not_voting": 0},
    [1, 2],
])
def test_a_correction_through_the_api_takes_the_figures_of_its_kind_only(world_a, corrected):
    meeting = make_meeting(world_a, members=3, sign_in=3)
    vote = actions.open_vote(world_a.congress, actions.create_vote(world_a.congress, meeting, actor=world_a.office,
                                                                   title="决定"), actor=world_a.office)
    actions.close_vote(world_a.congress, vote, actor=world_a.office)
    actions.announce_result(world_a.congress, vote, actor=world_a.office)
    response = Client().post(f"/api/votes/{vote.pk}/corrections", {"reason": "复核", "corrected": corrected},
                             content_type="application/json", **bearer(world_a, world_a.admin))
    assert response.status_code == 422 and "corrected" in json.dumps(response.json(), ensure_ascii=False)
    assert not vote.corrections.exists()
