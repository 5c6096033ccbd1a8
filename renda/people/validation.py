"""Field rules shared by the actions, the forms, the API and the importer. Messages name the field
and the rule, in Chinese, so that a row error in an import reads the same as a form error."""

from __future__ import annotations

import datetime
import re
import unicodedata
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


# Characters that show nothing: zero-width space, non-joiner and joiner, word joiner, byte-order mark.
# Stripped at the ends with the spaces, so a value made only of them is an empty value.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_ENDS = re.compile(rf"^[\s{INVISIBLE}]+|[\s{INVISIBLE}]+$")
# Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make a text display
# in another order than it is stored (U+202E before "txt.exe" shows it as "exe.txt").
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# C0 and C1 control characters (NUL, escape, …); tab and line feed are allowed in multi-line texts,
# a carriage return is dropped there (a browser sends CR LF).
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
MULTILINE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value: Any, *, multiline: bool = False) -> tuple[str, str | None]:
    """The text as stored — NFC-normalised, without spaces or invisible characters at its ends — and
    the rule it breaks (a word for the message), or None."""
    value = "" if value is None else unicodedata.normalize("NFC", str(value))
    if multiline:
        value = value.replace("\r\n", "\n")
    value = _ENDS.sub("", value)
    if (MULTILINE_CONTROL if multiline else CONTROL).search(value):
        return value, "不能包含控制字符"
    if BIDI.search(value):
        return value, "不能包含改变文字方向的控制字符"
    return value, None


def text(data: dict, errors: Errors, field: str, label: str, *, required=False, max_length=100,
         multiline: bool | None = None) -> str:
    """A text field, normalised by ``clean_text``. Long fields (200 characters or more) are multi-line
    unless told otherwise."""
    value, problem = clean_text(data.get(field), multiline=max_length >= 200 if multiline is None else multiline)
    if problem:
        errors.add(field, f"“{label}”{problem}")
    elif required and not value:
        errors.add(field, f"“{label}”必须填写")
    elif len(value) > max_length:
        errors.add(field, f"“{label}”不能超过 {max_length} 个字，现有 {len(value)} 个字")
    return value


# The largest whole number a field takes unless it says otherwise: PostgreSQL's integer column
# (SQLite's holds up to 2^63 - 1, PostgreSQL's smallint 32767: fields stored in those pass their own).
INT_MAX = 2**31 - 1


ID_MAX = 2**63 - 1  # the largest id (bigint) either database holds


def id_or_none(value: Any) -> int | None:
    """An id from an address or a filter: ASCII digits naming a number a bigint column holds, else
    None (a word, "²", -1 or 2^64 names no row: the filter or lookup answers as if nothing matched)."""
    value = str(value if value is not None else "").strip()
    if value.isascii() and value.isdecimal() and int(value) <= ID_MAX:
        return int(value)
    return None


def whole_number(value: Any, errors: Errors, field: str, label: str, *, minimum: int = 0,
                 maximum: int = INT_MAX) -> int:
    """An integer from ``minimum`` to ``maximum``; 0 (with the error noted) when it is not one."""
    try:
        if isinstance(value, bool) or isinstance(value, float) and not value.is_integer():
            raise ValueError
        number = int(value)
        if not minimum <= number <= maximum:
            raise ValueError
    except (TypeError, ValueError, OverflowError):
        if maximum < INT_MAX:
            errors.add(field, f"“{label}”须为 {minimum} 至 {maximum} 的整数，收到：{value}")
        else:
            errors.add(field, f"“{label}”须为正整数" if minimum == 1 else f"“{label}”须为不小于 {minimum} 的整数")
        return 0
    return number


FIRST_REPORT_YEAR = 1949  # the years a report or a filter may name: 1949 to next year
# The days a date filter (a list's 起始/截止日期, the calendar's start/end) may name: a date outside is a
# typo, and one near the calendar's ends (0001-01-01, 9999-12-31) cannot be made a local time at all.
FILTER_DAYS = (datetime.date(1949, 1, 1), datetime.date(2100, 12, 31))


def report_year(value: Any, field: str = "year", label: str = "年份") -> int:
    """A year a report or list may be asked for; ValidationError naming the field otherwise (a year of
    0, -1 or 99999 is a typo, not an empty report)."""
    from django.utils import timezone

    last = timezone.localdate().year + 1
    errors = Errors()
    number = whole_number(value, errors, field, label, minimum=FIRST_REPORT_YEAR, maximum=last)
    errors.raise_if_any()
    return number


def within(errors: Errors, field: str, label: str, value, window) -> bool:
    """Whether a date (or the date of a datetime) lies in ``window`` (first, last day), noting an
    error naming the field and the window when it does not."""
    if value is None:
        return True
    day = value.date() if isinstance(value, datetime.datetime) else value
    first, last = window
    if first <= day <= last:
        return True
    errors.add(field, f"“{label}”须在 {first.isoformat()} 至 {last.isoformat()} 之间，收到：{day.isoformat()}")
    return False


# Any date a field takes, unless the field has a narrower window (core.rules): outside it a date is
# a typo, and date arithmetic on it (due dates months later) would overflow at 9999-12-31.
ANY_DATE = (datetime.date(1900, 1, 1), datetime.date(2099, 12, 31))


def moment(value: Any, errors: Errors, field: str, label: str, window=ANY_DATE) -> datetime.datetime | None:
    """A date and time within ``window`` (by its own calendar date), in UTC: an offset such as +16:00,
    which Python allows and PostgreSQL refuses, is a moment like any other. None (with the error
    noted) when it is not one."""
    from django.utils import timezone

    if not isinstance(value, datetime.datetime):
        errors.add(field, f"“{label}”须为日期和时间，如 2024-01-05T09:00，收到：{value}")
        return None
    if not within(errors, field, label, value, window):
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value.astimezone(datetime.UTC)


def date(data: dict, errors: Errors, field: str, label: str, *, required=False) -> datetime.date | None:
    try:
        value = parse_date(data.get(field))
    except ValueError:
        errors.add(field, f"“{label}”须为日期，如 2024-01-05，收到：{data.get(field)}")
        return None
    if required and value is None:
        errors.add(field, f"“{label}”必须填写")
    if not within(errors, field, label, value, ANY_DATE):
        return None
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
