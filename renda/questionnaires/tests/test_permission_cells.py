"""This app's cells of the role × action matrix (docs/permissions.md), checked the way
renda/core/tests/test_permission_matrix.py checks them, so they can be run on their own."""

import pytest
from django.test import Client

from renda.core.errors import NotPermitted
from renda.core.models import AuditEntry
from renda.core.tests.test_permission_matrix import MATRIX
from renda.questionnaires.tests import permission_calls

ACTIONS = ["build_questionnaire", "open_questionnaire", "close_questionnaire", "issue_answer_codes",
           "answer_questionnaire", "view_questionnaire_results"]
CELLS = [(action, role) for action in ACTIONS for role in MATRIX[action]]


@pytest.mark.parametrize(("action", "role"), CELLS, ids=[f"{a}-{r.value}" for a, r in CELLS])
def test_it_allows_exactly_the_matrix(world_a, action, role):
    allowed = MATRIX[action][role]
    user = world_a.users[role]
    reads = permission_calls.reads(world_a)
    if action in reads:
        client = Client()
        client.force_login(user)
        assert client.get(reads[action]).status_code == (200 if allowed else 403)
        return
    call = permission_calls.writes(world_a)[action]
    if allowed:
        call(user)
        assert AuditEntry.objects.in_congress(world_a.congress).filter(action=action).exists()
    else:
        with pytest.raises(NotPermitted):
            call(user)


def test_every_action_of_the_app_has_a_cell(world_a):
    assert set(permission_calls.writes(world_a)) | set(permission_calls.reads(world_a)) == set(ACTIONS)
