"""The rectification actions: entries without owner or deadline, progress, closure with evidence,
checks, acceptance and return, reminders and escalation at their rule boundaries."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from renda.core import rules
from renda.core.errors import NotFound, NotPermitted
from renda.core.roles import Role
from renda.meetings.models import AgendaItem
from renda.proposals.models import Notice
from renda.rectification import actions
from renda.rectification.models import RectificationItem, RectificationUpdate
from renda.rectification.queries import items_for, visible_items
from renda.rectification.tests.fixtures import claimed, jpeg, make_item, other_unit, pdf, today
from renda.testing import make_meeting

S = RectificationItem.Status
DAY = datetime.timedelta(days=1)


def said(error) -> str:
    return " ".join(m for ms in error.value.message_dict.values() for m in ms)


def entry(**over):
    base = {"problem": "问题", "owner": "赵局长", "due_on": "2026-12-31"}
    return base | over


def test_an_entry_without_owner_or_deadline_is_refused_naming_the_entry(world_a):
    with pytest.raises(ValidationError) as refused:
        actions.list_problems(world_a.congress, actor=world_a.office, source="visit",
                              entries=[entry(unit=world_a.unit.pk), entry(unit=world_a.unit.pk, owner=" ", due_on="")])
    message = said(refused)
    assert "第2项整改事项的责任人”必须填写" in message and "第2项整改事项的整改时限”必须填写" in message
    assert "第1项" not in message
    assert not RectificationItem.objects.in_congress(world_a.congress).exists()


def test_an_entry_with_owner_and_deadline_and_a_unit_of_another_congress(world_a, world_b):
    with pytest.raises(ValidationError) as refused:
        actions.list_problems(world_a.congress, actor=world_a.office, source="visit",
                              entries=[entry(unit=world_b.unit.pk)])
    assert "“第1项整改事项的责任单位”不是本级的单位" in said(refused)
    [item] = actions.list_problems(world_a.congress, actor=world_a.office, source="visit",
                                   entries=[entry(unit=world_a.unit.pk)])
    assert item.owner == "赵局长" and item.due_on == datetime.date(2026, 12, 31)


def test_progress_refines_goal_and_measures_and_keeps_the_file(world_a):
    item = make_item(world_a)
    unit_officer = world_a.users[Role.UNIT_OFFICER]
    update = actions.report_progress(world_a.congress, item, actor=unit_officer, text="已完成一半", evidence=jpeg(),
                                     goal="十月底前完成", measures="新增两支施工队")
    item.refresh_from_db()
    assert (item.goal, item.measures, item.status) == ("十月底前完成", "新增两支施工队", S.OPEN)
    assert update.kind == RectificationUpdate.Kind.PROGRESS and update.evidence.name.endswith(".jpg")
    with pytest.raises(ValidationError) as refused:
        actions.report_progress(world_a.congress, item, actor=unit_officer, text="  ")
    assert "“进展情况”必须填写" in said(refused)


def test_an_officer_of_another_unit_may_not_act_and_another_congress_item_is_not_found(world_a, world_b):
    item = make_item(world_a, unit=other_unit(world_a))
    with pytest.raises(NotPermitted, match="本单位"):
        actions.report_progress(world_a.congress, item, actor=world_a.users[Role.UNIT_OFFICER], text="进展")
    with pytest.raises(NotPermitted):
        actions.request_closure(world_a.congress, item, actor=world_a.users[Role.UNIT_OFFICER], text="完成",
                                evidence=pdf())
    foreign = make_item(world_b)
    with pytest.raises(NotFound):
        actions.report_progress(world_a.congress, foreign, actor=world_a.office, text="进展")
    with pytest.raises(NotFound):
        actions.accept_closure(world_a.congress, foreign, actor=world_a.office)


def test_closure_without_evidence_is_refused_and_nothing_changes(world_a):
    item = make_item(world_a)
    unit_officer = world_a.users[Role.UNIT_OFFICER]
    with pytest.raises(ValidationError) as refused:
        actions.request_closure(world_a.congress, item, actor=unit_officer, text="已完成", evidence=None)
    assert "“佐证材料”必须上传" in said(refused)
    with pytest.raises(ValidationError) as refused:
        actions.request_closure(world_a.congress, item, actor=unit_officer, text="", evidence=pdf())
    assert "“整改完成情况”必须填写" in said(refused)
    item.refresh_from_db()
    assert item.status == S.OPEN and not item.updates.exists()
    actions.request_closure(world_a.congress, item, actor=unit_officer, text="已完成", evidence=pdf())
    item.refresh_from_db()
    assert item.status == S.CLAIMED


def test_acceptance_only_of_a_claimed_item_sets_the_closing_fields(world_a):
    item = make_item(world_a)
    with pytest.raises(ValidationError, match="只有“申请销号待验收”"):
        actions.accept_closure(world_a.congress, item, actor=world_a.office)
    with pytest.raises(ValidationError, match="只有“申请销号待验收”"):
        actions.return_item(world_a.congress, item, actor=world_a.office, reason="不行")
    item = claimed(world_a)
    with pytest.raises(NotPermitted):
        actions.accept_closure(world_a.congress, item, actor=world_a.users[Role.UNIT_OFFICER])
    actions.accept_closure(world_a.congress, item, actor=world_a.office, resolution="验收合格")
    item.refresh_from_db()
    assert (item.status, item.closed_on, item.resolution, item.accepted_by) == (S.CLOSED, today(), "验收合格",
                                                                                 world_a.office)


def test_return_sends_the_item_back_with_the_reason(world_a):
    item = claimed(world_a)
    with pytest.raises(ValidationError, match="“退回理由”必须填写"):
        actions.return_item(world_a.congress, item, actor=world_a.office, reason="")
    actions.return_item(world_a.congress, item, actor=world_a.office, reason="佐证材料不完整")
    item.refresh_from_db()
    assert item.status == S.OPEN and item.closed_on is None
    assert item.updates.last().text == "佐证材料不完整"


def test_checks_by_a_member_and_a_bad_kind(world_a):
    item = make_item(world_a)
    member = world_a.users[Role.SC_MEMBER]
    update = actions.record_check(world_a.congress, item, actor=member, kind="spot_check", findings="抽查三所学校",
                                  photo=jpeg())
    assert update.kind == "spot_check" and update.by == member
    with pytest.raises(ValidationError) as refused:
        actions.record_check(world_a.congress, item, actor=member, kind="progress", findings="", photo=pdf())
    message = said(refused)
    assert "“检查方式”须为" in message and "“检查情况”必须填写" in message and "“现场照片”不是" in message
    with pytest.raises(NotPermitted):
        actions.record_check(world_a.congress, item, actor=world_a.users[Role.UNIT_OFFICER], kind="site_check",
                             findings="x")


def test_overdue_is_due_yesterday_not_today(world_a):
    due_today = make_item(world_a, due_on=today())
    due_yesterday = make_item(world_a, due_on=today() - DAY)
    assert not actions.is_overdue(due_today, today())
    assert actions.is_overdue(due_yesterday, today())
    due_yesterday.status = S.CLOSED
    assert not actions.is_overdue(due_yesterday, today())


def test_reminders_on_the_rule_days_and_every_overdue_day_once(world_a):
    days = rules.get(world_a.congress, "rectification.reminder_days")
    assert days == [30, 7, 1]
    on_7 = make_item(world_a, due_on=today() + 7 * DAY, problem="七天后到期")
    on_6 = make_item(world_a, due_on=today() + 6 * DAY, problem="六天后到期")
    overdue = make_item(world_a, due_on=today() - DAY, problem="昨天到期")
    due_today = make_item(world_a, due_on=today(), problem="今天到期")
    done = claimed(world_a, due_on=today() - 3 * DAY, problem="已申请销号")
    sent = actions.send_reminders(world_a.congress, actor=world_a.office)
    assert sent == 2
    notices = {n.link: n.text for n in Notice.objects.in_congress(world_a.congress)}
    assert f"/c/{world_a.congress.code}/rectification/{on_7.pk}/" in notices
    assert "已逾期 1 天" in notices[f"/c/{world_a.congress.code}/rectification/{overdue.pk}/"]
    for quiet in (on_6, due_today, done):
        assert f"/c/{world_a.congress.code}/rectification/{quiet.pk}/" not in notices
    assert actions.send_reminders(world_a.congress, actor=world_a.office) == 0
    assert Notice.objects.in_congress(world_a.congress).count() == 2
    assert overdue.updates.filter(kind="reminder").count() == 1
    tomorrow = actions.send_reminders(world_a.congress, actor=world_a.office, today=today() + DAY)
    assert tomorrow == 2  # the overdue (2 days) and 今天到期 (1 day); 6 and 5 days left are not rule days


def test_escalation_takes_items_overdue_more_than_the_rule_once(world_a):
    after = rules.get(world_a.congress, "rectification.escalate_after_days")
    exactly = make_item(world_a, due_on=today() - after * DAY, problem="逾期正好N天")
    beyond = make_item(world_a, due_on=today() - (after + 1) * DAY, problem="逾期N+1天")
    closed = claimed(world_a, due_on=today() - (after + 5) * DAY, problem="已销号")
    actions.accept_closure(world_a.congress, closed, actor=world_a.office)
    meeting = make_meeting(world_a, kind="directors", open_it=False)
    agenda = actions.escalate_overdue(world_a.congress, actor=world_a.office, meeting=meeting)
    assert agenda is not None and agenda.meeting == meeting and "1项" in agenda.title
    beyond.refresh_from_db()
    exactly.refresh_from_db()
    assert beyond.escalated_to_id == agenda.pk and beyond.escalated_on == today()
    assert exactly.escalated_to_id is None
    assert beyond.updates.filter(kind="escalated").count() == 1
    assert actions.escalate_overdue(world_a.congress, actor=world_a.office, meeting=meeting) is None
    assert AgendaItem.objects.in_congress(world_a.congress).filter(meeting=meeting).count() == 1


def test_escalation_needs_an_unfinished_directors_meeting(world_a, world_b):
    session = make_meeting(world_a, kind="sc_session", open_it=False)
    with pytest.raises(ValidationError, match="须为主任会议"):
        actions.escalate_overdue(world_a.congress, actor=world_a.office, meeting=session)
    foreign = make_meeting(world_b, kind="directors", open_it=False)
    with pytest.raises(NotFound):
        actions.escalate_overdue(world_a.congress, actor=world_a.office, meeting=foreign)
    with pytest.raises(NotPermitted):
        actions.escalate_overdue(world_a.congress, actor=world_a.users[Role.COMMITTEE_STAFF],
                                 meeting=make_meeting(world_a, kind="directors", open_it=False))


def test_queries_by_link_and_by_viewer(world_a):
    mine = make_item(world_a)
    theirs = make_item(world_a, unit=other_unit(world_a))
    assert set(items_for(world_a.congress)) == {mine, theirs}
    assert list(items_for(world_a.congress, unit=world_a.unit)) == [mine]
    assert list(visible_items(world_a.congress, world_a.users[Role.UNIT_OFFICER])) == [mine]
    assert set(visible_items(world_a.congress, world_a.users[Role.DEPUTY])) == {mine, theirs}
    assert not visible_items(world_a.congress, world_a.users[Role.PUBLIC]).exists()


def test_the_daily_command_sends_each_reminder_once(world_a):
    import io

    from django.core.management import call_command

    make_item(world_a, due_on=today() - DAY, problem="昨天到期")
    out = io.StringIO()
    call_command("send_reminders", "--as", world_a.office.username, stdout=out)
    call_command("send_reminders", "--as", world_a.office.username, stdout=out)
    assert f"{world_a.congress.name}：1 条整改催办提醒" in out.getvalue()
    assert f"{world_a.congress.name}：0 条整改催办提醒" in out.getvalue()
    assert Notice.objects.in_congress(world_a.congress).count() == 1
