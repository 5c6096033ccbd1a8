"""A user's own account: their roles in every congress, and changing their own password."""

from django.test import Client

from renda.core import actions as core_actions
from renda.core.models import AuditEntry
from renda.core.roles import Role
from renda.testing import signed_in


def _change(world, client, old, new1, new2=None):
    return client.post(f"/c/{world.congress.code}/account/password/",
                       {"old_password": old, "new_password1": new1, "new_password2": new1 if new2 is None else new2})


def test_my_account_lists_roles_per_congress_and_links_onwards(world_a, world_b):
    core_actions.grant_role(world_b.congress, actor=world_b.root, user=world_a.deputy, role=Role.DEPUTY)
    page = signed_in(world_a.deputy).get(f"/c/{world_a.congress.code}/account/").content.decode()
    assert world_a.congress.name in page and world_b.congress.name in page and page.count("人大代表") >= 2
    assert f"/c/{world_a.congress.code}/account/password/" in page and f"/c/{world_a.congress.code}/tokens/" in page


def test_my_account_asks_anonymous_visitors_to_sign_in(world_a):
    assert Client().get(f"/c/{world_a.congress.code}/account/").status_code == 302


def test_a_user_changes_their_own_password_and_stays_signed_in(world_a):
    client = signed_in(world_a.deputy)
    response = _change(world_a, client, "pw-for-tests", "Bamboo-grove-19")
    assert response.status_code == 302 and response["Location"] == f"/c/{world_a.congress.code}/account/"
    assert "密码已修改" in client.get(response["Location"]).content.decode()
    assert Client().login(username="deputy-a", password="Bamboo-grove-19")
    assert not Client().login(username="deputy-a", password="pw-for-tests")
    entry = AuditEntry.objects.in_congress(world_a.congress).get(action="change_own_password")
    assert entry.actor == world_a.deputy and "Bamboo" not in str(entry.after)


def test_it_refuses_a_wrong_old_password(world_a):
    response = _change(world_a, signed_in(world_a.deputy), "not-my-password", "Bamboo-grove-19")
    assert response.status_code == 200 and "原密码不正确" in response.content.decode()
    assert Client().login(username="deputy-a", password="pw-for-tests")


def test_the_validators_refuse_a_numeric_a_short_and_a_mismatched_password(world_a):
    client = signed_in(world_a.deputy)
    assert "不能全是数字" in _change(world_a, client, "pw-for-tests", "12345678").content.decode()
    assert "至少 8 个字符" in _change(world_a, client, "pw-for-tests", "Ab-1").content.decode()
    assert "两次输入的新密码不一致" in _change(world_a, client, "pw-for-tests", "Bamboo-grove-19", "Bamboo-grove-20").content.decode()
    assert Client().login(username="deputy-a", password="pw-for-tests")


def test_someone_without_a_role_here_may_not_change_a_password_here(world_a, world_b):
    assert _change(world_a, signed_in(world_b.deputy), "pw-for-tests", "Bamboo-grove-19").status_code == 403
    assert Client().login(username="deputy-b", password="pw-for-tests")
