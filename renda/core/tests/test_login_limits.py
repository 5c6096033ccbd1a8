"""Login throttling (django-axes): five wrong passwords for one account from one address lock that
pair for fifteen minutes; the right password is refused while locked; another account, or the same
account from another address, is not affected. Weak passwords are refused by the validators."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from renda.core import accounts
from renda.core import actions as core_actions
from renda.core.errors import ValidationError

RIGHT = "pw-for-tests"


def _login(username, password, address="10.0.0.1"):
    client = Client(REMOTE_ADDR=address)
    return client, client.post(reverse("login"), {"username": username, "password": password})


def _signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account_at_that_address_and_the_right_one_is_refused(world_a):
    deputy = world_a.deputy
    for _ in range(4):
        client, response = _login(deputy.username, "wrong-guess")
        assert response.status_code == 200 and not _signed_in(client)
    client, fifth = _login(deputy.username, "wrong-guess")
    assert fifth.status_code == 429 and "登录已暂停" in fifth.content.decode()
    client, right = _login(deputy.username, RIGHT)
    page = right.content.decode()
    assert right.status_code == 429 and not _signed_in(client)
    assert "连续输错密码 5 次" in page and "15 分钟" in page


@pytest.mark.django_db
def test_four_wrong_passwords_still_let_the_right_one_in_and_reset_the_count(world_a):
    deputy = world_a.deputy
    for _ in range(4):
        _login(deputy.username, "wrong-guess")
    client, response = _login(deputy.username, RIGHT)
    assert response.status_code == 302 and _signed_in(client)
    for _ in range(4):  # the success started the count again
        _login(deputy.username, "wrong-guess")
    client, response = _login(deputy.username, RIGHT)
    assert _signed_in(client)


@pytest.mark.django_db
def test_a_lock_holds_only_that_account_at_that_address(world_a):
    deputy, admin = world_a.deputy, world_a.admin
    for _ in range(5):
        _login(deputy.username, "wrong-guess")
    other_user, _ = _login(admin.username, RIGHT)
    assert _signed_in(other_user)
    elsewhere, _ = _login(deputy.username, RIGHT, address="10.0.0.2")
    assert _signed_in(elsewhere)


@pytest.mark.django_db
def test_the_lock_lapses_after_fifteen_minutes(world_a):
    deputy = world_a.deputy
    for _ in range(5):
        _login(deputy.username, "wrong-guess")
    client, _ = _login(deputy.username, RIGHT)
    assert not _signed_in(client)
    # Fifteen minutes and a second pass: the attempts are that much older.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=15, seconds=1))
    client, _ = _login(deputy.username, RIGHT)
    assert _signed_in(client)


@pytest.mark.parametrize("password", ["12345678", "password", "Ab1-x9y"])
def test_weak_passwords_are_refused(password):
    assert accounts.password_problems(password, get_user_model()(username="someone"))


@pytest.mark.django_db
@pytest.mark.parametrize(("password", "says"), [("12345678", "不能全是数字"), ("Kx9-short", "至少 10 个字符")])
def test_the_create_account_action_refuses_weak_passwords_and_takes_ten_characters(world_a, password, says):
    with pytest.raises(ValidationError) as refused:
        core_actions.create_account(world_a.congress, actor=world_a.admin, username="weak", full_name="孙丽",
                                    password=password)
    assert says in str(refused.value.message_dict["password"])
    user, _ = core_actions.create_account(world_a.congress, actor=world_a.admin, username="strong", full_name="孙丽",
                                          password="Kx9-tenchar")
    assert user.check_password("Kx9-tenchar")
