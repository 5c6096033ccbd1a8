"""The appointment bills and the register answer ``?export=xlsx`` and ``?export=csv``
(core.spreadsheets): exactly what the keyword and status chose, the dates as dates; another
congress's staff are refused."""

from renda.appointments.models import AppointmentBill
from renda.appointments.tests.fixtures import small_bill
from renda.oversight.tests.list_exports import FORMULA, check_xlsx, csv_rows, header, texts
from renda.testing import signed_in


def url(world, path: str, query: str) -> str:
    return f"/c/{world.congress.code}/appointments/{path}?{query}"


def test_it_exports_the_bills_and_the_register_as_filtered(world_a, world_b):
    decided = small_bill(world_a, "decided", name="陈新")
    draft = small_bill(world_a, "draft", name="周明")
    AppointmentBill.objects.in_congress(world_a.congress).filter(pk=draft.pk).update(title=FORMULA)
    office = signed_in(world_a.office)
    assert "export=xlsx" in office.get(url(world_a, "", "")).content.decode()
    ws = check_xlsx(office.get(url(world_a, "", "export=xlsx")), world_a.congress, "任免案",
                    dates=["会议日期"], formula_in="任免案")
    assert sorted(texts(ws, "任免案")) == sorted([FORMULA, decided.title])
    assert texts(check_xlsx(office.get(url(world_a, "", "q=陈新&export=xlsx")), world_a.congress, "任免案"),
                 "任免案") == [decided.title]
    assert texts(check_xlsx(office.get(url(world_a, "", "status=draft&export=xlsx")), world_a.congress, "任免案"),
                 "任免案") == [FORMULA]
    assert csv_rows(office.get(url(world_a, "", "export=csv")))[0] == header(ws)
    register = check_xlsx(office.get(url(world_a, "register/", "export=xlsx")), world_a.congress, "任命人员名册",
                          dates=["任职日期"])
    assert texts(register, "姓名") == ["陈新"]
    assert texts(check_xlsx(office.get(url(world_a, "register/", "q=没有这个人&export=xlsx")), world_a.congress,
                            "任命人员名册"), "姓名") == []
    assert signed_in(world_b.office).get(url(world_a, "register/", "export=xlsx")).status_code in (403, 404)
