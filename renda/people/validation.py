"""Field rules shared by the actions, the forms, the API and the importer. Messages name the field
and the rule, in Chinese, so that a row error in an import reads the same as a form error."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError

from renda.people.models import Person

PHONE = re.compile(r"^[0-9+\-() ]{7,20}$")


class Errors:
    """Collects field errors and raises them together."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def parse_date(value: Any) -> datetime.date | None:
    """A date from a form, the API, an .xlsx cell or a .csv field: 2024-01-05, 2024/1/5, 2024年1月5日."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if not match:
        raise ValueError(text)
    return datetime.date(*(int(g) for g in match.groups()))


def text(data: dict, errors: Errors, field: str, label: str, *, required=False, max_length=100) -> str:
    value = data.get(field)
    value = "" if value is None else str(value).strip()
    if required and not value:
        errors.add(field, f"“{label}”必须填写")
    elif len(value) > max_length:
        errors.add(field, f"“{label}”不能超过 {max_length} 个字，现有 {len(value)} 个字")
    return value


def whole_number(value: Any, errors: Errors, field: str, label: str, *, minimum: int = 0) -> int:
    """An integer of at least ``minimum``; 0 (with the error noted) when it is not one."""
    try:
        number = int(value)
        if number < minimum:
            raise ValueError
    except (TypeError, ValueError):
        errors.add(field, f"“{label}”须为正整数" if minimum == 1 else f"“{label}”须为不小于 {minimum} 的整数")
        return 0
    return number


def date(data: dict, errors: Errors, field: str, label: str, *, required=False) -> datetime.date | None:
    try:
        value = parse_date(data.get(field))
    except ValueError:
        errors.add(field, f"“{label}”须为日期，如 2024-01-05，收到：{data.get(field)}")
        return None
    if required and value is None:
        errors.add(field, f"“{label}”必须填写")
    return value


def person_fields(data: dict, errors: Errors) -> dict[str, Any]:
    """Validate the identity fields of a person; returns the cleaned values present in ``data``."""
    cleaned: dict[str, Any] = {}
    if "name" in data:
        cleaned["name"] = text(data, errors, "name", "姓名", required=True, max_length=50)
    if "sex" in data:
        sex = text(data, errors, "sex", "性别", required=True, max_length=2)
        if sex and sex not in Person.Sex.values:
            errors.add("sex", f"“性别”须为“男”或“女”，收到：{sex}")
        cleaned["sex"] = sex
    for field, label, length in [
        ("ethnicity", "民族", 20), ("party", "政治面貌", 30), ("occupation", "职业", 60),
        ("workplace", "工作单位及职务", 120),
    ]:
        if field in data:
            cleaned[field] = text(data, errors, field, label, max_length=length)
    if "ethnicity" in cleaned and not cleaned["ethnicity"]:
        cleaned["ethnicity"] = "汉族"
    if "phone" in data:
        phone = text(data, errors, "phone", "联系电话", max_length=30)
        if phone and not PHONE.match(phone):
            errors.add("phone", f"“联系电话”只能含数字、+、- 和括号，7 到 20 位，收到：{phone}")
        cleaned["phone"] = phone
    if "birth_date" in data:
        born = date(data, errors, "birth_date", "出生日期")
        if born and not datetime.date(1900, 1, 1) <= born <= datetime.date.today():
            errors.add("birth_date", f"“出生日期”不在合理范围内：{born}")
        cleaned["birth_date"] = born
    return cleaned
