"""Writes for the congress itself: terms, rule settings, accounts, roles and API tokens."""

from __future__ import annotations

import datetime
import functools
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db import connection
from django.utils import timezone

from renda.core import accounts, audit, congress_lookup, rules, tallies, token_use, written_out
from renda.core.errors import NotFound, NotPermitted, ValidationError
from renda.core.models import AccountHome, ApiToken, Congress, RoleGrant, RuleSetting, Term
from renda.core.permissions import forget_roles
from renda.core.roles import Role
from renda.core.usecase import action


@action("create_term")
def create_term(congress: Congress, *, actor, number: int, start, end=None) -> Term:
    """Open a new term (届) of the congress."""
    from renda.people.validation import Errors, date, whole_number, within

    errors = Errors()
    number = whole_number(number, errors, "number", "届次", minimum=1, maximum=99)
    window = rules.year_window(rules.TERM_FIRST_YEAR, rules.TERM_YEARS_AHEAD)
    begins = date({"start": start}, errors, "start", "开始日期", required=True)
    ends = date({"end": end}, errors, "end", "结束日期")
    if not within(errors, "start", "开始日期", begins, window):
        begins = None
    if not within(errors, "end", "结束日期", ends, window):
        ends = None
    if begins and ends and ends <= begins:
        errors.add("end", "“结束日期”须晚于“开始日期”")
    if number and Term.objects.in_congress(congress).filter(number=number).exists():
        errors.add("number", f"第{number}届已存在")
    errors.raise_if_any()
    term = Term.objects.create(congress=congress, number=number, start=begins, end=ends)
    audit.record(congress, actor, "create_term", term, after=audit.snapshot(term, ["number", "start", "end"]))
    return term


@action("change_rule")
def change_rule(congress: Congress, *, actor, key: str, value) -> RuleSetting | None:
    """Set this congress's own value for a rule, or (value None) return to the statutory default."""
    try:
        r = rules.rule(key)
    except KeyError:
        raise ValidationError({"key": f"没有名为 {key} 的规则"}) from None
    before = rules.display(rules.get(congress, key))
    existing = RuleSetting.objects.in_congress(congress).filter(key=key).first()
    tallies.note_write(congress, rules.VERSION_PART)  # a reset deletes the row, which no receiver hears
    if value is None:
        if existing is not None:
            RuleSetting.objects.in_congress(congress).filter(pk=existing.pk).delete()
        setting = None
    else:
        parsed = rules.parse(r, value)
        if existing is None:
            setting = RuleSetting.objects.create(congress=congress, key=key, value=rules.storable(r, parsed))
        else:
            existing.value = rules.storable(r, parsed)
            existing.save(update_fields=["value", "changed_at"])
            setting = existing
    audit.record(congress, actor, "change_rule", setting, object_repr=r.label,
                 before={"key": key, "value": before},
                 after={"key": key, "value": rules.display(rules.get(congress, key))})
    return setting


@action("grant_role")
def grant_role(congress: Congress, *, actor, user, role: str, organisation=None) -> RoleGrant:
    """Give a user a role in this congress; committee staff and unit officers name their body.
    An admin reaches only the accounts of this congress (a role or created here) and those linked to
    a person who serves here; superusers reach any account."""
    from renda.people.models import Organisation

    if not role:
        raise ValidationError({"role": "请选择角色"})
    if role not in Role.values or role == Role.PUBLIC:
        raise ValidationError({"role": f"“角色”无效：{role}"})
    role = Role(role)
    if user is None or not getattr(user, "pk", None):
        raise ValidationError({"user": "“账号”必须填写"})
    if not getattr(actor, "is_superuser", False) and not (
            accounts.visible(congress, user) or _serves_here(congress, user)):
        raise NotFound("找不到该账号")
    if role.needs_organisation:
        wanted = {Role.COMMITTEE_STAFF: Organisation.Kind.WORKING_COMMITTEE,
                  Role.CONTACT_POINT_STAFF: Organisation.Kind.LEGISLATIVE_CONTACT_POINT}.get(
            role, Organisation.Kind.HANDLING_UNIT)
        if organisation is None or organisation.congress_id != congress.pk or organisation.kind != wanted:
            raise ValidationError({"organisation": f"“{role.label}”须指定本级的{wanted.label}"})
    else:
        organisation = None
    if RoleGrant.objects.in_congress(congress).filter(user=user, role=role, organisation=organisation).exists():
        raise ValidationError({"role": f"{user.get_username()}已有此角色"})
    grant = RoleGrant.objects.create(congress=congress, user=user, role=role, organisation=organisation)
    forget_roles(user)
    audit.record(congress, actor, "grant_role", grant,
                 after={"user": user.get_username(), "role": role.label, "organisation": str(organisation or "")})
    return grant


