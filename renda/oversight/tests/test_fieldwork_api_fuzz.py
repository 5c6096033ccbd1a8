"""The fieldwork API on real rows: generated requests (valid and invalid bodies, multipart fields and
files) reach the actions with the ids of a real activity, notice and letter, and nothing answers with a
server error. (The suite-wide fuzz run knows no oversight ids, so there its requests stop at the 404.)"""

import datetime
import traceback

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings

from renda.api import api
from renda.core import actions

EXAMPLES = 8
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/")).include(
    lambda ctx: any(part in ctx.operation.path for part in (
        "/oversight/activities/{activity_id}/notices", "/oversight/notices/", "/oversight/activities/{activity_id}/letters",
        "/oversight/letters/", "/oversight/activities/{activity_id}/site-visits",
        "/oversight/activities/{activity_id}/symposia", "/oversight/activities/{activity_id}/questionnaires")))
schema.app = WSGIHandler()


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    from renda.conftest import _guarded_world
    from renda.oversight.actions import fieldwork as fw
    from renda.oversight.tests.permission_calls_fieldwork import YEAR, make_activity

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = _guarded_world("ff", "模糊测试监督市人民代表大会")
            activity = make_activity(world)
            notice = fw.send_team_notice(world.congress, activity, actor=world.office, text="请参加")
            letter = fw.send_self_report_letter(world.congress, activity, actor=world.office, units=[world.unit],
                                                text="请报送", due_on=datetime.date(YEAR, 12, 31))[0]
            _, secret = actions.issue_api_token(world.congress, actor=world.office, name="fuzz")
            yield {"token": secret, "rows": {"activity_id": activity.pk, "notice_id": notice.pk, "letter_id": letter.pk}}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def server_errors(db, shared):
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
def test_no_input_gives_a_server_error_on_real_rows(case, shared, server_errors):
    staff = {"Authorization": f"Bearer {shared['token']}"}
    case.path_parameters = {name: shared["rows"].get(name, value) for name, value in (case.path_parameters or {}).items()}
    with transaction.atomic():  # a refused write on PostgreSQL must not spoil the next request
        response = case.call(headers=staff)
    assert response.status_code < 500, (f"{case.method} {case.formatted_path} answered {response.status_code}\n"
                                        f"body={case.body!r}\n" + "\n".join(server_errors[-1:]))
