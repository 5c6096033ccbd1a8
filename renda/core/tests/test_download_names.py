"""Every download names itself in Chinese with its date or year (core.downloads): filename* in UTF-8
beside an ASCII fallback — a few of them read back here, one per kind of name."""

from __future__ import annotations

from urllib.parse import quote, unquote

from django.utils import timezone

from renda.core.downloads import chinese_date
from renda.testing import signed_in


def utf8_name(response) -> str:
    header = response["Content-Disposition"]
    assert 'filename="' in header and "filename*=UTF-8''" in header, header
    return unquote(header.split("filename*=UTF-8''", 1)[1])


def today() -> str:
    return f"（{chinese_date(timezone.localdate())}）"


def test_it_names_a_yearly_report_by_its_year(world_a):
    c, year = world_a.congress, timezone.localdate().year
    office = signed_in(world_a.office)
    xlsx = office.get(f"/c/{c.code}/suggestions/reports/evaluation.xlsx?year={year}")
    assert xlsx.status_code == 200 and xlsx["Content-Disposition"].startswith("attachment;")
    assert utf8_name(xlsx) == f"{year}年代表建议办理情况考评.xlsx"
    pdf = office.get(f"/c/{c.code}/suggestions/reports/evaluation.pdf?year={year}")
    assert pdf.status_code == 200 and pdf["Content-Disposition"].startswith("inline;")
    assert utf8_name(pdf) == f"{year}年代表建议办理情况考评报告.pdf"
    assert f"filename*=UTF-8''{quote(f'{year}年')}" in pdf["Content-Disposition"]
    liaison = office.get(f"/c/{c.code}/liaison/statistics.xlsx?year={year}")
    assert liaison.status_code == 200 and utf8_name(liaison) == f"{year}年联络站工作统计.xlsx"


def test_it_names_a_list_export_by_the_day(world_a):
    c = world_a.congress
    admin = signed_in(world_a.admin)
    people = admin.get(f"/c/{c.code}/exchange/export/deputies.xlsx")
    assert people.status_code == 200 and utf8_name(people) == f"代表名册{today()}.xlsx"
    audit = admin.get(f"/c/{c.code}/audit/export.csv")
    assert audit.status_code == 200 and utf8_name(audit) == f"{c.name}操作日志{today()}.csv"


def test_the_names_stay_behind_the_permission_and_the_congress(world_a, world_b):
    deputy = signed_in(world_a.deputy)
    assert deputy.get(f"/c/{world_a.congress.code}/suggestions/reports/evaluation.xlsx").status_code in (302, 403, 404)
    office_b = signed_in(world_b.office)
    assert office_b.get(f"/c/{world_a.congress.code}/suggestions/reports/evaluation.xlsx").status_code in (403, 404)


def test_a_long_title_is_shortened_before_its_suffix_and_the_ascii_name_is_not_bare_digits():
    from renda.core import downloads

    long = downloads.dated("关于" + "城乡供水一体化" * 40 + "项目进展", "xlsx")
    assert len(downloads.safe_name(long)) == downloads.MAX_NAME and downloads.safe_name(long).endswith(".xlsx")
    header = downloads.content_disposition(downloads.dated("代表名册", "xlsx"))
    assert 'filename="download.xlsx"' in header
    assert downloads.content_disposition("popolo.json").startswith('attachment; filename="popolo.json"')
