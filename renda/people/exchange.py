"""The tabular format of deputies and organisations, shared by import and export, in .xlsx and .csv.

Headers are the Chinese column names below; an export read back by the importer changes nothing.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Iterator

from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from renda.core import exports, uploads
from renda.core.models import Congress
from renda.people.models import Mandate, Organisation

DEPUTY_COLUMNS = [
    ("number", "代表证号"), ("name", "姓名"), ("sex", "性别"), ("ethnicity", "民族"), ("birth_date", "出生日期"),
    ("party", "政治面貌"), ("occupation", "职业"), ("workplace", "工作单位及职务"), ("phone", "联系电话"),
    ("term", "届次"), ("delegation", "代表团"), ("constituency", "选区或选举单位"), ("deputy_group", "代表小组"),
    ("liaison_station", "联络站"), ("status", "状态"), ("elected_on", "当选日期"),
]
DEPUTY_REQUIRED = {"number", "name", "sex", "term", "elected_on"}
ORGANISATION_COLUMNS = [
    ("kind", "类别"), ("name", "名称"), ("short_name", "简称"), ("parent", "上级机构"), ("unit_type", "单位类型"),
    ("address", "地址"), ("phone", "电话"),
]
ORGANISATION_REQUIRED = {"kind", "name"}
COLUMNS = {"deputies": (DEPUTY_COLUMNS, DEPUTY_REQUIRED), "organisations": (ORGANISATION_COLUMNS, ORGANISATION_REQUIRED)}
MAX_ROWS = 200_000


def label_of(kind: str, field: str) -> str:
    return dict(COLUMNS[kind][0]).get(field, field)


def _cell(value) -> str | datetime.date:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows(kind: str, header: list, body: Iterable[list]) -> list[tuple[int, dict]]:
    columns, required = COLUMNS[kind]
    by_label = {label: field for field, label in columns}
    fields = [by_label.get(str(h).strip()) if h is not None else None for h in header]
    missing = [label for field, label in columns if field in required and field not in fields]
    if missing:
        raise ValidationError({"file": f"第 1 行缺少必需的列：{'、'.join(missing)}（列名须与导出文件一致）"})
    rows = []
    for number, values in enumerate(body, start=2):
        if not any(v not in (None, "") for v in values):
            continue
        rows.append((number, {f: _cell(v) for f, v in zip(fields, values, strict=False) if f}))
        if len(rows) > MAX_ROWS:
            raise ValidationError({"file": f"一次最多导入 {MAX_ROWS} 行"})
    return rows


def read_table(kind: str, data: bytes, filename: str) -> list[tuple[int, dict]]:
    """Rows as (row number in the sheet, {field: value}); the header is row 1. What the file is comes
    from its content (core.uploads, purpose people_import: .xlsx or CSV text), not from its name."""
    if uploads.check_bytes(data, filename, "people_import").key == "xlsx":
        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ValidationError({"file": f"无法读取 .xlsx 文件：{exc.__class__.__name__}"}) from exc
        values = sheet.iter_rows(values_only=True)
        header = list(next(values, []) or [])
        return _rows(kind, header, (list(v) for v in values))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise ValidationError({"file": "无法识别 .csv 文件的编码，请另存为 UTF-8"}) from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    # Renda's own export put an apostrophe before text a spreadsheet would run (core.exports).
    return _rows(kind, header, ([exports.unquote(v) for v in row] for row in reader))


def deputy_records(congress: Congress) -> Iterator[list]:
    rows = Mandate.objects.in_congress(congress).select_related(
        "person", "term", "delegation", "deputy_group", "liaison_station").order_by("id")
    for m in rows.iterator(chunk_size=2000):
        p = m.person
        yield [m.number, p.name, p.sex, p.ethnicity, p.birth_date or "", p.party, p.occupation, p.workplace,
               p.phone, m.term.number, m.delegation.name if m.delegation else "", m.constituency,
               m.deputy_group.name if m.deputy_group else "", m.liaison_station.name if m.liaison_station else "",
               m.get_status_display(), m.elected_on]


def organisation_records(congress: Congress) -> Iterator[list]:
    rows = Organisation.objects.in_congress(congress).select_related("parent").order_by("id")
    for o in rows.iterator(chunk_size=2000):
        yield [o.get_kind_display(), o.name, o.short_name, o.parent.name if o.parent else "",
               o.get_unit_type_display() if o.unit_type else "", o.address, o.phone]


def records(kind: str, congress: Congress) -> Iterator[list]:
    return deputy_records(congress) if kind == "deputies" else organisation_records(congress)


def to_xlsx(kind: str, rows: Iterable[list]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("代表名册" if kind == "deputies" else "机构")
    exports.append(sheet, [label for _, label in COLUMNS[kind][0]])
    for row in rows:  # text stays text: a name like "=HYPERLINK(…)" is no formula (core.exports)
        exports.append(sheet, [v.isoformat() if isinstance(v, datetime.date) else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_csv(kind: str, rows: Iterable[list]) -> bytes:
    header = [label for _, label in COLUMNS[kind][0]]
    return exports.csv_bytes([header, *([v.isoformat() if isinstance(v, datetime.date) else v for v in row]
                                        for row in rows)])
