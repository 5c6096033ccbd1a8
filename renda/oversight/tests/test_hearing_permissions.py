"""The hearings cells of the permission matrix (docs/permissions.md), run on their own: the matrix
test needs every app's calls before it runs any cell."""

import pytest

from renda.core.errors import NotPermitted
from renda.core.models import AuditEntry
from renda.core.permissions import PERMISSIONS
from renda.core.roles import Role
from renda.oversight.tests.permission_calls_hearings import writes

ACTIONS = ["schedule_work_report", "file_work_report", "review_work_report", "record_speech",
           "evaluate_work_report"]
CELLS = [(a, r) for a in ACTIONS for r in Role]


@pytest.mark.parametrize(("action", "role"), CELLS, ids=[f"{a}-{r.value}" for a, r in CELLS])
def test_cell(world_a, action, role):
    user = world_a.users[role]
    call = writes(world_a)[action]
    if role in PERMISSIONS[action][1]:
        call(user)
        assert AuditEntry.objects.in_congress(world_a.congress).filter(action=action, actor=user).exists()
    else:
        with pytest.raises(NotPermitted):
            call(user)
        assert not AuditEntry.objects.in_congress(world_a.congress).filter(action=action, actor=user).exists()
