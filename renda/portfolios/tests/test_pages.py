"""The map page (office edits; staff and members read), a leader's page with counts and links, a
committee's page; a deputy may not look; another congress's person or committee is not found."""

import datetime

from renda.core.roles import Role
from renda.portfolios import actions
from renda.portfolios.models import Liaison
from renda.portfolios.tests.fixtures import committee, unit, vice_chair
from renda.testing import signed_in


def test_map_page_edits_keep_input_and_refuse_cleanly(world_a):
    c = world_a.congress
    leader, fin, dept = vice_chair(world_a), committee(world_a), unit(world_a)
    office = signed_in(world_a.office)
    page = office.get(f"/c/{c.code}/portfolios/")
    assert page.status_code == 200 and "设定分管" in page.content.decode()
    assert office.post(f"/c/{c.code}/portfolios/do/assign/", {"leader": leader.pk, "committee": fin.pk,
                                                               "start": "2023-01-01"}).status_code == 302
    bad = office.post(f"/c/{c.code}/portfolios/do/link/", {"committee": fin.pk, "unit": dept.pk, "start": "2024-05-01",
                                                           "end": "2024-01-01"})
    assert bad.status_code == 422 and "不能早于起始日期" in bad.content.decode() and "2024-05-01" in bad.content.decode()
    assert Liaison.objects.in_congress(c).count() == 0
    assert office.post(f"/c/{c.code}/portfolios/do/link/", {"committee": fin.pk, "unit": dept.pk,
                                                             "start": "2023-01-01"}).status_code == 302
    link = Liaison.objects.in_congress(c).get()
    assert office.post(f"/c/{c.code}/portfolios/do/end_liaison/{link.pk}/", {"end": "2025-01-01"}).status_code == 302
    assert Liaison.objects.in_congress(c).get().end == datetime.date(2025, 1, 1)
    member = signed_in(world_a.users[Role.SC_MEMBER])
    assert member.get(f"/c/{c.code}/portfolios/").status_code == 200
    assert member.post(f"/c/{c.code}/portfolios/do/link/", {"committee": fin.pk, "unit": dept.pk,
                                                             "start": "2023-01-01"}).status_code == 403
    assert signed_in(world_a.users[Role.DEPUTY]).get(f"/c/{c.code}/portfolios/").status_code == 403


def test_leader_and_committee_pages(world_a, world_b):
    from renda.rectification.tests.fixtures import make_item

    c = world_a.congress
    leader, fin, dept = vice_chair(world_a), committee(world_a), unit(world_a)
    actions.assign_portfolio(c, actor=world_a.office, leader=leader, committee=fin, start="2023-01-01")
    actions.link_unit(c, actor=world_a.office, committee=fin, unit=dept, start="2023-01-01")
    item = make_item(world_a, unit=dept, problem="财政资金拨付滞后")
    staff = signed_in(world_a.users[Role.COMMITTEE_STAFF])
    page = staff.get(f"/c/{c.code}/leaders/{leader.pk}/").content.decode()
    assert "财政经济工作委员会" in page and "财政局" in page and "财政资金拨付滞后" in page
    assert f"/rectification/{item.pk}/" in page and 'id="count-rectification">1<' in page
    assert staff.get(f"/c/{c.code}/leaders/").status_code == 200
    committee_page = staff.get(f"/c/{c.code}/portfolios/committees/{fin.pk}/").content.decode()
    assert "分管领导" in committee_page and leader.name in committee_page and "对口联系部门" in committee_page
    other = signed_in(world_b.office)
    assert other.get(f"/c/{world_b.congress.code}/leaders/{leader.pk}/").status_code == 404
    assert other.get(f"/c/{world_b.congress.code}/portfolios/committees/{fin.pk}/").status_code == 404
    assert staff.get(f"/c/{c.code}/leaders/{world_a.deputies[0].person.pk}/").status_code == 404


def test_api(world_a, world_b):
    from django.test import Client

    from renda.core.actions import issue_api_token

    def bearer(world, user):
        return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}

    c, client = world_a.congress, Client()
    office = bearer(world_a, world_a.office)
    leader, fin, dept = vice_chair(world_a), committee(world_a), unit(world_a)
    made = client.post("/api/portfolios", {"leader_id": leader.pk, "committee_id": fin.pk, "start": "2023-01-01"},
                       content_type="application/json", **office)
    assert made.status_code == 201, made.content
    linked = client.post("/api/liaison-map", {"committee_id": fin.pk, "unit_id": dept.pk, "start": "2023-01-01"},
                         content_type="application/json", **office)
    assert linked.status_code == 201
    bad = client.post("/api/liaison-map", {"committee_id": fin.pk, "unit_id": fin.pk, "start": "2023-01-01"},
                      content_type="application/json", **office)
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "unit_id"
    assert Liaison.objects.in_congress(c).count() == 1
    today = datetime.date.today()
    ended = client.post(f"/api/liaison-map/{linked.json()['id']}/end",
                        {"end": (today - datetime.timedelta(days=1)).isoformat()},
                        content_type="application/json", **office)
    assert ended.status_code == 200
    assert client.get(f"/api/liaison-map?on={today.isoformat()}", **office).json() == []
    assert len(client.get("/api/liaison-map", **office).json()) == 1
    work = client.get(f"/api/leaders/{leader.pk}/work", **office)
    assert work.status_code == 200 and work.json()["committees"] == ["财政经济工作委员会"] and work.json()["units"] == []
    other = bearer(world_b, world_b.office)
    assert client.get(f"/api/leaders/{leader.pk}/work", **other).status_code == 404
    assert client.post(f"/api/portfolios/{made.json()['id']}/end", {"end": "2024-01-01"},
                       content_type="application/json", **other).status_code == 404
    assert client.get("/api/portfolios", **bearer(world_a, world_a.users[Role.DEPUTY])).status_code == 403


def test_the_committee_section_tag(world_a, rf):
    from django.template import Context, Template

    from renda.core.permissions import may  # noqa: F401  (the tag checks view_portfolios)

    c = world_a.congress
    leader, fin, dept = vice_chair(world_a), committee(world_a), unit(world_a)
    actions.assign_portfolio(c, actor=world_a.office, leader=leader, committee=fin, start="2023-01-01")
    actions.link_unit(c, actor=world_a.office, committee=fin, unit=dept, start="2023-01-01")
    template = Template("{% load portfolios_tags %}{% committee_portfolio organisation %}")

    def shown(user, organisation):
        request = rf.get("/")
        request.user, request.congress = user, c
        return template.render(Context({"request": request, "organisation": organisation}))

    text = shown(world_a.office, fin)
    assert "分管领导" in text and leader.name in text and "财政局" in text
    assert shown(world_a.users[Role.DEPUTY], fin).strip() == ""
    assert shown(world_a.office, dept).strip() == ""
