from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from renda.testing import make_meeting, teller_keys, voters
from renda.voting import actions, counting
from renda.voting.models import Candidate, Vote

HALF = Fraction(1, 2)


def names(*people, by="presidium", nominators=0):
    return [{"name": n, "nominated_by": by, "nominators": nominators} for n in people]


def setup(world, meeting, post, seats, people, **kw):
    return actions.setup_election(world.congress, meeting, actor=world.office, title="选举", post=post, seats=seats,
                                  candidates=people, **kw)


@pytest.mark.parametrize(("post", "seats", "count", "ok"), [
    ("vice", 2, 2, False), ("vice", 2, 3, True), ("vice", 2, 5, True), ("vice", 2, 6, False),
    ("member", 10, 10, False), ("member", 10, 11, True), ("member", 10, 12, True), ("member", 10, 13, False),
    ("top", 1, 1, True), ("top", 1, 2, True), ("top", 1, 3, False),
])
def test_candidate_numbers_follow_article_27(world_a, post, seats, count, ok):
    meeting = make_meeting(world_a, members=3, open_it=False)
    people = names(*[f"候选人{i}" for i in range(count)])
    if ok:
        assert setup(world_a, meeting, post, seats, people).seats == seats
    else:
        with pytest.raises(ValidationError) as error:
            setup(world_a, meeting, post, seats, people)
        assert "组织法第二十七条" in error.value.messages[0]


@pytest.mark.parametrize(("nominators", "ok"), [(19, False), (20, True)])
def test_deputies_nominate_jointly_in_the_legal_number(world_a, nominators, ok):
    meeting = make_meeting(world_a, kind="plenary", members=2, open_it=False)  # a city: 20 deputies (art. 26)
    people = names("甲") + names("乙", by="deputies", nominators=nominators)
    if ok:
        setup(world_a, meeting, "top", 1, people)
    else:
        with pytest.raises(ValidationError) as error:
            setup(world_a, meeting, "top", 1, people)
        assert "20名以上代表联名" in error.value.messages[0]
    assert Vote.objects.in_congress(world_a.congress).filter(kind="election").exists() is ok


def test_a_ballot_marking_more_than_the_seats_is_void():
    assert counting.ballot_is_valid({"marks": {"1": "for", "2": "against"}, "write_ins": []}, 1)
    assert not counting.ballot_is_valid({"marks": {"1": "for", "2": "for"}, "write_ins": []}, 1)
    assert not counting.ballot_is_valid({"marks": {"1": "for"}, "write_ins": ["丙"]}, 1)


def tally(fors: dict[str, int], invalid=0):
    return {"counts": {k: {"for": v, "against": 0, "abstain": 0} for k, v in fors.items()}, "write_ins": {},
            "invalid": invalid}


def test_more_ballots_returned_than_issued_voids_the_round():
    assert counting.election(tally({"1": 30}), seats=1, electorate=43, issued=40, returned=41, pass_fraction=HALF)["void"]
    assert not counting.election(tally({"1": 30}), seats=1, electorate=43, issued=40, returned=40, pass_fraction=HALF)["void"]


@pytest.mark.parametrize(("votes", "elected"), [(21, []), (22, ["1"])])
def test_election_needs_more_than_half_of_all_deputies(votes, elected):
    result = counting.election(tally({"1": votes}), seats=1, electorate=43, issued=30, returned=30, pass_fraction=HALF)
    assert result["elected"] == elected
    assert (result["further_round"] is None) is bool(elected)


def test_highest_first_and_a_tie_at_the_boundary_goes_to_a_further_round():
    result = counting.election(tally({"1": 40, "2": 30, "3": 30, "4": 10}), seats=2, electorate=43, issued=43,
                               returned=43, pass_fraction=HALF)
    assert result["elected"] == ["1"] and sorted(result["tied"]) == ["2", "3"]
    assert result["further_round"] == {"seats": 1, "candidates": ["2", "3"], "reason": "得票相等"}
    plain = counting.election(tally({"1": 40, "2": 31, "3": 30}), seats=2, electorate=43, issued=43, returned=43,
                              pass_fraction=HALF)
    assert plain["elected"] == ["1", "2"] and plain["further_round"] is None


def test_a_write_in_can_be_elected():
    t = {"counts": {"1": {"for": 5, "against": 30, "abstain": 0}}, "write_ins": {"丙": 25}, "invalid": 0}
    assert counting.election(t, seats=1, electorate=43, issued=43, returned=43, pass_fraction=HALF)["elected"] == ["write_in:丙"]


