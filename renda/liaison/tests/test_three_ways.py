"""Each of the three ways (三办) takes a concern from intake to the person's feedback."""

import datetime

import pytest
from django.utils import timezone

from renda.core import rules
from renda.core.actions import grant_role
from renda.core.errors import NotFound, NotPermitted, ValidationError
from renda.core.models import AuditEntry
from renda.liaison import actions
from renda.liaison.models import Concern, ConcernStep
from renda.liaison.tests.factory import concern, station_deputy
from renda.people.actions import create_organisation
from renda.testing import make_user

TODAY = timezone.localdate


def test_it_solves_a_concern_on_the_spot_and_takes_the_persons_feedback(world_a):
    station_deputy(world_a)
    item = concern(world_a)
    assert (item.source, item.status) == ("online", "received")
    actions.triage_concern(world_a.congress, item, actor=world_a.deputy, path="on_the_spot",
                           answer="已联系交警大队，本周内施划人行横道")
    assert (item.status, item.path, item.responsible.person.name) == ("solved", "on_the_spot", "李明")
    assert item.due_on == TODAY() + datetime.timedelta(days=rules.get(world_a.congress, "liaison.feedback_days"))
    actions.record_feedback(world_a.congress, item, actor=world_a.public, satisfaction="satisfied",
                            tracking_code=item.tracking_code.lower())
    item.refresh_from_db()
    assert (item.status, item.satisfaction, item.feedback_by_person, item.due_on) == ("closed", "satisfied", True, None)


def test_it_passes_a_concern_to_the_village_committee_with_a_deadline(world_a):
    station_deputy(world_a)
    item = concern(world_a)
    actions.triage_concern(world_a.congress, item, actor=world_a.deputy, path="on_the_spot", committee="幸福社区居委会")
    assert item.status == "with_committee" and item.step_owner == "幸福社区居委会"
    assert item.due_on == TODAY() + datetime.timedelta(days=15)
    actions.report_committee_result(world_a.congress, item, actor=world_a.deputy, answer="居委会已安排志愿者护送")
    actions.record_feedback(world_a.congress, item, actor=world_a.deputy, satisfaction="basically", note="电话回访")
    item.refresh_from_db()
    assert (item.status, item.feedback_by_person) == ("closed", False)


def test_it_refers_a_concern_to_a_handling_unit_which_answers(world_a):
    item = concern(world_a)
    station_deputy(world_a)
    with pytest.raises(NotPermitted):  # 上报办 is the liaison office's step, not a deputy's
        actions.triage_concern(world_a.congress, item, actor=world_a.deputy, path="referred", unit=world_a.unit)
    actions.triage_concern(world_a.congress, item, actor=world_a.office, path="referred", unit=world_a.unit)
    assert (item.status, item.step_owner) == ("referred", "教育局")
    assert item.due_on == TODAY() + datetime.timedelta(days=30)
    officer = world_a.users["unit_officer"]
    actions.answer_concern(world_a.congress, item, actor=officer, answer="已纳入今年学校周边交通整治")
    assert item.status == "answered"
    actions.record_feedback(world_a.congress, item, actor=world_a.public, satisfaction="dissatisfied",
                            tracking_code=item.tracking_code)
    assert item.status == "closed" and item.satisfaction == "dissatisfied"


def test_a_deputy_tracks_a_concern_until_the_answer_reaches_the_person(world_a):
    mandate = station_deputy(world_a)
    item = concern(world_a)
    actions.triage_concern(world_a.congress, item, actor=world_a.office, path="tracked", responsible=mandate)
    assert (item.status, item.step_owner) == ("tracking", "李明")
    actions.record_follow_up(world_a.congress, item, actor=world_a.deputy, note="已与住建局现场查看")
    actions.record_follow_up(world_a.congress, item, actor=world_a.deputy, note="内部：预算待批", public=False)
    actions.answer_concern(world_a.congress, item, actor=world_a.deputy, answer="住建局承诺年底前完工")
    actions.record_feedback(world_a.congress, item, actor=world_a.deputy, satisfaction="satisfied")
    public_notes = [s.public_note for s in ConcernStep.objects.in_congress(world_a.congress).filter(concern=item)]
    assert "已与住建局现场查看" in public_notes and not any("预算" in n for n in public_notes)
    assert item.status == "closed"


