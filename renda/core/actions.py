"""Writes for the congress itself: terms, rule settings, roles and API tokens."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from renda.core import audit, congress_lookup, rules, token_use
from renda.core.errors import NotFound, ValidationError
from renda.core.models import ApiToken, Congress, RoleGrant, RuleSetting, Term
from renda.core.permissions import forget_roles
from renda.core.roles import Role
from renda.core.usecase import action


@action("create_term")
def create_term(congress: Congress, *, actor, number: int, start, end=None) -> Term:
    """Open a new term (届) of the congress."""
    from renda.people.validation import Errors, date

    errors = Errors()
    try:
        number = int(number)
        if number < 1:
            raise ValueError
    except (TypeError, ValueError):
        errors.add("number", f"“届次”须为正整数，收到：{number}")
        number = 0
    begins = date({"start": start}, errors, "start", "开始日期", required=True)
    ends = date({"end": end}, errors, "end", "结束日期")
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
    """Give a user a role in this congress; committee staff and unit officers name their body."""
    from renda.people.models import Organisation

    if role not in Role.values or role == Role.PUBLIC:
        raise ValidationError({"role": f"“角色”无效：{role}"})
    role = Role(role)
    if user is None or not getattr(user, "pk", None):
        raise ValidationError({"user": "“账号”必须填写"})
    if role.needs_organisation:
        wanted = Organisation.Kind.WORKING_COMMITTEE if role == Role.COMMITTEE_STAFF else Organisation.Kind.HANDLING_UNIT
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
    before = {"user": grant.user.get_username(), "role": grant.get_role_display()}
    audit.record(congress, actor, "revoke_role", grant, before=before)
    RoleGrant.objects.in_congress(congress).filter(pk=grant.pk).delete()
    forget_roles(grant.user)


@action("issue_api_token")
def issue_api_token(congress: Congress, *, actor, name: str) -> tuple[ApiToken, str]:
    """Issue an API token for the actor in this congress; the secret is shown once and stored hashed.
    The token text starts with the congress id, so looking it up never leaves that congress."""
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise ValidationError({"name": "“名称”必须填写，不超过 60 个字"})
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(congress=congress, user=actor, name=name, key_hash=ApiToken.hash(secret))
    audit.record(congress, actor, "issue_api_token", token, after={"name": name})
    return token, f"{congress.pk}.{secret}"


def authenticate_token(raw: str) -> tuple[ApiToken, Congress] | None:
    """Resolve ``<congress id>.<secret>`` to its token, reading only that congress's rows."""
    congress_id, _, secret = (raw or "").partition(".")
    if not congress_id.isdigit() or not secret:
        return None
    congress = congress_lookup.by_id(int(congress_id))
    if congress is None:
        return None
    token = (
        ApiToken.objects.in_congress(congress)
        .filter(key_hash=ApiToken.hash(secret), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    token_use.note(token)
    return token, congress


def create_user(username: str, password: str, *, full_name: str = "", email: str = ""):
    """Accounts are global (one person, one login, roles in several congresses)."""
    User = get_user_model()
    user = User.objects.create_user(username=username, password=password, email=email)
    if full_name:
        user.first_name = full_name
        user.save(update_fields=["first_name"])
    return user
