"""The questionnaire API: build, open, codes, results and close with a staff token; refusals as ErrorOut."""

import json

from django.test import Client

from renda.core.actions import issue_api_token
from renda.questionnaires.models import AnswerCode, Questionnaire
from renda.questionnaires.tests.test_pages import link


def bearer(world, user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def call(client, method, path, auth, body=None):
    response = getattr(client, method)(f"/api{path}", data=json.dumps(body) if body is not None else None,
                                       content_type="application/json", **auth)
    return response.status_code, response.json()


def test_a_questionnaire_from_draft_to_results(world_a):
    client, auth = Client(), bearer(world_a, world_a.office)
    status, made = call(client, "post", "/questionnaires", auth, {"title": "校园安全问卷", "access": "codes"})
    assert status == 201 and made["status"] == "draft" and made["questions"] == []
    qid = made["id"]
    status, body = call(client, "put", f"/questionnaires/{qid}/questions", auth, {"questions": [
        {"text": "满意吗", "kind": "single", "choices": ["是", "是"]}]})
    assert status == 422
    assert body == {"detail": [{"field": "questions.0.choices", "message": "第1题：选项“是”重复"}]}
    status, body = call(client, "put", f"/questionnaires/{qid}/questions", auth, {"questions": [
        {"text": "满意吗", "kind": "single", "choices": ["是", "否"]},
        {"text": "打分", "kind": "scale", "scale_min": 0, "scale_max": 10, "scale_high_label": "非常好"}]})
    assert status == 200 and [q["kind"] for q in body["questions"]] == ["single", "scale"]
    status, body = call(client, "post", f"/questionnaires/{qid}/open", auth)
    assert status == 200 and body["status"] == "open"
    status, body = call(client, "post", f"/questionnaires/{qid}/codes", auth, {"count": 2, "batch": "一中"})
    assert status == 201 and len(body["codes"]) == 2 and body["batch"] == "一中"
    assert AnswerCode.objects.in_congress(world_a.congress).filter(code__in=body["codes"]).count() == 2

    # The public answers on the web form, with a code.
    questionnaire = Questionnaire.objects.in_congress(world_a.congress).get(pk=qid)
    a, b = [q["id"] for q in call(client, "get", f"/questionnaires/{qid}", auth)[1]["questions"]]
    assert Client().post(link(world_a, questionnaire), {f"q{a}": "1", f"q{b}": "9", "code": body["codes"][0]}).status_code == 302

    status, results = call(client, "get", f"/questionnaires/{qid}/results", auth)
    assert status == 200 and results["responses"] == 1
    assert results["questions"][0]["options"][1] == {"index": 1, "label": "否", "count": 1, "percent": 100.0}
    assert results["questions"][1]["scale"]["mean"] == 9.0
    status, listed = call(client, "get", "/questionnaires", auth)
    assert [q["id"] for q in listed] == [qid]
    status, body = call(client, "post", f"/questionnaires/{qid}/close", auth)
    assert status == 200 and body["status"] == "closed"
    status, body = call(client, "post", f"/questionnaires/{qid}/close", auth)
    assert status == 409


def test_refusals(world_a, world_b):
    client = Client()
    deputy = bearer(world_a, world_a.deputy)
    assert call(client, "post", "/questionnaires", deputy, {"title": "问卷"})[0] == 403
    assert call(client, "post", "/questionnaires", bearer(world_a, world_a.office), {"title": "问卷", "extra": 1})[0] == 422
    status, other = call(client, "post", "/questionnaires", bearer(world_b, world_b.office), {"title": "乙市问卷"})
    office = bearer(world_a, world_a.office)
    assert call(client, "get", f"/questionnaires/{other['id']}", office)[0] == 404
    assert call(client, "post", f"/questionnaires/{other['id']}/open", office)[0] == 404
    assert call(client, "get", f"/questionnaires/{other['id']}/results", office)[0] == 404
    status, body = call(client, "post", "/questionnaires", office, {"title": "无题问卷"})
    status, body = call(client, "post", f"/questionnaires/{body['id']}/open", office)
    assert status == 422 and body["detail"][0]["field"] == "questions"
    assert call(client, "get", "/questionnaires", deputy)[0] == 403


def test_the_public_form_is_the_only_way_to_answer(world_a):
    from renda.api import api

    document = api.get_openapi_schema(path_prefix="/api/")
    paths = [p for p in document["paths"] if "questionnaires" in p]
    assert not any("answer" in p for p in paths)
    assert "网页表单" in document["paths"]["/api/questionnaires"]["post"]["description"]
