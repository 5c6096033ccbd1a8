"""Shared by the search tests: searching as a persona through the page and through the API."""

from __future__ import annotations

import datetime

from django.test import Client

from renda.core.roles import Role
from renda.core.tests.test_api import bearer
from renda.liaison import actions as liaison
from renda.proposals import actions as proposals
from renda.testing import signed_in

ROLES = list(Role)  # every persona of renda.testing.make_world (PUBLIC: signed in, no role)


def client_for(user) -> Client:
    return Client() if user is None else signed_in(user)


def page_text(world, user, q: str, **filters) -> str:
    response = client_for(user).get(f"/c/{world.congress.code}/search/", {"q": q, **filters})
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def api_hits(world, user, q: str, **filters) -> dict:
    response = Client().get("/api/search", {"q": q, **filters}, **bearer(world, user))
    assert response.status_code == 200, response.content.decode()
    return response.json()


def found_in_page(world, user, q: str) -> bool:
    text = page_text(world, user, q)
    return "search-hits" in text


def found_in_api(world, user, q: str) -> bool:
    return bool(api_hits(world, user, q)["hits"])


def draft(world, title="关于校车的建议", body="增开校车", co_signers=()):
    return proposals.save_suggestion_draft(world.congress, actor=world.deputy, term=world.term, title=title, body=body,
                                           co_signers=list(co_signers))


def submitted(world, **kw):
    item = draft(world, **kw)
    return proposals.submit_suggestion(world.congress, item, actor=world.deputy)


def assigned(world, unit=None, **kw):
    item = submitted(world, **kw)
    proposals.accept_suggestion(world.congress, item, actor=world.office)
    return proposals.assign_suggestion(world.congress, item, actor=world.office, lead_unit=unit or world.unit,
                                       on=datetime.date(2026, 1, 10))


def concern(world, text="路灯坏了", **data):
    return liaison.submit_concern(world.congress, world.station, actor=world.office, data={
        "person_name": data.pop("person_name", "赵六"), "person_contact": data.pop("person_contact", "13700000000"),
        "place": "城关", "category": data.pop("category", "城乡建设"), "text": text, **data})