@action("revoke_role")
def revoke_role(congress: Congress, grant: RoleGrant, *, actor) -> None:
    """Take a role away; the audit log keeps that it was held."""
    if grant is None or grant.congress_id != congress.pk:
        raise NotFound("找不到该角色授予")
    if grant.user_id == getattr(actor, "pk", None) and grant.role == Role.ADMIN and not actor.is_superuser:
        raise ValidationError({"role": "不能撤销自己的系统管理员角色，请由其他管理员操作"})
    before = {"user": grant.user.get_username(), "role": grant.get_role_display(),
              "organisation": str(grant.organisation or "")}
    audit.record(congress, actor, "revoke_role", grant, before=before)
    RoleGrant.objects.in_congress(congress).filter(pk=grant.pk).delete()
    forget_roles(grant.user)


TOKEN_MINTED_WHILE_SIGNED_IN = "请在“API 令牌”页面登录后创建新令牌"


@action("issue_api_token")
def issue_api_token(congress: Congress, *, actor, name: str, days: int | None = None,
                    by_token: ApiToken | None = None) -> tuple[ApiToken, str]:
    """Issue an API token for the actor in this congress; the secret is shown once and stored hashed.
    The token text starts with the congress id, so looking it up never leaves that congress. It works
    for ``days`` days (90 unless chosen, at most 366), then answers 401 like a revoked one.
    A request authenticated by a token (``by_token``) is refused: otherwise a token could renew itself
    before it expires, and a leaked one could mint others that outlive its revocation."""
    from renda.people.validation import clean_text

    if by_token is not None:
        raise NotPermitted(TOKEN_MINTED_WHILE_SIGNED_IN)

    name, problem = clean_text(name)
    if problem:
        raise ValidationError({"name": f"“名称”{problem}"})
    if not name or len(name) > 60:
        raise ValidationError({"name": "“名称”必须填写，不超过 60 个字"})
    days = ApiToken.DEFAULT_DAYS if days is None else days
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= ApiToken.MAX_DAYS:
        raise ValidationError({"days": f"“有效天数”须为 1 至 {ApiToken.MAX_DAYS} 的整数"})
    secret = ApiToken.new_secret()
    expires_at = timezone.now() + datetime.timedelta(days=days)
    token = ApiToken.objects.create(congress=congress, user=actor, name=name, key_hash=ApiToken.hash(secret),
                                    expires_at=expires_at)
    audit.record(congress, actor, "issue_api_token", token,
                 after={"name": name, "expires_at": expires_at.isoformat(timespec="seconds")})
    return token, f"{congress.pk}.{secret}"


@action("revoke_api_token")
def revoke_api_token(congress: Congress, token: ApiToken | None, *, actor) -> ApiToken:
    """The token's owner revokes it: it answers 401 from now on. Another user's token is not found."""
    if token is None or token.congress_id != congress.pk or token.user_id != getattr(actor, "pk", None):
        raise NotFound("找不到该令牌")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        ApiToken.objects.in_congress(congress).filter(pk=token.pk).update(revoked_at=token.revoked_at)
    audit.record(congress, actor, "revoke_api_token", token, before={"name": token.name})
    return token


