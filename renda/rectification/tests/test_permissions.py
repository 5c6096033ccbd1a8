"""Every rectification permission for every role, from core.permissions (the matrix test runs the
same calls once docs/permissions.md lists these rows)."""

import pytest
from django.test import Client

from renda.core.errors import NotPermitted
from renda.core.models import AuditEntry
from renda.core.permissions import PERMISSIONS
from renda.core.roles import Role
from renda.rectification.tests.permission_calls import reads, writes

NAMES = ["list_rectification", "report_rectification_progress", "check_rectification", "accept_rectification",
         "escalate_rectification", "view_rectification"]
CELLS = [(name, role) for name in NAMES for role in Role]


def test_the_calls_cover_every_permission():
    from renda.rectification.tests import permission_calls  # noqa: F401

    assert set(NAMES) == {n for n in PERMISSIONS if n.endswith("_rectification")} | {"report_rectification_progress"}


@pytest.mark.parametrize(("name", "role"), CELLS, ids=[f"{n}-{r.value}" for n, r in CELLS])
def test_cell(world_a, name, role):
    allowed = role in PERMISSIONS[name][1]
    user = world_a.users[role]
    read = reads(world_a)
    if name in read:
        client = Client()
        client.force_login(user)
        assert client.get(read[name]).status_code == (200 if allowed else 403)
        return
    call = writes(world_a)[name]
    if allowed:
        call(user)
        assert AuditEntry.objects.in_congress(world_a.congress).filter(action=name, actor=user).exists()
    else:
        with pytest.raises(NotPermitted):
            call(user)
        assert not AuditEntry.objects.in_congress(world_a.congress).filter(action=name, actor=user).exists()
