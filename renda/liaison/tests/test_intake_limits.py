"""Limits that protect the public instead of shutting it out (issue 11, point 3): refused submissions
never close a station, a solved sum answers once, and concurrent bursts get exactly the limit in;
tracking codes cannot be looked up in bulk through the API either."""

import threading

import pytest
from django.db import connection
from django.test import Client

from renda.core import actions as core_actions
from renda.liaison import codes, intake_guard
from renda.liaison.models import Concern
from renda.liaison.tests.factory import concern


def form(**extra):
    return {"category": "教育", "text": "学校门口早晚拥堵", "place": "实验小学", "anonymous": "on", **extra}


def body(**extra):
    return {"category": "教育", "text": "操场积水", "anonymous": True, **extra}


def _rule(world, key, value):
    core_actions.change_rule(world.congress, actor=world.admin, key=key, value=value)


def _intake(world):
    return f"/c/{world.congress.code}/stations/{world.station.pk}/intake/"


def _api(world):
    return f"/api/public/{world.congress.code}/stations/{world.station.pk}/concerns"


def _accepted(world):
    return Concern.objects.in_congress(world.congress).count()


def test_refused_submissions_from_thirty_addresses_do_not_close_the_station(world_a):
    _rule(world_a, "liaison.intake_per_station_hour", 5)
    for n in range(30):  # each address sends what the action refuses (a blank concern), the most it may
        client = Client(REMOTE_ADDR=f"10.30.0.{n}")
        for _ in range(3):
            assert client.post(_intake(world_a), form(text="")).status_code == 200
    assert _accepted(world_a) == 0
    for n in range(5):  # the station still takes its five this hour
        assert Client(REMOTE_ADDR=f"10.31.0.{n}").post(_intake(world_a), form()).status_code == 302
    sixth = Client(REMOTE_ADDR="10.31.0.99").post(_intake(world_a), form())
    assert sixth.status_code == 429 and "本联络站网上反映已达本时段上限" in sixth.content.decode()
    assert _accepted(world_a) == 5


def test_submissions_refused_for_a_missing_sum_do_not_count_against_the_station(world_a):
    _rule(world_a, "liaison.challenge_after", 0)
    _rule(world_a, "liaison.intake_per_station_hour", 1)
    for n in range(20):
        refused = Client(REMOTE_ADDR=f"10.32.0.{n}").post(_api(world_a), body(), content_type="application/json")
        assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "challenge"
    question = refused.json()["challenge"]
    a, b = (int(x) for x in question["question"].replace("= ?", "").split("+"))
    ok = Client(REMOTE_ADDR="10.32.0.0").post(_api(world_a), body(challenge=str(a + b),
                                              challenge_token=question["challenge_token"]), content_type="application/json")
    assert ok.status_code == 201


def _solve(response) -> dict:
    challenge = response.json()["challenge"]
    a, b = (int(x) for x in challenge["question"].replace("= ?", "").split("+"))
    return {"challenge": str(a + b), "challenge_token": challenge["challenge_token"]}


def test_a_solved_sum_answers_once(world_a):
    _rule(world_a, "liaison.challenge_after", 0)
    client = Client(REMOTE_ADDR="10.33.0.1")
    solved = _solve(client.post(_api(world_a), body(), content_type="application/json"))
    assert client.post(_api(world_a), body(**solved), content_type="application/json").status_code == 201
    again = client.post(_api(world_a), body(**solved), content_type="application/json")
    assert again.status_code == 422 and "这道验证题已经用过" in again.json()["detail"][0]["message"]
    elsewhere = Client(REMOTE_ADDR="10.33.0.2").post(_api(world_a), body(**solved), content_type="application/json")
    assert elsewhere.status_code == 422 and "已经用过" in elsewhere.json()["detail"][0]["message"]
    assert _accepted(world_a) == 1