def authenticate_token(raw: str) -> tuple[ApiToken, Congress] | None:
    """Resolve ``<congress id>.<secret>`` to its token, reading only that congress's rows. A revoked or
    expired token, or one whose account is disabled, resolves to nothing.

    Every API request asks, 3,000 of them in a hall vote within seconds, so the token and its account
    are read by one statement written out once (``_token_statement``) rather than built by the ORM on
    each request, which took longer than the database to answer."""
    congress_id, _, secret = (raw or "").partition(".")
    if not (congress_id.isascii() and congress_id.isdecimal()) or len(congress_id) > 18 or not secret:
        return None
    congress = congress_lookup.by_id(int(congress_id))
    if congress is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_token_statement(), [congress.pk, ApiToken.hash(secret), timezone.now()])
        row = cursor.fetchone()
    if row is None:
        return None
    token, user = written_out.instances(row, ApiToken, get_user_model())
    if not user.is_active:
        return None
    token.user = user
    token_use.note(token)
    return token, congress


@functools.cache
def _token_statement() -> str:
    User = get_user_model()
    return (f"SELECT {written_out.columns(ApiToken, 't')}, {written_out.columns(User, 'u')} "
            f"FROM {written_out.table(ApiToken)} t INNER JOIN {written_out.table(User)} u "
            f"ON u.\"{User._meta.pk.column}\" = t.\"user_id\" "
            f"WHERE t.\"congress_id\" = %s AND t.\"key_hash\" = %s AND t.\"revoked_at\" IS NULL AND t.\"expires_at\" > %s")


def _serves_here(congress: Congress, user) -> bool:
    """The account is linked to a person holding a mandate or a membership in this congress."""
    from renda.people.models import Mandate, Membership

    return (Mandate.objects.in_congress(congress).filter(person__user=user).exists()
            or Membership.objects.in_congress(congress).filter(person__user=user).exists())


def _check_password(password: str, user, field: str) -> None:
    problems = accounts.password_problems(password, user)
    if problems:
        raise ValidationError({field: problems})


def _manageable(congress: Congress, user, actor):
    """The account, if this congress's admin may disable it or set its password; NotFound for an
    account they cannot see, a refusal naming why for one that is not wholly theirs."""
    if user is None or not accounts.visible(congress, user):
        raise NotFound("找不到该账号")
    reason = accounts.why_not_manageable(congress, user, actor)
    if reason:
        raise NotPermitted(reason)
    return user


@action("create_account")
def create_account(congress: Congress, *, actor, username: str, full_name: str, person=None,
                   password: str = "") -> tuple[Any, str]:
    """Open an account from this congress (it appears in this congress's account list before it holds
    any role). Without a password one is generated; either way it is returned to be shown once and
    stored only hashed. A linked person must serve in this congress and have no account yet."""
    from renda.people.models import Person

    User = get_user_model()
    from renda.people.validation import clean_text

    username = (username or "").strip()
    full_name, problem = clean_text(full_name)
    errors: dict[str, list[str]] = {}
    if problem:
        errors.setdefault("full_name", []).append(f"“姓名”{problem}")
    if not username:
        errors.setdefault("username", []).append("“账号”必须填写")
    else:
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError:
            errors.setdefault("username", []).append("“账号”只能包含字母、数字和 @ . + - _")
        if len(username) > 150:
            errors.setdefault("username", []).append("“账号”不能超过 150 个字符")
        if User.objects.filter(username__iexact=username).exists():
            errors.setdefault("username", []).append(f"账号“{username}”已存在，请换一个")
    if not full_name and not problem:
        errors.setdefault("full_name", []).append("“姓名”必须填写")
    elif len(full_name) > 150:
        errors.setdefault("full_name", []).append("“姓名”不能超过 150 个字")
    if person is not None:
        if not isinstance(person, Person) or not _person_serves_here(congress, person):
            errors.setdefault("person", []).append("找不到该人员")
        elif person.user_id is not None:
            errors.setdefault("person", []).append(f"{person.name}已有登录账号")
    shown = password or accounts.generate_password()
    if password:
        errors.setdefault("password", []).extend(
            accounts.password_problems(password, User(username=username, first_name=full_name)))
    if any(errors.values()):
        raise ValidationError({k: v for k, v in errors.items() if v})
    user = create_user(username, shown, full_name=full_name)
    AccountHome.objects.create(congress=congress, user=user, created_by=actor if getattr(actor, "pk", None) else None)
    if person is not None:
        person.user = user
        person.save(update_fields=["user"])
    audit.record(congress, actor, "create_account", user, object_repr=f"{full_name}（{username}）",
                 after={"username": username, "full_name": full_name, "person": person.name if person else "",
                        "password": "由管理员设定" if password else "系统生成"})
    return user, shown


