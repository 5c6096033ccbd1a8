"""Schema and behaviour agree: requests generated from the OpenAPI document as *valid* (schemathesis,
positive mode) are not refused as invalid. A 400, or a 422 naming a field whose rule the document
states, fails the test; what the document cannot state is listed below with its reason — whether an
id names a row of this congress, rules between two fields, values that depend on stored data or on a
rule's own format. (Server errors on any input are test_api_fuzz's business.)"""

from __future__ import annotations

import json
import re

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.generation.modes import GenerationMode

from renda.api import api
from renda.core import actions

DOCUMENT = api.get_openapi_schema(path_prefix="/api/")


def _closed(operation: dict) -> bool:
    """The operation's JSON body (if any) refuses unknown fields; an open one is listed in
    test_api_contract.py::test_every_json_body_refuses_unknown_fields until it is closed."""
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if body is None:
        return True
    options = [o for o in body["schema"].get("anyOf", [body["schema"]]) if o.get("type") != "null"]
    names = [o.get("$ref", "").rsplit("/", 1)[-1] for o in options]
    return all(DOCUMENT["components"]["schemas"].get(n, {}).get("additionalProperties") is False for n in names)


# Only what takes input besides ids in the path, and whose body refuses unknown fields.
TAKES_INPUT = {(method.upper(), path) for path, methods in DOCUMENT["paths"].items()
               for method, operation in methods.items()
               if _closed(operation) and ("requestBody" in operation
                                          or any(p["in"] != "path" for p in operation.get("parameters", [])))}

schema = schemathesis.openapi.from_dict(DOCUMENT).include(
    lambda ctx: (ctx.operation.method.upper(), ctx.operation.path) in TAKES_INPUT)
schema.app = WSGIHandler()
schema.config.generation.update(modes=[GenerationMode.POSITIVE])
EXAMPLES = 3

