"""The tellers' slips through the pages and the API, and the re-vote of a void round (issue 11,
points 1 and 10)."""

import json

from django.test import Client

from renda.core.tests.test_api import bearer
from renda.testing import make_meeting, signed_in, teller_keys, voters
from renda.voting import actions, chain
from renda.voting.models import Candidate, SealedBallot, Vote
from renda.voting.tests.test_elections import names, paper_tally, setup


def said(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


def satisfaction(world):
    meeting = make_meeting(world, members=5, sign_in=5)
    vote = actions.create_vote(world.congress, meeting, actor=world.office, title="对专项工作报告的满意度测评",
                               kind=Vote.Kind.SATISFACTION)
    return meeting, vote


def test_the_office_gets_the_slips_once_and_closes_with_two_of_them(world_a):
    meeting, vote = satisfaction(world_a)
    office = signed_in(world_a.office)
    page = f"/c/{world_a.congress.code}/votes/{vote.pk}/"
    shown = office.post(f"{page}do/open/").content.decode()
    slips = teller_keys(vote)
    vote.refresh_from_db()
    assert "只显示这一次" in shown and all(slip in shown for slip in slips)
    # Never again: the vote page does not show them.
    again = office.get(page).content.decode()
    assert not any(slip in again for slip in slips) and "监票人密钥条 2" in again and "监票人密钥条 3" not in again
    for user, rating in zip(voters(meeting), ["满意", "满意", "不满意", "基本满意", "满意"], strict=True):
        actions.cast_ballot(world_a.congress, vote, actor=user, content={"rating": rating})
    wrong = office.post(f"{page}do/close/", {"teller_key_1": slips[0], "teller_key_2": "2-AAAA"}).content.decode()
    assert "第 2 张监票人密钥条有误" in wrong and slips[0] in wrong  # what was typed comes back
    assert Vote.objects.in_congress(world_a.congress).get(pk=vote.pk).status == Vote.Status.OPEN
    missing = office.post(f"{page}do/close/", {"teller_key_1": slips[0]}).content.decode()
    assert "必须填写" in missing or "这个字段是必填项" in missing or "必填" in missing
    done = office.post(f"{page}do/close/", {"teller_key_1": slips[2], "teller_key_2": slips[1]}, follow=True)
    assert "结果已计出" in done.content.decode()
    vote.refresh_from_db()
    assert vote.status == Vote.Status.CLOSED and vote.result["counts"]["满意"] == 3


def test_the_api_returns_the_slips_at_the_opening_and_wants_them_at_the_close(world_a):
    meeting, vote = satisfaction(world_a)
    office = bearer(world_a, world_a.office)
    api = Client()
    opened = api.post(f"/api/votes/{vote.pk}/open", **office).json()
    assert opened["teller_quorum"] == 2 and opened["teller_keys"] == teller_keys(vote)
    assert "teller_keys" not in api.get(f"/api/votes/{vote.pk}", **office).json()
    refused = api.post(f"/api/votes/{vote.pk}/close", content_type="application/json", **office)
    assert refused.status_code == 422 and "须有 2 名监票人" in said(refused)
    closed = api.post(f"/api/votes/{vote.pk}/close", {"teller_keys": opened["teller_keys"][1:]},
                      content_type="application/json", **office)
    assert closed.status_code == 200 and closed.json()["status"] == "closed"


def test_a_roll_call_needs_no_slips(world_a):
    meeting = make_meeting(world_a, members=5, sign_in=5)
    vote = actions.create_vote(world_a.congress, meeting, actor=world_a.office, title="表决")
    office = bearer(world_a, world_a.office)
    assert Client().post(f"/api/votes/{vote.pk}/open", **office).json()["teller_keys"] == []
    # A client that sends no body at all closes a roll call as before.
    assert Client().post(f"/api/votes/{vote.pk}/close", content_type="application/json",
                         **office).json()["status"] == "closed"


def paper_round(world, returned: int, fors: list[int]):
    """A paper election of 5 issued ballots, both counters entering ``returned`` and ``fors``."""
    meeting = make_meeting(world, members=5, sign_in=5)
    vote = actions.open_vote(world.congress, setup(world, meeting, "top", 1, names("甲", "乙"), paper=True),
                             actor=world.office)
    for slot, user in ((1, world.office), (2, world.admin)):
        actions.record_paper_count(world.congress, vote, actor=user, slot=slot, returned=returned,
                                   tally=paper_tally(vote, fors))
    actions.reconcile_paper_counts(world.congress, vote, actor=world.office)
    vote.refresh_from_db()
    return vote


def void_round(world):
    vote = paper_round(world, 6, [4, 2])  # 6 returned of 5 issued: void
    assert vote.result["void"]
    return vote


def test_a_void_round_is_voted_again_through_the_api(world_a, world_b):
    vote = void_round(world_a)
    office = bearer(world_a, world_a.office)
    api = Client()
    assert api.post(f"/api/votes/{vote.pk}/revote", **bearer(world_b, world_b.office)).status_code == 404
    assert api.post(f"/api/votes/{vote.pk}/revote", **bearer(world_a, world_a.deputy)).status_code == 403
    made = api.post(f"/api/votes/{vote.pk}/revote", **office)
    assert made.status_code == 201
    body = made.json()
    assert body["round_number"] == 2 and body["seats"] == 1 and body["status"] == "draft"
    assert [c["name"] for c in body["candidates"]] == ["甲", "乙"]
    new = Vote.objects.in_congress(world_a.congress).get(pk=body["id"])
    assert new.previous_round_id == vote.pk and new.paper
    again = api.post(f"/api/votes/{vote.pk}/revote", **office)
    assert again.status_code == 422 and "已开始下一轮" in said(again)
    # The void round stays on record, as it was.
    vote.refresh_from_db()
    assert vote.result["void"] and Candidate.objects.in_congress(world_a.congress).filter(vote=vote).count() == 2


def test_only_a_void_round_is_voted_again(world_a):
    vote = paper_round(world_a, 5, [4, 1])  # 5 returned of 5 issued: valid
    refused = Client().post(f"/api/votes/{vote.pk}/revote", **bearer(world_a, world_a.office))
    assert refused.status_code == 422 and "只有无效或已作废的表决才能重新投票" in said(refused)


def test_the_page_offers_the_revote_of_a_void_round(world_a):
    vote = void_round(world_a)
    office = signed_in(world_a.office)
    page = f"/c/{world_a.congress.code}/votes/{vote.pk}/"
    assert "重新投票" in office.get(page).content.decode()
    done = office.post(f"{page}do/revote/", follow=True).content.decode()
    assert "已设置第2轮（重新投票）" in done


def test_lost_slips_the_vote_is_called_off_and_held_again(world_a):
    meeting, vote = satisfaction(world_a)
    office = signed_in(world_a.office)
    page = f"/c/{world_a.congress.code}/votes/{vote.pk}/"
    shown = office.post(f"{page}do/open/")
    assert "no-store" in shown["Cache-Control"]  # the back button does not bring the slips back
    # A reload posts the opening again: it says the slips were shown once and what to do now.
    again = office.post(f"{page}do/open/", follow=True).content.decode()
    assert "只在开始时显示一次" in again and "作废本次表决" in again
    actions.cast_ballot(world_a.congress, vote, actor=voters(meeting)[0], content={"rating": "满意"})
    blank = office.post(f"{page}do/abandon/", {"reason": " \u200b"}).content.decode()
    assert "作废理由" in blank and "必须填写" in blank
    assert Vote.objects.in_congress(world_a.congress).get(pk=vote.pk).status == Vote.Status.OPEN
    done = office.post(f"{page}do/abandon/", {"reason": "监票人密钥条遗失"}, follow=True).content.decode()
    assert "本次表决已作废" in done and "重新投票" in done
    vote.refresh_from_db()
    assert vote.status == Vote.Status.CLOSED and vote.result["void"] and "密钥条遗失" in vote.result["reason"]
    assert not SealedBallot.objects.in_congress(world_a.congress).filter(vote=vote).exists()
    assert chain.verify(meeting).ok
    # Held again, through the API: a new draft of the same evaluation.
    again = Client().post(f"/api/votes/{vote.pk}/revote", **bearer(world_a, world_a.office))
    assert again.status_code == 201 and again.json()["kind"] == "satisfaction" and again.json()["round_number"] == 2


def test_the_api_calls_off_a_vote_with_a_reason(world_a, world_b):
    meeting, vote = satisfaction(world_a)
    actions.open_vote(world_a.congress, vote, actor=world_a.office)
    api = Client()
    url = f"/api/votes/{vote.pk}/abandon"
    assert api.post(url, {"reason": "遗失"}, content_type="application/json",
                    **bearer(world_b, world_b.office)).status_code == 404
    assert api.post(url, {"reason": "遗失"}, content_type="application/json",
                    **bearer(world_a, world_a.deputy)).status_code == 403
    assert api.post(url, {"reason": ""}, content_type="application/json", **bearer(world_a, world_a.office)).status_code == 422
    done = api.post(url, {"reason": "监票人密钥条遗失"}, content_type="application/json", **bearer(world_a, world_a.office))
    assert done.status_code == 200 and done.json()["result"]["void"] is True
    twice = api.post(url, {"reason": "再次"}, content_type="application/json", **bearer(world_a, world_a.office))
    assert twice.status_code in (409, 422)
