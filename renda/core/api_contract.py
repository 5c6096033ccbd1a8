"""What the JSON API promises, in one place: the base of every input schema (unknown fields refused),
fixed-value fields as enums, one error body for schema and action errors alike (in Chinese, naming the
field), and the error statuses each operation documents in the OpenAPI document.

Every error the API answers has the body ``{"detail": [{"field": "名称或 null", "message": "中文信息"}]}``
(the ``ErrorOut`` schema): 400 for a body that is not JSON, 401 for a missing, revoked or expired token,
403 for an action the token's user may not take, 404 for an id not found (or not in the token's
congress), 409 for a step the item's state does not allow, 422 for an input that breaks a rule.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from contextlib import contextmanager
from typing import Annotated, Any

from django.db.models import QuerySet
from ninja import Field, Schema
from pydantic import ConfigDict
from pydantic_core import core_schema

from renda.core.errors import ValidationError
from renda.people.validation import ID_MAX


class In(Schema):
    """The base of every request body: a field the schema does not name is refused (422), not dropped."""

    model_config = ConfigDict(extra="forbid")


# A text the action requires (it refuses an empty or blank one); the document adds the pattern.
Filled = Annotated[str, Field(min_length=1)]


class ErrorItem(Schema):
    field: str | None
    message: str


class ErrorOut(Schema):
    """Every 4xx answer of the API: one entry per problem, the field named where there is one."""

    detail: list[ErrorItem]


class OneOf:
    """``Annotated[str, OneOf(Model.Kind)]``: the field takes only the choices' values, and the
    OpenAPI document lists them as an enum."""

    def __init__(self, choices: Any):
        values = choices.values if hasattr(choices, "values") and not callable(choices.values) else list(choices)
        self.values = [str(v) for v in values]

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return core_schema.literal_schema(self.values)


def one_of_message(values: Iterable[str]) -> str:
    return "须为以下之一：" + "、".join(values)


def existing(queryset: QuerySet, ids: Iterable[int], field: str, what: str = "记录") -> list:
    """The rows of ``queryset`` with these ids, in the order given; an id that is not there (or not in
    this congress) is a 422 naming the field, never silently left out."""
    wanted = list(dict.fromkeys(ids))
    storable = [i for i in wanted if isinstance(i, int) and 0 < i <= ID_MAX]  # no database holds the others
    found = {row.pk: row for row in queryset.filter(pk__in=storable)}
    missing = [str(i) for i in wanted if i not in found]
    if missing:
        raise ValidationError({field: f"“{field}”中的编号 {'、'.join(missing)} 在本级找不到对应的{what}"})
    return [found[i] for i in wanted]


def one(queryset: QuerySet, pk: int | None, field: str, what: str = "记录"):
    """The row with this id, or None for None; an unknown id is a 422 naming the field."""
    if pk is None:
        return None
    return existing(queryset, [pk], field, what)[0]


# ── schema errors in the same words as action errors ──

_MESSAGES = {
    "missing": "必须填写",
    "extra_forbidden": "不认识的字段",
    "int_parsing": "须为整数",
    "int_type": "须为整数",
    "int_from_float": "须为整数",
    "float_parsing": "须为数字",
    "float_type": "须为数字",
    "decimal_parsing": "须为数字",
    "bool_parsing": "须为 true 或 false",
    "bool_type": "须为 true 或 false",
    "string_type": "须为文字",
    "date_parsing": "须为日期（年-月-日，如 2027-01-10）",
    "date_from_datetime_parsing": "须为日期（年-月-日，如 2027-01-10）",
    "date_from_datetime_inexact": "须为日期（年-月-日，如 2027-01-10）",
    "date_type": "须为日期（年-月-日，如 2027-01-10）",
    "datetime_parsing": "须为日期时间（如 2027-01-10T09:00:00+08:00）",
    "datetime_from_date_parsing": "须为日期时间（如 2027-01-10T09:00:00+08:00）",
    "datetime_type": "须为日期时间（如 2027-01-10T09:00:00+08:00）",
    "list_type": "须为列表",
    "dict_type": "须为对象",
    "model_type": "须为对象",
    "model_attributes_type": "须为对象",
    "json_invalid": "不是有效的 JSON",
    "json_type": "不是有效的 JSON",
    "string_too_long": "太长",
    "string_too_short": "太短",
    "too_long": "项数太多",
    "too_short": "项数太少",
    "greater_than": "太小",
    "greater_than_equal": "太小",
    "less_than": "太大",
    "less_than_equal": "太大",
    "none_required": "须为空",
    "union_tag_invalid": "取值不符合要求",
}


def field_name(loc: Iterable[Any]) -> str | None:
    """("body", "payload", "person", "name") → "person.name"; ("query", "year") → "year"."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "form", "file", "header", "cookie"}:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] == "payload":
        parts = parts[1:]
    elif parts == ["payload"]:
        parts = []
    return ".".join(parts) or None


