"""The yearly oversight plan: drafting, items, approval, publication, recorded decisions, derived progress."""

import datetime

import pytest
from django.utils import timezone

from renda.core.errors import IllegalTransition, NotFound, NotPermitted, ValidationError
from renda.core.models import AuditEntry
from renda.meetings import actions as meetings
from renda.oversight.actions import activities as act
from renda.oversight.actions import plan as plan_actions
from renda.oversight.models import Plan, PlanItem, PlanItemCommittee
from renda.oversight.progress import item_progress
from renda.oversight.tests.plan_fixtures import (
    committee,
    make_activity,
    make_item,
    make_plan,
    ready_activity,
    this_year,
)
from renda.testing import make_meeting


def test_it_drafts_one_plan_per_year(world_a):
    plan = make_plan(world_a)
    assert plan.status == Plan.Status.DRAFT
    assert AuditEntry.objects.in_congress(world_a.congress).filter(action="draft_oversight_plan").exists()
    with pytest.raises(ValidationError) as refused:
        make_plan(world_a)
    assert "已经存在" in refused.value.message_dict["year"][0]


@pytest.mark.parametrize(("offset", "ok"), [(1, True), (2, False)])
def test_the_year_may_be_next_year_at_most(world_a, offset, ok):
    year = this_year() + offset
    if ok:
        assert make_plan(world_a, year).year == year
    else:
        with pytest.raises(ValidationError) as refused:
            make_plan(world_a, year)
        assert "“年度”须为 1949 至" in refused.value.message_dict["year"][0]


def test_the_year_may_go_back_to_1949_not_before(world_a):
    assert make_plan(world_a, 1949).year == 1949
    with pytest.raises(ValidationError):
        make_plan(world_a, 1948)


def test_deputies_and_the_public_may_not_draft(world_a):
    for user in (world_a.deputy, world_a.users["sc_member"], world_a.public):
        with pytest.raises(NotPermitted):
            plan_actions.draft_oversight_plan(world_a.congress, actor=user, year=this_year(), title="计划")
    assert not Plan.objects.in_congress(world_a.congress).exists()


def test_committee_staff_may_draft_and_arrange(world_a):
    staff = world_a.users["committee_staff"]
    plan = plan_actions.draft_oversight_plan(world_a.congress, actor=staff, year=this_year(), title="计划")
    item = plan_actions.arrange_plan_item(world_a.congress, plan, actor=staff, kind="survey", title="调研",
                                          lead_committee=world_a.committee, month=3)
    assert item.order == 1


def test_another_congresss_user_may_not_draft(world_a, world_b):
    with pytest.raises(NotPermitted):
        plan_actions.draft_oversight_plan(world_a.congress, actor=world_b.office, year=this_year(), title="计划")


def test_another_congresss_plan_is_not_found(world_a, world_b):
    plan = make_plan(world_b)
    with pytest.raises(NotFound):
        plan_actions.arrange_plan_item(world_a.congress, plan, actor=world_a.root, kind="survey", title="调研",
                                       lead_committee=world_a.committee, month=3)


@pytest.mark.parametrize(("month", "ok"), [(0, False), (1, True), (12, True), (13, False)])
def test_the_month_is_1_to_12(world_a, month, ok):
    plan = make_plan(world_a)
    if ok:
        assert make_item(world_a, plan, month=month).month == month
    else:
        with pytest.raises(ValidationError) as refused:
            make_item(world_a, plan, month=month)
        assert refused.value.message_dict["month"] == [f"“安排月份”须为 1 至 12 的整数，收到：{month}"]
        assert not PlanItem.objects.in_congress(world_a.congress).exists()


def test_the_lead_committee_must_be_a_committee_and_not_a_co_committee(world_a):
    plan = make_plan(world_a)
    with pytest.raises(ValidationError) as refused:
        make_item(world_a, plan, lead_committee=world_a.unit)
    assert "须为专门委员会或工作委员会" in refused.value.message_dict["lead_committee"][0]
    lead = committee(world_a)
    with pytest.raises(ValidationError) as refused:
        make_item(world_a, plan, lead_committee=lead, co_committees=[lead])
    assert "不能包括牵头委员会" in refused.value.message_dict["co_committees"][0]
    item = make_item(world_a, plan, lead_committee=lead, co_committees=[world_a.committee])
    assert [c.organisation_id for c in PlanItemCommittee.objects.in_congress(world_a.congress).filter(item=item)] == \
        [world_a.committee.pk]


def test_a_work_report_names_the_reporting_body(world_a):
    plan = make_plan(world_a)
    with pytest.raises(ValidationError) as refused:
        make_item(world_a, plan, kind="work_report", title="听取市政府关于教育工作情况的报告")
    assert "“报告机关”必须填写" in refused.value.message_dict["body"][0]
    item = make_item(world_a, plan, kind="work_report", title="听取报告", body=world_a.unit)
    assert item.body == world_a.unit


