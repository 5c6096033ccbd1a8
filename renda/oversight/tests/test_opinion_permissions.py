"""The review opinions' cells of the permission matrix, run on their own from the table in
core.permissions (docs/permissions.md does not list them yet): each role allowed there takes the step
and leaves its audit record; every other is refused and leaves none."""

import pytest

from renda.core.errors import NotPermitted
from renda.core.models import AuditEntry
from renda.core.permissions import PERMISSIONS
from renda.core.roles import Role
from renda.oversight.tests.permission_calls_opinions import writes

ACTIONS = ["draft_review_opinion", "approve_review_opinion", "send_review_opinion", "file_opinion_reply",
           "deliberate_opinion_reply", "publish_review_opinion"]
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
