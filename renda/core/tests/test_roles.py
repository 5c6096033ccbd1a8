"""Granting and revoking roles from the page: no default role, the account picked, grants by account."""

import re

import pytest
from django.test import Client

from renda.core import accounts
from renda.core import actions as core_actions
from renda.core.errors import NotFound
from renda.core.models import RoleGrant
from renda.core.roles import Role


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(world, tail: str = "") -> str:
    return f"/c/{world.congress.code}/roles/{tail}"


def _account(world, username="wuqiang", full_name="吴强"):
    return core_actions.create_account(world.congress, actor=world.admin, username=username, full_name=full_name)[0]


def test_the_role_has_no_default_and_must_be_chosen(world_a):
    user = _account(world_a)
    client = _client(world_a.admin)
    page = client.get(_url(world_a)).content.decode()
    select = page.split('name="role"', 1)[1].split("</select>", 1)[0]
    assert select.split("<option", 2)[1].startswith(' value="" selected>请选择角色') and "selected" not in select.split("<option", 2)[2]
    response = client.post(_url(world_a), {"account": user.pk, "role": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "请选择角色" in page and f'value="{user.pk}" selected' in page
    assert not RoleGrant.objects.in_congress(world_a.congress).filter(user=user).exists()


def test_an_admin_grants_a_role_to_an_account_of_this_congress(world_a):
    user = _account(world_a)
    response = _client(world_a.admin).post(_url(world_a), {"account": user.pk, "role": Role.OFFICE_STAFF}, follow=True)
    assert "已授予 吴强（wuqiang）“机关工作人员”角色" in response.content.decode()
    assert RoleGrant.objects.in_congress(world_a.congress).filter(user=user, role=Role.OFFICE_STAFF).exists()


def test_a_person_is_picked_by_name_and_their_login_gets_the_role(world_a):
    person = world_a.deputies[0].person  # 李明, whose login is the deputy persona
    response = _client(world_a.admin).post(_url(world_a), {"person": "李明", "role": Role.SC_MEMBER})
    assert response.status_code == 302
    assert RoleGrant.objects.in_congress(world_a.congress).filter(user=person.user, role=Role.SC_MEMBER).exists()


def test_a_person_without_a_login_or_an_unknown_name_is_refused_with_the_input_kept(world_a):
    world_a.make_deputy("周洁")
    client = _client(world_a.admin)
    page = client.post(_url(world_a), {"person": "周洁", "role": Role.DEPUTY}).content.decode()
    assert "周洁还没有登录账号" in page and 'value="deputy" selected' in page
    page = client.post(_url(world_a), {"person": "查无此人", "role": Role.DEPUTY}).content.decode()
    assert "找不到人员：查无此人" in page and "查无此人" in page.split('name="person"', 2)[-1]
    assert "请选择账号" in client.post(_url(world_a), {"role": Role.DEPUTY}).content.decode()


def test_an_account_of_another_congress_cannot_be_granted(world_a, world_b):
    response = _client(world_a.admin).post(_url(world_a), {"account": world_b.deputy.pk, "role": Role.ADMIN})
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    with pytest.raises(NotFound):
        core_actions.grant_role(world_a.congress, actor=world_a.admin, user=world_b.deputy, role=Role.ADMIN)
    assert not RoleGrant.objects.in_congress(world_a.congress).filter(user=world_b.deputy).exists()


def _table(page: str) -> str:
    return page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in page else ""


def test_grants_are_listed_by_account_with_search_and_pages(world_a, world_b, monkeypatch):
    client = _client(world_a.admin)
    table = _table(client.get(_url(world_a)).content.decode())
    assert "deputy-a" in table and "office_staff-a" in table and "deputy-b" not in table
    searched = _table(client.get(_url(world_a) + "?q=deputy").content.decode())
    assert "deputy-a" in searched and "office_staff-a" not in searched
    monkeypatch.setattr(accounts, "PAGE", 2)
    first = client.get(_url(world_a)).content.decode()
    after = first.split("after=", 1)[1].split('"', 1)[0]
    second = _table(client.get(_url(world_a) + f"?after={after}").content.decode())
    assert "下一页" in first and second and not set(_usernames(_table(first))) & set(_usernames(second))
    assert client.get(_url(world_b)).status_code == 403


def _usernames(table: str) -> list[str]:
    return re.findall(r'<div class="muted">([\w-]+)', table)


def test_revoking_asks_first_and_ends_with_a_message(world_a):
    grant = RoleGrant.objects.in_congress(world_a.congress).get(user=world_a.office)
    client = _client(world_a.admin)
    page = client.get(_url(world_a)).content.decode()
    assert f'action="/c/{world_a.congress.code}/roles/{grant.pk}/revoke/" data-confirm="撤销后' in page
    response = client.post(_url(world_a, f"{grant.pk}/revoke/"), follow=True)
    assert "已撤销" in response.content.decode() and "机关工作人员" in response.content.decode()
    assert not RoleGrant.objects.in_congress(world_a.congress).filter(pk=grant.pk).exists()


def test_an_admin_cannot_revoke_their_own_admin_role(world_a):
    grant = RoleGrant.objects.in_congress(world_a.congress).get(user=world_a.admin, role=Role.ADMIN)
    response = _client(world_a.admin).post(_url(world_a, f"{grant.pk}/revoke/"), follow=True)
    assert "不能撤销自己的系统管理员角色" in response.content.decode()
    assert RoleGrant.objects.in_congress(world_a.congress).filter(pk=grant.pk).exists()


def test_another_congresss_admin_or_a_non_admin_cannot_revoke(world_a, world_b):
    grant = RoleGrant.objects.in_congress(world_a.congress).get(user=world_a.office)
    assert _client(world_b.admin).post(f"/c/{world_b.congress.code}/roles/{grant.pk}/revoke/").status_code == 404
    assert _client(world_a.office).post(_url(world_a, f"{grant.pk}/revoke/")).status_code == 403
    assert RoleGrant.objects.in_congress(world_a.congress).filter(pk=grant.pk).exists()