def test_a_wrong_answer_spends_the_sum_so_one_sum_cannot_be_tried_with_every_answer(world_a):
    _rule(world_a, "liaison.challenge_after", 0)
    client = Client(REMOTE_ADDR="10.34.0.1")
    solved = _solve(client.post(_api(world_a), body(), content_type="application/json"))
    wrong = client.post(_api(world_a), body(challenge="99", challenge_token=solved["challenge_token"]),
                        content_type="application/json")
    assert wrong.status_code == 422 and "答案不正确" in wrong.json()["detail"][0]["message"]
    right_too_late = client.post(_api(world_a), body(**solved), content_type="application/json")
    assert right_too_late.status_code == 422 and "已经用过" in right_too_late.json()["detail"][0]["message"]
    assert _accepted(world_a) == 0


def test_on_the_form_a_reused_sum_is_refused_with_its_reason(world_a):
    _rule(world_a, "liaison.challenge_after", 0)
    client = Client(REMOTE_ADDR="10.35.0.1")
    first = client.post(_intake(world_a), form())
    assert first.status_code == 200 and "请回答验证题" in first.content.decode()
    a, b = (int(x) for x in first.context["question"].replace("= ?", "").split("+"))
    solved = {"challenge": a + b, "challenge_token": first.context["token"]}
    assert client.post(_intake(world_a), form(**solved)).status_code == 302
    again = client.post(_intake(world_a), form(**solved))
    assert again.status_code == 200 and "这道验证题已经用过" in again.content.decode()
    assert _accepted(world_a) == 1


def _burst(posts):
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


def _threads_possible():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("skipped on the in-memory SQLite test database: its threads share one cache with table locks "
                    "(\"database table is locked\"); on an SQLite file BEGIN IMMEDIATE serialises the counters' "
                    "writers, and the bursts run here on PostgreSQL with real threads")


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_forty_from_one_address_gets_exactly_the_limit_in(world_a):
    _threads_possible()
    _rule(world_a, "liaison.challenge_after", 100)  # the address limit alone (10) is tested here
    url = _api(world_a)
    statuses = _burst([lambda: Client(REMOTE_ADDR="10.40.0.1").post(url, body(), content_type="application/json")
                       .status_code] * 40)
    assert sorted(statuses) == [201] * 10 + [429] * 30
    assert _accepted(world_a) == 10


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_forty_addresses_gets_exactly_the_stations_limit_in(world_a):
    _threads_possible()
    _rule(world_a, "liaison.intake_per_station_hour", 10)
    url = _api(world_a)
    statuses = _burst([lambda n=n: Client(REMOTE_ADDR=f"10.41.0.{n}").post(url, body(), content_type="application/json")
                       .status_code for n in range(40)])
    assert sorted(statuses) == [201] * 10 + [429] * 30
    assert _accepted(world_a) == 10


def _unknown(n):
    digits = f"9{n:09d}"
    return digits + codes.check_digit(digits)


def test_the_api_cuts_off_guessing_tracking_codes_and_a_code_found_costs_nothing(world_a):
    mine = concern(world_a)
    client = Client(REMOTE_ADDR="10.42.0.1")
    url = f"/api/public/{world_a.congress.code}/track/"
    for _ in range(intake_guard.LOOKUP_MISSES_PER_HOUR + 5):
        assert client.get(url + mine.tracking_code).status_code == 200  # found: never counted
    for n in range(intake_guard.LOOKUP_MISSES_PER_HOUR):
        assert client.get(url + _unknown(n)).status_code == 404
    refused = client.get(url + mine.tracking_code)
    assert refused.status_code == 429 and "查询过于频繁" in refused.json()["detail"][0]["message"]
    feedback = client.post(url + mine.tracking_code + "/feedback", {"satisfaction": "satisfied"},
                           content_type="application/json")
    assert feedback.status_code == 429
    assert Client(REMOTE_ADDR="10.42.0.2").get(url + mine.tracking_code).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_lookups_gets_exactly_the_hourly_misses(world_a):
    _threads_possible()
    url = f"/api/public/{world_a.congress.code}/track/"
    statuses = _burst([lambda n=n: Client(REMOTE_ADDR="10.43.0.1").get(url + _unknown(n)).status_code
                       for n in range(40)])
    assert sorted(statuses) == [404] * intake_guard.LOOKUP_MISSES_PER_HOUR + [429] * (40 - intake_guard.LOOKUP_MISSES_PER_HOUR)
