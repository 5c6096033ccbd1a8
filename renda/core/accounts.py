"""Reads for accounts as one congress's admin sees them.

Accounts (``auth.User``) are global: one person, one login, roles in several congresses. A congress's
admin sees an account when it holds a role there or was created there (``AccountHome``); any other
account answers "not found". Disabling an account or setting its password acts on the global login,
so an admin may do that only to an account that is wholly this congress's: no role elsewhere, not
created elsewhere, not a back-office (staff or superuser) account — otherwise the admin of one congress
could take over an account that holds power in another.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from renda.core.models import AccountHome, Congress, RoleGrant
from renda.core.tenancy import cross_congress_query

PAGE = 50
# No 0/O, 1/l/I: a generated password is read out or copied by hand.
_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def generate_password(length: int = 12) -> str:
    while True:
        made = "".join(secrets.choice(_ALPHABET) for _ in range(length))
        if any(c.isdecimal() for c in made) and any(c.isalpha() for c in made):
            return made


# Django's validators in plain Chinese (its own catalogue leaves the length rule in English).
_PASSWORD_WORDS = {
    "password_too_short": "密码太短，至少 {min_length} 个字符",
    "password_entirely_numeric": "密码不能全是数字",
    "password_too_common": "这个密码太常见，容易被猜到",
    "password_too_similar": "密码与账号或姓名太相似",
}


def password_problems(password: str, user=None) -> list[str]:
    """What the configured password validators say about ``password``, in Chinese."""
    problems: list[str] = []
    for validator in password_validation.get_default_password_validators():
        try:
            validator.validate(password, user)
        except ValidationError as error:
            for item in error.error_list:
                words = _PASSWORD_WORDS.get(item.code or "")
                problems.append(words.format(**(item.params or {})) if words else " ".join(item.messages))
    return problems


def accounts(congress: Congress, q: str = ""):
    """The accounts this congress's admin may see, optionally matching ``q`` (username or name)."""
    User = get_user_model()
    held = RoleGrant.objects.in_congress(congress).filter(user=OuterRef("pk"))
    home = AccountHome.objects.in_congress(congress).filter(user=OuterRef("pk"))
    rows = User.objects.filter(Q(Exists(held)) | Q(Exists(home)))
    q = q.strip()
    if q:
        rows = rows.filter(Q(username__icontains=q) | Q(first_name__contains=q) | Q(last_name__contains=q)
                           | Q(person__name__contains=q))
    return rows


def keyset_page(rows, after: int | None, size: int = PAGE):
    """One page after the account with id ``after`` (no OFFSET: constant cost however deep)."""
    if after:
        rows = rows.filter(pk__gt=after)
    page = list(rows.order_by("pk")[: size + 1])
    more = len(page) > size
    page = page[:size]
    return page, (page[-1].pk if more and page else None)


def visible(congress: Congress, user) -> bool:
    return user is not None and accounts(congress).filter(pk=user.pk).exists()


def get_account(congress: Congress, user_id) -> Any:
    """The account with this id if this congress's admin may see it; 404 otherwise (the same answer
    for an account that does not exist and one of another congress)."""
    user = accounts(congress).filter(pk=user_id).first() if str(user_id).isdecimal() else None
    if user is None:
        raise Http404("找不到该账号")
    return user


def other_congresses(congress: Congress, user) -> bool:
    """Whether the account holds a role in, or was created by, another congress."""
    with cross_congress_query("account_reach"):
        elsewhere = RoleGrant.unscoped.filter(user=user).exclude(congress_id=congress.pk).exists()
        home_elsewhere = AccountHome.unscoped.filter(user=user).exclude(congress_id=congress.pk).exists()
    return elsewhere or home_elsewhere


def why_not_manageable(congress: Congress, user, actor) -> str | None:
    """Why this congress's admin may not disable the account or set its password, or None if they may."""
    if getattr(actor, "is_superuser", False):
        return None
    if user.is_superuser or user.is_staff:
        return "这是后台管理账号，只能由超级管理员处理"
    if other_congresses(congress, user):
        return "该账号在其他人大也有角色，停用或重设密码须由超级管理员处理；您可以撤销它在本级的角色"
    return None


def grants_by_account(congress: Congress, users: list) -> dict[int, list[RoleGrant]]:
    """This congress's grants of the listed accounts, one query."""
    grouped: dict[int, list[RoleGrant]] = {u.pk: [] for u in users}
    for grant in (RoleGrant.objects.in_congress(congress).filter(user__in=users)
                  .select_related("organisation").order_by("role", "id")):
        grouped[grant.user_id].append(grant)
    return grouped


def names_of(users: list) -> dict[int, str]:
    """What to call each account: its full name, else the name of the person whose login it is."""
    from renda.people.models import Person

    named = {u.pk: u.get_full_name() for u in users}
    missing = [pk for pk, name in named.items() if not name]
    if missing:
        for user_id, name in Person.objects.filter(user_id__in=missing).values_list("user_id", "name"):
            named[user_id] = name
    return named


def listed(congress: Congress, users: list) -> list[dict]:
    """Rows for a page of accounts: the account, what to call it, and its grants here."""
    grants, names = grants_by_account(congress, users), names_of(users)
    return [{"user": u, "name": names[u.pk], "grants": grants[u.pk]} for u in users]


def roles_by_congress(user) -> list[tuple[Congress, list[RoleGrant]]]:
    """A user's own roles in every congress (their "my account" page; cross-congress: their own grants)."""
    with cross_congress_query("congresses_of_user"):
        grants = list(RoleGrant.unscoped.filter(user=user).select_related("organisation").order_by("congress_id", "role"))
    congresses = {c.pk: c for c in Congress.objects.filter(pk__in={g.congress_id for g in grants})}
    grouped: dict[int, list[RoleGrant]] = {}
    for grant in grants:
        grouped.setdefault(grant.congress_id, []).append(grant)
    return [(congresses[pk], rows) for pk, rows in grouped.items()]