def test_an_electronic_election_with_a_further_round(world_a):
    meeting = make_meeting(world_a, members=5, sign_in=5)
    vote = setup(world_a, meeting, "vice", 2, names("甲", "乙", "丙"))
    actions.open_vote(world_a.congress, vote, actor=world_a.office)
    a, b, c = Candidate.objects.in_congress(world_a.congress).filter(vote=vote).order_by("order")
    ballots = [{a.pk: "for", b.pk: "for"}, {a.pk: "for", c.pk: "for"}, {a.pk: "for"}, {b.pk: "for", c.pk: "for"},
               {a.pk: "for", b.pk: "for", c.pk: "for"}]  # the last marks three for two seats: void
    for user, marks in zip(voters(meeting), ballots, strict=True):
        actions.cast_ballot(world_a.congress, vote, actor=user, content={"marks": marks})
    actions.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    vote.refresh_from_db()
    r = vote.result
    assert (r["valid"], r["invalid"]) == (4, 1)
    assert r["elected"] == [str(a.pk)]  # 3 of 5 is more than half; 乙 and 丙 have 2 each
    assert r["further_round"]["seats"] == 1
    second = actions.start_further_round(world_a.congress, vote, actor=world_a.office)
    assert (second.seats, second.round_number) == (1, 2)
    assert sorted(second.candidates.values_list("name", flat=True)) == ["丙", "乙"]


def test_a_ballot_for_an_unknown_candidate_is_refused(world_a):
    meeting = make_meeting(world_a, members=3, sign_in=3)
    vote = actions.open_vote(world_a.congress, setup(world_a, meeting, "other", 1, names("甲")), actor=world_a.office)
    user = voters(meeting)[0]
    with pytest.raises(ValidationError) as error:
        actions.cast_ballot(world_a.congress, vote, actor=user, content={"marks": {"999999": "for"}})
    assert "不是本次选举候选人" in error.value.messages[0]
    with pytest.raises(ValidationError):
        actions.cast_ballot(world_a.congress, vote, actor=user, content={"marks": "甲"})
    actions.cast_ballot(world_a.congress, vote, actor=user, content={"marks": {}})  # still holds a ballot
    with pytest.raises(ValidationError) as error:
        actions.cast_ballot(world_a.congress, vote, actor=user, content={"marks": {}})
    assert "只能投一票" in error.value.messages[0]


def paper_tally(vote, fors, invalid=0):
    cands = vote.candidates.order_by("order")
    return {"counts": {str(c.pk): {"for": f, "against": 0, "abstain": 0} for c, f in zip(cands, fors, strict=True)},
            "invalid": invalid}


def test_paper_ballots_stand_only_when_two_counters_agree(world_a):
    meeting = make_meeting(world_a, members=5, sign_in=5)
    vote = actions.open_vote(world_a.congress, setup(world_a, meeting, "top", 1, names("甲", "乙"), paper=True),
                             actor=world_a.office)
    actions.record_paper_count(world_a.congress, vote, actor=world_a.office, slot=1, returned=5,
                               tally=paper_tally(vote, [4, 1]))
    with pytest.raises(ValidationError):
        actions.record_paper_count(world_a.congress, vote, actor=world_a.office, slot=2, returned=5,
                                   tally=paper_tally(vote, [4, 1]))  # the same person cannot count twice
    actions.record_paper_count(world_a.congress, vote, actor=world_a.admin, slot=2, returned=5,
                               tally=paper_tally(vote, [3, 2]))
    with pytest.raises(ValidationError) as error:
        actions.reconcile_paper_counts(world_a.congress, vote, actor=world_a.office)
    assert "不一致" in error.value.messages[0]
    actions.record_paper_count(world_a.congress, vote, actor=world_a.admin, slot=2, returned=5,
                               tally=paper_tally(vote, [4, 1]))
    actions.reconcile_paper_counts(world_a.congress, vote, actor=world_a.office)
    vote.refresh_from_db()
    assert vote.status == "closed" and len(vote.result["elected"]) == 1


def test_more_paper_ballots_than_issued_void_the_round(world_a):
    meeting = make_meeting(world_a, members=5, sign_in=5)
    vote = actions.open_vote(world_a.congress, setup(world_a, meeting, "top", 1, names("甲"), paper=True),
                             actor=world_a.office)
    for slot, user in ((1, world_a.office), (2, world_a.admin)):
        actions.record_paper_count(world_a.congress, vote, actor=user, slot=slot, returned=6,
                                   tally=paper_tally(vote, [6]))
    actions.reconcile_paper_counts(world_a.congress, vote, actor=world_a.office)
    vote.refresh_from_db()
    assert vote.result["void"] and "多于发出的5张" in vote.result["reason"]


def test_satisfaction_evaluation_publishes_counts(world_a):
    meeting = make_meeting(world_a, members=4, sign_in=4)
    vote = actions.create_vote(world_a.congress, meeting, actor=world_a.office, title="对市政府专项工作报告的满意度测评",
                               kind="satisfaction")
    actions.open_vote(world_a.congress, vote, actor=world_a.office)
    for user, rating in zip(voters(meeting), ["满意", "满意", "基本满意", "不满意"], strict=True):
        actions.cast_ballot(world_a.congress, vote, actor=user, content={"rating": rating})
    with pytest.raises(ValidationError):
        actions.cast_ballot(world_a.congress, vote, actor=voters(meeting)[0], content={"rating": "很好"})
    actions.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    vote.refresh_from_db()
    assert vote.result["counts"] == {"满意": 2, "基本满意": 1, "不满意": 1}
