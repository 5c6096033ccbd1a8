"""Each role's menu holds its own work only; personal things are in the account menu."""

import pytest
from django.urls import reverse

from renda.core.navigation import ACCOUNT_MENU, MENU
from renda.core.roles import Role


@pytest.mark.parametrize("name", sorted({e.url_name for e in MENU} | {name for _, name, _ in ACCOUNT_MENU}))
def test_every_entry_has_a_page(name):
    reverse(name, kwargs={"congress_code": "x"})


def _menu(client, world, user):
    if user is not None:
        client.force_login(user)
    html = client.get(f"/c/{world.congress.code}/").content.decode()
    start = html.index('id="site-menu"')
    return html[start:html.index("</nav>", start)]


def test_a_deputy_sees_their_own_work_not_the_offices(client, world_a):
    menu = _menu(client, world_a, world_a.deputy)
    assert "我的议案建议" in menu and "会议" in menu and "待办" in menu
    assert "机构" not in menu and "议案建议审查" not in menu and "API 令牌" not in menu


def test_a_unit_sees_its_queue_not_the_register(client, world_a):
    menu = _menu(client, world_a, world_a.users[Role.UNIT_OFFICER])
    assert "承办" in menu and "群众诉求" in menu
    assert "代表名册" not in menu and "会议" not in menu


def test_the_public_see_the_public_pages(client, world_a):
    menu = _menu(client, world_a, None)
    assert "找联络站、反映诉求" in menu and "建议答复公开" in menu and "待办" not in menu


def test_the_account_menu_holds_password_and_tokens(client, world_a):
    client.force_login(world_a.office)
    html = client.get(f"/c/{world_a.congress.code}/").content.decode()
    account = html[html.index('class="account-menu"'):html.index("</details>")]
    assert "修改密码" in account and "API 令牌" in account and "我的账号" in account
