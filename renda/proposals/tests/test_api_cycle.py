"""The whole cycle through the API: file → co-sign → review → assign → answer → 不满意 → re-answer → 满意,
with a commitment followed to 办成 and the reports read back."""

from django.test import Client
from django.utils import timezone

from renda.core.tests.test_api import bearer


def call(method, url, headers, body=None):
    client = Client()
    response = getattr(client, method)(url, body or {}, content_type="application/json", **headers)
    assert response.status_code in (200, 201), (url, response.status_code, response.content.decode())
    return response.json()


def test_the_whole_cycle_runs_through_the_api(world_a):
    deputy, cosigner = bearer(world_a, world_a.deputy), bearer(world_a, world_a.users["sc_member"])
    office, unit = bearer(world_a, world_a.office), bearer(world_a, world_a.users["unit_officer"])
    item = call("post", "/api/suggestions", deputy, {"title": "关于增开校车线路的建议", "body": "城郊学生上学难",
                                                     "category": "教育", "co_signer_numbers": [world_a.deputies[1].number]})
    n = item["id"]
    call("post", f"/api/suggestions/{n}/confirm", cosigner)
    call("post", f"/api/suggestions/{n}/submit", deputy)
    assert call("post", f"/api/suggestions/{n}/accept", office, {})["number"] == 1
    listed = call("get", "/api/suggestions?status=accepted", office)
    assert [i["id"] for i in listed] == [n]
    assigned = call("post", f"/api/suggestions/{n}/assign", office, {"lead_unit_id": world_a.unit.pk})
    assert assigned["status"] == "assigned" and assigned["due_on"]
    call("post", f"/api/suggestions/{n}/waive-contact", deputy)
    call("post", f"/api/suggestions/{n}/answer", unit, {"outcome": "C", "text": "留作参考"})
    rehandle = call("post", f"/api/suggestions/{n}/rating", deputy, {"work": "满意", "result": "不满意", "comment": "没有解决"})
    assert rehandle["status"] == "rehandling"
    call("post", f"/api/suggestions/{n}/answer", unit, {"outcome": "B", "text": "秋季开通校车线路",
                                                      "commitments": [{"text": "开通校车线路", "due_on": "2030-09-01"}]})
    from renda.proposals.models import Commitment

    commitment = Commitment.objects.in_congress(world_a.congress).get()
    call("post", f"/api/commitments/{commitment.pk}/done", unit, {"report": "已开通"})
    assert call("post", f"/api/commitments/{commitment.pk}/confirm", deputy)["fulfilled"] is True
    call("post", f"/api/suggestions/{n}/rating", deputy, {"work": "满意", "result": "满意"})
    closed = call("post", f"/api/suggestions/{n}/rating", cosigner, {"work": "基本满意", "result": "满意"})
    assert closed["status"] == "closed"
    report = call("get", f"/api/suggestion-reports?year={timezone.localdate().year}", office)
    assert report["summary"]["total"] == 1 and report["summary"]["done"] == "100.0%"
    assert report["evaluation"][0]["unit"] == "教育局" and report["evaluation"][0]["rehandled"] == 1


def test_a_rating_by_someone_not_an_author_is_refused_and_changes_nothing(world_a):
    deputy, office = bearer(world_a, world_a.deputy), bearer(world_a, world_a.office)
    item = call("post", "/api/suggestions", deputy, {"title": "关于路灯的建议", "body": "b"})
    call("post", f"/api/suggestions/{item['id']}/submit", deputy)
    call("post", f"/api/suggestions/{item['id']}/accept", office, {})
    call("post", f"/api/suggestions/{item['id']}/assign", office, {"lead_unit_id": world_a.unit.pk})
    refused = Client().post(f"/api/suggestions/{item['id']}/rating", {"work": "满意", "result": "满意"},
                            content_type="application/json", **bearer(world_a, world_a.users["sc_member"]))
    assert refused.status_code == 403
    from renda.proposals.models import Rating

    assert not Rating.objects.in_congress(world_a.congress).exists()


def test_withdraw_merge_and_the_deputys_own_list_through_the_api(world_a):
    deputy, office = bearer(world_a, world_a.deputy), bearer(world_a, world_a.office)
    first = call("post", "/api/suggestions", deputy, {"title": "关于公交站台的建议", "body": "a"})
    second = call("post", "/api/suggestions", deputy, {"title": "关于公交候车亭的建议", "body": "b"})
    third = call("post", "/api/suggestions", deputy, {"title": "要撤回的建议", "body": "c"})
    for item in (first, second):
        call("post", f"/api/suggestions/{item['id']}/submit", deputy)
    assert call("post", f"/api/suggestions/{third['id']}/withdraw", deputy)["status"] == "withdrawn"
    kept = call("post", f"/api/suggestions/{second['id']}/merge", office, {"into_id": first["id"]})
    assert kept["id"] == first["id"]
    mine = call("get", "/api/my-suggestions", deputy)
    statuses = {i["id"]: i["status"] for i in mine["items"]}
    assert statuses == {first["id"]: "submitted", second["id"]: "merged"}  # a withdrawn item leaves the list
    refused = Client().post(f"/api/suggestions/{first['id']}/withdraw", {}, content_type="application/json",
                            **bearer(world_a, world_a.users["sc_member"]))
    assert refused.status_code == 403


def test_supervision_commitments_and_public_answers_through_the_api(world_a):
    import datetime

    from renda.proposals import actions
    from renda.proposals.tests.test_handling_and_feedback import assigned
    from renda.proposals.tests.test_supervision_and_evaluation import answered

    late = assigned(world_a, on=datetime.date(2025, 1, 10))
    actions.mark_key_supervision(world_a.congress, late, actor=world_a.office, leader=world_a.deputies[1].person,
                                 committee=world_a.committee)
    office, unit = bearer(world_a, world_a.office), bearer(world_a, world_a.users["unit_officer"])
    board = call("get", "/api/suggestion-supervision", office)
    assert board["key_items"][0]["leader"] == world_a.deputies[1].person.name
    assert board["overdue_by_unit"][0]["unit"] == "教育局" and board["overdue_by_unit"][0]["items"][0]["lead"]
    answered(world_a, late, commitments=[{"text": "增开校车", "due_on": "2030-09-01"}])
    promised = call("get", "/api/unit-commitments", unit)
    assert [c["text"] for c in promised] == ["增开校车"] and promised[0]["fulfilled"] is False
    public = Client().get(f"/api/public/{world_a.congress.code}/suggestion-answers?year={late.year}").json()
    assert public[0]["title"] == "关于校车的建议" and public[0]["answers"][0]["text"] == "答复"
    actions.set_confidential(world_a.congress, late, actor=world_a.office, confidential=True)
    assert Client().get(f"/api/public/{world_a.congress.code}/suggestion-answers?year={late.year}").json() == []
    assert Client().get("/api/suggestion-supervision", **bearer(world_a, world_a.deputy)).status_code == 403


def test_a_unit_reads_its_reminders_through_the_api(world_a):
    import datetime

    from renda.proposals import actions
    from renda.proposals.tests.test_handling_and_feedback import assigned

    assigned(world_a, on=datetime.date(2025, 1, 10))
    actions.send_due_reminders(world_a.congress, actor=world_a.office)
    notices = call("get", "/api/unit-notices", bearer(world_a, world_a.users["unit_officer"]))
    assert len(notices) == 1 and "已逾期" in notices[0]["text"]
    assert Client().get("/api/unit-notices", **bearer(world_a, world_a.deputy)).status_code == 403
