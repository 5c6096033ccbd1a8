import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from renda.core.actions import grant_role
from renda.core.errors import NotFound, NotPermitted
from renda.core.models import AuditEntry
from renda.meetings import actions as meeting_actions
from renda.testing import make_meeting, make_user, teller_keys, voters
from renda.voting import actions
from renda.voting.models import RollCallCast, Vote


def open_roll_call(world, *, members=43, sign_in=30, **meeting_kw):
    meeting = make_meeting(world, members=members, sign_in=sign_in, **meeting_kw)
    vote = actions.create_vote(world.congress, meeting, actor=world.office, title="关于批准预算调整方案的决议")
    return actions.open_vote(world.congress, vote, actor=world.office)


@pytest.mark.parametrize(("yes", "passed"), [(21, False), (22, True)])
def test_it_passes_only_with_more_than_half_of_all_43_members(world_a, yes, passed):
    vote = open_roll_call(world_a)
    members = voters(vote.meeting)
    for n, user in enumerate(members):
        actions.cast_vote(world_a.congress, vote, actor=user, choice="yes" if n < yes else "no")
    actions.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    vote.refresh_from_db()
    assert vote.result["passed"] is passed
    assert (vote.result["yes"], vote.result["electorate"], vote.result["present"]) == (yes, 43, 30)
    # 22 of the 30 present is far more than half of those present, yet 21 must fail: ALL members count.


def test_it_refuses_to_open_without_a_quorum(world_a):
    meeting = make_meeting(world_a, members=43, sign_in=21)
    vote = actions.create_vote(world_a.congress, meeting, actor=world_a.office, title="表决")
    with pytest.raises(ValidationError) as error:
        actions.open_vote(world_a.congress, vote, actor=world_a.office)
    assert "不足法定人数" in error.value.messages[0] and "出席21人" in error.value.messages[0]
    vote.refresh_from_db()
    assert vote.status == "draft"


def test_a_repeated_submission_counts_once(world_a):
    vote = open_roll_call(world_a, members=3, sign_in=3)
    user = voters(vote.meeting)[0]
    for _ in range(3):
        actions.cast_vote(world_a.congress, vote, actor=user, choice="yes")
    assert RollCallCast.objects.in_congress(world_a.congress).filter(vote=vote).count() == 1


def test_a_vote_changes_only_where_the_meeting_allows(world_a):
    strict = open_roll_call(world_a, members=3, sign_in=3)
    user = voters(strict.meeting)[0]
    actions.cast_vote(world_a.congress, strict, actor=user, choice="yes")
    with pytest.raises(ValidationError) as error:
        actions.cast_vote(world_a.congress, strict, actor=user, choice="no")
    assert "不允许改变" in error.value.messages[0]
    lenient = open_roll_call(world_a, members=3, sign_in=3, allow_vote_change=True)
    actions.cast_vote(world_a.congress, lenient, actor=user, choice="yes")
    actions.cast_vote(world_a.congress, lenient, actor=user, choice="abstain")
    assert RollCallCast.objects.in_congress(world_a.congress).get(vote=lenient).choice == "abstain"


def test_bad_votes_are_refused_and_change_nothing(world_a, world_b):
    vote = open_roll_call(world_a, members=3, sign_in=2)
    signed, unsigned = voters(vote.meeting, present_only=False)[:2], voters(vote.meeting, present_only=False)[2]
    outsider = make_user("not-a-member")
    grant_role(world_a.congress, actor=world_a.root, user=outsider, role="deputy")
    mandate = world_a.make_deputy("非组成人员")
    mandate.person.user = outsider
    mandate.person.save(update_fields=["user"])
    before = AuditEntry.objects.in_congress(world_a.congress).count()
    cases = [
        (dict(actor=signed[0], choice="maybe"), "赞成、反对或弃权"),
        (dict(actor=outsider, choice="yes"), "不是本次会议有表决权"),
        (dict(actor=unsigned, choice="yes"), "请先签到"),
    ]
    for kwargs, message in cases:
        with pytest.raises(ValidationError) as error:
            actions.cast_vote(world_a.congress, vote, **kwargs)
        assert message in error.value.messages[0]
    actions.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    with pytest.raises(ValidationError) as error:
        actions.cast_vote(world_a.congress, vote, actor=signed[0], choice="yes")
    assert "已结束" in error.value.messages[0]
    with pytest.raises((NotPermitted, NotFound)):
        actions.cast_vote(world_b.congress, vote, actor=signed[0], choice="yes")
    assert not RollCallCast.objects.in_congress(world_a.congress).filter(vote=vote).exists()
    assert not AuditEntry.objects.in_congress(world_a.congress).filter(action="cast_vote").exists()
    assert AuditEntry.objects.in_congress(world_a.congress).count() == before + 1  # only the close


def test_an_announced_result_is_corrected_by_a_new_record(world_a):
    vote = open_roll_call(world_a, members=3, sign_in=3)
    actions.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    actions.announce_result(world_a.congress, vote, actor=world_a.office)
    with pytest.raises(ValidationError):
        actions.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    original = dict(vote.result)
    correction = actions.correct_result(world_a.congress, vote, actor=world_a.admin, reason="表决器故障复核",
                                        corrected={**original, "yes": 1})
    vote.refresh_from_db()
    assert vote.result == original and correction.before == original


