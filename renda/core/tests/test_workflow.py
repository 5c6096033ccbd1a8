import pytest

from renda.core.errors import IllegalTransition, NotPermitted
from renda.core.roles import Role
from renda.core.workflow import Transition, Workflow

FLOW = Workflow("示例", {"draft": "草稿", "filed": "已提交", "closed": "已办结"}, [
    Transition("draft", "filed", "file", frozenset({Role.DEPUTY}), "提交"),
    Transition("filed", "closed", "close", frozenset({Role.OFFICE_STAFF}), "办结"),
])


def test_it_allows_a_declared_transition_to_the_declared_roles():
    assert FLOW.check("draft", "filed", frozenset({Role.DEPUTY})).action == "file"


def test_it_names_both_states_when_a_transition_is_not_declared():
    with pytest.raises(IllegalTransition) as error:
        FLOW.check("closed", "draft", frozenset({Role.ADMIN}))
    assert error.value.messages == ["示例：不能从“已办结”变为“草稿”"]


def test_it_refuses_a_role_the_transition_does_not_list():
    with pytest.raises(NotPermitted):
        FLOW.check("filed", "closed", frozenset({Role.DEPUTY}))


def test_it_lists_what_a_role_may_do_next():
    assert [t.target for t in FLOW.available("filed", frozenset({Role.OFFICE_STAFF}))] == ["closed"]
    assert FLOW.available("filed", frozenset({Role.DEPUTY})) == []


def test_a_table_naming_an_unknown_state_is_refused_at_declaration():
    with pytest.raises(ValueError):
        Workflow("坏", {"a": "甲"}, [Transition("a", "b", "x", frozenset(), "乙")])


def test_a_transition_can_be_required_to_come_from_its_own_action():
    flow = Workflow("示例", {"a": "甲", "b": "乙"}, [
        Transition("a", "b", "approve", frozenset({Role.OFFICE_STAFF}), "批准"),
    ])
    assert flow.check("a", "b", frozenset({Role.OFFICE_STAFF}), action="approve").label == "批准"
    with pytest.raises(IllegalTransition):
        flow.check("a", "b", frozenset({Role.OFFICE_STAFF}), action="something_else")


def test_each_app_declares_its_workflows_as_tables():
    from renda.livelihood.workflows import CALL_WORKFLOW
    from renda.meetings.workflows import MEETING_WORKFLOW
    from renda.people.workflows import MANDATE_WORKFLOW
    from renda.voting.workflows import VOTE_WORKFLOW

    for flow in (CALL_WORKFLOW, MEETING_WORKFLOW, MANDATE_WORKFLOW, VOTE_WORKFLOW):
        assert flow.transitions and all(t.roles for t in flow.transitions)
    assert [t.target for t in VOTE_WORKFLOW.available("closed", frozenset({Role.OFFICE_STAFF}))] == ["announced"]