def message_for(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "literal_error" or kind == "enum":
        expected = str(ctx.get("expected", ""))
        values = [v.strip().strip("'\"") for v in expected.replace(" or ", ", ").split(",") if v.strip()]
        return one_of_message(values)
    if kind in {"string_too_long", "too_long"} and "max_length" in ctx:
        return f"不能超过 {ctx['max_length']} {'个字' if kind == 'string_too_long' else '项'}"
    if kind in {"string_too_short", "too_short"} and "min_length" in ctx:
        return "必须填写" if ctx["min_length"] == 1 else f"至少 {ctx['min_length']} {'个字' if kind == 'string_too_short' else '项'}"
    for bound, words in (("ge", "不能小于"), ("gt", "须大于"), ("le", "不能大于"), ("lt", "须小于")):
        if bound in ctx:
            return f"{words} {ctx[bound]}"
    if kind == "value_error":
        return str(ctx.get("error", "")) or "取值不符合要求"
    return _MESSAGES.get(kind, "取值不符合要求")


def schema_errors(errors: Iterable[dict]) -> list[dict]:
    """pydantic's errors as the API's error entries: the field named, the message in Chinese."""
    out, seen = [], set()
    for error in errors:
        loc = list(error.get("loc", ()))
        loc = [p for p in loc if not (isinstance(p, str) and ("[" in p or p in {"int", "str", "bool", "none"}))]
        field = field_name(loc)
        if field in seen:  # one message a field (a union reports once per branch)
            continue
        seen.add(field)
        message = message_for(error)
        if error.get("type") == "extra_forbidden":  # “不认识的字段“x”” reads better than “x”不认识的字段
            message = f"不认识的字段“{field}”" if field else message
        else:
            message = f"“{field}”{message}" if field else message
        out.append({"field": field, "message": message})
    return out


# ── error statuses in the OpenAPI document ──

WRITES = {"post", "put", "patch", "delete"}
DESCRIPTIONS = {
    "400": "请求正文不是有效的 JSON",
    "401": "没有令牌，或令牌无效、已撤销、已过期",
    "403": "令牌的账号在本级没有这项权限",
    "404": "找不到（或不属于令牌所在的人大）",
    "409": "当前状态不允许这一步",
    "422": "输入不符合规则（逐项说明字段和规则）",
}


def _checks_permission(view_func) -> bool:
    try:
        source = inspect.getsource(view_func)
    except (OSError, TypeError):
        return True
    return "check_permission" in source or "actions." in source or "for_user" in source or "for_handler" in source


def error_statuses(method: str, path: str, operation: dict, view_func) -> set[str]:
    """The error statuses this operation can answer, from what it takes and how it is guarded."""
    statuses = set()
    authenticated = bool(operation.get("security"))
    has_body = "requestBody" in operation
    params = operation.get("parameters", [])
    if has_body:
        content = operation["requestBody"].get("content", {})
        if "application/json" in content:
            statuses.add("400")
        statuses.add("422")
    if any(p.get("in") in {"query", "path"} for p in params):
        statuses.add("422")
    if "{" in path:
        statuses.add("404")
    if authenticated:
        statuses.add("401")
        if method in WRITES or _checks_permission(view_func):
            statuses.add("403")
    if method in WRITES:
        statuses.add("422")
        if "{" in path:
            statuses.add("409")
    return statuses


# What renda.people.validation.text and the NUL guard (core.middleware) refuse in every text field:
# C0/C1 control characters (tab and line feed allowed, for multi-line texts) and bidi overrides.
_BAD = "\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069"
TEXT_PATTERN = f"^[^{_BAD}]*$"
# A text that must be filled in: at least one character that is neither a space nor invisible.
FILLED_PATTERN = f"^[^{_BAD}]*[^{_BAD}\\s\\u200b-\\u200d\\u2060\\ufeff][^{_BAD}]*$"
FIRST_REPORT_YEAR = 1949  # renda.people.validation.report_year: 1949 to next year


def _strings(node: dict):
    """The string schemas of a property (itself, the branches of its anyOf, its items and values);
    a free-form object also gets its keys' rule (propertyNames)."""
    for branch in node.get("anyOf", [node]):
        if not isinstance(branch, dict):
            continue
        if branch.get("type") == "string" and not ({"enum", "format", "pattern", "const"} & set(branch)):
            yield branch
        if isinstance(branch.get("items"), dict):
            yield from _strings(branch["items"])
        if branch.get("type") == "object" and "properties" not in branch:
            branch.setdefault("propertyNames", {"type": "string"})
            yield from _strings(branch["propertyNames"])
            if isinstance(branch.get("additionalProperties"), dict):
                yield from _strings(branch["additionalProperties"])


def _request_components(schema: dict) -> set[str]:
    components = schema.get("components", {}).get("schemas", {})
    found: set[str] = set()

    def refs(node):
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[-1]
                if name not in found:
                    found.add(name)
                    refs(components.get(name, {}))
            for value in node.values():
                refs(value)
        elif isinstance(node, list):
            for value in node:
                refs(value)

    for methods in schema.get("paths", {}).values():
        for operation in methods.values():
            if isinstance(operation, dict):
                refs(operation.get("requestBody", {}))
    return found


def document_text_rules(schema: dict) -> dict:
    """Say in the document what the server refuses in every text it is sent (control characters,
    direction overrides; blanks where a text is required) and the years a report may be asked for."""
    import datetime

    components = schema.get("components", {}).get("schemas", {})
    last_year = datetime.date.today().year + 1
    for name in _request_components(schema):
        for field, prop in components.get(name, {}).get("properties", {}).items():
            if field == "year" and prop.get("type") == "integer":
                prop.setdefault("minimum", FIRST_REPORT_YEAR)
                prop.setdefault("maximum", last_year)
            for branch in _strings(prop):
                branch["pattern"] = FILLED_PATTERN if branch.get("minLength", 0) >= 1 else TEXT_PATTERN
    for methods in schema.get("paths", {}).values():
        for operation in methods.values():
            if not isinstance(operation, dict):
                continue
            for param in operation.get("parameters", []):
                if param.get("in") == "query":
                    for branch in _strings(param.get("schema", {})):
                        branch["pattern"] = TEXT_PATTERN
                if param.get("name") == "year":
                    for branch in param.get("schema", {}).get("anyOf", [param.get("schema", {})]):
                        if branch.get("type") == "integer":
                            branch.setdefault("minimum", FIRST_REPORT_YEAR)
                            branch.setdefault("maximum", last_year)
    return schema


def document_errors(schema: dict, operations: dict) -> dict:
    """Add ErrorOut and each operation's error statuses to an OpenAPI document.
    ``operations`` maps (method, path) → its view function."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ErrorItem"] = ErrorItem.model_json_schema()
    error_out = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    error_out.pop("$defs", None)
    components["ErrorOut"] = error_out
    ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            if method not in WRITES | {"get"}:
                continue
            view_func = operations.get((method, path))
            responses = operation.setdefault("responses", {})
            for status in sorted(error_statuses(method, path, operation, view_func)):
                if int(status) not in responses and status not in responses:
                    responses[int(status)] = {"description": DESCRIPTIONS[status], **ref}
    return document_text_rules(schema)


def blank_is_none(value):
    """A multipart form field left empty ("") means no value, as on the web form (use with
    pydantic's BeforeValidator on an optional field)."""
    return None if value == "" else value


@contextmanager
def fields_named(names: dict[str, str]):
    """An action's refusal names its own parameters (``appointees``); the API answers in the names of
    the body's fields (``appointee_membership_ids``), so a client knows which of its fields to fix."""
    try:
        yield
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise ValidationError({names.get(field, field): messages for field, messages in error.error_dict.items()}) from error


# A multipart body that refuses fields it does not name (the operation checks request.POST itself):
# ``@router.post(..., openapi_extra=CLOSED_MULTIPART)`` says so in the document.
CLOSED_MULTIPART = {"requestBody": {"content": {"multipart/form-data": {"schema": {"additionalProperties": False}}}}}


def only_fields(request, *names: str) -> None:
    """A multipart body names only the operation's fields: any other is refused (422), as the JSON
    bodies refuse theirs (``In``, extra=forbid), rather than silently dropped."""
    unknown = sorted((set(request.POST) | set(request.FILES)) - set(names))
    if unknown:
        raise ValidationError({name: f"不认识的字段“{name}”" for name in unknown})
