"""Major-matter decisions: proposed onto a session's agenda, voted on the engine, passed with more
than half of ALL members (22 of 43 passes, 21 does not), numbered per congress and year, published;
a failed one gives nothing; the implementation report is a rectification item."""

import datetime

import pytest
from django.utils import timezone

from renda.core.errors import IllegalTransition, NotFound, ValidationError
from renda.decisions import actions
from renda.decisions.models import Decision
from renda.decisions.tests.fixtures import passed, propose, voted
from renda.meetings.models import AgendaItem, Meeting
from renda.rectification.models import RectificationItem
from renda.testing import make_meeting

S = Decision.Status


def test_proposing_puts_the_matter_on_the_sessions_agenda(world_a):
    decision = propose(world_a)
    item = AgendaItem.objects.in_congress(world_a.congress).get(pk=decision.agenda_item_id)
    assert item.kind == AgendaItem.Kind.DRAFT and "城市更新专项规划" in item.title
    assert decision.status == S.PROPOSED and decision.number is None


def test_bad_input_names_the_fields_and_writes_nothing(world_a):
    directors = make_meeting(world_a, kind="directors", members=5)
    before = (Decision.objects.in_congress(world_a.congress).count(), AgendaItem.objects.in_congress(world_a.congress).count())
    with pytest.raises(ValidationError) as error:
        actions.propose_decision(world_a.congress, actor=world_a.office, title=" ", proposer=None,
                                 meeting=directors, text_="")
    said = error.value.message_dict
    assert set(said) == {"title", "text", "proposer", "meeting"}
    assert "必须填写" in said["title"][0] and "常务委员会会议" in said["meeting"][0]
    assert (Decision.objects.in_congress(world_a.congress).count(), AgendaItem.objects.in_congress(world_a.congress).count()) == before


def test_another_congresss_meeting_or_body_is_refused(world_a, world_b):
    other = make_meeting(world_b, members=5)
    with pytest.raises(ValidationError) as error:
        actions.propose_decision(world_a.congress, actor=world_a.office, title="关于甲的决定", proposer=world_b.unit,
                                 meeting=other, text_="正文")
    assert set(error.value.message_dict) == {"proposer", "meeting"}
    decision = propose(world_a)
    with pytest.raises(NotFound):
        actions.put_decision_to_vote(world_b.congress, decision, actor=world_b.office)


def test_22_of_43_passes_and_is_numbered(world_a):
    decision = passed(world_a, yes=22)
    assert decision.status == S.PASSED
    year = decision.decided_on.year
    assert decision.number == 1 and decision.number_text == f"示常决〔{year}〕1号"
    item = AgendaItem.objects.in_congress(world_a.congress).get(pk=decision.agenda_item_id)
    assert item.outcome.startswith("表决通过")
    second = passed(world_a, yes=25, meeting=Meeting.objects.in_congress(world_a.congress).get(pk=decision.meeting_id))
    assert second.number == 2 and second.number_text.endswith("2号")


def test_21_of_43_fails_and_gives_no_decision(world_a):
    decision = voted(world_a, yes=21)
    decision = actions.record_decision_outcome(world_a.congress, decision, actor=world_a.office)
    assert decision.status == S.FAILED and decision.number is None and decision.number_text == ""
    with pytest.raises(ValidationError) as error:
        actions.publish_decision(world_a.congress, decision, actor=world_a.office)
    assert "表决未通过，不能形成决议或决定" in error.value.messages[0]
    with pytest.raises(ValidationError):
        actions.track_implementation(world_a.congress, decision, actor=world_a.office, unit=world_a.unit, owner="赵")
    assert RectificationItem.objects.in_congress(world_a.congress).count() == 0
    decision.refresh_from_db()
    assert decision.status == S.FAILED


def test_outcome_waits_for_the_announced_result(world_a):
    decision = voted(world_a, yes=30, members=5, announce=False)
    with pytest.raises(ValidationError) as error:
        actions.record_decision_outcome(world_a.congress, decision, actor=world_a.office)
    assert "宣布表决结果后" in error.value.messages[0]
    decision.refresh_from_db()
    assert decision.status == S.VOTING


def test_a_decision_is_put_to_the_vote_once(world_a):
    decision = propose(world_a)
    actions.put_decision_to_vote(world_a.congress, decision, actor=world_a.office)
    with pytest.raises(IllegalTransition):
        actions.put_decision_to_vote(world_a.congress, decision, actor=world_a.office)


def test_publishing_and_the_implementation_report(world_a):
    c = world_a.congress
    decision = passed(world_a, members=5, yes=5)
    with pytest.raises(ValidationError) as error:
        actions.publish_decision(c, decision, actor=world_a.office, on="2999-01-01")
    assert "公布日期" in error.value.messages[0]
    assert Decision.objects.in_congress(c).get(pk=decision.pk).status == S.PASSED
    decision = actions.publish_decision(c, decision, actor=world_a.office, text_="一、批准规划。")
    assert decision.status == S.PUBLISHED and decision.text == "一、批准规划。"
    assert decision.published_on == timezone.localdate()
    with pytest.raises(ValidationError) as error:
        actions.track_implementation(c, decision, actor=world_a.office, unit=None, owner="", due_on="2001-01-01")
    assert set(error.value.message_dict) == {"unit", "owner", "due_on"}
    assert RectificationItem.objects.in_congress(world_a.congress).count() == 0
    tracked = actions.track_implementation(c, decision, actor=world_a.office, unit=world_a.unit, owner="赵局长")
    item = RectificationItem.objects.in_congress(c).get(pk=tracked.pk)
    assert item.source == RectificationItem.Source.DECISION and item.decision_id == decision.pk
    assert list(decision.rectification_items.all()) == [item]
    months = 6
    from renda.core import rules
    assert item.due_on == rules.add_months(decision.decided_on, months)
    assert item.unit_id == world_a.unit.pk and decision.number_text in item.problem
    assert item.status == RectificationItem.Status.OPEN


def test_the_number_restarts_each_year(world_a):
    c = world_a.congress
    first = passed(world_a, members=5, yes=5)
    Decision.objects.in_congress(c).filter(pk=first.pk).update(year=first.year - 1)
    second = passed(world_a, yes=5, meeting=Meeting.objects.in_congress(c).get(pk=first.meeting_id))
    assert second.number == 1
    assert isinstance(second.decided_on, datetime.date)