def test_references_of_another_congress_are_refused_by_field(world_a, world_b):
    plan = make_plan(world_a)
    with pytest.raises(ValidationError) as refused:
        make_item(world_a, plan, lead_committee=world_b.committee, leader=world_b.deputies[0].person,
                  body=world_b.unit)
    errors = refused.value.message_dict
    assert set(errors) >= {"lead_committee", "leader", "body"}


def test_the_meeting_is_a_session_of_the_plans_year(world_a):
    plan = make_plan(world_a)
    session = make_meeting(world_a, kind="sc_session", open_it=False)
    assert make_item(world_a, plan, meeting=session).meeting == session
    directors = make_meeting(world_a, kind="directors", open_it=False)
    with pytest.raises(ValidationError) as refused:
        make_item(world_a, plan, meeting=directors)
    assert "须为常务委员会会议" in refused.value.message_dict["meeting"][0]
    next_plan = make_plan(world_a, this_year() + 1)
    with pytest.raises(ValidationError) as refused:
        make_item(world_a, next_plan, meeting=session)
    assert f"须在 {this_year() + 1} 年内举行" in refused.value.message_dict["meeting"][0]


def test_an_item_is_updated_in_place_and_audited(world_a):
    plan = make_plan(world_a)
    item = make_item(world_a, plan)
    again = plan_actions.arrange_plan_item(world_a.congress, plan, actor=world_a.root, item=item, kind="survey",
                                           title="新题目", lead_committee=item.lead_committee, month=9)
    assert again.pk == item.pk and again.month == 9 and again.order == 1
    entry = AuditEntry.objects.in_congress(world_a.congress).filter(action="arrange_plan_item").order_by("id").last()
    assert entry.before == {"title": "关于义务教育优质均衡发展情况的调研", "month": 5, "leader": "王芳"}


def _approved(world):
    plan = make_plan(world)
    make_item(world, plan)
    directors = make_meeting(world, kind="directors", open_it=False)
    return plan_actions.approve_oversight_plan(world.congress, plan, actor=world.office, meeting=directors,
                                               approved_on=timezone.localdate())


def test_approval_needs_a_directors_meeting_and_closes_the_draft(world_a):
    plan = make_plan(world_a)
    make_item(world_a, plan)
    session = make_meeting(world_a, kind="sc_session", open_it=False)
    with pytest.raises(ValidationError) as refused:
        plan_actions.approve_oversight_plan(world_a.congress, plan, actor=world_a.office, meeting=session,
                                            approved_on=timezone.localdate())
    assert "须为主任会议" in refused.value.message_dict["meeting"][0]
    directors = make_meeting(world_a, kind="directors", open_it=False)
    plan_actions.approve_oversight_plan(world_a.congress, plan, actor=world_a.office, meeting=directors,
                                        approved_on=timezone.localdate())
    assert plan.status == Plan.Status.APPROVED
    with pytest.raises(ValidationError) as refused:  # items are fixed once approved
        make_item(world_a, plan)
    assert "草案" in refused.value.message_dict["status"][0]


def test_an_empty_plan_is_not_approved(world_a):
    plan = make_plan(world_a)
    directors = make_meeting(world_a, kind="directors", open_it=False)
    with pytest.raises(ValidationError) as refused:
        plan_actions.approve_oversight_plan(world_a.congress, plan, actor=world_a.office, meeting=directors,
                                            approved_on=timezone.localdate())
    assert "还没有项目" in refused.value.message_dict["plan"][0]


def test_the_approval_date_is_the_directors_meetings_date(world_a):
    plan = make_plan(world_a)
    make_item(world_a, plan)
    directors = make_meeting(world_a, kind="directors", open_it=False)
    day = timezone.localtime(directors.starts_at).date()
    with pytest.raises(ValidationError) as refused:
        plan_actions.approve_oversight_plan(world_a.congress, plan, actor=world_a.office, meeting=directors,
                                            approved_on=day - datetime.timedelta(days=1))
    assert "须为所选主任会议的日期" in refused.value.message_dict["approved_on"][0]
    assert Plan.objects.in_congress(world_a.congress).get(pk=plan.pk).status == Plan.Status.DRAFT
    plan_actions.approve_oversight_plan(world_a.congress, plan, actor=world_a.office, meeting=directors, approved_on=day)
    assert plan.status == Plan.Status.APPROVED and plan.approved_on == day


def test_committee_staff_may_not_approve_or_publish(world_a):
    plan = make_plan(world_a)
    make_item(world_a, plan)
    directors = make_meeting(world_a, kind="directors", open_it=False)
    with pytest.raises(NotPermitted):
        plan_actions.approve_oversight_plan(world_a.congress, plan, actor=world_a.users["committee_staff"],
                                            meeting=directors, approved_on=timezone.localdate())


