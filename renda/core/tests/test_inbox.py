"""The home inbox: each role sees what needs it today, one tap from each item; the header counts
the work to do; another congress's user sees none of it."""

import datetime

from django.utils import timezone

from renda.core import inbox, rules
from renda.liaison.tests.factory import concern
from renda.meetings import actions as meetings
from renda.proposals import actions as proposals
from renda.testing import make_meeting, voters
from renda.voting import actions as voting


def _tasks(world, user):
    return {t.key: t for t in inbox.tasks_for(world.congress, user)}


def _submitted(world, *, co_signer=None):
    item = proposals.save_suggestion_draft(world.congress, actor=world.deputy, term=world.term, title="关于增设公交线路的建议",
                                           body="城乡公交班次太少", co_signers=[co_signer] if co_signer else [])
    if co_signer is None:
        proposals.submit_suggestion(world.congress, item, actor=world.deputy)
    return item


def _assigned(world, on):
    item = _submitted(world)
    proposals.accept_suggestion(world.congress, item, actor=world.office)
    return proposals.assign_suggestion(world.congress, item, actor=world.office, lead_unit=world.unit, on=on)


def test_office_sees_items_awaiting_review_with_a_link_to_each(world_a):
    item = _submitted(world_a)
    task = _tasks(world_a, world_a.office)["suggestions_to_review"]
    assert task.count == 1 and task.todo
    assert task.items[0].url == f"/c/{world_a.congress.code}/suggestions/{item.pk}/"


def test_office_sees_concerns_not_yet_triaged(world_a):
    concern(world_a)
    assert _tasks(world_a, world_a.office)["concerns_untriaged"].count == 1


def test_a_unit_sees_an_item_due_in_30_days_but_not_one_due_in_31(world_a):
    today = timezone.localdate()
    unit = world_a.users["unit_officer"]
    # Suggestions are due three months after assignment: pick assignment days that land 30 and 31 days out.
    for days in (30, 31):
        due = today + datetime.timedelta(days=days)
        on = next(d for d in (due - datetime.timedelta(days=n) for n in range(85, 100))
                  if rules.answer_due(world_a.congress, d, False) == due)
        _assigned(world_a, on)
    soon = _tasks(world_a, unit)["unit_due_soon"]
    assert soon.count == 1 and "还剩 30 天" in soon.items[0].note
    assert "unit_overdue" not in _tasks(world_a, unit)


def test_a_unit_sees_overdue_items_first(world_a):
    _assigned(world_a, timezone.localdate() - datetime.timedelta(days=200))
    tasks = inbox.tasks_for(world_a.congress, world_a.users["unit_officer"])
    assert tasks[0].key == "unit_overdue" and tasks[0].late and "已逾期" in tasks[0].items[0].note
    assert _tasks(world_a, world_a.office)["units_overdue"].items[0].title == world_a.unit.name


def test_a_deputy_is_asked_to_confirm_co_signing(world_a):
    _submitted(world_a, co_signer=world_a.deputies[1].person)
    sc_member = world_a.users["sc_member"]
    assert _tasks(world_a, sc_member)["cosign_requests"].count == 1
    assert "cosign_requests" not in _tasks(world_a, world_a.deputy)


def test_a_deputy_is_asked_to_sign_in_and_to_vote_until_they_have(world_a):
    meeting = make_meeting(world_a, members=5, sign_in=0)
    assert _tasks(world_a, world_a.deputy)["sign_in"].count == 1
    meetings.sign_in_at_desk(world_a.congress, meeting, actor=world_a.office, person=world_a.deputies[0].person)
    assert "sign_in" not in _tasks(world_a, world_a.deputy)
    for entry in meeting.roster.all():
        if entry.signed_in_at is None:
            meetings.sign_in_at_desk(world_a.congress, meeting, actor=world_a.office, person=entry.person)
    vote = voting.create_vote(world_a.congress, meeting, actor=world_a.office, title="关于批准决算的决议")
    voting.open_vote(world_a.congress, vote, actor=world_a.office)
    voters(meeting)
    task = _tasks(world_a, world_a.deputy)["votes_open"]
    assert task.count == 1 and task.items[0].url.endswith(f"/votes/{vote.pk}/")
    voting.cast_vote(world_a.congress, vote, actor=world_a.deputy, choice="yes")
    assert "votes_open" not in _tasks(world_a, world_a.deputy)


def test_the_header_counts_work_to_do_but_not_things_to_know(client, world_a):
    _submitted(world_a)
    concern(world_a)
    make_meeting(world_a, open_it=False)  # this week's meeting: shown, not counted — but its agenda is to fix
    client.force_login(world_a.office)
    page = client.get(f"/c/{world_a.congress.code}/").content.decode()
    assert 'aria-label="待办 3 项"' in page
    assert "本周会议" in page and "待审查的议案建议" in page and "议程草案尚未确定" in page


def test_another_congresss_user_sees_nothing_of_this_one(client, world_a, world_b):
    _submitted(world_a)
    assert inbox.tasks_for(world_a.congress, world_b.office) == []
    client.force_login(world_b.office)
    page = client.get(f"/c/{world_a.congress.code}/").content.decode()
    assert "待审查的议案建议" not in page and "代表名册" in page  # the public front page


def test_the_public_get_the_front_page_and_the_figures_stay_one_tap_away(client, world_a):
    page = client.get(f"/c/{world_a.congress.code}/").content.decode()
    assert "代表建议答复公开" in page and "概况" in page
    assert "在任代表" in client.get(f"/c/{world_a.congress.code}/overview/").content.decode()


def test_nothing_to_do_says_so(client, world_a):
    client.force_login(world_a.users["unit_officer"])
    assert "暂时没有待办事项" in client.get(f"/c/{world_a.congress.code}/").content.decode()


def test_a_committee_follows_the_key_items_it_supervises(world_a):
    item = _assigned(world_a, timezone.localdate())
    committee_staff = world_a.users["committee_staff"]
    assert "committee_supervision" not in _tasks(world_a, committee_staff)
    proposals.mark_key_supervision(world_a.congress, item, actor=world_a.office, leader=world_a.deputies[1].person,
                                   committee=world_a.committee)
    task = _tasks(world_a, committee_staff)["committee_supervision"]
    assert task.count == 1 and not task.todo and "前答复" in task.items[0].note
