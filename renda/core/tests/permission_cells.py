"""One app's rows of the permission matrix, every role, in one world: each write allowed to a role runs and
leaves its audit row, each refused raises NotPermitted; each read answers 200 or 403. The suite-wide
matrix test (test_permission_matrix.py) runs the same calls cell by cell; an app's own test of its rows
calls ``check_every_role`` with its ``permission_calls`` module."""

from __future__ import annotations

import pytest

from renda.core.audit import AuditEntry
from renda.core.errors import NotPermitted
from renda.core.permissions import PERMISSIONS
from renda.core.roles import Role
from renda.testing import signed_in


def check_every_role(world, permission_calls) -> None:
    writes, reads = permission_calls.writes(world), permission_calls.reads(world)
    for action, call in writes.items():
        for role in Role:
            user = world.users[role]
            if role in PERMISSIONS[action][1]:
                call(user)
                assert AuditEntry.objects.in_congress(world.congress).filter(action=action, actor=user).exists(), \
                    (action, role)
            else:
                with pytest.raises(NotPermitted):
                    call(user)
    for action, address in reads.items():
        for role in Role:
            allowed = role in PERMISSIONS[action][1]
            assert signed_in(world.users[role]).get(address).status_code == (200 if allowed else 403), (action, role)
