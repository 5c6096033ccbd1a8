"""Concurrent answers (PostgreSQL, real threads): one browser or one code answers once however many
requests race, and a burst from one address gets exactly the hourly limit in."""

import threading
from unittest import mock

import pytest
from django.db import connection
from django.test import Client

from renda.questionnaires import actions as qa
from renda.questionnaires import guard
from renda.questionnaires.models import Answer, AnswerCode, Response
from renda.questionnaires.tests.factory import make_questionnaire
from renda.questionnaires.tests.test_pages import form_data, link

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def still_hour():
    with mock.patch.object(guard, "_hour", return_value=2000):
        yield


def _threads_possible():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("needs real concurrent connections: run on PostgreSQL (the in-memory SQLite test database "
                    "shares one cache with table locks between threads)")


def _burst(posts) -> list[int]:
    """Run the posts at once, each in its own thread with its own connection; their status codes."""
    statuses: list[int] = []
    start = threading.Barrier(len(posts))

    def run(post):
        try:
            start.wait(10)
            statuses.append(post())
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(post,)) for post in posts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return statuses


def post(url, data, **client):
    def run():
        return Client(**client).post(url, data).status_code
    return run


def test_a_burst_from_one_address_gets_exactly_the_limit_in(world_a):
    _threads_possible()
    questionnaire = make_questionnaire(world_a)
    statuses = _burst([post(link(world_a, questionnaire), form_data(questionnaire), REMOTE_ADDR="10.50.0.1")] * 40)
    assert sorted(statuses) == [302] * 30 + [429] * 10
    assert Response.objects.in_congress(world_a.congress).count() == 30


def test_racing_answers_from_one_browser_write_one_response(world_a):
    _threads_possible()
    questionnaire = make_questionnaire(world_a)
    cookie = {"HTTP_COOKIE": f"renda_q{questionnaire.pk}=racing-browser-token-0123456789"}
    statuses = _burst([post(link(world_a, questionnaire), form_data(questionnaire), REMOTE_ADDR=f"10.51.0.{n}",
                            **cookie) for n in range(8)])
    assert sorted(statuses) == [302] + [409] * 7
    assert Response.objects.in_congress(world_a.congress).count() == 1
    assert Answer.objects.in_congress(world_a.congress).count() == 4  # nothing half-written


def test_racing_answers_with_one_code_write_one_response(world_a):
    _threads_possible()
    questionnaire = make_questionnaire(world_a, access="codes")
    code = qa.issue_answer_codes(world_a.congress, questionnaire, actor=world_a.office, count=1)[0].code
    statuses = _burst([post(link(world_a, questionnaire), {**form_data(questionnaire), "code": code},
                            REMOTE_ADDR=f"10.52.0.{n}") for n in range(8)])
    assert statuses.count(302) == 1
    assert Response.objects.in_congress(world_a.congress).count() == 1
    assert AnswerCode.objects.in_congress(world_a.congress).get().used_at is not None
