import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from renda.core.models import AuditEntry
from renda.people import actions, exchange
from renda.people.importing import plan_deputies
from renda.people.models import Mandate, Organisation

HEADER = ["代表证号", "姓名", "性别", "民族", "出生日期", "届次", "代表团", "代表小组", "状态", "当选日期", "联系电话"]


def xlsx(rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def good_rows(world, n=3):
    return [[f"X{i:03d}", f"导入代表{i}", "女" if i % 2 else "男", "蒙古族", f"1980-05-0{i % 9 + 1}", 5,
             world.delegation.name, world.group.name, "在任", "2022-01-10", "13900000000"] for i in range(n)]


def rows_of(world, data: bytes, name="deputies.xlsx", kind="deputies"):
    return exchange.read_table(kind, data, name)


def test_a_dry_run_plans_and_writes_nothing(world_a):
    rows = rows_of(world_a, xlsx(good_rows(world_a)))
    before = Mandate.objects.in_congress(world_a.congress).count()
    plan = plan_deputies(world_a.congress, rows)
    assert plan.summary() == {"rows": 3, "create": 3, "update": 0, "unchanged": 0, "errors": 0}
    assert Mandate.objects.in_congress(world_a.congress).count() == before


def test_errors_come_back_row_by_row_in_chinese_and_nothing_is_written(world_a):
    rows = good_rows(world_a, 4)
    rows[1][2] = "未知"           # row 3: sex
    rows[2][5] = 9                # row 4: term that does not exist
    rows[3][6] = "不存在的代表团"  # row 5: delegation
    rows[0][4] = "1980-13-45"     # row 2: birth date
    before_mandates = Mandate.objects.in_congress(world_a.congress).count()
    before_audit = AuditEntry.objects.in_congress(world_a.congress).count()
    with pytest.raises(actions.ImportRejected) as rejected:
        actions.import_people(world_a.congress, actor=world_a.office, kind="deputies",
                              rows=rows_of(world_a, xlsx(rows)))
    found = {(e.row, e.column) for e in rejected.value.plan.errors}
    assert found == {(2, "出生日期"), (3, "性别"), (4, "届次"), (5, "代表团")}
    sex_error = next(e for e in rejected.value.plan.errors if e.column == "性别")
    assert sex_error.value == "未知" and "须为“男”或“女”" in sex_error.rule
    assert Mandate.objects.in_congress(world_a.congress).count() == before_mandates
    assert AuditEntry.objects.in_congress(world_a.congress).count() == before_audit


def test_a_missing_required_column_is_named(world_a):
    with pytest.raises(Exception) as error:
        rows_of(world_a, xlsx([["X1", "某某"]], header=["代表证号", "姓名"]))
    assert "缺少必需的列" in str(error.value) and "性别" in str(error.value)


def test_duplicate_numbers_within_the_file_are_refused(world_a):
    rows = good_rows(world_a, 2)
    rows[1][0] = rows[0][0]
    plan = plan_deputies(world_a.congress, rows_of(world_a, xlsx(rows)))
    assert [(e.row, e.column) for e in plan.errors] == [(3, "代表证号")]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_imports_back_unchanged(world_a, fmt):
    actions.import_people(world_a.congress, actor=world_a.office, kind="deputies",
                          rows=rows_of(world_a, xlsx(good_rows(world_a, 5))))
    writer = exchange.to_xlsx if fmt == "xlsx" else exchange.to_csv
    for kind in ("organisations", "deputies"):
        data = writer(kind, exchange.records(kind, world_a.congress))
        plan = actions.import_people(world_a.congress, actor=world_a.office, kind=kind,
                                     rows=exchange.read_table(kind, data, f"x.{fmt}"))
        assert plan.creates == [] and plan.updates == [], kind
        assert plan.unchanged == plan.total > 0


def test_an_import_updates_changed_rows_and_keeps_history(world_a):
    actions.import_people(world_a.congress, actor=world_a.office, kind="deputies",
                          rows=rows_of(world_a, xlsx(good_rows(world_a, 2))))
    rows = good_rows(world_a, 2)
    rows[0][8] = "辞职"
    rows[1][10] = "13711112222"
    plan = actions.import_people(world_a.congress, actor=world_a.office, kind="deputies",
                                 rows=rows_of(world_a, xlsx(rows)))
    assert len(plan.updates) == 2
    resigned = Mandate.objects.in_congress(world_a.congress).select_related("person").get(number="X000")
    assert resigned.status == Mandate.Status.RESIGNED and resigned.ended_on is not None
    assert Mandate.objects.in_congress(world_a.congress).select_related("person").get(number="X001").person.phone == "13711112222"
    entry = AuditEntry.objects.in_congress(world_a.congress).filter(action="import_people").order_by("-id").first()
    assert entry.after["update"] == 2


def test_an_illegal_status_change_in_a_file_is_a_row_error(world_a):
    actions.import_people(world_a.congress, actor=world_a.office, kind="deputies",
                          rows=rows_of(world_a, xlsx(good_rows(world_a, 1))))
    rows = good_rows(world_a, 1)
    rows[0][8] = "辞职"
    actions.import_people(world_a.congress, actor=world_a.office, kind="deputies", rows=rows_of(world_a, xlsx(rows)))
    rows[0][8] = "在任"
    plan = plan_deputies(world_a.congress, rows_of(world_a, xlsx(rows)))
    assert [(e.column, e.value) for e in plan.errors] == [("状态", "在任")]
    assert "不能从“辞职”变为“在任”" in plan.errors[0].rule


def test_organisations_import_with_parents_in_the_same_file(world_a):
    data = exchange.to_csv("organisations", [
        ["代表小组", "河口第一代表小组", "", "河口代表团", "", "", ""],
        ["代表团", "河口代表团", "河口", "", "", "", ""],
        ["承办单位", "市税务局", "", "", "政府部门", "", "0471-1234567"],
    ])
    actions.import_people(world_a.congress, actor=world_a.office, kind="organisations",
                          rows=exchange.read_table("organisations", data, "o.csv"))
    group = Organisation.objects.in_congress(world_a.congress).select_related("parent").get(name="河口第一代表小组")
    assert group.parent.name == "河口代表团"
    assert Organisation.objects.in_congress(world_a.congress).get(name="市税务局").unit_type == "department"


def test_progress_is_reported(world_a):
    seen = []
    actions.import_people(world_a.congress, actor=world_a.office, kind="deputies",
                          rows=rows_of(world_a, xlsx(good_rows(world_a, 3))),
                          progress=lambda phase, done, total: seen.append((phase, done, total)))
    assert ("检查", 3, 3) in seen and seen[-1][0] == "写入" and seen[-1][1] == seen[-1][2]


def test_the_web_import_previews_then_applies(world_a):
    client = Client()
    client.force_login(world_a.office)
    base = f"/c/{world_a.congress.code}/exchange/"
    upload = SimpleUploadedFile("d.xlsx", xlsx(good_rows(world_a, 2)))
    preview = client.post(base + "preview/", {"kind": "deputies", "file": upload, "token": "abc123"},
                          HTTP_HX_REQUEST="true")
    text = preview.content.decode()
    assert "新增 <strong>2</strong>" in text and "确认导入" in text
    assert not Mandate.objects.in_congress(world_a.congress).filter(number="X000").exists()
    done = client.post(base + "apply/", {"kind": "deputies", "token": "abc123", "suffix": ".xlsx", "filename": "d.xlsx"},
                       HTTP_HX_REQUEST="true")
    assert "导入完成" in done.content.decode()
    assert Mandate.objects.in_congress(world_a.congress).filter(number__in=["X000", "X001"]).count() == 2


def test_the_web_import_shows_row_errors(world_a):
    client = Client()
    client.force_login(world_a.office)
    rows = good_rows(world_a, 1)
    rows[0][1] = ""
    upload = SimpleUploadedFile("d.xlsx", xlsx(rows))
    text = client.post(f"/c/{world_a.congress.code}/exchange/preview/", {"kind": "deputies", "file": upload}).content.decode()
    assert "“姓名”必须填写" in text and "没有写入任何数据" in text


def test_the_api_import_has_a_dry_run(world_a):
    from renda.core.tests.test_api import bearer

    client, headers = Client(), bearer(world_a, world_a.office)
    upload = SimpleUploadedFile("d.xlsx", xlsx(good_rows(world_a, 2)))
    dry = client.post("/api/imports", {"kind": "deputies", "dry_run": "true", "file": upload}, **headers).json()
    assert dry["summary"]["create"] == 2 and not dry["applied"]
    assert not Mandate.objects.in_congress(world_a.congress).filter(number="X000").exists()
    upload = SimpleUploadedFile("d.xlsx", xlsx(good_rows(world_a, 2)))
    real = client.post("/api/imports", {"kind": "deputies", "file": upload}, **headers).json()
    assert real["applied"] and Mandate.objects.in_congress(world_a.congress).filter(number="X000").exists()
    deputy_headers = bearer(world_a, world_a.deputy)
    upload = SimpleUploadedFile("d.xlsx", xlsx(good_rows(world_a, 2)))
    assert client.post("/api/imports", {"kind": "deputies", "file": upload}, **deputy_headers).status_code == 403