def test_publishing_follows_approval(world_a):
    plan = make_plan(world_a)
    make_item(world_a, plan)
    with pytest.raises(IllegalTransition):
        plan_actions.publish_oversight_plan(world_a.congress, plan, actor=world_a.office)
    directors = make_meeting(world_a, kind="directors", open_it=False)
    plan_actions.approve_oversight_plan(world_a.congress, plan, actor=world_a.office, meeting=directors,
                                        approved_on=timezone.localdate())
    plan_actions.publish_oversight_plan(world_a.congress, plan, actor=world_a.office)
    assert plan.status == Plan.Status.PUBLISHED and plan.published_on == timezone.localdate()


def test_item_status_is_recorded_after_approval_with_a_reason(world_a):
    plan = make_plan(world_a)
    item = make_item(world_a, plan)
    with pytest.raises(ValidationError):
        plan_actions.set_plan_item_status(world_a.congress, item, actor=world_a.office, status="postponed", note="因故")
    directors = make_meeting(world_a, kind="directors", open_it=False)
    plan_actions.approve_oversight_plan(world_a.congress, plan, actor=world_a.office, meeting=directors,
                                        approved_on=timezone.localdate())
    with pytest.raises(ValidationError) as refused:
        plan_actions.set_plan_item_status(world_a.congress, item, actor=world_a.office, status="postponed")
    assert "须写明原因" in refused.value.message_dict["note"][0]
    with pytest.raises(ValidationError):
        plan_actions.set_plan_item_status(world_a.congress, item, actor=world_a.office, status="reported")
    plan_actions.set_plan_item_status(world_a.congress, item, actor=world_a.office, status="postponed",
                                      note="推迟至下年度")
    assert item_progress(item) == "推迟"
    plan_actions.set_plan_item_status(world_a.congress, item, actor=world_a.office, status="planned")
    assert item_progress(item) == "未开始"


def test_progress_follows_the_activities_and_the_meeting(world_a):
    plan = make_plan(world_a)
    session = make_meeting(world_a, kind="sc_session", open_it=False)
    item = make_item(world_a, plan, meeting=session)
    assert item_progress(item) == "未开始"
    activity = ready_activity(world_a, plan_item=item)
    assert item_progress(item) == "未开始"
    act.begin_fieldwork(world_a.congress, activity, actor=world_a.root)
    assert item_progress(item) == "正在开展"
    for status, label in [("drafting", "正在开展"), ("reported", "报告已形成"), ("on_agenda", "已提请审议")]:
        activity.status = status
        activity.save(update_fields=["status"])
        assert item_progress(item) == label
    meetings.open_meeting(world_a.congress, session, actor=world_a.root)
    meetings.close_meeting(world_a.congress, session, actor=world_a.root)
    item.meeting.refresh_from_db()
    assert item_progress(item) == "已审议"


def test_a_meeting_that_sits_and_closes_without_the_report_does_not_hear_the_item(world_a):
    """An inspection whose report is still being drafted is under way, whatever its planned session does."""
    plan = make_plan(world_a)
    session = make_meeting(world_a, kind="sc_session", open_it=False)
    item = make_item(world_a, plan, meeting=session)
    activity = ready_activity(world_a, plan_item=item)
    act.begin_fieldwork(world_a.congress, activity, actor=world_a.root)
    meetings.open_meeting(world_a.congress, session, actor=world_a.root)
    item.meeting.refresh_from_db()
    assert item_progress(item) == "正在开展"
    meetings.close_meeting(world_a.congress, session, actor=world_a.root)
    item.meeting.refresh_from_db()
    assert item_progress(item) == "正在开展"


def test_a_work_report_is_on_the_agenda_while_its_session_sits(world_a):
    plan = make_plan(world_a)
    session = make_meeting(world_a, kind="sc_session", open_it=False)
    item = make_item(world_a, plan, kind="work_report", body=world_a.unit, meeting=session)
    assert item_progress(item) == "未开始"
    meetings.open_meeting(world_a.congress, session, actor=world_a.root)
    item.meeting.refresh_from_db()
    assert item_progress(item) == "已提请审议"


def test_an_activity_of_another_year_does_not_take_the_item(world_a):
    plan = make_plan(world_a)
    item = make_item(world_a, plan)
    with pytest.raises(ValidationError) as refused:
        make_activity(world_a, plan_item=item, year=this_year() + 1)
    assert f"属于 {this_year()} 年度计划" in refused.value.message_dict["plan_item"][0]
    assert make_activity(world_a, plan_item=item).plan_item == item


def test_an_activity_of_another_kind_does_not_take_the_item(world_a):
    plan = make_plan(world_a)
    item = make_item(world_a, plan, kind="visit")
    with pytest.raises(ValidationError) as refused:
        make_activity(world_a, plan_item=item, kind="survey")
    assert "类别不符" in refused.value.message_dict["plan_item"][0]
    assert datetime.date.today()  # keeps the import used when the suite trims tests
