import functools
from datetime import date, datetime
from typing import Annotated

from ninja import Field, Router, Schema, Status

from renda.core import actions, rules
from renda.core.api_contract import Filled, In, OneOf
from renda.core.models import ApiToken, AuditEntry, Term
from renda.core.permissions import check_permission, roles_of
from renda.core.tenancy import congress_scope

router = Router(tags=["congress"])


def scoped(endpoint):
    """Run an endpoint inside its token's congress scope."""

    @functools.wraps(endpoint)
    def run(request, *args, **kwargs):
        with congress_scope(request.congress):
            return endpoint(request, *args, **kwargs)

    return run


class Me(Schema):
    username: str
    congress: str
    congress_code: str
    roles: list[str]


@router.get("/me", response=Me, summary="当前账号、人大和角色")
@scoped
def me(request):
    return {"username": request.user.get_username(), "congress": request.congress.name,
            "congress_code": request.congress.code, "roles": sorted(r.value for r in roles_of(request.user, request.congress))}


class RuleOut(Schema):
    key: str
    group: str
    label: str
    value: str
    default: str
    basis: str
    overridden: bool


@router.get("/rules", response=list[RuleOut], summary="法定规则及本级设置")
@scoped
def list_rules(request):
    check_permission(request.user, request.congress, "view_rules")
    overrides = rules.overrides(request.congress)
    out = []
    for r in rules.RULES:
        default = r.default_for(request.congress)
        out.append({"key": r.key, "group": r.group, "label": r.label, "basis": r.basis,
                    "value": rules.display(rules.get(request.congress, r.key)),
                    "default": rules.display(rules.parse(r, default) if default is not None else None),
                    "overridden": r.key in overrides})
    return out


class RuleIn(In):
    """value 必须给出：null（且只有 null）恢复法定默认值。"""

    value: str | int | bool | list[str] | list[int] | None


@router.put("/rules/{key}", response=RuleOut, summary="修改本级规则设置（value 必须给出；为 null 时恢复默认）")
@scoped
def change_rule(request, key: Annotated[str, OneOf([r.key for r in rules.RULES])], payload: RuleIn):
    actions.change_rule(request.congress, actor=request.user, key=key, value=payload.value)
    return next(r for r in list_rules(request) if r["key"] == key)


class TermIn(In):
    number: Annotated[int, Field(ge=1, le=99)]
    start: date
    end: date | None = None


class TermOut(Schema):
    id: int
    number: int
    start: date
    end: date | None


@router.get("/terms", response=list[TermOut], summary="届次")
@scoped
def list_terms(request):
    return list(Term.objects.in_congress(request.congress).order_by("number"))


@router.post("/terms", response={201: TermOut}, summary="新建届次")
@scoped
def create_term(request, payload: TermIn):
    return Status(201, actions.create_term(request.congress, actor=request.user, **payload.dict()))


class AuditOut(Schema):
    id: int
    at: str
    actor_name: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    before: dict | None
    after: dict | None


@router.get("/audit", response=list[AuditOut], summary="审计日志（按编号倒序，before 为游标）")
@scoped
def audit_log(request, before: int | None = None, action: str | None = None):
    check_permission(request.user, request.congress, "view_audit_log")
    entries = AuditEntry.objects.in_congress(request.congress)
    if before:
        entries = entries.filter(id__lt=before)
    if action:
        entries = entries.filter(action=action)
    return [{**{f: getattr(e, f) for f in ["id", "actor_name", "action", "object_type", "object_id",
                                           "object_repr", "before", "after"]}, "at": e.at.isoformat()}
            for e in entries.order_by("-id")[:100]]


# ── the caller's own API tokens ──

class TokenOut(Schema):
    id: int
    name: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenIn(In):
    name: Annotated[Filled, Field(max_length=60)]
    days: Annotated[int, Field(ge=1, le=ApiToken.MAX_DAYS)] = ApiToken.DEFAULT_DAYS


class NewTokenOut(TokenOut):
    token: str = Field(description="令牌全文，只在此次返回")


def _token(token: ApiToken) -> dict:
    return {f: getattr(token, f) for f in ["id", "name", "created_at", "expires_at", "last_used_at", "revoked_at"]}


@router.get("/tokens", response=list[TokenOut], summary="本人在本级的 API 令牌（不含令牌全文）")
@scoped
def list_tokens(request):
    return [_token(t) for t in ApiToken.objects.in_congress(request.congress).filter(user=request.user).order_by("-id")]


@router.post("/tokens", response={201: NewTokenOut},
             summary="申请新令牌：以令牌认证的请求一律得到 403（令牌不能为自己续期），"
                     "请在“API 令牌”页面登录后创建新令牌")
@scoped
def create_token(request, payload: TokenIn):
    token, secret = actions.issue_api_token(request.congress, actor=request.user, name=payload.name, days=payload.days,
                                            by_token=request.auth)
    return Status(201, {**_token(token), "token": secret})


@router.delete("/tokens/{token_id}", response={204: None}, summary="撤销本人的一个令牌（此后用它的请求得到 401）")
@scoped
def revoke_token(request, token_id: int):
    token = ApiToken.objects.in_congress(request.congress).filter(pk=token_id, user=request.user).first()
    actions.revoke_api_token(request.congress, token, actor=request.user)
    return Status(204, None)
