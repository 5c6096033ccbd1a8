import pytest
from django.core.exceptions import ValidationError

from renda.core import actions as core_actions
from renda.core.errors import IllegalTransition, NotFound
from renda.people import actions
from renda.people.models import Mandate


def test_a_resignation_ends_the_mandate_and_is_kept_in_history(world_a):
    mandate = world_a.deputies[0]
    actions.end_mandate(world_a.congress, mandate, actor=world_a.office, status="resigned", on="2024-06-30",
                        reason="工作调动")
    mandate.refresh_from_db()
    assert mandate.status == Mandate.Status.RESIGNED and str(mandate.ended_on) == "2024-06-30"
    assert mandate.events.last().after == "辞职"


def test_an_ended_mandate_cannot_come_back(world_a):
    mandate = world_a.deputies[0]
    actions.end_mandate(world_a.congress, mandate, actor=world_a.office, status="recalled", on="2024-06-30")
    with pytest.raises(IllegalTransition) as error:
        actions.restore_mandate(world_a.congress, mandate, actor=world_a.office, on="2024-07-01")
    assert "不能从“被罢免”变为“在任”" in error.value.messages[0]
    mandate.refresh_from_db()
    assert mandate.status == Mandate.Status.RECALLED


def test_suspension_and_restoration(world_a):
    mandate = world_a.deputies[0]
    actions.suspend_mandate(world_a.congress, mandate, actor=world_a.office, on="2024-01-01", reason="依法暂停")
    actions.restore_mandate(world_a.congress, mandate, actor=world_a.office, on="2024-03-01")
    assert [e.after for e in mandate.events.all()] == ["在任", "暂停执行职务", "在任"]


def test_a_congress_that_does_not_record_suspensions_refuses_them(world_a):
    core_actions.change_rule(world_a.congress, actor=world_a.admin, key="mandate.suspension_enabled", value=False)
    with pytest.raises(IllegalTransition):
        actions.suspend_mandate(world_a.congress, world_a.deputies[0], actor=world_a.office, on="2024-01-01",
                                reason="依法暂停")


def test_an_end_date_before_election_is_refused(world_a):
    with pytest.raises(ValidationError) as error:
        actions.end_mandate(world_a.congress, world_a.deputies[0], actor=world_a.office, status="deceased",
                            on="2020-01-01")
    assert "不能早于当选日期" in error.value.message_dict["on"][0]


def test_another_congress_s_mandate_is_not_found(world_a, world_b):
    with pytest.raises(NotFound):
        actions.end_mandate(world_a.congress, world_b.deputies[0], actor=world_a.office, status="resigned",
                            on="2024-01-01")


def test_moving_a_deputy_to_another_group_is_recorded(world_a):
    from renda.people.models import Organisation

    new_group = actions.create_organisation(world_a.congress, actor=world_a.office,
                                            kind=Organisation.Kind.DEPUTY_GROUP, name="第二代表小组")
    mandate = world_a.deputies[0]
    actions.update_mandate(world_a.congress, mandate, actor=world_a.office, deputy_group=new_group, on="2023-05-01")
    event = mandate.events.last()
    assert (event.what, event.after, str(event.on)) == ("代表小组", "第二代表小组", "2023-05-01")
