"""The API contract tells the truth: one error form in Chinese for schema and action errors alike,
unknown fields and unknown ids refused, fixed values as enums, every operation's error statuses and
request body documented as the code has them, and the routes reachable."""

import collections
import inspect

import pytest
from django.test import Client
from pydantic import BaseModel

from renda.api import api
from renda.core import rules
from renda.core.tests.test_api import bearer

JSON = "application/json"


def put(url, body, headers):
    return Client().put(url, body, content_type=JSON, **headers)


def post(url, body, headers):
    return Client().post(url, body, content_type=JSON, **headers)


# ── PUT /api/rules/{key}: a malformed body never resets a rule ──

@pytest.mark.parametrize("body", [{}, {"valeu": "1/2"}, {"value": "2/3", "extra": 1}, [], '"2/3"', {"value": {"a": 1}}])
def test_a_malformed_rule_body_is_refused_and_the_rule_keeps_its_value(world_a, body):
    admin = bearer(world_a, world_a.admin)
    assert put("/api/rules/sc.quorum", {"value": "2/3"}, admin).status_code == 200
    refused = put("/api/rules/sc.quorum", body, admin)
    assert refused.status_code == 422, refused.content
    entries = refused.json()["detail"]
    assert entries and all(e["message"] and not e["message"].isascii() for e in entries)
    assert rules.display(rules.get(world_a.congress, "sc.quorum")) == "2/3"


def test_only_an_explicit_null_restores_the_default(world_a):
    admin = bearer(world_a, world_a.admin)
    put("/api/rules/sc.quorum", {"value": "2/3"}, admin)
    restored = put("/api/rules/sc.quorum", {"value": None}, admin)
    assert restored.status_code == 200 and restored.json()["overridden"] is False


def test_a_missing_value_names_the_field_in_chinese(world_a):
    refused = put("/api/rules/sc.quorum", {}, bearer(world_a, world_a.admin))
    assert refused.json() == {"detail": [{"field": "value", "message": "“value”必须填写"}]}


# ── one error form ──

def test_schema_errors_come_in_the_action_errors_form_and_language(world_a):
    admin = bearer(world_a, world_a.admin)
    bad = post("/api/terms", {"number": "六", "start": "明年", "colour": "red"}, admin).json()["detail"]
    by_field = {e["field"]: e["message"] for e in bad}
    assert by_field == {"number": "“number”须为整数", "start": "“start”须为日期（年-月-日，如 2027-01-10）",
                        "colour": "不认识的字段“colour”"}
    action = post("/api/terms", {"number": 5, "start": "2022-01-10"}, admin)  # world_a already has term 5
    assert action.status_code == 422 and set(action.json()) == {"detail"}
    assert set(action.json()["detail"][0]) == {"field", "message"}


def test_an_unparseable_body_and_a_missing_token_answer_in_the_same_form(world_a):
    broken = Client().post("/api/terms", "{not json", content_type=JSON, **bearer(world_a, world_a.admin))
    assert broken.status_code == 400
    assert broken.json() == {"detail": [{"field": None, "message": "请求正文不是有效的 JSON"}]}
    anonymous = Client().get("/api/me")
    assert anonymous.status_code == 401 and anonymous.json()["detail"][0]["message"].startswith("请在 Authorization")


def test_a_fixed_value_outside_its_choices_lists_the_choices(world_a):
    office = bearer(world_a, world_a.office)
    refused = post("/api/organisations", {"kind": "club", "name": "俱乐部"}, office)
    assert refused.status_code == 422
    [entry] = refused.json()["detail"]
    assert entry["field"] == "kind" and entry["message"].startswith("“kind”须为以下之一：presidium、")


# ── unknown fields and ids ──

def test_unknown_fields_are_refused_not_dropped(world_a):
    office = bearer(world_a, world_a.office)
    refused = post("/api/organisations", {"kind": "handling_unit", "name": "新单位", "budget": 5}, office)
    assert refused.status_code == 422
    assert refused.json()["detail"] == [{"field": "budget", "message": "不认识的字段“budget”"}]
    from renda.people.models import Organisation

    assert not Organisation.objects.in_congress(world_a.congress).filter(name="新单位").exists()


def test_nested_unknown_fields_are_refused_too(world_a):
    office = bearer(world_a, world_a.office)
    body = {"term": world_a.term.number, "number": "X1", "elected_on": "2022-01-10",
            "person": {"name": "新代表", "sex": "女", "hobby": "读书"}}
    refused = post("/api/deputies", body, office)
    assert refused.status_code == 422
    assert refused.json()["detail"] == [{"field": "person.hobby", "message": "不认识的字段“person.hobby”"}]


def _accepted(world, title):
    deputy, office = bearer(world, world.deputy), bearer(world, world.office)
    item = post("/api/suggestions", {"title": title, "body": "内容"}, deputy).json()
    assert post(f"/api/suggestions/{item['id']}/submit", {}, deputy).status_code == 200
    assert post(f"/api/suggestions/{item['id']}/accept", {}, office).status_code == 200
    return item["id"]


def test_bulk_assign_is_reachable_and_assigns_all(world_a):
    first, second = _accepted(world_a, "第一件"), _accepted(world_a, "第二件")
    office = bearer(world_a, world_a.office)
    done = post("/api/suggestions/bulk-assign", {"suggestion_ids": [first, second], "lead_unit_id": world_a.unit.pk},
                office)
    assert done.status_code == 200, done.content
    assert [(i["id"], i["status"]) for i in done.json()] == [(first, "assigned"), (second, "assigned")]


