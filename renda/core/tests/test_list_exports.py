"""The audit log, accounts and role grants export exactly what is filtered (issue 18, points 1 and 7a):
.xlsx and .csv through core.spreadsheets, for the admin of this congress only."""

from renda.core import actions, audit
from renda.core.roles import Role
from renda.core.tests import export_checks as check
from renda.testing import make_user, signed_in


def test_it_exports_the_filtered_audit_log(world_a):
    audit.record(world_a.congress, world_a.office, "update_person", world_a.unit, object_repr="=SUM(1)")
    admin = signed_in(world_a.admin)
    base = f"/c/{world_a.congress.code}/audit/"
    page = admin.get(base + "?action=create_term").content.decode()
    assert "export=xlsx" in page and "action=create_term" in page
    ws = check.sheet(admin.get(base + "?export=xlsx"), world_a.congress)
    assert "=SUM(1)" in check.column(ws, "对象")
    check.assert_dates(ws, "时间")
    check.assert_numbers(ws, "编号", "0")
    every = len(check.records(ws))
    narrowed = check.sheet(admin.get(base + "?action=create_term&export=xlsx"), world_a.congress, filters="操作：新建届次")
    assert 0 < len(check.records(narrowed)) < every and set(check.column(narrowed, "操作")) == {"新建届次"}
    rows = check.csv_records(admin.get(base + "?action=create_term&export=csv"))
    assert {r["操作"] for r in rows} == {"新建届次"} and len(rows) == len(check.records(narrowed))
    # The old address gives the same CSV.
    assert check.csv_records(admin.get(f"/c/{world_a.congress.code}/audit/export.csv?action=create_term")) == rows


def test_the_audit_export_is_the_admins_of_this_congress(world_a, world_b):
    base = f"/c/{world_a.congress.code}/audit/"
    assert signed_in(world_a.office).get(base + "?export=xlsx").status_code == 403
    assert signed_in(world_b.admin).get(base + "?export=csv").status_code == 403
    assert signed_in(world_b.admin).get(f"/c/{world_a.congress.code}/audit/export.csv").status_code == 403


def test_it_exports_the_accounts_by_keyword(world_a, world_b):
    admin = signed_in(world_a.admin)
    base = f"/c/{world_a.congress.code}/accounts/"
    ws = check.sheet(admin.get(base + "?export=xlsx"), world_a.congress)
    names = check.column(ws, "账号")
    assert "office_staff-a" in names and "office_staff-b" not in names
    check.assert_dates(ws, "创建时间")
    narrowed = check.sheet(admin.get(base + "?q=office_staff&export=xlsx"), world_a.congress, filters="关键词：office_staff")
    assert check.column(narrowed, "账号") == ["office_staff-a"] and "机关工作人员" in check.column(narrowed, "本级角色")[0]
    assert [r["账号"] for r in check.csv_records(admin.get(base + "?q=office_staff&export=csv"))] == ["office_staff-a"]
    assert signed_in(world_a.office).get(base + "?export=xlsx").status_code == 403
    assert signed_in(world_b.admin).get(base + "?export=xlsx").status_code == 403


def test_it_exports_the_role_grants_by_keyword(world_a, world_b):
    extra = make_user("helper-a")
    actions.grant_role(world_a.congress, actor=world_a.root, user=extra, role=Role.OFFICE_STAFF)
    admin = signed_in(world_a.admin)
    base = f"/c/{world_a.congress.code}/roles/"
    ws = check.sheet(admin.get(base + "?export=xlsx"), world_a.congress)
    assert {"office_staff-a", "helper-a", "unit_officer-a"} <= set(check.column(ws, "账号"))
    assert "office_staff-b" not in check.column(ws, "账号")
    check.assert_dates(ws, "授予时间")
    narrowed = check.sheet(admin.get(base + "?q=unit&export=xlsx"), world_a.congress, filters="关键词：unit")
    assert [(r["账号"], r["所在机构"]) for r in check.records(narrowed)] == [("unit_officer-a", "教育局")]
    assert [r["账号"] for r in check.csv_records(admin.get(base + "?q=helper&export=csv"))] == ["helper-a"]
    assert signed_in(world_a.office).get(base + "?export=csv").status_code == 403
    assert signed_in(world_b.admin).get(base + "?export=csv").status_code == 403
