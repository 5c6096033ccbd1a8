"""The organisations list's export holds the columns the pages show: the telephone, shown on no page but
the edit form, only for those who may edit an organisation."""

from django.test import Client

from renda.core.tests import export_checks as check
from renda.people import actions
from renda.testing import signed_in

PHONE = "0571-88886666"


def _url(world, path: str) -> str:
    return f"/c/{world.congress.code}/{path}"


def test_it_leaves_the_telephone_out_for_the_public_and_anonymous_visitors(world_a):
    actions.update_organisation(world_a.congress, world_a.unit, actor=world_a.office, phone=PHONE)
    for client in (Client(), signed_in(world_a.public), signed_in(world_a.deputy)):
        rows = check.csv_records(client.get(_url(world_a, "organisations/?export=csv")))
        assert rows and "电话" not in rows[0] and PHONE not in str(rows)
        ws = check.sheet(client.get(_url(world_a, "organisations/?export=xlsx")), world_a.congress)
        assert "电话" not in check.headers(ws) and PHONE not in str(check.records(ws))
        page = client.get(_url(world_a, f"organisations/{world_a.unit.pk}/")).content.decode()
        assert PHONE not in page


def test_it_keeps_the_telephone_for_those_who_edit_organisations(world_a, world_b):
    actions.update_organisation(world_a.congress, world_a.unit, actor=world_a.office, phone=PHONE)
    rows = check.csv_records(signed_in(world_a.office).get(_url(world_a, "organisations/?q=教育&export=csv")))
    assert [r["电话"] for r in rows] == [PHONE]
    # another congress's office is the public here
    rows = check.csv_records(signed_in(world_b.office).get(_url(world_a, "organisations/?export=csv")))
    assert "电话" not in rows[0] and PHONE not in str(rows)
