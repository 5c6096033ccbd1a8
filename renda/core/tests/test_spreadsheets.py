"""The shared pieces of list exports (issue 18, point 7): core.spreadsheets writes .xlsx that opens
ready to read and .csv a machine reads; core.downloads names them in Chinese."""

import datetime
import decimal
import io
from types import SimpleNamespace
from urllib.parse import unquote

from django.test import RequestFactory
from django.utils import timezone
from openpyxl import load_workbook

from renda.core import downloads, spreadsheets
from renda.core.spreadsheets import Column


def _sheet(data: bytes):
    return load_workbook(io.BytesIO(data)).worksheets[0]


ROWS = [
    SimpleNamespace(name="张伟", born=datetime.date(1980, 5, 1), count=3, rate=0.875, money=decimal.Decimal("12345.5"),
                    at=timezone.make_aware(datetime.datetime(2026, 1, 2, 0, 30), datetime.UTC), org=None),
    SimpleNamespace(name="=HYPERLINK(\"x\")", born=None, count=0, rate=None, money=None, at=None,
                    org=SimpleNamespace(name="教育局")),
]
COLUMNS = [Column("姓名", "name"), Column("出生日期", "born", "date"), Column("件数", "count", "int"),
           Column("办结率", "rate", "percent"), Column("金额", "money", "money"), Column("时间", "at", "datetime"),
           Column("单位", "org.name")]


def test_it_writes_title_filter_frozen_header_and_filter_buttons():
    ws = _sheet(spreadsheets.xlsx_bytes(title="示例市人大 · 名册", columns=COLUMNS, rows=ROWS, filters="状态：在任"))
    assert ws["A1"].value == "示例市人大 · 名册" and ws["A2"].value.startswith("筛选：状态：在任　导出时间：")
    assert [c.value for c in ws[3]] == [c.label for c in COLUMNS]
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref == "A3:G5"


def test_it_gives_each_kind_its_cell_type_and_format():
    ws = _sheet(spreadsheets.xlsx_bytes(title="t", columns=COLUMNS, rows=ROWS))
    name, born, count, rate, money, at, org = ws[4]
    assert (name.value, name.data_type) == ("张伟", "s")
    assert born.value == datetime.datetime(1980, 5, 1) and born.number_format == "yyyy-mm-dd"
    assert (count.value, count.data_type, count.number_format) == (3, "n", "0")
    assert (rate.value, rate.number_format) == (0.875, "0.0%")
    assert (money.value, money.number_format) == (12345.5, "#,##0.00")
    assert at.value == datetime.datetime(2026, 1, 2, 8, 30) and at.number_format == "yyyy-mm-dd hh:mm"  # Shanghai time
    assert org.value is None
    formula_like, *_rest, org2 = ws[5]
    assert (formula_like.value, formula_like.data_type) == ("=HYPERLINK(\"x\")", "s")
    assert org2.value == "教育局" and ws["B5"].value is None


def test_it_fits_widths_to_the_text_a_chinese_character_two():
    rows = [SimpleNamespace(a="代表" * 5, b="x", c="长" * 100)]
    ws = _sheet(spreadsheets.xlsx_bytes(title="t", columns=[Column("姓名", "a"), Column("b", "b"), Column("c", "c")],
                                        rows=rows))
    assert ws.column_dimensions["A"].width == 22  # ten characters of two widths, and a margin
    assert ws.column_dimensions["B"].width == spreadsheets.MIN_WIDTH
    assert ws.column_dimensions["C"].width == spreadsheets.MAX_WIDTH
    assert ws["C4"].alignment.wrap_text
    assert spreadsheets.display_width("代表ab") == 6 and spreadsheets.display_width(None) == 0


def test_the_csv_holds_the_header_and_rows_as_text():
    text = spreadsheets.csv_bytes(columns=COLUMNS, rows=ROWS).decode("utf-8")
    assert text.startswith("\ufeff姓名,出生日期,件数,办结率,金额,时间,单位")
    lines = text.splitlines()
    assert lines[1] == "张伟,1980-05-01,3,87.5%,12345.5,2026-01-02 08:30,"
    assert lines[2].startswith('"\'=HYPERLINK(""x"")"')


def test_it_describes_filters_and_reads_the_wanted_format():
    assert spreadsheets.describe_filters([("状态", "已答复"), ("关键词", ""), ("年度", 2026)]) == "状态：已答复；年度：2026"
    assert spreadsheets.describe_filters([("关键词", None)]) == "全部"
    factory = RequestFactory()
    assert spreadsheets.wanted(factory.get("/?export=xlsx")) == "xlsx"
    assert spreadsheets.wanted(factory.get("/?export=csv")) == "csv"
    assert spreadsheets.wanted(factory.get("/?export=pdf")) is None and spreadsheets.wanted(factory.get("/")) is None
    assert spreadsheets.count_rows([1, 2]) == 2 and spreadsheets.count_rows(x for x in [1]) == 0


def test_it_reports_progress_while_writing():
    seen = []
    many = [SimpleNamespace(name=str(n)) for n in range(450)]
    spreadsheets.csv_bytes(columns=[Column("n", "name")], rows=many, progress=seen.append)
    assert seen == [200, 400]


def test_export_response_names_the_file_in_chinese_with_the_date():
    request = RequestFactory().get("/?export=xlsx")
    request.congress = SimpleNamespace(name="示例市人民代表大会")
    response = spreadsheets.export_response(request, subject="代表名册", columns=COLUMNS, rows=ROWS)
    assert response["Content-Type"] == spreadsheets.XLSX_TYPE
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=\"")
    name = unquote(disposition.split("filename*=UTF-8''")[1])
    assert name == f"代表名册（{downloads.chinese_date(timezone.localdate())}）.xlsx"
    assert _sheet(response.content)["A1"].value == "示例市人民代表大会 · 代表名册"


def test_download_names_carry_chinese_in_filename_star():
    header = downloads.content_disposition("2026年建议办理情况统计.xlsx")
    assert header == ("attachment; filename=\"download.xlsx\"; "
                      "filename*=UTF-8''2026%E5%B9%B4%E5%BB%BA%E8%AE%AE%E5%8A%9E%E7%90%86%E6%83%85%E5%86%B5%E7%BB%9F%E8%AE%A1.xlsx")
    assert downloads.content_disposition("代表名册.csv").startswith("attachment; filename=\"download.csv\"")
    assert downloads.content_disposition("a/b:c?.pdf", inline=True).startswith("inline; filename=\"a_b_c.pdf\"")
    assert downloads.dated("代表名册", "xlsx", on=datetime.date(2026, 12, 3)) == "代表名册（2026年12月3日）.xlsx"
    assert downloads.yearly(2026, "建议办理情况统计", ".xlsx") == "2026年建议办理情况统计.xlsx"
    assert downloads.safe_name("  ..  ") == "下载"
