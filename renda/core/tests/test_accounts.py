"""Accounts inside the app: create, list, disable and enable, reset a password — per congress."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from renda.core import accounts
from renda.core import actions as core_actions
from renda.core.errors import NotFound, NotPermitted
from renda.core.models import AuditEntry
from renda.core.roles import Role


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(world, tail: str = "") -> str:
    return f"/c/{world.congress.code}/accounts/{tail}"


def _new(world, username="zhangwei", **extra):
    return core_actions.create_account(world.congress, actor=world.admin, username=username,
                                       full_name=extra.pop("full_name", "张伟"), **extra)


def test_it_creates_an_account_with_a_generated_password_shown_once(world_a):
    client = _client(world_a.admin)
    response = client.post(_url(world_a, "new/"), {"username": "chenjing", "full_name": "陈静", "password": ""})
    user = get_user_model().objects.get(username="chenjing")
    assert response.status_code == 302 and response["Location"] == _url(world_a, f"{user.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert "密码只显示这一次" in page and "已新建账号" in page
    shown = page.split('id="shown-password"', 1)[1].split(">", 1)[1].split("<", 1)[0]
    assert Client().login(username="chenjing", password=shown)
    assert "密码只显示这一次" not in client.get(response["Location"]).content.decode()
    entry = AuditEntry.objects.in_congress(world_a.congress).get(action="create_account")
    assert shown not in str(entry.after) and entry.after["password"] == "系统生成"
    assert "陈静" in client.get(_url(world_a)).content.decode()


def test_it_links_the_account_to_a_person_of_this_congress(world_a):
    person = world_a.make_deputy("赵敏").person
    client = _client(world_a.admin)
    response = client.post(_url(world_a, "new/"), {"username": "zhaomin", "full_name": "赵敏",
                                                   "person": f"@{person.pk}", "password": "Lake-view-2026"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.user.username == "zhaomin"
    assert Client().login(username="zhaomin", password="Lake-view-2026")


def test_it_refuses_a_person_of_another_congress(world_a, world_b):
    stranger = world_b.make_deputy("钱多").person
    client = _client(world_a.admin)
    response = client.post(_url(world_a, "new/"), {"username": "qianduo", "full_name": "钱多",
                                                   "person": f"@{stranger.pk}"})
    assert response.status_code == 200 and "找不到该人员" in response.content.decode()
    assert not get_user_model().objects.filter(username="qianduo").exists()


def test_it_keeps_what_was_typed_when_the_username_is_taken(world_a):
    client = _client(world_a.admin)
    response = client.post(_url(world_a, "new/"), {"username": "deputy-a", "full_name": "孙丽",
                                                   "password": "Quiet-river-77"})
    page = response.content.decode()
    assert response.status_code == 200 and "账号“deputy-a”已存在" in page
    assert 'value="孙丽"' in page and 'value="Quiet-river-77"' in page and 'value="deputy-a"' in page


@pytest.mark.parametrize(("password", "says"), [("12345678", "不能全是数字"), ("Ab1-x9", "至少 10 个字符"),
                                                ("password", "太常见")])
def test_the_password_validators_refuse_weak_initial_passwords(world_a, password, says):
    client = _client(world_a.admin)
    response = client.post(_url(world_a, "new/"), {"username": "weak", "full_name": "孙丽", "password": password})
    page = response.content.decode()
    assert response.status_code == 200 and says in page and 'value="孙丽"' in page
    assert not get_user_model().objects.filter(username="weak").exists()


def test_an_admin_sees_only_the_accounts_of_their_congress(world_a, world_b):
    made, _ = _new(world_a, "linfang", full_name="林芳")
    page = _client(world_a.admin).get(_url(world_a)).content.decode()
    assert "deputy-a" in page and "林芳" in page and "deputy-b" not in page and "root-b" not in page
    assert "<td data-label=\"姓名\">李明</td>" in page  # no full name: called by the person whose login it is
    searched = _client(world_a.admin).get(_url(world_a) + "?q=林").content.decode()
    assert "林芳" in searched and "deputy-a" not in searched
    b_admin = _client(world_b.admin)
    assert b_admin.get(_url(world_b, f"{made.pk}/")).status_code == 404
    assert b_admin.post(_url(world_b, f"{made.pk}/disable/")).status_code == 404
    assert b_admin.post(_url(world_b, f"{made.pk}/password/"), {"password": ""}).status_code == 404
    made.refresh_from_db()
    assert made.is_active
    with pytest.raises(NotFound):
        core_actions.disable_account(world_b.congress, made, actor=world_b.admin)


def test_accounts_come_a_page_at_a_time(world_a):
    for n in range(5):
        _new(world_a, f"page{n}", full_name=f"分页{n}")
    rows = accounts.accounts(world_a.congress, "page")
    first, after = accounts.keyset_page(rows, None, size=2)
    second, after2 = accounts.keyset_page(rows, after, size=2)
    third, after3 = accounts.keyset_page(rows, after2, size=2)
    names = [u.username for u in first + second + third]
    assert names == [f"page{n}" for n in range(5)] and after3 is None


def test_others_may_not_manage_accounts(world_a):
    office = _client(world_a.office)
    assert office.get(_url(world_a)).status_code == 403
    assert office.post(_url(world_a, "new/"), {"username": "x1", "full_name": "某"}).status_code == 403
    assert office.post(_url(world_a, f"{world_a.deputy.pk}/disable/")).status_code == 403
    with pytest.raises(NotPermitted):
        core_actions.reset_password(world_a.congress, world_a.deputy, actor=world_a.office)


def test_a_disabled_account_cannot_sign_in_until_enabled(world_a):
    user, password = _new(world_a)
    signed_in = Client()
    assert signed_in.login(username="zhangwei", password=password)
    client = _client(world_a.admin)
    detail = client.get(_url(world_a, f"{user.pk}/")).content.decode()
    assert "data-confirm=\"停用后" in detail
    response = client.post(_url(world_a, f"{user.pk}/disable/"), follow=True)
    assert "已停用账号" in response.content.decode()
    assert not Client().login(username="zhangwei", password=password)
    assert signed_in.get(f"/c/{world_a.congress.code}/account/").status_code == 302  # the open session ends too
    assert AuditEntry.objects.in_congress(world_a.congress).get(action="disable_account").after == {"is_active": False}
    response = client.post(_url(world_a, f"{user.pk}/enable/"), follow=True)
    assert "已启用账号" in response.content.decode()
    assert Client().login(username="zhangwei", password=password)


def test_it_refuses_to_disable_an_account_with_a_role_elsewhere(world_a, world_b):
    both = world_a.deputy
    core_actions.grant_role(world_b.congress, actor=world_b.root, user=both, role=Role.DEPUTY)
    client = _client(world_a.admin)
    assert "在其他人大也有角色" in client.get(_url(world_a, f"{both.pk}/")).content.decode()
    response = client.post(_url(world_a, f"{both.pk}/disable/"), follow=True)
    assert "在其他人大也有角色" in response.content.decode()
    both.refresh_from_db()
    assert both.is_active
    with pytest.raises(NotPermitted):
        core_actions.reset_password(world_a.congress, both, actor=world_a.admin)
    core_actions.disable_account(world_a.congress, both, actor=world_a.root)  # a superuser may


def test_it_refuses_to_touch_a_back_office_account_or_the_admin_themselves(world_a):
    with pytest.raises(NotPermitted):
        core_actions.disable_account(world_a.congress, _superuser_in(world_a), actor=world_a.admin)
    response = _client(world_a.admin).post(_url(world_a, f"{world_a.admin.pk}/disable/"), follow=True)
    assert "不能停用自己" in response.content.decode()


def _superuser_in(world):
    user = get_user_model().objects.create_user("back-office", password="x", is_superuser=True)
    core_actions.grant_role(world.congress, actor=world.root, user=user, role=Role.OFFICE_STAFF)
    return user


def test_an_admin_resets_a_password_generated_or_typed(world_a):
    user, old = _new(world_a)
    client = _client(world_a.admin)
    detail = client.get(_url(world_a, f"{user.pk}/")).content.decode()
    assert 'data-confirm="重置后' in detail
    response = client.post(_url(world_a, f"{user.pk}/password/"), {"password": ""}, follow=True)
    page = response.content.decode()
    assert "已重置" in page and "密码只显示这一次" in page
    shown = page.split('id="shown-password"', 1)[1].split(">", 1)[1].split("<", 1)[0]
    assert not Client().login(username="zhangwei", password=old)
    assert Client().login(username="zhangwei", password=shown)
    client.post(_url(world_a, f"{user.pk}/password/"), {"password": "Spring-rain-42"})
    assert Client().login(username="zhangwei", password="Spring-rain-42")
    entry = AuditEntry.objects.in_congress(world_a.congress).filter(action="reset_password").last()
    assert "Spring-rain-42" not in str(entry.after)


def test_a_typed_reset_password_goes_through_the_validators(world_a):
    user, old = _new(world_a)
    response = _client(world_a.admin).post(_url(world_a, f"{user.pk}/password/"), {"password": "12345678"})
    page = response.content.decode()
    assert response.status_code == 200 and "不能全是数字" in page and 'value="12345678"' in page
    assert Client().login(username="zhangwei", password=old)
