"""The opinion register: recording, 代表直通车, petitions, assigning with a deadline, answering back to
the raiser ("事事有回音"), merging, and the station pages that must not count register items."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from renda.core.errors import NotFound, NotPermitted, ValidationError
from renda.core.roles import Role
from renda.liaison import actions as liaison
from renda.liaison import reports
from renda.liaison.models import Concern
from renda.opinions import actions, queries
from renda.opinions.tests import factory
from renda.proposals.models import Notice
from renda.testing import make_user, signed_in

pytestmark = pytest.mark.django_db
S = Concern.Status


def test_it_records_one_item_per_speaker_linked_to_the_activity(world_a):
    act = factory.activity(world_a)
    speakers = [m.person for m in world_a.deputies]
    made = actions.record_opinions(world_a.congress, actor=world_a.office, source="symposium", activity=act,
                                   points=[{"speaker": p, "category": "教育", "text": f"{p.name}的意见"} for p in speakers])
    assert [m.raised_by for m in made] == speakers
    assert all(m.activity_id == act.pk and m.station_id is None and m.status == S.RECEIVED for m in made)


def test_it_refuses_a_bad_point_and_writes_nothing(world_a):
    act = factory.activity(world_a)
    before = Concern.objects.in_congress(world_a.congress).count()
    with pytest.raises(ValidationError) as refused:
        actions.record_opinions(world_a.congress, actor=world_a.office, source="symposium", activity=act, points=[
            {"speaker": world_a.deputies[0].person, "category": "教育", "text": "好的"},
            {"speaker": world_a.deputies[1].person, "category": "不存在的类", "text": ""}])
    errors = refused.value.message_dict
    assert "points.1.category" in errors and "points.1.text" in errors
    assert Concern.objects.in_congress(world_a.congress).count() == before


def test_a_symposium_point_needs_its_activity_and_a_meeting_task_its_meeting(world_a):
    with pytest.raises(ValidationError) as refused:
        actions.record_opinions(world_a.congress, actor=world_a.office, source="meeting_task", points=[
            {"speaker": world_a.deputies[0].person, "category": "教育", "text": "交办"}])
    assert "meeting" in refused.value.message_dict


def test_a_direct_line_by_a_non_deputy_is_refused(world_a):
    with pytest.raises(NotPermitted):
        factory.direct_line(world_a, user=world_a.office)
    # A deputy's role without a serving mandate in this congress is refused too.
    from renda.core import actions as core_actions

    lone = make_user("lone-deputy")
    core_actions.grant_role(world_a.congress, actor=world_a.root, user=lone, role=Role.DEPUTY)
    with pytest.raises(NotPermitted):
        factory.direct_line(world_a, user=lone)
    assert not Concern.objects.in_congress(world_a.congress).filter(source="direct_line").exists()


def test_a_direct_line_with_bad_input_names_the_fields(world_a):
    with pytest.raises(ValidationError) as refused:
        actions.send_direct_line(world_a.congress, actor=world_a.deputy, data={"category": "", "text": " "})
    assert {"category", "text"} <= set(refused.value.message_dict)


def test_a_petition_needs_name_and_contact(world_a):
    with pytest.raises(ValidationError) as refused:
        actions.register_petition(world_a.congress, actor=world_a.office,
                                  data={"category": "教育", "text": "来信", "received_on": "2999-01-01"})
    assert {"person_name", "person_contact", "received_on"} <= set(refused.value.message_dict)


def test_assigning_gives_the_rule_deadline_and_due_today_is_not_overdue(world_a):
    item = factory.assigned(world_a)
    today = timezone.localdate()
    assert item.status == S.REFERRED and item.unit == world_a.unit
    assert item.due_on is not None and item.due_on > today
    assert not item.is_overdue(today=item.due_on)
    assert item.is_overdue(today=item.due_on + datetime.timedelta(days=1))
    Concern.objects.in_congress(world_a.congress).filter(pk=item.pk).update(due_on=today)
    assert queries.filtered(world_a.congress, overdue=True).filter(pk=item.pk).count() == 0
    Concern.objects.in_congress(world_a.congress).filter(pk=item.pk).update(due_on=today - datetime.timedelta(days=1))
    assert queries.filtered(world_a.congress, overdue=True).filter(pk=item.pk).count() == 1


def test_a_petition_gets_the_petition_deadline(world_a):
    from renda.core import rules

    item = factory.assigned(world_a, factory.petition(world_a))
    assert item.due_on == rules.add_days(world_a.congress, timezone.localdate(),
                                         rules.get(world_a.congress, "opinions.petition_days"))


def test_the_answer_goes_back_to_the_raiser_who_acknowledges_it(world_a):
    item = factory.answered(world_a)
    assert item.status == S.ANSWERED and item.due_on is None
    raiser = world_a.deputies[0].person
    assert Notice.objects.in_congress(world_a.congress).filter(person=raiser, text__contains="已答复").exists()
    liaison.record_feedback(world_a.congress, item, actor=world_a.deputy, satisfaction="satisfied")
    item.refresh_from_db()
    assert item.status == S.CLOSED and item.feedback_by_person and not item.late


def test_the_unit_that_answered_cannot_rate_its_own_answer(world_a):
    item = factory.answered(world_a)
    unit = world_a.users[Role.UNIT_OFFICER]
    assert "id=\"feedback\"" not in signed_in(unit).get(f"/c/{world_a.congress.code}/opinions/{item.pk}/").content.decode()
    with pytest.raises(NotPermitted, match="承办单位不能代替"):
        liaison.record_feedback(world_a.congress, item, actor=unit, satisfaction="satisfied")
    item.refresh_from_db()
    assert item.status == S.ANSWERED and item.satisfaction == ""
    liaison.record_feedback(world_a.congress, item, actor=world_a.office, satisfaction="basically")  # the office may
    item.refresh_from_db()
    assert item.status == S.CLOSED and not item.feedback_by_person


def test_a_unit_can_only_answer_its_own(world_a):
    from renda.core import actions as core_actions
    from renda.people import actions as people

    other = people.create_organisation(world_a.congress, actor=world_a.root, kind="handling_unit", name="交通局",
                                       unit_type="department")
    officer = make_user("other-unit")
    core_actions.grant_role(world_a.congress, actor=world_a.root, user=officer, role=Role.UNIT_OFFICER, organisation=other)
    item = factory.assigned(world_a)
    with pytest.raises(NotPermitted):
        liaison.answer_concern(world_a.congress, item, actor=officer, answer="不是我们的")
    item.refresh_from_db()
    assert item.status == S.REFERRED and item.answer == ""
    assert signed_in(officer).get(f"/c/{world_a.congress.code}/opinions/{item.pk}/").status_code == 404
    assert signed_in(world_a.users[Role.UNIT_OFFICER]).get(
        f"/c/{world_a.congress.code}/opinions/{item.pk}/").status_code == 200


def test_merged_items_follow_the_main_answer_and_close_with_it(world_a):
    main = factory.direct_line(world_a, text="路灯不亮")
    other = factory.direct_line(world_a, user=world_a.users[Role.SC_MEMBER], text="路灯坏了")
    actions.merge_opinions(world_a.congress, main, actor=world_a.office, others=[other])
    other.refresh_from_db()
    assert other.merged_into_id == main.pk
    with pytest.raises(ValidationError):
        liaison.triage_concern(world_a.congress, other, actor=world_a.root, path="referred", unit=world_a.unit)
    factory.answered(world_a, main)
    other.refresh_from_db()
    assert other.status == S.ANSWERED and other.answer == "已安排维修"
    sc_person = world_a.deputies[1].person
    assert Notice.objects.in_congress(world_a.congress).filter(person=sc_person, text__contains="一并答复").exists()
    liaison.record_feedback(world_a.congress, main, actor=world_a.deputy, satisfaction="basically")
    other.refresh_from_db()
    assert other.status == S.CLOSED


def test_merge_across_congresses_is_refused(world_a, world_b):
    main = factory.direct_line(world_a)
    theirs = factory.direct_line(world_b)
    with pytest.raises(NotFound):
        actions.merge_opinions(world_a.congress, main, actor=world_a.office, others=[theirs])
    theirs.refresh_from_db()
    assert theirs.merged_into_id is None


def test_merge_refuses_an_item_already_passed_on(world_a):
    main = factory.direct_line(world_a)
    passed = factory.assigned(world_a)
    with pytest.raises(ValidationError) as refused:
        actions.merge_opinions(world_a.congress, main, actor=world_a.office, others=[passed])
    assert "others" in refused.value.message_dict


def test_register_items_stay_out_of_station_statistics_and_queues(world_a):
    station = world_a.station
    liaison.submit_concern(world_a.congress, station, actor=world_a.root,
                           data={"category": "教育", "text": "站里的事", "anonymous": True})
    factory.direct_line(world_a)
    petition = factory.petition(world_a)
    Concern.objects.in_congress(world_a.congress).filter(pk=petition.pk).update(station=station)
    stats = reports.statistics(world_a.congress, timezone.localdate().year)
    assert stats.total.raised == 1
    counts = reports.station_counts(world_a.congress, timezone.localdate())
    assert counts[station.pk]["open"] == 1 and None not in counts
    # A deputy without a station is not a handler of every item with no station.
    other = factory.direct_line(world_a, user=world_a.users[Role.SC_MEMBER])
    assert not liaison.is_handler(world_a.congress, other, world_a.deputy)
    mandate = world_a.deputies[0]
    assert all(c.station_id for c in reports.open_concerns(world_a.congress, responsible=mandate))


def test_statistics_by_source_unit_and_month(world_a):
    factory.answered(world_a)
    late = factory.assigned(world_a, factory.petition(world_a))
    Concern.objects.in_congress(world_a.congress).filter(pk=late.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1))
    stats = queries.statistics(world_a.congress, timezone.localdate().year)
    by_source = {r.label: r for r in stats.by_source}
    assert by_source["代表直通车"].received == 1 and by_source["代表直通车"].on_time == 1
    assert by_source["信访"].overdue == 1 and by_source["信访"].answered == 0
    assert {r.label for r in stats.by_unit} == {"教育局"}
    assert stats.total.received == 2 and len(stats.by_month) == 1


def test_a_too_long_petition_name_is_named_on_the_page(world_a):
    page = signed_in(world_a.office).post(f"/c/{world_a.congress.code}/opinions/petition/",
                                          {"person_name": "名" * 200, "person_contact": "13800000000", "category": "教育",
                                           "text": "请求解决"})
    body = page.content.decode()
    assert page.status_code == 422 and "“信访人姓名”" in body and "不能超过 50" in body
    assert "名" * 200 in body  # what was typed is still there
