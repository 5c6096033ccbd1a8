"""A bounded schemathesis run over the whole JSON API (issue 11, point 4): every operation of the
OpenAPI document that django-ninja serves, ``EXAMPLES`` generated requests each (valid and invalid
bodies, parameters and ids: schemathesis generates both), sent in-process to the WSGI application
without credentials, with an office staff member's token, and with that token again on real rows
(the ids in the path replaced by those of a meeting, a vote, a call, a concern, a suggestion … of
the test congress, so that the bodies reach the actions and not only the 404). The only check: nothing answers with a server error.
The API contract (documented statuses, bodies matching the schema) is tested elsewhere.

Derandomized, so CI sends the same requests as a developer's machine; about a minute of CPU per
database.
"""

from __future__ import annotations

import datetime
import os
import traceback

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings

from renda.api import api
from renda.core import actions

# Generated requests per operation and credentials. A deeper run on a developer's machine:
# RENDA_FUZZ_EXAMPLES=50 RENDA_FUZZ_COVERAGE=1 (schemathesis's coverage phase adds every boundary value
# of every parameter: thorough, but several minutes, so not in CI; test_no_server_error.py holds the
# boundary values that once failed).
EXAMPLES = int(os.environ.get("RENDA_FUZZ_EXAMPLES", "5"))

PHASES = {"coverage": {"enabled": os.environ.get("RENDA_FUZZ_COVERAGE") == "1"}}
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"),
                                        config=schemathesis.Config.from_dict({"phases": PHASES}))
schema.app = WSGIHandler()


def _real_rows(world) -> dict:
    """Path parameter → the id (or code) of a real row of the test congress."""
    from renda.liaison import actions as liaison
    from renda.people.models import Membership
    from renda.proposals.tests.test_handling_and_feedback import assigned
    from renda.testing import make_call, make_meeting

    c = world.congress
    meeting = make_meeting(world, members=3)
    call = make_call(world, proposals=1)
    concern = liaison.submit_concern(c, world.station, actor=world.office,
                                     data={"anonymous": True, "category": "其他", "text": "路灯坏了"})
    suggestion = assigned(world, on=datetime.date.today() - datetime.timedelta(days=5))
    membership = Membership.objects.in_congress(c).first()
    rows = {
        "congress_code": c.code, "mandate_id": world.deputies[0].pk, "person_id": world.deputies[0].person_id,
        "organisation_id": world.delegation.pk, "station_id": world.station.pk, "meeting_id": meeting.pk,
        "call_id": call.pk, "proposal_id": call.proposals.first().pk, "concern_id": concern.pk,
        "tracking_code": concern.tracking_code, "suggestion_id": suggestion.pk,
    }
    if membership is not None:
        rows["membership_id"] = membership.pk
    from renda.voting import actions as voting

    rows["vote_id"] = voting.create_vote(c, meeting, actor=world.office, title="关于预算调整的决议").pk
    rows.update(_oversight_rows(world))
    return rows


def _oversight_rows(world) -> dict:
    """A plan with an item, an activity in the field with a notice, a letter and a draft report with
    findings and figures, and an attached questionnaire: the oversight API's ids."""
    from renda.oversight.actions import fieldwork
    from renda.oversight.models import Finding
    from renda.oversight.tests.permission_calls_reporting import activity_in_field, ready, year
    from renda.oversight.tests.plan_fixtures import make_item, make_plan
    from renda.questionnaires import actions as questionnaires

    c = world.congress
    plan = make_plan(world)
    item = make_item(world, plan)
    activity = activity_in_field(world)
    notice = fieldwork.send_team_notice(c, activity, actor=world.office, text="请参加")
    letter = fieldwork.send_self_report_letter(c, activity, actor=world.office, units=[world.unit], text="请报送",
                                               due_on=datetime.date(year(), 12, 31))[0]
    report = ready(world, activity)
    questionnaire = questionnaires.create_questionnaire(c, actor=world.office, title="满意度问卷")
    fieldwork.attach_questionnaire(c, activity, actor=world.office, questionnaire=questionnaire)
    return {"plan_id": plan.pk, "item_id": item.pk, "activity_id": activity.pk, "notice_id": notice.pk,
            "letter_id": letter.pk, "report_id": report.pk, "key": "total", "questionnaire_id": questionnaire.pk,
            "finding_id": Finding.objects.in_congress(c).filter(report=report).first().pk}


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """One congress with real rows for every operation of the run, built once and rolled back at
    the end; each operation's test runs inside it in its own savepoint (pytest-django's ``db``)."""
    from renda.conftest import _guarded_world

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = _guarded_world("fz", "模糊测试市人民代表大会")
            _, secret = actions.issue_api_token(world.congress, actor=world.office, name="fuzz")
            yield {"token": secret, "rows": _real_rows(world)}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def server_errors(db, shared):
    """Tracebacks of exceptions the application did not handle. Requests stay inside the test's
    transaction: Django's handler would otherwise close the connection around each request
    (as its test client, it leaves it open)."""
    caught: list[str] = []

    def record(sender, request=None, **kwargs):
        caught.append(traceback.format_exc())

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    signals.got_request_exception.connect(record)
    try:
        yield caught
    finally:
        signals.got_request_exception.disconnect(record)
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_input_gives_a_server_error(case, shared, server_errors):
    staff = {"Authorization": f"Bearer {shared['token']}"}
    generated = dict(case.path_parameters or {})
    real = {name: shared["rows"].get(name, value) for name, value in generated.items()}
    tries = [("anonymous", {}, generated), ("staff", staff, generated)]
    if real != generated:
        tries.append(("staff on real rows", staff, real))
    for who, headers, path in tries:
        case.path_parameters = path
        with transaction.atomic():  # a refused write on PostgreSQL must not spoil the next request
            response = case.call(headers=headers)
        assert response.status_code < 500, (
            f"{who}: {case.method} {case.formatted_path} answered {response.status_code}\n"
            f"query={case.query!r} body={case.body!r}\n" + "\n".join(server_errors[-1:])
        )
