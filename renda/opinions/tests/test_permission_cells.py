"""This app's rows of the permission matrix, every role, in one world (the suite-wide matrix test
runs the same calls cell by cell)."""

from __future__ import annotations

import pytest

from renda.core.audit import AuditEntry
from renda.core.errors import NotPermitted
from renda.core.permissions import PERMISSIONS
from renda.core.roles import Role
from renda.opinions.tests import permission_calls
from renda.testing import signed_in

pytestmark = pytest.mark.django_db


def test_every_role_is_allowed_or_refused_as_declared(world_a):
    writes, reads = permission_calls.writes(world_a), permission_calls.reads(world_a)
    for action, call in writes.items():
        for role in Role:
            user = world_a.users[role]
            if role in PERMISSIONS[action][1]:
                call(user)
                assert AuditEntry.objects.in_congress(world_a.congress).filter(action=action, actor=user).exists(), \
                    (action, role)
            else:
                with pytest.raises(NotPermitted):
                    call(user)
    for action, address in reads.items():
        for role in Role:
            allowed = role in PERMISSIONS[action][1]
            assert signed_in(world_a.users[role]).get(address).status_code == (200 if allowed else 403), (action, role)