# Fields whose validity the document cannot state, with why.
DEPENDS_ON_DATA = {
    # an id (or a name or certificate number) must name a row of the token's congress
    "term", "holder", "holder_person_id", "deputy_person_id", "delegation", "deputy_group", "liaison_station",
    "parent", "session_id", "co_signers", "lead_unit_id", "co_unit_ids", "suggestion_ids", "organisation_id",
    "person", "agenda_item_id", "mandate_ids", "group_ids", "group_id", "milestone_id", "unit", "responsible",
    "new_unit_id", "committee_id", "leader_person_id", "meeting_id", "into_id",
    "plan_item_id", "lead_committee_id", "organiser_id", "partner_id", "body_id", "co_committee_ids", "leader_id",
    "committee_ids", "members", "plan_item", "lead_committee", "partner", "stop_id", "visitor_ids", "report_unit_ids",
    "again_of_id", "speaker_id", "unit_id", "proposal_id", "suggestion_id", "led_by_id", "led_by", "person_id",
    "finding_id", "opinion_point_id", "livelihood_project_id", "livelihood_inspection_id", "inquiry_question_id",
    "questioning_id", "investigation_id", "chair_id", "directors_meeting_id", "person_ids",
    "proposer_id", "member_ids", "vote_id", "entries", "decision_id", "appointee_membership_ids", "deputy_ids",
    "version_id", "comment_ids", "provision_id", "contact_point_id", "term_id", "law_id", "bill_id",
    "drafting_body_id", "based_on_id", "amendment_id", "article_id", "paragraph_ids", "provision_ids", "plan_id",
    "item_id", "new_version_id", "old_version_id", "reading_id", "filing_id", "review_id", "revision_id",
    "activity_id", "proposed_item_id", "document_id", "period_id",
    "delegation_ids", "station_ids",
}
# JSON Schema has no bounds for a date string: a date outside its field's window (validation.within,
# rules' date windows) is refused with "须在 <first> 至 <last> 之间".
DATE_WINDOW = re.compile(r"须在 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2} 之间")
PER_OPERATION = {
    "PUT /api/notices/preferences": {"channels": "a channel this congress offers (configured by the deployment)",
                                     "email": "a valid address, required when e-mail is chosen",
                                     "mobile": "a mobile number, required when the webhook is chosen"},
    "GET /api/calendar": {"end": "not before start, and at most the feed's range after it",
                          "start": "not after end"},
    "POST /api/routing/suggest": {"title": "title and body together hold fewer than two units",
                                  "body": "title and body together hold fewer than two units"},
    "GET /api/answer-quality/flags": {"kind": "one of the flag kinds", "source": "one of the answer sources",
                                      "unit": "a handling unit of this congress"},
    "POST /api/letters": {"title": "blank once trimmed", "body": "blank once trimmed", "reply_by": "not before today",
                          "delegations": "the chosen delegations, groups and stations hold no serving deputy"},
    "POST /api/letters/{letter_id}/reply": {"reply": "blank once trimmed; at most deputy_pages.reply_max_chars"},
    "POST /api/public/{congress_code}/deputies/{mandate_id}/messages": {
        "category": "one of liaison.categories", "text": "blank once trimmed",
        "person_contact": "name and contact unless anonymous", "mandate_id": "the deputy's form is closed",
        "challenge": "asked after liaison.challenge_after messages from one address"},
    "POST /api/terms": {"number": "a term of that number already exists",
                        "start": "the window runs to ten years after today",
                        "end": "must be after start"},
    "POST /api/livelihood/calls": {"closes_on": "must not be before opens_on", "opens_on": "a date window from today",
                                   "year": "a year window from today"},
    "POST /api/organisations": {"name": "already taken by another organisation of that kind",
                                "unit_type": "required when kind is handling_unit"},
    "PUT /api/rules/{key}": {"value": "each rule has its own format (a fraction, a whole number, a list)"},
    "POST /api/imports": {"file": "judged by its content: an Excel, TXT or CSV table"},
    "POST /api/meetings/{meeting_id}/elections": {"candidates": "how many follows the post and seats (组织法 art. 27)"},
    "POST /api/votes/{vote_id}/ballot": {"content": "its shape follows the vote's kind and candidates"},
    "POST /api/votes/{vote_id}/paper-counts": {"tally": "one entry per candidate of the vote",
                                               "returned": "at least the invalid ballots"},
    "POST /api/votes/{vote_id}/corrections": {"corrected": "the figures of the vote's kind"},
    "POST /api/votes/{vote_id}/close": {"teller_keys": "must rebuild this vote's key"},
    "POST /api/oversight/plans": {"year": "one plan per year"},
    "POST /api/oversight/activities": {"laws": "a law inspection names at least one law",
                                       "kind": "the kind of the plan item it carries out"},
    "POST /api/oversight/work-reports": {
        "kind": "key_suggestions lists key-supervision suggestions; again names an unsatisfactory report",
        "title": "required"},
    "POST /api/oversight/work-reports/{report_id}/review": {"reviewed_on": "not after today, not before the filing"},
    "POST /api/oversight/opinions": {
        "work_report_id": "a deliberated work report of this congress, or report_id, is required",
        "report_id": "must be placed on a session's agenda (body_id then required)"},
    "POST /api/livelihood/accountability": {
        "proposal": "exactly one of a chosen project or a suggestion", "reason": "blank once trimmed",
        "on": "not in the future"},
    "POST /api/rectification/items": {"entries": "each entry's unit must be an organisation of this congress"},
    # JSON Schema cannot say that a file must not be empty
    "POST /api/oversight/letters/{letter_id}/self-report": {"file": "an empty file is no report"},
    "POST /api/rectification/items/{item_id}/closure": {"evidence": "an empty file is no evidence"},
    "POST /api/meetings": {"starts_at": "a date window from today",
                           "organisation": "required for some kinds of meeting (a delegation's, the directors')",
                           "number": "past the last number of the term and kind"},
    "PATCH /api/meetings/{meeting_id}": {"starts_at": "a date window from today; not once the meeting has opened"},
    "POST /api/agenda/items/{item_id}/decision": {"reason": "required when submit is false"},
    "POST /api/agenda/items/{item_id}/documents": {"file": "judged by its content; an empty file is no document"},
    "POST /api/duty-reports/plans": {"year": "a year within one of this congress's terms"},
    "POST /api/work-points/plans": {"year": "one plan per year", "document": "judged by its content"},
    "POST /api/work-points/{point_id}/close": {"evidence": "judged by its content"},
    "POST /api/duty-reports/{report_id}/file": {"file": "judged by its content"},
    "POST /api/duty-reports/{report_id}/voter-evaluation": {
        "station_id": "a liaison station of this congress; exactly one of station_id and electoral_unit",
        "electoral_unit": "exactly one of station_id and electoral_unit; no control characters",
        "held_at": "required", "closes_at": "after opens_at and after now"},
    "POST /api/duty-reports/{report_id}/paper-counts": {"satisfied": "a whole number, not negative",
                                                         "basic": "a whole number, not negative",
                                                         "unsatisfied": "a whole number, not negative"},
    "POST /api/public/{congress_code}/duty-reports/evaluate/{key}": {
        "device_token": "the signed token the GET handed out", "name": "blank once trimmed",
        "digits": "four digits (an ID number's last may be X)", "comment": "no control characters"},
    "POST /api/appointments/bills/{bill_id}/letter": {"letter": "judged by its content"},
    "POST /api/oaths": {"person_ids": "must be appointees of this congress who passed and have not sworn",
                        "held_on": "not after today, not before the decision"},
    "POST /api/legislation/bills": {"text": "may be left out only when amending or repealing a law that has a text"},
    "POST /api/law-comments/periods": {
        "closes_on": "a public period lasts at least legislation.public_comment_days; not before opens_on or today"},
    "POST /api/law-comments/decisions": {"reason": "required for partly and declined"},
    "POST /api/law-comments/periods/{period_id}/contact-point-comments": {
        "gathered_on": "not after today, not before the period opens"},
    "POST /api/legislative-plans/yearly": {"year": "one plan per year"},
    "POST /api/legislative-plans/programmes": {"term_id": "a term of this congress, one programme per term"},
    "POST /api/activities": {"topic": "required", "place": "required", "starts_at": "a date window from today",
                             "ends_at": "not before starts_at", "hours": "required for training, only for training",
                             "deputy_group_id": "a deputy group or delegation of this congress",
                             "programme_id": "a programme of this congress, for training only"},
    "PATCH /api/activities/{activity_id}": {"topic": "required", "place": "required",
                                            "starts_at": "a date window from today; every participant eligible that day",
                                            "ends_at": "not before starts_at", "hours": "required for training, only for training",
                                            "deputy_group_id": "a deputy group or delegation of this congress",
                                            "programme_id": "a programme of this congress, for training only"},
    "POST /api/activities/{activity_id}/participants": {"role": "at most 30 characters once trimmed"},
    "POST /api/activities/{activity_id}/reply": {"reason": "required for leave"},
    "POST /api/activities/{activity_id}/sign-in": {"code": "the code shown at the venue this minute"},
    "POST /api/activities/{activity_id}/attendance": {"rows": "each a participant of the activity; hours for training"},
    "POST /api/activities/{activity_id}/held": {"summary": "required; the activity must have begun"},
    "POST /api/activities/{activity_id}/outputs": {"title": "required unless a suggestion is linked",
                                                   "concern_id": "a concern of this congress"},
    "POST /api/training/programmes": {"title": "required", "year": "a year window from today",
                                      "required_hours": "required with certificates; more than 0, one decimal"},
    "PATCH /api/training/programmes/{programme_id}": {"title": "required", "year": "a year window from today",
                                                      "required_hours": "required with certificates; more than 0, one decimal"},
    # the opinion register: categories are the rule liaison.categories; texts are refused blank once trimmed
    "POST /api/opinions/record": {"points": "each speaker a person known to this congress, a category of the rule",
                                  "activity": "required for a visit or symposium", "meeting": "required for a meeting task"},
    "POST /api/opinions/direct-line": {"category": "one of liaison.categories", "text": "blank once trimmed",
                                       "place": "at most 100 characters once trimmed"},
    "POST /api/opinions/petitions": {"category": "one of liaison.categories", "text": "blank once trimmed",
                                     "person_name": "blank once trimmed", "person_contact": "blank once trimmed",
                                     "place": "at most 100 characters once trimmed", "received_on": "not after today"},
    "GET /api/opinions/statistics": {"year": "a year a congress reports on"},
    # deputy groups and CPPCC members: names unique and texts refused blank once trimmed; ids of this congress
    "POST /api/deputy-groups": {"name": "required and unique among the groups", "scope": "blank once trimmed",
                                "station_id": "a station of this congress", "description": "at most 2000 characters",
                                "existing_group_id": "a group of this congress"},
    "POST /api/deputy-group-placements": {"placements": "each group of this congress, each mandate serving in its area",
                                          "on": "not before the deputy's election"},
    "GET /api/deputy-groups": {"station_id": "a station of this congress"},
    "POST /api/cppcc-members": {"name": "required unless person_id", "sex": "required unless person_id",
                                "phone": "digits, 7 to 20", "cppcc": "blank once trimmed",
                                "sector": "at most 40 characters once trimmed", "station_id": "a station of this congress"},
    "POST /api/stations/{station_id}/receptions": {"cppcc_member_ids": "members of this congress still sitting"},
    "PUT /api/stations/{station_id}/rota": {"cppcc_member_ids": "members of this congress still sitting"},
}


