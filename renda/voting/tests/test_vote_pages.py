"""The vote page and the hall screen as each role sees them: the running tally (rule
voting.show_running_tally_to_members), confirmations, and forms that keep what was typed."""

import pytest
from django.test import Client

from renda.core.actions import change_rule
from renda.testing import make_meeting, signed_in, teller_keys, voters
from renda.voting import actions
from renda.voting.models import Candidate, ResultCorrection, Vote


def open_roll_call(world, **meeting_kw):
    meeting = make_meeting(world, members=3, sign_in=3, **meeting_kw)
    vote = actions.create_vote(world.congress, meeting, actor=world.office, title="关于城市绿化条例的决定")
    return actions.open_vote(world.congress, vote, actor=world.office)


def urls(world, vote):
    base = f"/c/{world.congress.code}/votes/{vote.pk}/"
    return base, f"{base}screen/tally/"


@pytest.mark.parametrize("shown", [False, True])
def test_members_see_the_running_tally_only_where_the_congress_allows_it(world_a, world_b, shown):
    if shown:
        change_rule(world_a.congress, actor=world_a.root, key="voting.show_running_tally_to_members", value=True)
    change_rule(world_b.congress, actor=world_b.root, key="voting.show_running_tally_to_members", value=not shown)
    vote = open_roll_call(world_a)
    actions.cast_vote(world_a.congress, vote, actor=voters(vote.meeting)[1], choice="no")
    page, screen = urls(world_a, vote)
    deputy = signed_in(world_a.deputy)
    for body in (deputy.get(page).content.decode(), deputy.get(screen).content.decode()):
        assert ("id=\"counts\"" in body) is shown
        assert "已表决 1 人" in body
    office = signed_in(world_a.office)
    assert 'id="counts"' in office.get(page).content.decode()  # the staff who run the vote always see them
    assert "反对<b>1</b>" in office.get(screen).content.decode()
    # Another congress's office is not staff here, and B's own rule does not decide A's vote.
    assert ('id="counts"' in signed_in(world_b.office).get(page).content.decode()) is shown


def test_the_hall_screen_keeps_the_big_numbers_after_the_announcement(world_a, django_capture_on_commit_callbacks):
    vote = open_roll_call(world_a)
    for user, choice in zip(voters(vote.meeting), ["yes", "yes", "abstain"], strict=True):
        actions.cast_vote(world_a.congress, vote, actor=user, choice=choice)
    _, screen = urls(world_a, vote)
    with django_capture_on_commit_callbacks(execute=True):
        actions.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
        actions.announce_result(world_a.congress, vote, actor=world_a.office)
    for viewer in (signed_in(world_a.office), signed_in(world_a.deputy), Client()):
        body = viewer.get(screen).content.decode()
        assert "赞成<b>2</b>" in body and "弃权<b>1</b>" in body and "通过" in body and "结果已宣布" in body


@pytest.mark.parametrize("changeable", [False, True])
def test_a_cast_asks_first_only_where_it_cannot_be_changed(world_a, changeable):
    vote = open_roll_call(world_a, allow_vote_change=changeable)
    page, _ = urls(world_a, vote)
    body = signed_in(world_a.deputy).get(page).content.decode()
    assert ("提交后不能更改" in body) is not changeable
    response = signed_in(world_a.deputy).post(f"{page}do/cast/", {"choice": "yes"}, follow=True)
    assert "表决已提交：赞成" in response.content.decode()


def test_closing_says_how_many_have_not_voted_and_announcing_asks_first(world_a):
    vote = open_roll_call(world_a)
    actions.cast_vote(world_a.congress, vote, actor=voters(vote.meeting)[0], choice="yes")
    page, _ = urls(world_a, vote)
    office = signed_in(world_a.office)
    assert "还有 2 人未表决" in office.get(page).content.decode()
    assert signed_in(world_a.deputy).post(f"{page}do/close/").status_code == 403
    assert "表决已结束" in office.post(f"{page}do/close/", follow=True).content.decode()
    assert "宣布后结果不能再修改" in office.get(page).content.decode()
    assert "结果已宣布" in office.post(f"{page}do/announce/", follow=True).content.decode()


