"""Text and values that are not what they look like (issue 11, point 5): every text field is
NFC-normalised and trimmed of spaces and invisible characters at its ends (a name of zero-width
spaces is an empty name), bidi overrides and control characters are refused with the field named,
and dates lie within a window per field (core.rules), checked at both edges."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from renda.core import actions as core_actions
from renda.core import rules
from renda.liaison import actions as liaison_actions
from renda.meetings import actions as meeting_actions
from renda.people.validation import Errors, text


def cleaned(value, **kw):
    errors = Errors()
    result = text({"f": value}, errors, "f", "姓名", **kw)
    return result, errors.by_field.get("f", [])


@pytest.mark.parametrize("value", ["\u200b", "\u200b\u200c\u200d", "\ufeff \u2060", " \u3000\u200b"])
def test_a_value_of_only_invisible_characters_is_empty(value):
    assert cleaned(value, required=True) == ("", ["“姓名”必须填写"])


def test_invisible_characters_at_the_ends_are_dropped_inside_kept():
    assert cleaned("\u200b张\u200d伟\ufeff") == ("张\u200d伟", [])


def test_text_is_nfc_normalised():
    assert cleaned("e\u0301") == ("\u00e9", [])


@pytest.mark.parametrize("char", ["\u202a", "\u202e", "\u2066", "\u2069"])
def test_bidi_overrides_and_isolates_are_refused(char):
    assert cleaned(f"发票{char}exe.txt")[1] == ["“姓名”不能包含改变文字方向的控制字符"]


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f"])
def test_control_characters_are_refused(char):
    assert cleaned(f"张{char}伟")[1] == ["“姓名”不能包含控制字符"]
    assert cleaned(f"张{char}伟", max_length=5000)[1] == ["“姓名”不能包含控制字符"]


def test_line_breaks_and_tabs_only_in_multi_line_fields():
    assert cleaned("第一行\n第二行")[1] == ["“姓名”不能包含控制字符"]
    assert cleaned("第一行\r\n\t第二行", max_length=5000) == ("第一行\n\t第二行", [])
    assert cleaned("第一行\n第二行", multiline=True) == ("第一行\n第二行", [])


def test_a_deputy_named_with_zero_width_spaces_is_refused(world_a):
    with pytest.raises(ValidationError) as error:
        world_a.make_deputy("\u200b\u200b")
    assert error.value.message_dict["name"] == ["“姓名”必须填写"]


def test_a_blank_concern_is_refused(world_a):
    with pytest.raises(ValidationError) as error:
        liaison_actions.submit_concern(
            world_a.congress, world_a.station, actor=world_a.public,
            data={"anonymous": True, "category": rules.get(world_a.congress, "liaison.categories")[0],
                  "text": " \u200b\u3000\ufeff "})
    assert "“诉求内容”必须填写" in error.value.message_dict["text"]


# ── date windows ──

def _meeting(world, when):
    return meeting_actions.create_meeting(world.congress, actor=world.root, term=world.term, kind="plenary",
                                          starts_at=when, place="会议室")


def test_meeting_dates_from_2000_to_five_years_ahead(world_a):
    tz = timezone.get_current_timezone()
    first, last = rules.year_window(rules.MEETING_FIRST_YEAR, rules.MEETING_YEARS_AHEAD)
    assert first == datetime.date(2000, 1, 1)
    assert last == datetime.date(timezone.localdate().year + 5, 12, 31)
    _meeting(world_a, datetime.datetime(2000, 1, 1, 9, tzinfo=tz))
    _meeting(world_a, datetime.datetime(last.year, 12, 31, 9, tzinfo=tz))
    for day in (datetime.datetime(1999, 12, 31, 9, tzinfo=tz), datetime.datetime(last.year + 1, 1, 1, 9, tzinfo=tz),
                datetime.datetime(1, 1, 1, 9, tzinfo=tz), datetime.datetime(9999, 12, 31, 9, tzinfo=tz)):
        with pytest.raises(ValidationError) as error:
            _meeting(world_a, day)
        assert "“开始时间”须在 2000-01-01 至" in error.value.message_dict["starts_at"][0]


def test_term_dates_from_1954_to_ten_years_ahead(world_a):
    c, root = world_a.congress, world_a.root
    last = datetime.date(timezone.localdate().year + 10, 12, 31)
    core_actions.create_term(c, actor=root, number=1, start=datetime.date(1954, 1, 1), end=last)
    for start, end, window in [(datetime.date(1953, 12, 31), None, "1954-01-01"),
                               (datetime.date(2030, 1, 1), last + datetime.timedelta(days=1), "1954-01-01"),
                               (datetime.date(1, 1, 1), datetime.date(9999, 12, 31), "1900-01-01")]:
        with pytest.raises(ValidationError) as error:
            core_actions.create_term(c, actor=root, number=2, start=start, end=end)
        assert f"须在 {window} 至" in str(error.value)


@pytest.mark.parametrize(("number", "allowed"), [(0, False), (1, True), (99, True), (100, False), (40000, False)])
def test_term_numbers_from_1_to_99(world_a, number, allowed):
    if allowed:
        assert core_actions.create_term(world_a.congress, actor=world_a.root, number=number,
                                        start="2030-01-01").number == number
    else:
        with pytest.raises(ValidationError) as error:
            core_actions.create_term(world_a.congress, actor=world_a.root, number=number, start="2030-01-01")
        assert "“届次”须为 1 至 99 的整数" in error.value.message_dict["number"][0]


# ── answers to suggestions: not before the assignment, at most a day ahead ──

def _answer(world, item, on):
    from renda.proposals import actions as proposals
    from renda.proposals.tests.test_handling_and_feedback import officer

    return proposals.answer_suggestion(world.congress, item, actor=officer(world), outcome="B", text_="答复",
                                       answered_on=on)


def _contacted(world, assigned_on):
    from renda.proposals import actions as proposals
    from renda.proposals.tests.test_handling_and_feedback import assigned, officer

    item = assigned(world, on=assigned_on)
    proposals.record_contact(world.congress, item, actor=officer(world), on=assigned_on, way="visit", summary="走访")
    return item


def test_an_answer_dated_before_the_assignment_is_refused(world_a):
    item = _contacted(world_a, datetime.date(2026, 1, 10))
    with pytest.raises(ValidationError) as error:
        _answer(world_a, item, datetime.date(2026, 1, 9))
    assert error.value.message_dict["answered_on"] == ["“答复日期”不能早于交办日期 2026-01-10，收到：2026-01-09"]
    assert _answer(world_a, item, datetime.date(2026, 1, 10)).answered_on == datetime.date(2026, 1, 10)


def test_an_answer_dated_more_than_a_day_ahead_is_refused(world_a):
    today = timezone.localdate()
    item = _contacted(world_a, today - datetime.timedelta(days=30))
    for ahead in (2, 60):
        with pytest.raises(ValidationError) as error:
            _answer(world_a, item, today + datetime.timedelta(days=ahead))
        assert "“答复日期”不能晚于" in error.value.message_dict["answered_on"][0]
    assert _answer(world_a, item, today + datetime.timedelta(days=1)).answered_on == today + datetime.timedelta(days=1)


@pytest.mark.parametrize(("day", "allowed"), [("1899-12-31", False), ("1900-01-01", True), ("2099-12-31", True),
                                               ("2100-01-01", False), ("9999-12-31", False), ("0001-01-01", False)])
def test_any_date_field_lies_between_1900_and_2099(day, allowed):
    from renda.people.validation import date

    errors = Errors()
    value = date({"d": day}, errors, "d", "日期")
    assert (value is not None) == allowed
    assert bool(errors.by_field) != allowed
    if not allowed:
        assert errors.by_field["d"] == [f"“日期”须在 1900-01-01 至 2099-12-31 之间，收到：{day}"]


def test_a_commitment_with_a_direction_override_is_refused(world_a):
    from renda.proposals import actions as proposals
    from renda.proposals.tests.test_handling_and_feedback import officer

    item = _contacted(world_a, datetime.date(2026, 1, 10))
    with pytest.raises(ValidationError) as error:
        proposals.answer_suggestion(world_a.congress, item, actor=officer(world_a), outcome="B", text_="答复",
                                    answered_on=datetime.date(2026, 1, 12),
                                    commitments=[{"text": "年底\u202e前完成", "due_on": "2026-12-31"}, "不是承诺"])
    assert error.value.message_dict["commitments"] == ["“第1项承诺”不能包含改变文字方向的控制字符",
                                                       "第2项承诺须含内容和完成时间"]


def test_an_account_name_and_a_token_name_follow_the_text_rule(world_a):
    with pytest.raises(ValidationError) as error:
        core_actions.create_account(world_a.congress, actor=world_a.admin, username="zw", full_name="\u200b\u200b")
    assert error.value.message_dict["full_name"] == ["“姓名”必须填写"]
    with pytest.raises(ValidationError) as error:
        core_actions.create_account(world_a.congress, actor=world_a.admin, username="zw", full_name="张\u202e伟")
    assert error.value.message_dict["full_name"] == ["“姓名”不能包含改变文字方向的控制字符"]
    with pytest.raises(ValidationError) as error:
        core_actions.issue_api_token(world_a.congress, actor=world_a.office, name="脚本\x1b")
    assert error.value.message_dict["name"] == ["“名称”不能包含控制字符"]
