"""A proposal names the agenda item the session's adopted agenda already has for it: no second row
for one matter. An item of another session, of another kind or already another decision's is refused
naming the field, nothing written; with none named an item is added as before."""

import pytest
from django.test import Client

from renda.agenda import actions as agenda
from renda.agenda.tests.fixtures import agenda_vote, directors, fixed, submitted
from renda.agenda.tests.fixtures import session as agenda_session
from renda.core.errors import ValidationError
from renda.decisions import actions
from renda.decisions.models import Decision
from renda.decisions.tests.fixtures import propose
from renda.decisions.tests.test_api import bearer
from renda.meetings import actions as meeting_actions
from renda.meetings.models import AgendaItem
from renda.testing import make_meeting, signed_in


def adopted(world, session, kind=AgendaItem.Kind.DRAFT, title="审议、表决关于城市更新专项规划的决定（草案）"):
    """The row adopting the session's agenda writes (renda/agenda → meetings.AgendaItem)."""
    return meeting_actions.add_agenda_item(world.congress, session, actor=world.office, kind=kind, title=title)


def rows(world, session):
    return AgendaItem.objects.in_congress(world.congress).filter(meeting=session).count()


def test_naming_the_item_adopted_through_the_agenda_chain_adds_no_second_row(world_a):
    meeting = directors(world_a)
    proposed = submitted(world_a, "审议、表决关于城市更新专项规划的决定（草案）", meeting, kind="draft")
    session = agenda_session(world_a, members=5)
    draft = fixed(world_a, session, [proposed], meeting)
    agenda.adopt_agenda(world_a.congress, draft, actor=world_a.office, vote=agenda_vote(world_a, session))
    proposed.refresh_from_db()
    item = AgendaItem.objects.in_congress(world_a.congress).get(pk=proposed.agenda_item_id)
    before = rows(world_a, session)
    decision = propose(world_a, session, agenda_item=item.pk)
    assert decision.agenda_item_id == item.pk and rows(world_a, session) == before
    vote = actions.put_decision_to_vote(world_a.congress, decision, actor=world_a.office)
    assert vote.agenda_item_id == item.pk and rows(world_a, session) == before
    unnamed = propose(world_a, session, title="关于另一事项的决定")
    assert unnamed.agenda_item_id != item.pk and rows(world_a, session) == before + 1


def test_another_sessions_item_another_kind_or_a_taken_item_is_refused(world_a, world_b):
    session, other = make_meeting(world_a, members=5), make_meeting(world_a, members=5)
    mine = adopted(world_a, session)
    propose(world_a, session, agenda_item=mine)
    report = adopted(world_a, session, kind=AgendaItem.Kind.REPORT, title="听取审议专项工作报告")
    elsewhere = adopted(world_a, other)
    foreign = adopted(world_b, make_meeting(world_b, members=5))
    for value, words in ((mine, "另一重大事项决定"), (report.pk, "须为审议、表决"), (elsewhere.pk, "不是"),
                         (foreign.pk, "不是本级"), (999999, "不是本级")):
        decisions, count = Decision.objects.in_congress(world_a.congress).count(), rows(world_a, session)
        with pytest.raises(ValidationError) as refused:
            propose(world_a, session, title="再提一项", agenda_item=value)
        [message] = refused.value.message_dict["agenda_item"]
        assert words in message and "议程" in message
        assert (Decision.objects.in_congress(world_a.congress).count(), rows(world_a, session)) == (decisions, count)


def test_the_api_names_the_agenda_item(world_a):
    client, office = Client(), bearer(world_a, world_a.office)
    session, other = make_meeting(world_a, members=5), make_meeting(world_a, members=5)
    mine, elsewhere = adopted(world_a, session), adopted(world_a, other)
    body = {"title": "关于城市更新的决定", "body_id": world_a.unit.pk, "meeting_id": session.pk, "text": "一、同意。"}
    count = rows(world_a, session)
    refused = client.post("/api/decisions", {**body, "agenda_item_id": elsewhere.pk},
                          content_type="application/json", **office)
    assert refused.status_code == 422
    assert [p["field"] for p in refused.json()["detail"]] == ["agenda_item_id"]
    assert not Decision.objects.in_congress(world_a.congress).exists() and rows(world_a, session) == count
    made = client.post("/api/decisions", {**body, "agenda_item_id": mine.pk}, content_type="application/json", **office)
    assert made.status_code == 201 and made.json()["agenda_item_id"] == mine.pk and rows(world_a, session) == count
    taken = client.post("/api/decisions", {**body, "agenda_item_id": mine.pk}, content_type="application/json", **office)
    assert taken.status_code == 422 and taken.json()["detail"][0]["field"] == "agenda_item_id"


def test_the_form_offers_the_item_and_the_page_shows_it(world_a):
    session = make_meeting(world_a, members=5)
    item = adopted(world_a, session)
    client = signed_in(world_a.office)
    code = world_a.congress.code
    page = client.get(f"/c/{code}/decisions/new/")
    assert page.status_code == 200 and item.title in page.content.decode()
    count = rows(world_a, session)
    done = client.post(f"/c/{code}/decisions/new/", {"title": "关于城市更新专项规划的决定", "kind": "decision",
                                                     "proposer": world_a.unit.pk, "meeting": session.pk,
                                                     "agenda_item": item.pk, "text": "一、同意。"})
    assert done.status_code == 302, done.content.decode()[:2000]
    decision = Decision.objects.in_congress(world_a.congress).get()
    assert decision.agenda_item_id == item.pk and rows(world_a, session) == count
    shown = client.get(done["Location"]).content.decode()
    assert 'id="decision-agenda-item"' in shown and item.title in shown
