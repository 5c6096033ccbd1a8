"""The comments in the home inbox: the committee's undecided comments of a closed period, then the
summary to finalise; a deputy's and a contact point's drafts closing within seven days (not those
closing later, nor those they have answered); a decided comment told to whoever gave it."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from renda.core.inbox import Ask, tasks_for
from renda.core.roles import Role
from renda.law_comments import actions, inbox
from renda.law_comments.models import LawComment
from renda.law_comments.tests.fixtures import open_period


def _keys(world, user):
    return {t.key: t for t in tasks_for(world.congress, user)}


def test_the_committee_is_asked_to_decide_once_the_period_has_closed(world_a):
    period = open_period(world_a, audiences=["deputies", "public"], days=30)
    c = world_a.congress
    actions.comment_on_draft(c, period, actor=AnonymousUser(), text_="意见一")
    actions.comment_on_draft(c, period, actor=world_a.deputy, text_="意见二")
    assert "law_comments_undecided" not in _keys(world_a, world_a.office)
    later = timezone.localdate() + datetime.timedelta(days=31)
    found = {t.key: t for t in inbox.tasks(Ask(c, world_a.users[Role.COMMITTEE_STAFF], today=later))}
    assert found["law_comments_undecided"].count == 2 and "2 条未研究" in found["law_comments_undecided"].items[0].note
    comments = list(LawComment.objects.in_congress(c))
    actions.decide_law_comments(c, comments, actor=world_a.office, decision="adopted")
    found = {t.key: t for t in inbox.tasks(Ask(c, world_a.office, today=later))}
    assert "law_comments_undecided" not in found and found["law_comments_finalise"].count == 1


def test_deputies_and_contact_points_see_drafts_closing_within_a_week(world_a):
    c = world_a.congress
    soon = open_period(world_a, audiences=["deputies", "contact_points"], days=7)
    open_period(world_a, audiences=["deputies", "contact_points"], days=8)
    deputy_task = _keys(world_a, world_a.deputy)["law_comments_closing"]
    assert deputy_task.count == 1 and str(soon.pk) in deputy_task.items[0].url
    assert _keys(world_a, world_a.users[Role.CONTACT_POINT_STAFF])["law_comments_closing"].count == 1
    assert "law_comments_closing" not in _keys(world_a, world_a.users[Role.UNIT_OFFICER])
    comment = actions.comment_on_draft(c, soon, actor=world_a.deputy, text_="已提意见")
    assert "law_comments_closing" not in _keys(world_a, world_a.deputy)
    actions.decide_law_comments(c, [comment], actor=world_a.office, decision="adopted")
    told = _keys(world_a, world_a.deputy)["law_comments_answered"]
    assert not told.todo and told.items[0].note == "采纳"