def test_bulk_assign_refuses_an_unknown_id_naming_it_and_assigns_nothing(world_a, world_b):
    first = _accepted(world_a, "第一件")
    foreign = _accepted(world_b, "乙市的一件")
    office = bearer(world_a, world_a.office)
    refused = post("/api/suggestions/bulk-assign",
                   {"suggestion_ids": [first, foreign], "lead_unit_id": world_a.unit.pk}, office)
    assert refused.status_code == 422
    [entry] = refused.json()["detail"]
    assert entry["field"] == "suggestion_ids" and str(foreign) in entry["message"]
    from renda.proposals.models import Suggestion

    assert Suggestion.objects.in_congress(world_a.congress).get(pk=first).status == "accepted"


def test_an_unknown_co_unit_is_refused_not_dropped(world_a):
    item = _accepted(world_a, "一件")
    refused = post(f"/api/suggestions/{item}/assign",
                   {"lead_unit_id": world_a.unit.pk, "co_unit_ids": [999999]}, bearer(world_a, world_a.office))
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["field"] == "co_unit_ids"


# ── the OpenAPI document ──

def _document():
    return api.get_openapi_schema(path_prefix="/api/")


def _operations():
    for _prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                yield path, operation


def test_no_two_schemas_share_a_name():
    """ninja names a component by its class name: two classes of one name would describe one body
    with the other's fields. Every schema class reachable from an operation has a name of its own."""
    seen = collections.defaultdict(set)

    def walk(model):
        if model in seen[model.__name__]:
            return
        seen[model.__name__].add(model)
        for field in model.model_fields.values():
            for arg in _types(field.annotation):
                if inspect.isclass(arg) and issubclass(arg, BaseModel):
                    walk(arg)

    for _path, operation in _operations():
        for model in operation.models:
            for field in model.model_fields.values():
                for arg in _types(field.annotation):
                    if inspect.isclass(arg) and issubclass(arg, BaseModel):
                        walk(arg)
        for response in (operation.response_models or {}).values():
            if isinstance(response, type) and issubclass(response, BaseModel):
                for arg in _types(response.model_fields["response"].annotation):
                    if inspect.isclass(arg) and issubclass(arg, BaseModel):
                        walk(arg)
    shared = {name: sorted(f"{m.__module__}.{m.__qualname__}" for m in models)
              for name, models in seen.items() if len(models) > 1}
    assert shared == {}


def _types(annotation):
    yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _types(arg)


def test_each_request_body_is_the_schema_its_function_takes():
    doc = _document()
    checked = 0
    for path, operation in _operations():
        body = [p for p in inspect.signature(operation.view_func).parameters.values()
                if inspect.isclass(p.annotation) and issubclass(p.annotation, BaseModel)]
        for method in operation.methods:
            full = "/api" + path
            op_doc = doc["paths"][full][method.lower()]
            if not body:
                continue
            ref = op_doc["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            name = ref.rsplit("/", 1)[-1]
            assert name == body[0].annotation.__name__, (method, full)
            component = doc["components"]["schemas"][name]
            assert set(component["properties"]) == set(body[0].annotation.model_fields), (method, full)
            checked += 1
    assert checked > 50


def test_every_operation_documents_its_error_statuses():
    doc = _document()
    assert doc["components"]["schemas"]["ErrorOut"]["properties"]["detail"]["type"] == "array"
    for path, methods in doc["paths"].items():
        for method, operation in methods.items():
            statuses = {str(s) for s in operation["responses"]}
            errors = {s for s in statuses if s.startswith("4")}
            assert errors, (method, path)
            if operation.get("security"):
                assert "401" in statuses, (method, path)
            if "{" in path:
                assert "404" in statuses, (method, path)
            if "requestBody" in operation:
                assert "422" in statuses, (method, path)
            for status in errors - {"429"}:
                schema = operation["responses"].get(status) or operation["responses"].get(int(status))
                assert schema["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorOut"}


def test_fixed_value_fields_carry_their_enum():
    schemas = _document()["components"]["schemas"]

    def enum(schema, field):
        prop = schemas[schema]["properties"][field]
        options = prop.get("anyOf", [prop])
        return next(o["enum"] for o in options if "enum" in o)

    from renda.liaison.models import Concern, ContactLink
    from renda.people.models import Mandate, Organisation
    from renda.proposals.models import Rating, Suggestion

    assert enum("DraftIn", "kind") == list(Suggestion.Kind.values)
    assert enum("SuggestionOut", "status") == list(Suggestion.Status.values)
    assert enum("StatusIn", "status") == list(Mandate.Status.values)
    assert enum("OrganisationIn", "kind") == list(Organisation.Kind.values)
    assert enum("RatingIn", "work") == list(Rating.Level.values)
    assert enum("TriageIn", "path") == list(Concern.Path.values)
    assert enum("LinkIn", "kind") == list(ContactLink.Kind.values)
    assert enum("FeedbackIn", "satisfaction") == list(Concern.Satisfaction.values)



def test_every_json_body_refuses_unknown_fields():
    doc = _document()
    open_bodies = set()
    for path, methods in doc["paths"].items():
        for operation in methods.values():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is None:
                continue
            # An optional body (closing a vote: only secret ballots need one) is anyOf [the schema, null].
            options = [o for o in body["schema"].get("anyOf", [body["schema"]]) if o.get("type") != "null"]
            for option in options:
                ref = option.get("$ref")
                found = doc["components"]["schemas"][ref.rsplit("/", 1)[-1]] if ref else option
                if found.get("additionalProperties") is not False:
                    open_bodies.add(path)
    assert open_bodies == set()
