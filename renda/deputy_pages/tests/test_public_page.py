"""网上代表之家: what the page shows (and never), who has one, and the contact form under the public
intake's limits landing in the deputy's queue as a concern."""

from __future__ import annotations

import datetime

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from renda.core import actions as core_actions
from renda.core.errors import NotPermitted
from renda.core.inbox import tasks_for
from renda.deputy_pages import actions
from renda.deputy_pages.tests.fixtures import at_station, message
from renda.liaison import intake_guard
from renda.liaison.models import Concern
from renda.people import actions as people
from renda.people.models import Mandate


def _page(world, mandate):
    return f"/c/{world.congress.code}/deputy-home/{mandate.pk}/"


def _concerns(world):
    return Concern.objects.in_congress(world.congress)


def _rule(world, key, value):
    core_actions.change_rule(world.congress, actor=world.admin, key=key, value=value)


def test_the_page_shows_the_public_register_and_the_station_and_duty_days_never_particulars(world_a):
    mandate = at_station(world_a)
    people.update_person(world_a.congress, mandate.person, actor=world_a.root, occupation="秘密职业",
                         workplace="保密单位主任")
    page = Client().get(_page(world_a, mandate))
    html = page.content.decode()
    assert page.status_code == 200
    assert "李明" in html and world_a.delegation.name in html and world_a.station.name in html
    assert "每月5日、15日" in html
    day = timezone.localdate() + datetime.timedelta(days=7)
    assert f"{day.year}年{day.month}月{day.day}日" in html
    assert "秘密职业" not in html and "保密单位主任" not in html and "13800000000" not in html
    assert 'id="contact_text"' in html  # the form is there


def test_an_ended_mandate_has_no_page(world_a):
    mandate = at_station(world_a)
    people.end_mandate(world_a.congress, mandate, actor=world_a.root, status=Mandate.Status.RESIGNED,
                       on="2024-01-01", reason="辞职")
    assert Client().get(_page(world_a, mandate)).status_code == 404
    assert Client().post(_page(world_a, mandate), message()).status_code == 404
    assert Client().get(f"/api/public/{world_a.congress.code}/deputies/{mandate.pk}").status_code == 404
    assert Client().get(_page(world_a, mandate) + "card/").status_code == 404
    assert _concerns(world_a).count() == 0


def test_another_congress_deputy_is_not_found(world_a, world_b):
    other = at_station(world_b)
    assert Client().get(_page(world_a, other)).status_code == 404
    assert Client().get(f"/api/public/{world_a.congress.code}/deputies/{other.pk}").status_code == 404


def test_a_message_becomes_a_concern_in_the_deputys_queue(world_a):
    mandate = at_station(world_a)
    sent = Client(REMOTE_ADDR="10.8.0.1").post(_page(world_a, mandate), message())
    concern = _concerns(world_a).get()
    assert sent.status_code == 302 and sent["Location"].startswith(f"/c/{world_a.congress.code}/track/{concern.tracking_code}/")
    assert concern.source == Concern.Source.DEPUTY_PAGE
    assert concern.responsible_id == mandate.pk and concern.station_id == world_a.station.pk
    assert concern.status == Concern.Status.RECEIVED
    mine = {t.key: t for t in tasks_for(world_a.congress, world_a.deputy)}
    assert mine["my_concerns"].count == 1
    assert Client().get(sent["Location"]).status_code == 200  # the person follows it by the tracking code


def test_blank_message_is_refused_naming_the_field_and_keeps_what_was_typed(world_a):
    mandate = at_station(world_a)
    page = Client().post(_page(world_a, mandate), message(text="", place="北门"))
    html = page.content.decode()
    assert page.status_code == 422 and "“诉求内容”必须填写" in html and 'value="北门"' in html
    assert _concerns(world_a).count() == 0


def _sum(html: str) -> tuple[str, str]:
    token = html.split('name="challenge_token" value="')[1].split('"')[0]
    return token, str(signing.loads(token, salt=intake_guard.SALT)["sum"])


