from django.test import Client

from renda.core import actions
from renda.core.models import ApiToken


def bearer(world, user):
    _, secret = actions.issue_api_token(world.congress, actor=user, name="测试")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_the_openapi_document_lists_people_and_organisation_endpoints(db):
    doc = Client().get("/api/openapi.json").json()
    assert {"/api/deputies", "/api/organisations", "/api/imports", "/api/rules"} <= set(doc["paths"])
    assert "post" in doc["paths"]["/api/deputies"]


def test_it_refuses_requests_without_a_valid_token(world_a):
    client = Client()
    assert client.get("/api/deputies").status_code == 401
    assert client.get("/api/deputies", HTTP_AUTHORIZATION="Bearer 1.nonsense").status_code == 401
    assert client.get("/api/deputies", HTTP_AUTHORIZATION="Bearer garbage").status_code == 401


def test_a_token_is_stored_hashed_and_names_its_congress(world_a):
    token, secret = actions.issue_api_token(world_a.congress, actor=world_a.office, name="脚本")
    assert secret.startswith(f"{world_a.congress.pk}.")
    assert secret.split(".", 1)[1] not in token.key_hash
    assert ApiToken.objects.in_congress(world_a.congress).filter(key_hash=ApiToken.hash(secret.split(".", 1)[1])).exists()


def test_a_revoked_token_stops_working(world_a):
    token, secret = actions.issue_api_token(world_a.congress, actor=world_a.office, name="脚本")
    from django.utils import timezone

    ApiToken.objects.in_congress(world_a.congress).filter(pk=token.pk).update(revoked_at=timezone.now())
    assert Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_me_reports_the_congress_and_roles(world_a):
    body = Client().get("/api/me", **bearer(world_a, world_a.office)).json()
    assert body["congress_code"] == world_a.congress.code
    assert "office_staff" in body["roles"]


def test_a_token_reads_only_its_own_congress(world_a, world_b):
    headers = bearer(world_a, world_a.office)
    client = Client()
    assert client.get(f"/api/deputies/{world_b.deputies[0].pk}", **headers).status_code == 404
    names = {d["person"]["name"] for d in client.get("/api/deputies", **headers).json()["items"]}
    assert names == {"李明", "王芳"}
    assert client.get(f"/api/deputies/{world_a.deputies[0].pk}", **headers).status_code == 200


def test_rules_through_the_api_change_only_for_admins(world_a):
    client = Client()
    office, admin = bearer(world_a, world_a.office), bearer(world_a, world_a.admin)
    assert client.get("/api/rules", **office).status_code == 200
    denied = client.put("/api/rules/sc.quorum", {"value": "2/3"}, content_type="application/json", **office)
    assert denied.status_code == 403
    ok = client.put("/api/rules/sc.quorum", {"value": "2/3"}, content_type="application/json", **admin)
    assert ok.status_code == 200 and ok.json()["value"] == "2/3"
    bad = client.put("/api/rules/sc.quorum", {"value": "7"}, content_type="application/json", **admin)
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "value"


def test_terms_are_created_by_admins_only(world_a):
    client = Client()
    payload = {"number": 6, "start": "2027-01-10"}
    denied = client.post("/api/terms", payload, content_type="application/json", **bearer(world_a, world_a.deputy))
    assert denied.status_code == 403
    created = client.post("/api/terms", payload, content_type="application/json", **bearer(world_a, world_a.admin))
    assert created.status_code == 201 and created.json()["number"] == 6
    again = client.post("/api/terms", payload, content_type="application/json", **bearer(world_a, world_a.admin))
    assert again.status_code == 422 and again.json()["detail"] == [{"field": "number", "message": "第6届已存在"}]


def test_the_audit_log_is_readable_through_the_api_by_admins(world_a):
    rows = Client().get("/api/audit?action=create_term", **bearer(world_a, world_a.admin)).json()
    assert [r["action"] for r in rows] == ["create_term"]
    assert Client().get("/api/audit", **bearer(world_a, world_a.office)).status_code == 403


def test_the_api_docs_load_nothing_from_the_internet(db):
    import re

    page = Client().get("/api/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert not re.search(r'(src|href)="https?://', page)  # 政务内网 has no internet: no CDN