def test_the_api_counts_a_double_tap_once_and_explains_refusals(world_a):
    from renda.core.tests.test_api import bearer

    vote = open_roll_call(world_a, members=3, sign_in=3)
    client = Client()
    headers = bearer(world_a, world_a.deputy)
    url = f"/api/votes/{vote.pk}/cast"
    for _ in range(2):
        assert client.post(url, {"choice": "yes"}, content_type="application/json", **headers).status_code == 200
    assert RollCallCast.objects.in_congress(world_a.congress).filter(vote=vote).count() == 1
    bad = client.post(url, {"choice": "赞成!"}, content_type="application/json", **headers)
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "choice"
    malformed = client.post(url, "not json", content_type="application/json", **headers)
    assert malformed.status_code in (400, 422)
    tally = client.get(f"/api/votes/{vote.pk}/tally", **headers).json()
    assert tally["voted"] == 1 and "yes" not in tally  # a member's phone: no running counts (rule off)
    staff = client.get(f"/api/votes/{vote.pk}/tally", **bearer(world_a, world_a.office)).json()
    assert (staff["yes"], staff["voted"]) == (1, 1)


def test_the_screen_shows_running_counts_then_the_result(world_a, django_capture_on_commit_callbacks):
    vote = open_roll_call(world_a, members=3, sign_in=3)
    actions.cast_vote(world_a.congress, vote, actor=voters(vote.meeting)[0], choice="no")
    client = Client()
    client.force_login(world_a.office)  # the hall screen is run by the office
    url = f"/c/{world_a.congress.code}/votes/{vote.pk}/screen/tally/"
    running = client.get(url).content.decode()
    assert "反对<b>1</b>" in running
    with django_capture_on_commit_callbacks(execute=True):
        actions.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    done = client.get(url).content.decode()
    assert "反对1票" in done and "未通过" in done
    with django_capture_on_commit_callbacks(execute=True):
        actions.announce_result(world_a.congress, vote, actor=world_a.office)
    announced = client.get(url).content.decode()
    assert "反对<b>1</b>" in announced and "未通过" in announced and "结果已宣布" in announced  # the big numbers stay


def test_closing_the_meeting_waits_for_open_votes(world_a):
    vote = open_roll_call(world_a, members=3, sign_in=3)
    with pytest.raises(ValidationError):
        meeting_actions.close_meeting(world_a.congress, vote.meeting, actor=world_a.office)
    assert Vote.objects.in_congress(world_a.congress).get(pk=vote.pk).status == "open"


def test_an_announced_result_is_corrected_through_the_page_and_the_api(world_a):
    from renda.core.tests.test_api import bearer
    from renda.voting.models import ResultCorrection

    vote = open_roll_call(world_a, members=3, sign_in=3)
    actions.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    actions.announce_result(world_a.congress, vote, actor=world_a.office)
    admin = Client()
    admin.force_login(world_a.admin)
    url = f"/c/{world_a.congress.code}/votes/{vote.pk}/"
    page = admin.get(url).content.decode()
    assert "记录更正" in page and 'name="yes"' in page and "JSON" not in page
    # A figure that is not a count comes back beside its field, with the reason as typed.
    bad = admin.post(f"{url}do/correct/", {"reason": "表决器故障", "yes": "两", "no": 0, "abstain": 0, "not_voting": 3})
    assert bad.status_code == 200 and "表决器故障" in bad.content.decode() and "errorlist" in bad.content.decode()
    assert not ResultCorrection.objects.in_congress(world_a.congress).exists()
    done = admin.post(f"{url}do/correct/", {"reason": "表决器故障", "yes": 2, "no": 0, "abstain": 0, "not_voting": 1},
                      follow=True).content.decode()
    assert "更正已记录" in done and "表决器故障" in done and "赞成2票" in done
    made = ResultCorrection.objects.in_congress(world_a.congress).get()
    assert (made.after["yes"], made.after["passed"], made.after["electorate"]) == (2, True, 3)  # counted again
    partial = Client().post(f"/api/votes/{vote.pk}/corrections", {"reason": "复核", "corrected": {"yes": 2}},
                            content_type="application/json", **bearer(world_a, world_a.admin))
    assert partial.status_code == 422 and "not_voting" in partial.content.decode()
    made = Client().post(f"/api/votes/{vote.pk}/corrections",
                         {"reason": "复核", "corrected": {"yes": 2, "no": 0, "abstain": 0, "not_voting": 1}},
                         content_type="application/json", **bearer(world_a, world_a.admin))
    assert made.status_code == 201 and made.json()["after"]["yes"] == 2 and made.json()["after"]["passed"] is True
    vote.refresh_from_db()
    assert vote.result["yes"] == 0  # the announced result itself never changes
    assert Client().post(f"/api/votes/{vote.pk}/corrections", {"reason": "x", "corrected": {"yes": 3}},
                         content_type="application/json", **bearer(world_a, world_a.office)).status_code == 403
    office = Client()
    office.force_login(world_a.office)
    assert "记录更正" not in office.get(url).content.decode()
    assert office.post(f"{url}do/correct/", {"reason": "x", "yes": 3, "no": 0, "abstain": 0,
                                             "not_voting": 0}).status_code == 403
