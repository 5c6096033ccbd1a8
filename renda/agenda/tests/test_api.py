"""The agenda chain through /api/agenda/… with a token: propose, add a document, decide, fix the draft,
adopt by the announced vote, record an outcome; roles and other congresses."""

from django.test import Client

from renda.agenda.models import ProposedItem
from renda.agenda.tests.fixtures import agenda_vote, directors, pdf, session
from renda.core.actions import issue_api_token
from renda.core.roles import Role


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def test_the_chain_through_the_api(world_a, world_b):
    client = Client()
    office = bearer(world_a, world_a.office)
    J = {"content_type": "application/json"}
    bad = client.post("/api/agenda/items", {"title": "报告", "kind": "report", "proposer_kind": "government",
                                            "presenter": "赵"}, **J, **office)
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "proposer_id"
    assert ProposedItem.objects.in_congress(world_a.congress).count() == 0
    made = client.post("/api/agenda/items", {"title": "关于全市义务教育工作情况的报告", "kind": "report",
                                             "proposer_kind": "government", "proposer_id": world_a.unit.pk,
                                             "presenter": "市教育局局长 赵强"}, **J, **office)
    assert made.status_code == 201, made.content
    item_id = made.json()["id"]
    doc = client.post(f"/api/agenda/items/{item_id}/documents", {"file": pdf(), "title": "报告全文"}, **office)
    assert doc.status_code == 201, doc.content
    assert doc.json()["documents"][0]["title"] == "报告全文"
    assert client.get(doc.json()["documents"][0]["url"], **office).status_code == 200
    meeting = directors(world_a)
    committee = bearer(world_a, world_a.users[Role.COMMITTEE_STAFF])
    assert client.post(f"/api/agenda/items/{item_id}/decision", {"directors_meeting_id": meeting.pk, "submit": True},
                       **J, **committee).status_code == 403
    decided = client.post(f"/api/agenda/items/{item_id}/decision",
                          {"directors_meeting_id": meeting.pk, "submit": True}, **J, **office)
    assert decided.status_code == 200 and decided.json()["status"] == "submitted"
    again = client.post(f"/api/agenda/items/{item_id}/decision",
                        {"directors_meeting_id": meeting.pk, "submit": False, "reason": "x"}, **J, **office)
    assert again.status_code == 409, again.content
    the_session = session(world_a, members=5)
    draft = client.post(f"/api/agenda/sessions/{the_session.pk}/draft", {
        "directors_meeting_id": meeting.pk,
        "entries": [{"item_id": item_id, "scheduled_at": the_session.starts_at.isoformat(), "presenter": "赵强"}]},
        **J, **office)
    assert draft.status_code == 201, draft.content
    assert draft.json()["status"] == "fixed" and draft.json()["entries"][0]["presenter"] == "赵强"
    assert client.get(f"/api/agenda/sessions/{the_session.pk}/documents/agenda?format=docx", **office).content[:2] == b"PK"
    unannounced = agenda_vote(world_a, the_session, announce=False)
    refused = client.post(f"/api/agenda/sessions/{the_session.pk}/adoption", {"vote_id": unannounced.pk}, **J, **office)
    assert refused.status_code == 422 and "尚未宣布" in refused.json()["detail"][0]["message"]
    vote = agenda_vote(world_a, the_session)
    adopted = client.post(f"/api/agenda/sessions/{the_session.pk}/adoption", {"vote_id": vote.pk}, **J, **office)
    assert adopted.status_code == 200, adopted.content
    body = adopted.json()
    assert body["status"] == "adopted" and body["quorum"] and body["entries"][0]["item_id"] == item_id
    row_id = body["entries"][0]["agenda_item_id"]
    row = client.get(f"/api/agenda/agenda-items/{row_id}", **office).json()
    assert row["documents"][0]["title"] == "报告全文" and row["proposed_item_id"] == item_id
    outcome = client.post(f"/api/agenda/agenda-items/{row_id}/outcome", {"outcome": "审议"}, **J, **office)
    assert outcome.status_code == 200 and outcome.json()["outcome"] == "审议"
    member = bearer(world_a, world_a.users[Role.SC_MEMBER])
    assert client.get("/api/agenda/items?status=adopted", **member).json()[0]["id"] == item_id
    assert client.get("/api/agenda/items", **bearer(world_a, world_a.deputy)).status_code == 403
    other = bearer(world_b, world_b.office)
    assert client.get(f"/api/agenda/items/{item_id}", **other).status_code == 404
    assert client.get(f"/api/agenda/sessions/{the_session.pk}", **other).status_code == 404
    assert client.get(f"/api/agenda/agenda-items/{row_id}", **other).status_code == 404


def test_an_id_past_the_largest_integer_is_not_found(world_a):
    office = bearer(world_a, world_a.office)
    for path in ("/api/agenda/items/{n}", "/api/agenda/sessions/{n}", "/api/agenda/agenda-items/{n}"):
        for n in (2**64, 2**31, -1):
            assert Client().get(path.format(n=n), **office).status_code in (404, 422), path
    page = Client()
    page.force_login(world_a.office)
    for path in ("agenda/items/{n}/", "agenda/sessions/{n}/", "agenda-items/{n}/"):
        assert page.get(f"/c/{world_a.congress.code}/" + path.format(n=2**64)).status_code == 404, path