def test_tracked_needs_a_deputy_and_referred_a_unit(world_a):
    item = concern(world_a)
    with pytest.raises(ValidationError) as error:
        actions.triage_concern(world_a.congress, item, actor=world_a.office, path="tracked")
    assert "responsible" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        actions.triage_concern(world_a.congress, item, actor=world_a.office, path="referred", unit=world_a.committee)
    assert "unit" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        actions.triage_concern(world_a.congress, item, actor=world_a.office, path="on_the_spot")
    assert "answer" in error.value.message_dict
    item.refresh_from_db()
    assert item.status == "received"


def test_only_those_handling_it_may_act_and_the_person_needs_the_code(world_a, world_b):
    item = concern(world_a)
    # The SC member is a deputy, but not of this station and not responsible.
    with pytest.raises(NotPermitted):
        actions.triage_concern(world_a.congress, item, actor=world_a.users["sc_member"], path="on_the_spot",
                               answer="x")
    actions.triage_concern(world_a.congress, item, actor=world_a.office, path="referred", unit=world_a.unit)
    with pytest.raises(NotFound):  # another congress: the same answer as for a concern that does not exist
        actions.answer_concern(world_b.congress, item, actor=world_b.users["unit_officer"], answer="越权")
    other_unit = create_organisation(world_a.congress, actor=world_a.root, kind="handling_unit", name="交通局",
                                     unit_type="department")
    other_officer = make_user("traffic-officer")
    grant_role(world_a.congress, actor=world_a.root, user=other_officer, role="unit_officer", organisation=other_unit)
    with pytest.raises(NotPermitted):  # an officer of another unit
        actions.answer_concern(world_a.congress, item, actor=other_officer, answer="越权")
    actions.answer_concern(world_a.congress, item, actor=world_a.users["unit_officer"], answer="已办理")
    with pytest.raises(NotPermitted):
        actions.record_feedback(world_a.congress, item, actor=world_a.public, satisfaction="satisfied",
                                tracking_code="WRONGCODE9")
    item.refresh_from_db()
    assert item.status == "answered"


def test_a_step_past_its_due_date_is_overdue_and_stays_counted_as_late(world_a):
    item = concern(world_a)
    actions.triage_concern(world_a.congress, item, actor=world_a.office, path="referred", unit=world_a.unit)
    Concern.objects.in_congress(world_a.congress).filter(pk=item.pk).update(due_on=TODAY() - datetime.timedelta(days=1))
    item.refresh_from_db()
    assert item.is_overdue()
    item.due_on = TODAY()
    assert not item.is_overdue()  # the due day itself is on time
    item.refresh_from_db()
    actions.answer_concern(world_a.congress, item, actor=world_a.office, answer="已答复")
    assert item.late and not item.is_overdue()


def test_dismissal_needs_a_reason_and_every_step_is_audited(world_a):
    item = concern(world_a)
    with pytest.raises(ValidationError):
        actions.dismiss_concern(world_a.congress, item, actor=world_a.office, reason="")
    actions.dismiss_concern(world_a.congress, item, actor=world_a.office, reason="与第12号重复")
    assert item.status == "dismissed"
    assert set(AuditEntry.objects.in_congress(world_a.congress).filter(object_type="concern")
               .values_list("action", flat=True)) == {"submit_concern", "dismiss_concern"}
    with pytest.raises(ValidationError, match="不予受理"):
        actions.triage_concern(world_a.congress, item, actor=world_a.office, path="referred", unit=world_a.unit)
