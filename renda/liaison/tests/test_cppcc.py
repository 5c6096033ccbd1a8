"""两代表一委员之家: CPPCC members registered, on the rota and at receptions beside deputies; their
receptions count in the station's statistics, never in a deputy's record (Reception.deputies)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from renda.core.errors import NotFound
from renda.core.tests.test_api import bearer
from renda.liaison import actions, reports
from renda.liaison.models import Concern, CppccMember, Reception, RotaSlot
from renda.liaison.tests.factory import station_deputy


def member(world, name="周委员", **extra):
    return actions.register_cppcc_member(world.congress, actor=world.office, person_data={"name": name, "sex": "女"},
                                         cppcc="市政协第十三届委员会", sector=extra.pop("sector", "教育界"),
                                         station=extra.pop("station", world.station))


def test_it_registers_edits_and_deactivates_a_member(world_a, world_b):
    c = world_a.congress
    made = member(world_a)
    with pytest.raises(ValidationError, match="已登记为进站政协委员"):
        actions.register_cppcc_member(c, actor=world_a.office, person=made.person, cppcc="市政协")
    with pytest.raises(ValidationError) as refused:
        actions.register_cppcc_member(c, actor=world_a.office, person_data={"name": "", "sex": "x"}, cppcc="",
                                      station=world_b.station)
    assert {"name", "sex", "cppcc", "station"} <= set(refused.value.message_dict)
    with pytest.raises(PermissionDenied):
        member(world_a, "吴委员") and actions.register_cppcc_member(c, actor=world_a.deputy, person_data={
            "name": "某", "sex": "男"}, cppcc="市政协")
    actions.edit_cppcc_member(c, made, actor=world_a.office, cppcc="市政协第十四届委员会", sector="", station=None)
    made.refresh_from_db()
    assert (made.cppcc, made.sector, made.station_id) == ("市政协第十四届委员会", "", None)
    with pytest.raises(NotFound):
        actions.edit_cppcc_member(world_b.congress, made, actor=world_b.office, cppcc="x")
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    actions.set_rota(c, world_a.station, actor=world_a.office, on=tomorrow, mandates=[], cppcc_members=[made])
    actions.deactivate_cppcc_member(c, made, actor=world_a.office)
    assert not RotaSlot.objects.in_congress(c).filter(cppcc_member=made).exists()  # future days dropped
    with pytest.raises(ValidationError, match="已停止进站"):
        actions.deactivate_cppcc_member(c, made, actor=world_a.office)
    with pytest.raises(ValidationError, match="仍在进站的政协委员"):
        actions.set_rota(c, world_a.station, actor=world_a.office, on=tomorrow, mandates=[], cppcc_members=[made])


def test_the_rota_holds_deputies_and_members_and_a_deputy_only_change_keeps_the_members(world_a):
    c, deputy = world_a.congress, station_deputy(world_a)
    cppcc = member(world_a)
    day = datetime.date.today() + datetime.timedelta(days=3)
    actions.set_rota(c, world_a.station, actor=world_a.office, on=day, mandates=[deputy], cppcc_members=[cppcc])
    assert reports.rota(c, world_a.station) == [(day, ["李明", "周委员（政协委员）"])]
    actions.set_rota(c, world_a.station, actor=world_a.office, on=day, mandates=[])  # the deputies' picker only
    assert reports.rota(c, world_a.station) == [(day, ["周委员（政协委员）"])]
    assert [s.next_days for s in reports.find_stations(c) if s.station == world_a.station][0] == [(day, ["周委员（政协委员）"])]


def test_a_station_year_with_cppcc_members_gives_the_same_figures(world_a):
    """30 receptions / 118 people / 5 on the spot / 50 passed on / 100 % satisfied, CPPCC members on
    the rota and at receptions (10 of them without a deputy)."""
    c, office, station = world_a.congress, world_a.office, world_a.station
    deputy = station_deputy(world_a)
    members = [member(world_a, "周委员"), member(world_a, "孙委员", sector="医药卫生界")]
    year = datetime.date.today().year - 1
    concern = {"person_name": "赵大妈", "person_contact": "13900000001", "category": "交通出行", "text": "路灯不亮"}
    made: list[Concern] = []
    for n in range(30):
        day = datetime.date(year, 1 + n % 12, 1 + n)
        sitters = [members[n % 2]]
        deputies = [deputy] if n < 20 else []
        actions.set_rota(c, station, actor=office, on=day, mandates=deputies, cppcc_members=sitters)
        reception = actions.record_reception(c, station, actor=office, held_on=day, deputies=deputies,
                                             cppcc_members=sitters, visitors=4 if n < 28 else 3,
                                             concerns=[concern] * (2 if n < 25 else 1))
        made += list(reception.concerns.all())
    assert len(made) == 55
    unit_officer = world_a.users["unit_officer"]
    for n, item in enumerate(made):
        if n < 5:
            actions.triage_concern(c, item, actor=office, path="on_the_spot", answer="当场答复并解决")
        else:
            actions.triage_concern(c, item, actor=office, path="referred", unit=world_a.unit)
            actions.answer_concern(c, item, actor=unit_officer, answer="已修复")
        actions.record_feedback(c, item, actor=office, satisfaction="satisfied" if n % 2 else "basically")
    stats = Client().get(f"/api/liaison/statistics?year={year}", **bearer(world_a, office)).json()
    row = next(r for r in stats["stations"] if r["label"] == station.name)
    assert (row["receptions"], row["visitors"], row["on_the_spot"], row["referred"], row["satisfaction_rate"]) == \
        (30, 118, 5, 50, "100.0%")
    assert stats["total"]["receptions"] == 30 and stats["total"]["visitors"] == 118
    # a deputy's record reads Reception.deputies: the 10 receptions CPPCC members held alone are not theirs
    assert Reception.objects.in_congress(c).filter(deputies=deputy).count() == 20
    assert Reception.objects.in_congress(c).filter(cppcc_members__in=members).distinct().count() == 30
    assert RotaSlot.objects.in_congress(c).filter(cppcc_member__isnull=False).count() == 30


def test_cppcc_members_and_receptions_through_the_api(world_a, world_b):
    c, api = world_a.congress, Client()
    office = bearer(world_a, world_a.office)
    made = api.post("/api/cppcc-members", {"name": "钱委员", "sex": "男", "cppcc": "市政协", "sector": "经济界",
                                           "station_id": world_a.station.pk}, content_type="application/json", **office)
    assert made.status_code == 201, made.content
    mid = made.json()["id"]
    bad = api.post("/api/cppcc-members", {"name": "", "sex": "男", "cppcc": "市政协", "station_id": world_b.station.pk},
                   content_type="application/json", **office)
    assert bad.status_code == 422
    assert api.get(f"/api/cppcc-members/{mid}", **bearer(world_b, world_b.office)).status_code == 404
    deputy = station_deputy(world_a)
    day = datetime.date.today()
    rota = api.put(f"/api/stations/{world_a.station.pk}/rota", {"on": str(day), "mandate_ids": [deputy.pk],
                                                               "cppcc_member_ids": [mid]},
                   content_type="application/json", **office)
    assert rota.status_code == 200 and rota.json()["rota"][0]["deputies"] == ["李明", "钱委员（政协委员）"]
    reception = api.post(f"/api/stations/{world_a.station.pk}/receptions", {
        "held_on": str(day), "mandate_ids": [], "cppcc_member_ids": [mid], "visitors": 3},
        content_type="application/json", **office)
    assert reception.status_code == 201 and reception.json()["cppcc_member_ids"] == [mid]
    nobody = api.post(f"/api/stations/{world_a.station.pk}/receptions", {
        "held_on": str(day), "mandate_ids": [], "visitors": 3}, content_type="application/json", **office)
    assert nobody.status_code == 422 and "政协委员" in str(nobody.json())
    edited = api.put(f"/api/cppcc-members/{mid}", {"cppcc": "市政协第十四届", "station_id": None},
                     content_type="application/json", **office)
    assert edited.json()["station_id"] is None
    stopped = api.post(f"/api/cppcc-members/{mid}/active", {"active": False}, content_type="application/json", **office)
    assert stopped.json()["active"] is False
    assert api.get("/api/cppcc-members?active=true", **office).json() == []
    assert CppccMember.objects.in_congress(c).count() == 1


def test_the_pages(world_a, world_b):
    from renda.testing import signed_in

    office = signed_in(world_a.office)
    base = f"/c/{world_a.congress.code}/liaison/cppcc/"
    refused = office.post(base, {"name": "吴委员", "sex": "男", "cppcc": "", "sector": "x"})
    assert refused.status_code == 422 and "所属政协" in refused.content.decode() and 'value="吴委员"' in refused.content.decode()
    assert office.post(base, {"name": "吴委员", "sex": "男", "cppcc": "市政协", "station": world_a.station.pk}).status_code == 302
    made = CppccMember.objects.in_congress(world_a.congress).get()
    page = office.get(f"{base}{made.pk}/")
    assert page.status_code == 200 and "停止进站" in page.content.decode()
    station = office.get(f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/").content.decode()
    assert "接待政协委员" in station and "吴委员" in station
    assert signed_in(world_b.office).get(f"/c/{world_b.congress.code}/liaison/cppcc/{made.pk}/").status_code == 404
    assert signed_in(world_a.public).get(base).status_code == 403
    assert office.post(f"{base}{made.pk}/", {"what": "active", "active": "0"}).status_code == 302
    made.refresh_from_db()
    assert not made.active
