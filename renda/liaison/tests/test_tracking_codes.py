"""Tracking codes a person reads out and types on a phone keypad: eleven digits with a Damm check
digit; a mistyped digit is told as such (not "not found"); codes issued before keep working."""

import pytest
from django.core.cache import cache
from django.test import Client

from renda.liaison import codes, intake_guard
from renda.liaison.models import Concern
from renda.liaison.tests.factory import concern


@pytest.fixture(autouse=True)
def _clear_lookup_counts():
    cache.clear()
    yield
    cache.clear()


def test_it_issues_eleven_digits_whose_check_digit_holds():
    for _ in range(200):
        code = codes.new_code()
        assert len(code) == 11 and code.isdigit() and codes.is_valid(code)


def test_it_uses_dammss_published_check_digit():
    assert codes.check_digit("572") == "4"  # the worked example published with the algorithm
    assert codes.is_valid("5724".rjust(11, "0"))


def test_it_detects_every_single_digit_error():
    code = codes.new_code()
    for position in range(len(code)):
        for digit in "0123456789":
            if digit != code[position]:
                typo = code[:position] + digit + code[position + 1:]
                assert not codes.is_valid(typo), typo
                assert codes.parse(typo) == (typo, codes.MISTYPED)


def test_it_detects_every_swap_of_neighbouring_digits():
    code = codes.new_code()
    for i in range(len(code) - 1):
        swapped = code[:i] + code[i + 1] + code[i] + code[i + 2:]
        if swapped != code:
            assert not codes.is_valid(swapped), swapped


def test_it_reads_what_people_type():
    code = codes.new_code()
    spaced = f" {code[:3]} {code[3:7]}-{code[7:]} "
    full_width = code.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert codes.parse(spaced) == (code, "") and codes.parse(full_width) == (code, "")
    assert codes.display(code) == f"{code[:3]} {code[3:7]} {code[7:]}"
    assert codes.parse(code[:-2])[1].startswith(codes.MISTYPED)  # too short
    assert codes.parse("")[1] == "请输入查询码"
    assert codes.parse("abcdefghjk") == ("ABCDEFGHJK", "")  # an old code, typed in lower case


def test_a_new_concern_gets_a_new_style_code(world_a):
    item = concern(world_a)
    assert codes.is_valid(item.tracking_code)


def test_the_tracking_page_answers_a_typo_with_mistyped_not_not_found(world_a):
    item = concern(world_a)
    code = item.tracking_code
    typo = code[:4] + str((int(code[4]) + 1) % 10) + code[5:]
    client = Client()
    url = f"/c/{world_a.congress.code}/track/"
    page = client.get(url, {"code": typo})
    html = page.content.decode()
    assert page.status_code == 200 and "查询码有误，请核对" in html and "没有找到" not in html
    assert f'value="{typo}"' in html  # what was typed comes back to be corrected
    assert 'inputmode="numeric"' in html
    found = client.get(url, {"code": codes.display(code)})
    assert found.status_code == 302 and found["Location"].endswith(f"/track/{code}/")
    direct = client.get(f"/c/{world_a.congress.code}/track/{typo}/")
    assert direct.status_code == 200 and "查询码有误，请核对" in direct.content.decode()


def test_a_well_formed_code_nobody_was_given_is_not_found(world_a):
    body = "1234567890"
    unknown = body + codes.check_digit(body)
    page = Client().get(f"/c/{world_a.congress.code}/track/", {"code": unknown})
    assert page.status_code == 404 and codes.NOT_FOUND in page.content.decode()


def test_an_old_style_code_still_works(world_a):
    item = concern(world_a)
    Concern.objects.in_congress(world_a.congress).filter(pk=item.pk).update(tracking_code="K7M2Q9XA4B")
    client = Client()
    assert "已收到" in client.get(f"/c/{world_a.congress.code}/track/K7M2Q9XA4B/").content.decode()
    looked_up = client.get(f"/c/{world_a.congress.code}/track/", {"code": "k7m2 q9xa4b"})
    assert looked_up.status_code == 302 and looked_up["Location"].endswith("/track/K7M2Q9XA4B/")
    # The box offers the full keyboard for codes with letters.
    assert 'inputmode="text"' in client.get(f"/c/{world_a.congress.code}/liaison/?letters=1").content.decode()


def test_another_congresss_code_is_not_found_here(world_a, world_b):
    theirs = concern(world_b)
    page = Client().get(f"/c/{world_a.congress.code}/track/{theirs.tracking_code}/")
    assert page.status_code == 404 and "已收到" not in page.content.decode()
    assert Client().get(f"/c/{world_b.congress.code}/track/{theirs.tracking_code}/").status_code == 200


def test_guessing_codes_is_cut_off_but_typos_cost_nothing(world_a):
    mine = concern(world_a)
    client = Client(REMOTE_ADDR="10.7.7.7")
    url = f"/c/{world_a.congress.code}/track/"
    typo = ("0" if mine.tracking_code[0] != "0" else "1") + mine.tracking_code[1:]
    for _ in range(intake_guard.LOOKUP_MISSES_PER_HOUR + 5):
        assert client.get(url, {"code": typo}).status_code == 200  # mistyped: never counted
    for n in range(intake_guard.LOOKUP_MISSES_PER_HOUR):
        body = f"{n:010d}"
        assert client.get(url, {"code": body + codes.check_digit(body)}).status_code == 404
    refused = client.get(url, {"code": mine.tracking_code})
    assert refused.status_code == 429 and "查询过于频繁" in refused.content.decode()
    assert Client(REMOTE_ADDR="10.7.7.8").get(url, {"code": mine.tracking_code}).status_code == 302


def test_the_track_box_opened_without_a_code_shows_no_error(world_a):
    url = f"/c/{world_a.congress.code}/track/"
    html = Client().get(url).content.decode()
    box = html.split('id="track"')[1].split("</section>")[0]
    assert "请输入查询码" not in box and "errorlist" not in box and 'aria-invalid' not in box
    assert 'inputmode="numeric"' in box and "11 位数字" in box and "10 位字母" not in box
    # Sent empty, the box says so, still with the digit pad for the 11 digits.
    sent = Client().get(url, {"code": " "})
    box = sent.content.decode().split('id="track"')[1].split("</section>")[0]
    assert sent.status_code == 200 and "请输入查询码" in box
    assert 'inputmode="numeric"' in box and "10 位字母" not in box