@pytest.fixture
def tokens(world_a):
    """An admin's and an office staff member's tokens (a deputy's was tried too: its refusals are 403s).
    Requests run inside the test's transaction, so Django's handler must not close the connection
    after each response (it would, when the response is closed)."""
    made = {who: actions.issue_api_token(world_a.congress, actor=user, name="conformance")[1]
            for who, user in (("admin", world_a.admin), ("office", world_a.office))}
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield {who: {"Authorization": f"Bearer {secret}"} for who, secret in made.items()}
    finally:
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_a_request_the_document_calls_valid_is_not_refused_as_invalid(case, tokens):
    for who, headers in tokens.items():
        response = case.call(headers=headers)
        said = (f"{who}: {case.method} {case.formatted_path} query={case.query!r} body={case.body!r}: "
                f"{response.text[:400]}")
        assert response.status_code != 400, said
        if response.status_code == 422:
            operation = f"{case.method} {case.operation.path}"
            allowed = DEPENDS_ON_DATA | set(PER_OPERATION.get(operation, {}))
            # "members.2.person_id": an entry of a list is judged by the list's field
            fields = {entry["field"].split(".")[0] if entry["field"] else None
                      for entry in json.loads(response.text)["detail"] if not DATE_WINDOW.search(entry["message"])}
            assert fields <= allowed, said
