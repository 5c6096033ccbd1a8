"""The shared ``Person`` table (docs/tenancy.md, "Shared persons"): an edit of a person who also holds
a mandate or post in another congress is audited in that congress too, naming the congress that made
it; and a person id of another congress is answered exactly as one that does not exist."""

import datetime
import json
import re

import pytest
from django.db.models import Max
from django.test import Client

from renda.core import actions as core_actions
from renda.core.models import AuditEntry, Congress
from renda.core.roles import Role
from renda.core.tests.test_api import bearer
from renda.people import actions
from renda.people.models import Person
from renda.testing import make_user, make_world, signed_in

BORN = datetime.date(1970, 3, 4)


@pytest.fixture
def county(world_a):
    """A county congress under city A (示例甲市), and a person who is a deputy of both."""
    county = make_world("k", "示例甲县人民代表大会", level=Congress.Level.COUNTY, parent=world_a.congress)
    city_mandate = world_a.make_deputy("两级代表", sex="女", birth_date=BORN, phone="13700000001")
    county_mandate = county.make_deputy("两级代表", sex="女", birth_date=BORN, phone="13700000001")
    assert city_mandate.person_id == county_mandate.person_id  # one person, one record (五级代表)
    county.shared = county_mandate
    return county


def _city_log(world_a, action: str):
    return list(AuditEntry.objects.in_congress(world_a.congress).filter(action=action).order_by("id"))


def test_an_edit_in_the_county_through_the_api_shows_in_the_city_s_audit_log(world_a, county):
    person = county.shared.person
    r = Client().patch(f"/api/persons/{person.pk}", {"phone": "13700000009"}, content_type="application/json",
                       **bearer(county, county.office))
    assert r.status_code == 200
    [row] = _city_log(world_a, "update_person")
    assert row.before == {"phone": "13700000001"}
    assert row.after == {"phone": "13700000009", "congress": "示例甲县人民代表大会"}
    assert row.object_repr == "两级代表（由示例甲县人民代表大会修改）" and row.actor_id == county.office.pk
    [own] = list(AuditEntry.objects.in_congress(county.congress).filter(action="update_person"))
    assert own.after == {"phone": "13700000009"}
    # … and the city reads it in its own log, through the API and on the page.
    log = Client().get("/api/audit?action=update_person", **bearer(world_a, world_a.admin)).json()
    assert [e["object_repr"] for e in log] == ["两级代表（由示例甲县人民代表大会修改）"]
    page = signed_in(world_a.admin).get(f"/c/{world_a.congress.code}/audit/").content.decode()
    assert "两级代表（由示例甲县人民代表大会修改）" in page


def test_an_edit_in_the_county_on_the_page_shows_in_the_city_s_audit_log(world_a, county):
    client = signed_in(county.office)
    url = f"/c/{county.congress.code}/deputies/{county.shared.pk}/person/"
    fields = {f: getattr(county.shared.person, f) or "" for f in actions.PERSON_FIELDS}
    r = client.post(url, {**fields, "workplace": "县教育局局长"})
    assert r.status_code == 302, r.content.decode()[:2000]
    [row] = _city_log(world_a, "update_person")
    assert row.after == {"workplace": "县教育局局长", "congress": "示例甲县人民代表大会"}


def test_a_deputy_s_own_contact_change_in_the_county_shows_in_the_city_s_audit_log(world_a, county):
    person = county.shared.person
    person.user = make_user("two-level-deputy")
    person.save(update_fields=["user"])
    core_actions.grant_role(county.congress, actor=county.root, user=person.user, role=Role.DEPUTY)
    actions.update_own_contact(county.congress, actor=person.user, phone="13700000010")
    [row] = _city_log(world_a, "update_own_contact")
    assert row.after == {"phone": "13700000010", "congress": "示例甲县人民代表大会"}


def test_an_import_in_the_county_that_changes_the_person_shows_in_the_city_s_audit_log(world_a, county):
    shared = county.shared
    row = {"number": shared.number, "name": "两级代表", "sex": "女", "birth_date": "1970-03-04", "term": "5",
           "delegation": county.delegation.name, "status": "在任", "elected_on": "2022-01-10",
           "phone": "13700000011"}
    actions.import_people(county.congress, actor=county.office, kind="deputies", rows=[(2, row)])
    assert Person.objects.get(pk=shared.person_id).phone == "13700000011"
    [audited] = _city_log(world_a, "import_people")
    assert audited.before == {"phone": "13700000001"}
    assert audited.after == {"phone": "13700000011", "congress": "示例甲县人民代表大会"}


def test_an_edit_of_a_person_of_the_county_alone_writes_nothing_in_the_city(world_a, county):
    only_here = county.make_deputy("县独有代表", sex="男").person
    actions.update_person(county.congress, only_here, actor=county.office, phone="13700000012")
    assert _city_log(world_a, "update_person") == []


def test_patching_another_congress_s_person_answers_as_an_unknown_id(world_a, world_b):
    foreign = world_b.deputies[0].person
    unknown = (Person.objects.aggregate(n=Max("id"))["n"] or 0) + 1000
    answers = [Client().patch(f"/api/persons/{pid}", {"phone": "13700000013"}, content_type="application/json",
                              **bearer(world_a, world_a.office)) for pid in (foreign.pk, unknown)]
    assert answers[0].status_code == answers[1].status_code == 404
    assert answers[0].content == answers[1].content
    assert Person.objects.get(pk=foreign.pk).phone != "13700000013"


def _same(answers, foreign: int, unknown: int) -> bool:
    """The same answer, but for the id each echoes back."""
    def text(r, pid):
        return re.sub(rf"(?<!\d){pid}(?!\d)", "N", json.dumps(r.json(), ensure_ascii=False))
    return text(answers[0], foreign) == text(answers[1], unknown)


def test_person_ids_in_liaison_bodies_answer_another_congress_s_person_as_unknown(world_a, world_b):
    foreign = world_b.deputies[0].person.pk
    unknown = (Person.objects.aggregate(n=Max("id"))["n"] or 0) + 1000
    office = bearer(world_a, world_a.office)
    links = [Client().post("/api/contacts/links", {"kind": "member_deputy", "deputy_person_id": pid,
                                                   "holder_person_id": world_a.deputies[1].person_id},
                           content_type="application/json", **office) for pid in (foreign, unknown)]
    assert links[0].status_code == links[1].status_code and links[0].status_code >= 400
    assert _same(links, foreign, unknown)
    holders = [Client().post("/api/contacts/links", {"kind": "deputy_constituent", "constituent": "群众甲",
                                                     "holder_person_id": pid},
                             content_type="application/json", **office) for pid in (foreign, unknown)]
    assert holders[0].status_code == holders[1].status_code and _same(holders, foreign, unknown)


def test_a_correction_in_django_admin_is_audited_in_every_congress_holding_the_person(world_a, county):
    person = county.shared.person
    world_a.root.is_staff = True
    world_a.root.save(update_fields=["is_staff"])
    form = {f: str(getattr(person, f) or "") for f in actions.PERSON_FIELDS} | {"user": "", "name": "两级代表（更正）"}
    r = signed_in(world_a.root).post(f"/admin/people/person/{person.pk}/change/", form)
    assert r.status_code == 302, r.content.decode()[:3000]
    for congress in (world_a.congress, county.congress):
        [row] = AuditEntry.objects.in_congress(congress).filter(action="admin_correction")
        assert row.before == {"name": "两级代表"} and row.after == {"name": "两级代表（更正）"}