def _person_serves_here(congress: Congress, person) -> bool:
    from renda.people.models import Mandate, Membership

    return (Mandate.objects.in_congress(congress).filter(person=person).exists()
            or Membership.objects.in_congress(congress).filter(person=person).exists())


def _set_active(congress: Congress, user, *, actor, active: bool, action_name: str):
    user = _manageable(congress, user, actor)
    if user.pk == getattr(actor, "pk", None) and not active:
        raise ValidationError({"user": "不能停用自己正在使用的账号"})
    if user.is_active == active:
        raise ValidationError({"user": "该账号已经是启用状态" if active else "该账号已经停用"})
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record(congress, actor, action_name, user, object_repr=_account_repr(user),
                 before={"is_active": not active}, after={"is_active": active})
    return user


@action("disable_account")
def disable_account(congress: Congress, user, *, actor):
    """Stop an account from signing in (its sessions and API tokens stop working at once; its roles and
    history stay). Only for an account wholly of this congress."""
    return _set_active(congress, user, actor=actor, active=False, action_name="disable_account")


@action("enable_account")
def enable_account(congress: Congress, user, *, actor):
    """Let a disabled account sign in again."""
    return _set_active(congress, user, actor=actor, active=True, action_name="enable_account")


@action("reset_password")
def reset_password(congress: Congress, user, *, actor, password: str = "") -> str:
    """Give an account a new password, typed by the admin or generated, returned to be shown once.
    The password validators apply to a typed one; the audit row never holds the password."""
    user = _manageable(congress, user, actor)
    if password:
        _check_password(password, user, "password")
    shown = password or accounts.generate_password()
    user.set_password(shown)
    user.save(update_fields=["password"])
    audit.record(congress, actor, "reset_password", user, object_repr=_account_repr(user),
                 after={"password": "由管理员设定" if password else "系统生成"})
    return shown


@action("change_own_password")
def change_own_password(congress: Congress, *, actor, old_password: str, new_password: str) -> None:
    """A signed-in user changes their own password: the old one first, then the validators."""
    if not actor.check_password(old_password or ""):
        raise ValidationError({"old_password": "原密码不正确"})
    _check_password(new_password or "", actor, "new_password1")
    actor.set_password(new_password)
    actor.save(update_fields=["password"])
    audit.record(congress, actor, "change_own_password", actor, object_repr=_account_repr(actor),
                 after={"password": "本人修改"})


def _account_repr(user) -> str:
    name = user.get_full_name()
    return f"{name}（{user.get_username()}）" if name else user.get_username()


def create_user(username: str, password: str, *, full_name: str = "", email: str = ""):
    """Accounts are global (one person, one login, roles in several congresses)."""
    User = get_user_model()
    user = User.objects.create_user(username=username, password=password, email=email)
    if full_name:
        user.first_name = full_name
        user.save(update_fields=["first_name"])
    return user
