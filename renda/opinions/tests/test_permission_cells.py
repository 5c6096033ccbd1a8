"""This app's rows of the permission matrix, every role, in one world (the suite-wide matrix test
runs the same calls cell by cell)."""

from __future__ import annotations

import pytest

from renda.core.tests.permission_cells import check_every_role
from renda.opinions.tests import permission_calls

pytestmark = pytest.mark.django_db


def test_every_role_is_allowed_or_refused_as_declared(world_a):
    check_every_role(world_a, permission_calls)
