"""API tokens: minted and revoked by their owner (page and API), with an expiry; a device account's
token from the command line."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from renda.core import actions
from renda.core.models import ApiToken, AuditEntry
from renda.core.tests.test_api import bearer
from renda.testing import make_user, signed_in


def me(secret):
    return Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_token_expires_after_its_days(world_a):
    token, secret = actions.issue_api_token(world_a.congress, actor=world_a.deputy, name="脚本", days=30)
    assert token.expires_at - token.created_at == pytest.approx(datetime.timedelta(days=30), abs=datetime.timedelta(seconds=5))
    assert me(secret).status_code == 200
    ApiToken.objects.in_congress(world_a.congress).filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1))
    expired = me(secret)
    assert expired.status_code == 401 and expired.json()["detail"][0]["field"] is None


def test_the_default_expiry_is_ninety_days_and_the_limit_is_a_year(world_a):
    token, _ = actions.issue_api_token(world_a.congress, actor=world_a.deputy, name="脚本")
    assert (token.expires_at - timezone.now()).days == 89
    actions.issue_api_token(world_a.congress, actor=world_a.deputy, name="一年", days=366)
    for days in (0, 367, -1):
        with pytest.raises(actions.ValidationError) as refused:
            actions.issue_api_token(world_a.congress, actor=world_a.deputy, name="太长", days=days)
        assert "days" in refused.value.message_dict


def test_an_owner_lists_and_revokes_tokens_through_the_api(world_a):
    headers = bearer(world_a, world_a.deputy)
    client = Client()
    token, secret = actions.issue_api_token(world_a.congress, actor=world_a.deputy, name="表决脚本", days=7)
    listed = client.get("/api/tokens", **headers).json()
    assert {t["name"] for t in listed} == {"测试", "表决脚本"} and all("token" not in t for t in listed)
    gone = client.delete(f"/api/tokens/{token.pk}", **headers)
    assert gone.status_code == 204
    assert me(secret).status_code == 401
    assert AuditEntry.objects.in_congress(world_a.congress).filter(action="revoke_api_token").exists()


def test_a_token_cannot_mint_another_so_it_cannot_renew_itself(world_a):
    """A 1-day token asking for a 366-day one (or any other) is refused with 403: new tokens are minted
    on the “API 令牌” page while signed in; a leaked token cannot outlive its expiry or revocation."""
    asking, secret = actions.issue_api_token(world_a.congress, actor=world_a.deputy, name="一天", days=1)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    before = ApiToken.objects.in_congress(world_a.congress).count()
    for days in (366, 1):
        refused = Client().post("/api/tokens", {"name": "续期", "days": days}, content_type="application/json",
                                **headers)
        assert refused.status_code == 403, refused.content
        assert refused.json()["detail"] == [{"field": None, "message": "请在“API 令牌”页面登录后创建新令牌"}]
    assert ApiToken.objects.in_congress(world_a.congress).count() == before
    with pytest.raises(actions.NotPermitted):
        actions.issue_api_token(world_a.congress, actor=world_a.deputy, name="续期", days=1, by_token=asking)
    assert ApiToken.objects.in_congress(world_a.congress).count() == before
    page = signed_in(world_a.deputy).post(f"/c/{world_a.congress.code}/tokens/", {"name": "新的", "days": "366"})
    assert page.status_code == 302  # minting while signed in stays as it was
    assert ApiToken.objects.in_congress(world_a.congress).filter(name="新的").exists()


def test_a_token_can_revoke_itself(world_a):
    token, secret = actions.issue_api_token(world_a.congress, actor=world_a.deputy, name="自己")
    assert Client().delete(f"/api/tokens/{token.pk}", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 204
    assert me(secret).status_code == 401


def test_nobody_revokes_another_users_token(world_a, world_b):
    token, secret = actions.issue_api_token(world_a.congress, actor=world_a.deputy, name="他人的")
    for other in (bearer(world_a, world_a.admin), bearer(world_b, world_b.deputy)):
        assert Client().delete(f"/api/tokens/{token.pk}", **other).status_code == 404
    assert me(secret).status_code == 200
    assert signed_in(world_a.office).post(f"/c/{world_a.congress.code}/tokens/{token.pk}/revoke/").status_code == 404


def test_the_api_refuses_bad_token_requests(world_a):
    headers = bearer(world_a, world_a.deputy)
    for body, field in [({"name": "x", "days": 400}, "days"), ({"name": ""}, "name"), ({"days": 5}, "name"),
                        ({"name": "x", "scope": "all"}, "scope")]:
        refused = Client().post("/api/tokens", body, content_type="application/json", **headers)
        assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == field, body


def test_the_token_page_mints_with_a_chosen_expiry_shows_it_once_and_revokes(world_a):
    client = signed_in(world_a.deputy)
    url = f"/c/{world_a.congress.code}/tokens/"
    made = client.post(url, {"name": "手机", "days": "30"})
    assert made.status_code == 302 and made["Location"] == url  # post, redirect, get: a reload mints nothing
    assert "no-store" in made["Cache-Control"]
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and 'id="new-token"' in html and "no-store" in page["Cache-Control"]
    token = ApiToken.objects.in_congress(world_a.congress).get(user=world_a.deputy, name="手机")
    assert (token.expires_at - timezone.now()).days == 29
    secret = html.split('<code id="new-token" style="overflow-wrap:anywhere">')[1].split("<")[0]
    assert me(secret).status_code == 200
    again = client.get(url)  # the reload: the secret is gone, no second token
    assert secret not in again.content.decode() and "有效" in again.content.decode()
    assert "no-store" in again["Cache-Control"]
    assert ApiToken.objects.in_congress(world_a.congress).filter(user=world_a.deputy, name="手机").count() == 1
    revoked = client.post(f"{url}{token.pk}/revoke/")
    assert revoked.status_code == 302
    assert me(secret).status_code == 401
    assert "已撤销" in client.get(url).content.decode()


def test_the_token_page_keeps_a_refused_form_on_the_page(world_a):
    client = signed_in(world_a.deputy)
    url = f"/c/{world_a.congress.code}/tokens/"
    refused = client.post(url, {"name": "", "days": "30"})
    assert refused.status_code == 200 and 'id="new-token"' not in refused.content.decode()
    assert not ApiToken.objects.in_congress(world_a.congress).filter(user=world_a.deputy).exists()


def test_the_token_table_folds_into_labelled_rows_on_a_phone(world_a):
    actions.issue_api_token(world_a.congress, actor=world_a.deputy, name="手机")
    html = signed_in(world_a.deputy).get(f"/c/{world_a.congress.code}/tokens/").content.decode()
    assert '<table class="responsive">' in html
    for label in ("名称", "创建时间", "有效期至", "最近使用", "状态"):
        assert f'data-label="{label}"' in html
    assert '<td class="actions"><form' in html


def test_the_page_showing_a_new_password_is_never_cached(world_a):
    client = signed_in(world_a.admin)
    made = client.post(f"/c/{world_a.congress.code}/accounts/new/",
                       {"username": "new-clerk", "full_name": "新同事", "password": ""})
    assert made.status_code == 302, made.content.decode()[:2000]
    shown = client.get(made["Location"])
    assert 'id="shown-password"' in shown.content.decode() and "no-store" in shown["Cache-Control"]


def test_a_token_with_a_non_ascii_digit_is_refused_not_a_server_error(world_a):
    assert Client().get("/api/me", HTTP_AUTHORIZATION="Bearer ².x").status_code == 401


def test_the_device_token_command_mints_a_token_and_prints_it_once(world_a):
    device = make_user("terminal-1")
    from renda.core.roles import Role

    actions.grant_role(world_a.congress, actor=world_a.root, user=device, role=Role.DEPUTY)
    out, err = io.StringIO(), io.StringIO()
    call_command("device_token", "terminal-1", "--days", "10", "--name", "一号表决终端", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    assert me(secret).status_code == 200 and me(secret).json()["username"] == "terminal-1"
    token = ApiToken.objects.in_congress(world_a.congress).get(user=device)
    assert token.name == "一号表决终端" and (token.expires_at - timezone.now()).days == 9
    assert "只显示这一次" in err.getvalue() and secret not in err.getvalue()


def test_the_device_token_command_refuses_what_it_cannot_do(world_a, world_b):
    with pytest.raises(CommandError, match="没有账号"):
        call_command("device_token", "nobody", stdout=io.StringIO(), stderr=io.StringIO())
    loner = make_user("no-roles")
    with pytest.raises(CommandError, match="--congress"):
        call_command("device_token", "no-roles", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="不能申请令牌"):
        call_command("device_token", "no-roles", "--congress", world_a.congress.code, stdout=io.StringIO(),
                     stderr=io.StringIO())
    assert not ApiToken.objects.in_congress(world_a.congress).filter(user=loner).exists()
    with pytest.raises(CommandError, match="天数|有效天数"):
        call_command("device_token", world_a.deputy.username, "--congress", world_a.congress.code, "--days", "0",
                     stdout=io.StringIO(), stderr=io.StringIO())


def test_a_token_answers_only_for_an_active_account_and_its_own_congress(world_a, world_b):
    token, secret = actions.issue_api_token(world_a.congress, actor=world_a.deputy, name="脚本")
    assert me(secret).json()["username"] == world_a.deputy.username
    _, key = secret.split(".", 1)
    assert me(f"{world_b.congress.pk}.{key}").status_code == 401  # the same secret under another congress
    world_a.deputy.is_active = False
    world_a.deputy.save(update_fields=["is_active"])
    assert me(secret).status_code == 401
