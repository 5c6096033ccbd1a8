"""Activities: participants of any level of the area (and nobody else), replies, attendance, sign-in
by the rotating code with the meetings' wrong-code limits, the summary and outputs, cancelling."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from renda.activities import actions, queries
from renda.activities.models import Activity, Participant
from renda.activities.tests.fixtures import DAY, activity, at, deputy_in, participant_user, tree
from renda.core.errors import NotFound, NotPermitted, ValidationError
from renda.core.models import AuditEntry
from renda.liaison.models import CppccMember
from renda.people import actions as people
from renda.people.models import Person
from renda.proposals.models import Notice


def test_deputies_of_area_reads_up_and_down_but_not_sideways(world_a):
    t = tree(world_a)
    own = world_a.deputies[0]
    above = deputy_in(world_a, t["province"], "省代表")
    grandchild = deputy_in(world_a, t["township"], "镇代表")
    sibling = deputy_in(world_a, t["sibling"], "邻市代表")
    found = queries.deputies_of_area(world_a.congress, DAY)
    assert found[own.person_id] == world_a.congress
    assert found[above.person_id] == t["province"]
    assert found[grandchild.person_id] == t["township"]
    assert sibling.person_id not in found


def test_a_deputy_of_several_levels_counts_as_this_congress_deputy(world_a):
    t = tree(world_a)
    county = deputy_in(world_a, t["county"], "两级代表")
    from renda.core.models import Term

    people.appoint_deputy(world_a.congress, actor=world_a.root, term=Term.objects.in_congress(world_a.congress).first(),
                          number="TWO1", elected_on=datetime.date(2022, 1, 10), person=county.person)
    assert queries.deputies_of_area(world_a.congress, DAY)[county.person_id] == world_a.congress


def test_it_adds_deputies_of_every_level_cppcc_members_and_staff(world_a):
    t = tree(world_a)
    made = activity(world_a)
    grandchild = deputy_in(world_a, t["township"], "镇代表")
    above = deputy_in(world_a, t["province"], "省代表")
    cppcc = Person.objects.create(name="政协委员甲", sex="女")
    CppccMember.objects.create(congress=world_a.congress, person=cppcc, cppcc="市政协第十三届委员会")
    staff = Person.objects.create(name="工作人员甲", sex="女", user=world_a.office)
    rows = actions.add_participants(world_a.congress, made, actor=world_a.office,
                                    people=[grandchild.person, above.person_id, cppcc, staff, world_a.deputies[0].person])
    by = {r.person_id: r for r in rows}
    assert by[grandchild.person_id].as_deputy_of == t["township"]
    assert by[above.person_id].as_deputy_of == t["province"]
    assert by[cppcc.pk].as_deputy_of is None and by[staff.pk].as_deputy_of is None
    assert by[world_a.deputies[0].person_id].as_deputy_of == world_a.congress
    notices = Notice.objects.in_congress(world_a.congress).filter(person_id__in=by)
    assert notices.count() == 5 and "参加/请假" in notices.first().text


def test_one_outsider_in_ten_adds_nobody_and_names_them(world_a):
    t = tree(world_a)
    made = activity(world_a)
    good = [deputy_in(world_a, t["county"], f"县代表{n}").person for n in range(9)]
    outsider = deputy_in(world_a, t["sibling"], "邻市代表").person
    with pytest.raises(ValidationError) as refused:
        actions.add_participants(world_a.congress, made, actor=world_a.office, people=[*good, outsider])
    assert "邻市代表" in str(refused.value) and "县代表" not in str(refused.value)
    assert not Participant.objects.in_congress(world_a.congress).filter(activity=made).exists()
    assert not Notice.objects.in_congress(world_a.congress).exists()


def test_a_mandate_ended_the_day_before_is_refused_and_one_ending_that_day_is_not(world_a):
    made = activity(world_a)
    before = world_a.make_deputy("前一天终止")
    that_day = world_a.make_deputy("当天终止")
    people.end_mandate(world_a.congress, before, actor=world_a.root, status="resigned", on=DAY - datetime.timedelta(days=1),
                       reason="辞职")
    people.end_mandate(world_a.congress, that_day, actor=world_a.root, status="resigned", on=DAY, reason="辞职")
    with pytest.raises(ValidationError, match="前一天终止"):
        actions.add_participants(world_a.congress, made, actor=world_a.office, people=[before.person])
    assert actions.add_participants(world_a.congress, made, actor=world_a.office, people=[that_day.person])


def test_pasted_names_and_groups_add_many_at_once(world_a):
    t = tree(world_a)
    made = activity(world_a, kind="training", hours="3")
    names = [deputy_in(world_a, t["county"], f"县代表{n}").person.name for n in range(5)]
    rows = actions.add_participants(world_a.congress, made, actor=world_a.office, entries=names, groups=[world_a.group])
    assert len(rows) == 7  # five pasted, the group's two deputies
    again = actions.add_participants(world_a.congress, made, actor=world_a.office, groups=[world_a.group])
    assert again == []
    with pytest.raises(ValidationError, match="找不到人员：无此人"):
        actions.add_participants(world_a.congress, made, actor=world_a.office, entries=["无此人"])


def test_another_congress_activity_is_not_found(world_a, world_b):
    made = activity(world_a)
    with pytest.raises(NotFound):
        actions.add_participants(world_b.congress, made, actor=world_b.office, people=[world_b.deputies[0].person])


def test_reply_twice_updates_and_leave_needs_a_reason(world_a):
    made = activity(world_a, day=timezone.localdate() + datetime.timedelta(days=3))
    mandate, user = participant_user(world_a)
    actions.add_participants(world_a.congress, made, actor=world_a.office, people=[mandate.person])
    with pytest.raises(ValidationError, match="请假理由"):
        actions.reply_to_activity(world_a.congress, made, actor=user, reply="leave")
    row = actions.reply_to_activity(world_a.congress, made, actor=user, reply="leave", reason="出差")
    assert (row.reply, row.attendance) == ("leave", "on_leave")
    row = actions.reply_to_activity(world_a.congress, made, actor=user, reply="attend")
    assert (row.reply, row.reply_note, row.attendance) == ("attend", "", "expected")
    assert Participant.objects.in_congress(world_a.congress).filter(activity=made).count() == 1


def test_only_a_participant_replies_for_themselves(world_a):
    made = activity(world_a)
    with pytest.raises(NotPermitted):
        actions.reply_to_activity(world_a.congress, made, actor=world_a.deputy, reply="attend")


def test_sign_in_by_code_and_wrong_codes_lock_like_meetings(world_a):
    made = activity(world_a, day=timezone.localdate())
    mandate, user = participant_user(world_a)
    actions.add_participants(world_a.congress, made, actor=world_a.office, people=[mandate.person])
    for _ in range(5):  # rule meeting.hall_code_tries: 5
        with pytest.raises(ValidationError, match="签到码不正确"):
            actions.sign_in_to_activity(world_a.congress, made, actor=user, code="000000" if actions.sign_in_code(made) != "000000" else "111111",
                                        address="10.0.0.1")
    assert AuditEntry.objects.in_congress(world_a.congress).filter(action="sign_in_to_activity").count() == 5
    locked = AuditEntry.objects.in_congress(world_a.congress).filter(action="sign_in_to_activity", after__status="锁定")
    assert locked.count() == 1
    with pytest.raises(ValidationError, match="连续输错"):
        actions.sign_in_to_activity(world_a.congress, made, actor=user, code=actions.sign_in_code(made))
    assert Participant.objects.in_congress(world_a.congress).get(activity=made).attendance == "expected"


def test_a_right_code_signs_in_on_the_day_only(world_a):
    today = activity(world_a, day=timezone.localdate())
    later = activity(world_a, day=timezone.localdate() + datetime.timedelta(days=2))
    mandate, user = participant_user(world_a)
    for a in (today, later):
        actions.add_participants(world_a.congress, a, actor=world_a.office, people=[mandate.person])
    row = actions.sign_in_to_activity(world_a.congress, today, actor=user, code=actions.sign_in_code(today))
    assert (row.attendance, row.sign_in_method) == ("present", "phone")
    with pytest.raises(ValidationError, match="不在今天"):
        actions.sign_in_to_activity(world_a.congress, later, actor=user, code=actions.sign_in_code(later))


def test_held_marks_the_rest_absent_and_training_hours_add_up(world_a):
    made = activity(world_a, kind="training", hours="3.5")
    a, b, c = (world_a.make_deputy(n).person for n in ("甲", "乙", "丙"))
    actions.add_participants(world_a.congress, made, actor=world_a.office, people=[a, b, c])
    actions.record_attendance(world_a.congress, made, actor=world_a.office,
                              rows=[{"person": a.pk, "attendance": "present"},
                                    {"person": b.pk, "attendance": "present", "hours": "2"}])
    actions.record_activity_held(world_a.congress, made, actor=world_a.office, summary="培训顺利举行")
    rows = {r.person_id: r for r in Participant.objects.in_congress(world_a.congress).filter(activity=made).select_related("activity")}
    assert rows[c.pk].attendance == "absent"
    assert [queries.hours_of(rows[p.pk]) for p in (a, b, c)] == [Decimal("3.5"), Decimal("2.0"), Decimal("0")]
    with pytest.raises(ValidationError, match="学时"):
        actions.record_attendance(world_a.congress, made, actor=world_a.office,
                                  rows=[{"person": a.pk, "attendance": "present", "hours": "-1"}])


def test_a_future_activity_cannot_be_recorded_held(world_a):
    made = activity(world_a, day=timezone.localdate() + datetime.timedelta(days=5))
    with pytest.raises(ValidationError, match="尚未举行"):
        actions.record_activity_held(world_a.congress, made, actor=world_a.office, summary="x")


def test_outputs_link_only_this_congress_suggestions(world_a, world_b):
    from renda.proposals import actions as sg

    made = activity(world_a)
    theirs = sg.save_suggestion_draft(world_b.congress, actor=world_b.deputy, term=world_b.term, title="外地建议")
    with pytest.raises(ValidationError, match="本级的议案建议"):
        actions.add_output(world_a.congress, made, actor=world_a.office, kind="suggestion", suggestion=theirs)
    ours = sg.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="关于饮水安全的建议")
    output = actions.add_output(world_a.congress, made, actor=world_a.office, kind="suggestion", suggestion=ours)
    assert output.title == "关于饮水安全的建议"
    with pytest.raises(ValidationError, match="标题"):
        actions.add_output(world_a.congress, made, actor=world_a.office, kind="report", title="")


def test_cancel_tells_participants_and_a_new_day_rechecks_them(world_a):
    made = activity(world_a)
    late = world_a.make_deputy("后当选", elected_on=DAY)
    actions.add_participants(world_a.congress, made, actor=world_a.office, people=[late.person])
    with pytest.raises(ValidationError, match="后当选"):
        actions.update_activity(world_a.congress, made, actor=world_a.office, starts_at=at(DAY - datetime.timedelta(days=1)))
    actions.cancel_activity(world_a.congress, made, actor=world_a.office, reason="天气原因")
    assert Activity.objects.in_congress(world_a.congress).get(pk=made.pk).status == "cancelled"
    assert Notice.objects.in_congress(world_a.congress).filter(person=late.person, text__contains="已取消").exists()


def test_creating_refuses_bad_input_by_field(world_a):
    with pytest.raises(ValidationError) as refused:
        actions.create_activity(world_a.congress, actor=world_a.office, kind="training", topic="", starts_at=None, place="",
                                hours="25")
    fields = refused.value.message_dict
    assert {"topic", "starts_at", "place", "hours"} <= set(fields)
    assert not Activity.objects.in_congress(world_a.congress).exists()


def test_staff_only_organise(world_a):
    with pytest.raises(NotPermitted):
        actions.create_activity(
            world_a.congress, actor=world_a.deputy, kind="survey", topic="x", starts_at=at(), place="y")


def test_a_deputy_added_as_an_attendee_of_a_meeting_is_the_mandates_person(world_a):
    from renda.meetings import actions as meetings
    from renda.testing import make_meeting

    meeting = make_meeting(world_a, members=2, open_it=False)
    deputy = world_a.make_deputy("列席代表")
    entry = meetings.add_attendee(world_a.congress, meeting, actor=world_a.office, person=deputy.person, post="列席代表")
    assert entry.person_id == deputy.person_id and not entry.voting
    assert Person.objects.filter(name="列席代表").count() == 1
    with pytest.raises(ValidationError, match="本级名册"):  # typed by name instead: steered to the existing person
        meetings.add_attendee(world_a.congress, meeting, actor=world_a.office, name="列席代表", post="列席代表")