def test_the_sum_is_asked_after_n_messages_from_one_address_and_the_limit_refuses_the_next(world_a):
    mandate = at_station(world_a)
    _rule(world_a, "liaison.challenge_after", 2)
    _rule(world_a, "liaison.intake_per_address_hour", 4)
    client = Client(REMOTE_ADDR="10.9.0.1")
    for _ in range(2):  # N = 2 allowed without a sum
        assert client.post(_page(world_a, mandate), message()).status_code == 302
    third = client.post(_page(world_a, mandate), message())  # N + 1 needs the sum
    assert third.status_code == 422 and intake_guard.CHALLENGE_MISSING in third.content.decode()
    assert _concerns(world_a).count() == 2
    token, answer = _sum(third.content.decode())
    assert client.post(_page(world_a, mandate), message(challenge=answer, challenge_token=token)).status_code == 302
    assert _concerns(world_a).count() == 3
    # 4 per address an hour, the refused one counted too: the fifth is refused outright
    refused = client.post(_page(world_a, mandate), message())
    assert refused.status_code == 429 and intake_guard.ADDRESS_REFUSAL in refused.content.decode()
    assert _concerns(world_a).count() == 3
    page = client.get(_page(world_a, mandate))  # the profile still opens for that address; only the form is closed
    assert page.status_code == 200 and intake_guard.ADDRESS_REFUSAL in page.content.decode()
    assert Client(REMOTE_ADDR="10.9.0.2").post(_page(world_a, mandate), message()).status_code == 302


def test_the_api_contact_form_has_the_same_limits(world_a):
    mandate = at_station(world_a)
    _rule(world_a, "liaison.challenge_after", 1)
    url = f"/api/public/{world_a.congress.code}/deputies/{mandate.pk}/messages"
    body = {"category": "教育", "text": "操场积水", "anonymous": True}
    client = Client(REMOTE_ADDR="10.10.0.1")
    first = client.post(url, body, content_type="application/json")
    assert first.status_code == 201 and first.json()["tracking_code"]
    second = client.post(url, body, content_type="application/json")
    assert second.status_code == 422 and second.json()["detail"][0]["field"] == "challenge"
    challenge = second.json()["challenge"]
    answer = str(signing.loads(challenge["challenge_token"], salt=intake_guard.SALT)["sum"])
    third = client.post(url, {**body, "challenge": answer, "challenge_token": challenge["challenge_token"]},
                        content_type="application/json")
    assert third.status_code == 201
    assert _concerns(world_a).filter(source=Concern.Source.DEPUTY_PAGE, responsible=mandate).count() == 2
    page = Client().get(f"/api/public/{world_a.congress.code}/deputies/{mandate.pk}").json()
    assert page["name"] == "李明" and page["station"]["opening_days"] == "每月5日、15日" and page["contact_open"]
    assert "occupation" not in page and "workplace" not in page


def test_a_deputy_closes_their_form_and_messages_are_refused(world_a):
    mandate = at_station(world_a)
    client = Client()
    client.force_login(world_a.deputy)
    assert client.post(_page(world_a, mandate) + "contact-form/", {"open": "0"}).status_code == 302
    page = Client().get(_page(world_a, mandate)).content.decode()
    assert actions.CLOSED in page and 'id="contact_text"' not in page
    assert Client().post(_page(world_a, mandate), message()).status_code == 422
    api = Client().post(f"/api/public/{world_a.congress.code}/deputies/{mandate.pk}/messages",
                        {"category": "教育", "text": "x", "anonymous": True}, content_type="application/json")
    assert api.status_code == 422 and api.json()["detail"][0]["message"] == actions.CLOSED
    assert _concerns(world_a).count() == 0
    with pytest.raises(NotPermitted):  # the other member may not switch this deputy's form
        actions.set_contact_form_open(world_a.congress, mandate, actor=world_a.users["sc_member"], open=True)


def test_a_deputy_without_a_station_has_a_page_without_a_form(world_a):
    mandate = world_a.deputies[0]
    page = Client().get(_page(world_a, mandate))
    assert page.status_code == 200 and actions.NO_STATION in page.content.decode()


def test_the_card_and_qr_codes(world_a):
    mandate = at_station(world_a)
    card = Client().get(_page(world_a, mandate) + "card/")
    assert card.status_code == 200 and "<svg" in card.content.decode()
    png = Client().get(_page(world_a, mandate) + "qr.png")
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    svg = Client().get(_page(world_a, mandate) + "qr.svg")
    assert svg.status_code == 200 and b"<svg" in svg.content
    assert Client().get(_page(world_a, mandate) + "qr.gif").status_code == 404


def test_the_profile_page_links_the_public_page_and_the_card_for_the_deputy(world_a):
    from renda.testing import signed_in

    mandate = at_station(world_a)
    own = signed_in(world_a.deputy).get(f"/c/{world_a.congress.code}/deputies/{mandate.pk}/").content.decode()
    assert f"/deputy-home/{mandate.pk}/" in own and f"/deputy-home/{mandate.pk}/card/" in own
    public = Client().get(f"/c/{world_a.congress.code}/deputies/{mandate.pk}/").content.decode()
    assert f"/deputy-home/{mandate.pk}/" in public and "card/" not in public