def test_a_refused_ballot_comes_back_with_its_marks_and_write_in(world_a):
    meeting = make_meeting(world_a, members=3, sign_in=3)
    vote = actions.setup_election(world_a.congress, meeting, actor=world_a.office, title="选举副主任", post="vice",
                                  seats=1, candidates=[{"name": n, "nominated_by": "presidium"} for n in ("甲", "乙")])
    actions.open_vote(world_a.congress, vote, actor=world_a.office)
    first = Candidate.objects.in_congress(world_a.congress).filter(vote=vote).order_by("order").first()
    page, _ = urls(world_a, vote)
    deputy = signed_in(world_a.deputy)
    assert "选票投出后不能更改" in deputy.get(page).content.decode()
    long_name = "另" * 60
    response = deputy.post(f"{page}do/ballot/", {f"mark_{first.pk}": "against", "write_in": long_name})
    body = response.content.decode()
    assert response.status_code == 200 and "errorlist" in body
    assert '<option value="against" selected>' in body and long_name in body
    done = deputy.post(f"{page}do/ballot/", {f"mark_{first.pk}": "for"}, follow=True).content.decode()
    assert "选票已投出" in done and "您已投票" in done


def test_a_paper_count_refused_keeps_every_figure(world_a, world_b):
    meeting = make_meeting(world_a, members=3, sign_in=3)
    vote = actions.setup_election(world_a.congress, meeting, actor=world_a.office, title="选举委员", post="other",
                                  seats=1, candidates=[{"name": "甲", "nominated_by": "presidium"}], paper=True)
    actions.open_vote(world_a.congress, vote, actor=world_a.office)
    cand = Candidate.objects.in_congress(world_a.congress).get(vote=vote)
    page, _ = urls(world_a, vote)
    figures = {"slot": 1, "returned": 3, "invalid": 4, f"for_{cand.pk}": 2, f"against_{cand.pk}": 1,
               f"abstain_{cand.pk}": 0}
    response = signed_in(world_a.office).post(f"{page}do/paper/", figures)
    body = response.content.decode()
    assert response.status_code == 200 and "多于收回的3张" in body
    assert 'name="invalid" value="4"' in body and f'name="for_{cand.pk}" value="2"' in body
    assert signed_in(world_a.deputy).post(f"{page}do/paper/", figures).status_code == 403
    assert signed_in(world_b.office).post(f"{page}do/paper/", figures).status_code == 403


def test_an_election_correction_is_a_form_per_candidate_and_recounts_who_is_elected(world_a):
    meeting = make_meeting(world_a, members=3, sign_in=3)
    vote = actions.setup_election(world_a.congress, meeting, actor=world_a.office, title="选举主任", post="top", seats=1,
                                  candidates=[{"name": n, "nominated_by": "presidium"} for n in ("甲", "乙")])
    actions.open_vote(world_a.congress, vote, actor=world_a.office)
    a, b = Candidate.objects.in_congress(world_a.congress).filter(vote=vote).order_by("order")
    for user in voters(meeting):
        actions.cast_ballot(world_a.congress, vote, actor=user, content={"marks": {str(a.pk): "for"}})
    actions.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    actions.announce_result(world_a.congress, vote, actor=world_a.office)
    page, _ = urls(world_a, vote)
    admin = signed_in(world_a.admin)
    body = admin.get(page).content.decode()
    assert "甲：赞成" in body and "乙：反对" in body and f'name="for_{a.pk}" value="3"' in body
    fix = {"returned": 3, "invalid": 0, f"for_{a.pk}": 1, f"against_{a.pk}": 2, f"abstain_{a.pk}": 0,
           f"for_{b.pk}": 2, f"against_{b.pk}": 0, f"abstain_{b.pk}": 1}
    missing_reason = admin.post(f"{page}do/correct/", fix)
    assert missing_reason.status_code == 200 and f'name="for_{b.pk}" value="2"' in missing_reason.content.decode()
    done = admin.post(f"{page}do/correct/", {**fix, "reason": "计票复核"}, follow=True).content.decode()
    assert "更正已记录" in done and "当选：乙" in done
    after = ResultCorrection.objects.in_congress(world_a.congress).get(vote=vote).after
    assert after["elected"] == [str(b.pk)]
    assert Vote.objects.in_congress(world_a.congress).get(pk=vote.pk).result["elected"] == [str(a.pk)]
