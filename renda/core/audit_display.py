"""The audit log in words: action labels, object types and before/after values in Chinese.

The log stores what actions wrote (field names, choice codes, JSON); people read labels. Field names
become the model's verbose names (the entry's own model first, then any model that has the field, then
the few keys actions write that are not model fields); choice codes become their labels; empty values
become "—".
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model

from renda.core.permissions import PERMISSIONS

EMPTY = "—"

# Actions logged outside the permission table.
EXTRA_ACTIONS = {"admin_correction": "后台更正"}

# Keys actions write that are not (or not only) model fields, in the words of the page.
KEY_LABELS = {
    "user": "账号", "username": "账号", "full_name": "姓名", "role": "角色", "organisation": "所属机构",
    "person": "人员", "password": "密码", "is_active": "账号状态", "key": "规则", "value": "取值",
    "deleted": "删除的记录", "name": "名称", "status": "状态", "kind": "类别", "reason": "理由", "on": "日期",
    "note": "备注", "title": "标题", "text": "内容", "start": "开始日期", "end": "结束日期", "number": "编号",
    "file": "文件", "rows": "行数", "size": "大小", "source": "来源", "round": "轮次", "slot": "录入序号",
    "returned": "收回票数", "votes": "票数", "seats": "应选名额", "candidates": "候选人", "chosen": "入选",
    "merged": "并入", "mandates": "代表", "stage": "审查环节", "stages": "审查环节", "result": "结果",
    "method": "方式", "way": "方式", "commitment": "承诺事项", "suggestion": "议案建议", "suggestions": "议案建议",
    "vote": "表决", "year": "年度", "visitors": "接待人数", "unit": "承办单位", "lead_unit": "主办单位",
    "co_units": "协办单位", "due_on": "期限", "on_time": "是否按期", "for_presidium": "提交主席团",
    "reminders": "提醒", "to_choose": "拟选定数量", "spent": "已用资金", "resolution": "整改情况",
    "satisfaction": "满意度", "release_at": "发布时间", "starts_at": "开始时间", "post": "职务", "phone": "联系电话",
    "sex": "性别", "secret": "无记名", "counts": "计票", "invalid": "无效票", "yes": "赞成", "no": "反对",
    "abstain": "弃权", "for": "赞成", "against": "反对", "passed": "是否通过", "corrected": "更正后", "outcome": "答复类别",
    "answer": "答复", "summary": "摘要", "address": "地址", "area": "服务范围", "path": "办理方式",
    "milestones": "节点", "milestone": "节点", "added": "新增人数", "present": "出席人数", "by_person": "代为记录",
    "public": "公开", "group": "代表小组", "problems": "问题", "concerns": "群众诉求", "choose": "应选数",
    "options": "选项", "photos": "照片数",
}
VALUE_WORDS = {"is_active": {True: "启用", False: "停用"}}
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?$")


def action_label(name: str) -> str:
    if name in PERMISSIONS:
        return PERMISSIONS[name][0]
    return EXTRA_ACTIONS.get(name, name)


def action_choices() -> list[tuple[str, str]]:
    named = [(name, label) for name, (label, _) in PERMISSIONS.items()] + list(EXTRA_ACTIONS.items())
    return sorted(named, key=lambda pair: pair[1])


@functools.cache
def _models_by_name() -> dict[str, Any]:
    return {m._meta.model_name or "": m for m in apps.get_models()}


def object_type_label(model_name: str) -> str:
    model = _models_by_name().get(model_name)
    if model is get_user_model():
        return "账号"
    return str(model._meta.verbose_name) if model is not None else (model_name or EMPTY)


def object_type_choices() -> list[tuple[str, str]]:
    """The object types that carry a congress's records (and accounts), by their Chinese names."""
    from renda.core.tenancy import TenantModel

    User = get_user_model()
    wanted = [m for m in apps.get_models() if issubclass(m, TenantModel) or m is User]
    return sorted(((m._meta.model_name or "", object_type_label(m._meta.model_name or "")) for m in wanted),
                  key=lambda pair: pair[1])


@functools.cache
def _fields_everywhere() -> dict[str, tuple[str, dict]]:
    """Field name → (verbose name, choices) over all models; the first model with the name wins,
    but choices merge so that a code is found whichever model wrote it."""
    found: dict[str, tuple[str, dict]] = {}
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if not hasattr(f, "verbose_name") or f.name == "id":
                continue
            choices = {str(k): str(v) for k, v in (getattr(f, "flatchoices", None) or [])}
            label, known = found.get(f.name, (str(f.verbose_name), {}))
            found[f.name] = (label, {**choices, **known})
    return found


def _chinese(label: str) -> bool:
    return bool(label) and not label.isascii()


def _model_field(model, key: str):
    """The model's field named ``key``, or the one whose name ends with it (``method`` → ``sign_in_method``)."""
    fields = [f for f in model._meta.get_fields() if hasattr(f, "verbose_name")]
    exact = [f for f in fields if f.name == key]
    return (exact or [f for f in fields if f.name.endswith(f"_{key}")] or [None])[0]


def _field(model_name: str, key: str) -> tuple[str, dict]:
    """The label of ``key`` and the choices its codes come from: the entry's model's field first, then
    the keys actions write, then any model's field of that name; a label is never an English word."""
    model = _models_by_name().get(model_name)
    label, choices = "", {}
    if model is not None and not (model is get_user_model() and key in KEY_LABELS):
        f = _model_field(model, key)
        if f is not None:
            label = str(f.verbose_name)
            choices = {str(k): str(v) for k, v in (getattr(f, "flatchoices", None) or [])}
    anywhere, their_choices = _fields_everywhere().get(key, ("", {}))
    if not _chinese(label):
        label = KEY_LABELS.get(key) or (anywhere if _chinese(anywhere) else "") or key
    return label, choices or their_choices


def value_text(value: Any, key: str = "", choices: dict | None = None) -> str:
    """A stored value in words: choice labels for codes, 是/否 for booleans, "—" for nothing."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if key in VALUE_WORDS and value in VALUE_WORDS[key]:
        return VALUE_WORDS[key][value]
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(value_text(v, key, choices) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{_field('', str(k))[0]}：{value_text(v, str(k), _field('', str(k))[1])}"
                        for k, v in value.items())
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    text = str(value)
    if choices and text in choices:
        return choices[text]
    moment = _ISO_DATETIME.match(text)
    if moment:
        return f"{moment.group(1)} {moment.group(2)}"
    return text


@dataclass
class Change:
    label: str
    before: str | None  # None: the entry has no "before" side
    after: str | None


def changes(model_name: str, before: Any, after: Any) -> list[Change]:
    """The entry's before/after as rows of label, old value, new value."""
    before_map = before if isinstance(before, dict) else ({} if before is None else {"value": before})
    after_map = after if isinstance(after, dict) else ({} if after is None else {"value": after})
    rows = []
    for key in list(dict.fromkeys([*before_map, *after_map])):
        label, choices = _field(model_name, str(key))
        rows.append(Change(
            label=label,
            before=value_text(before_map[key], str(key), choices) if key in before_map else None,
            after=value_text(after_map[key], str(key), choices) if key in after_map else None,
        ))
    return rows
