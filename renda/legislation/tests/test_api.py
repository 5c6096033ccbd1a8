"""The legislation API: create a bill (201; 422 naming the field, nothing written), versions, article
edits, compare, downloads; laws for any token; another congress's id is 404; members may read, not write."""

from django.test import Client

from renda.core.actions import issue_api_token
from renda.core.roles import Role
from renda.legislation.demo_data import make_law_in_force
from renda.legislation.models import Bill
from renda.legislation.tests.fixtures import TEXT


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


J = {"content_type": "application/json"}


def test_bill_versions_edits_and_compare(world_a, world_b):
    client, office = Client(), bearer(world_a, world_a.office)
    made = client.post("/api/legislation/bills", {"title": "示例市河湖保护条例", "text": TEXT, "kind": "rules"},
                       **J, **office)
    assert made.status_code == 201, made.content
    bill = made.json()
    assert bill["kind"] == "rules" and bill["readings_required"] == 3 and len(bill["versions"]) == 1
    bad = client.post("/api/legislation/bills", {"title": "坏", "text": "第一条　甲。\n第三条　乙。"}, **J, **office)
    assert bad.status_code == 422 and {p["field"] for p in bad.json()["detail"]} == {"text"}
    assert "第2行" in str(bad.json())
    assert Bill.objects.in_congress(world_a.congress).count() == 1
    v2 = client.post(f"/api/legislation/bills/{bill['id']}/versions", {"stage": "revision"}, **J, **office)
    assert v2.status_code == 201, v2.content
    text = v2.json()
    vid = text["version"]["id"]
    fourth = text["provisions"][1]["children"][0]
    assert fourth["label"] == "第四条" and fourth["eid"] == "art_4"
    inserted = client.post(f"/api/legislation/versions/{vid}/articles", {"text": "新增一条。", "after": fourth["key"]},
                           **J, **office)
    assert inserted.status_code == 201
    assert any(r["cited_as"] == "本条例第六条" for r in inserted.json()["references"])
    refused = client.delete(f"/api/legislation/versions/{vid}/articles/{fourth['key']}", **office)
    assert refused.status_code == 422 and "被第七条引用" in str(refused.json())
    edited = client.put(f"/api/legislation/versions/{vid}/articles/{fourth['key']}", {"text": "禁止污染河湖。"},
                        **J, **office)
    assert edited.status_code == 200
    compared = client.get(f"/api/legislation/bills/{bill['id']}/compare?old={bill['versions'][0]['id']}&new={vid}",
                          **office)
    assert compared.status_code == 200 and compared.json()["counts"]["added"] == 1
    for fmt in ("xml", "pdf", "docx"):
        got = client.get(f"/api/legislation/versions/{vid}/document?format={fmt}", **office)
        assert got.status_code == 200 and len(got.content) > 500
    doc = client.get(f"/api/legislation/bills/{bill['id']}/compare/document?old={bill['versions'][0]['id']}&new={vid}"
                     "&format=docx", **office)
    assert doc.status_code == 200
    other = bearer(world_b, world_b.office)
    assert client.get(f"/api/legislation/bills/{bill['id']}", **other).status_code == 404
    assert client.get(f"/api/legislation/versions/{vid}", **other).status_code == 404
    member = bearer(world_a, world_a.users[Role.SC_MEMBER])
    assert client.get(f"/api/legislation/bills/{bill['id']}", **member).status_code == 200
    assert client.post("/api/legislation/bills", {"title": "越权", "text": TEXT}, **J, **member).status_code == 403
    deputy = bearer(world_a, world_a.deputy)
    assert client.get("/api/legislation/bills", **deputy).status_code == 403


def test_laws_for_any_token_and_amendment_from_consolidated_text(world_a, world_b):
    law = make_law_in_force(world_a.congress, world_a.office)
    client = Client()
    public = bearer(world_a, world_a.deputy)
    listed = client.get("/api/legislation/laws", **public)
    assert listed.status_code == 200 and listed.json()[0]["revisions"][0]["passed_on"] == "2023-08-25"
    one = client.get(f"/api/legislation/laws/{law.pk}", **public).json()
    assert len(one["provisions"]) == 5
    assert client.get(f"/api/legislation/laws/{law.pk}/document", **public).status_code == 200
    assert client.get(f"/api/legislation/laws/{law.pk}", **bearer(world_b, world_b.deputy)).status_code == 404
    made = client.post("/api/legislation/bills", {"title": "关于修改的决定", "purpose": "amendment", "law_id": law.pk},
                       **J, **bearer(world_a, world_a.users[Role.COMMITTEE_STAFF]))
    assert made.status_code == 201
    text = client.get(f"/api/legislation/versions/{made.json()['versions'][0]['id']}",
                      **bearer(world_a, world_a.office)).json()
    assert sum(len(c["children"]) for c in text["provisions"]) == 30
