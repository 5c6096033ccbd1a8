"""The tally and its single figures: counts, shares of those who answered, the scale's mean."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from renda.core.errors import ValidationError
from renda.questionnaires import actions as qa
from renda.questionnaires.tally import figure, percent, tally
from renda.questionnaires.tests.factory import full_answers, make_questionnaire, question_ids


def answer_all(world, questionnaire, rows):
    for i, row in enumerate(rows):
        qa.answer_questionnaire(world.congress, questionnaire, actor=AnonymousUser(),
                                respondent_token=f"tally-browser-{i:04d}-abcdefghijk", answers=row)


@pytest.fixture
def answered(world_a):
    questionnaire = make_questionnaire(world_a)
    a, b, c, d = question_ids(questionnaire)
    answer_all(world_a, questionnaire, [
        full_answers(questionnaire, single=0, multiple=(0, 1), scale=5, text="多些活动"),
        full_answers(questionnaire, single=0, multiple=(1,), scale=4, text=""),
        full_answers(questionnaire, single=1, multiple=(1, 3), scale=4, text="饭菜偏咸"),
        {a: 2, b: [2], c: 2},
    ])
    return questionnaire, (a, b, c, d)


def test_it_counts_each_kind(answered):
    questionnaire, (a, b, c, d) = answered
    t = tally(questionnaire)
    assert t["responses"] == 4
    single, multiple, scale, text = t["questions"]
    assert (single["id"], single["number"], single["answered"]) == (a, 1, 4)
    assert [(o["label"], o["count"], o["percent"]) for o in single["options"]] == [
        ("满意", 2, Decimal("50.0")), ("基本满意", 1, Decimal("25.0")), ("不满意", 1, Decimal("25.0"))]
    # Multiple choice: shares of those who answered, adding up to more than 100.
    assert [(o["count"], o["percent"]) for o in multiple["options"]] == [
        (1, Decimal("25.0")), (3, Decimal("75.0")), (1, Decimal("25.0")), (1, Decimal("25.0"))]
    assert scale["scale"]["mean"] == Decimal("3.75")
    assert [(p["value"], p["count"], p["percent"]) for p in scale["scale"]["distribution"]] == [
        (1, 0, Decimal("0.0")), (2, 1, Decimal("25.0")), (3, 0, Decimal("0.0")), (4, 2, Decimal("50.0")),
        (5, 1, Decimal("25.0"))]
    assert (text["answered"], text["texts"]) == (2, ["多些活动", "饭菜偏咸"])
    assert "options" not in text and "scale" not in single


def test_percentages_round_half_up_to_one_decimal():
    assert percent(1, 3) == Decimal("33.3")
    assert percent(2, 3) == Decimal("66.7")
    assert percent(1, 8) == Decimal("12.5")
    assert percent(1, 16) == Decimal("6.3")  # 6.25 → 6.3, not banker's 6.2
    assert percent(0, 0) == Decimal("0.0")


def test_an_empty_questionnaire_tallies_zeroes(world_a):
    questionnaire = make_questionnaire(world_a)
    t = tally(questionnaire)
    assert t["responses"] == 0
    assert t["questions"][0]["options"][0] == {"index": 0, "label": "满意", "count": 0, "percent": Decimal("0.0")}
    assert t["questions"][2]["scale"]["mean"] is None
    assert figure(questionnaire, question_ids(questionnaire)[2], measure="mean") == Decimal("0")


def test_figure_gives_one_number_of_the_tally(answered):
    questionnaire, (a, b, c, d) = answered
    assert figure(questionnaire) == Decimal(4)
    assert figure(questionnaire, a, 0, "count") == 2
    assert figure(questionnaire, a, 0, "percent") == Decimal("50.0")
    assert figure(questionnaire, b, 1, "percent") == Decimal("75.0")
    assert figure(questionnaire, c, 4, "count") == 2
    assert figure(questionnaire, c, measure="mean") == Decimal("3.75")
    assert figure(questionnaire, d, measure="count") == 2  # answered the text question
    assert figure(questionnaire, d, measure="percent") == Decimal("50.0")  # of all responses


@pytest.mark.parametrize(("args", "field"), [
    ({"measure": "median"}, "measure"),
    ({"question_id": 1, "measure": "responses"}, "measure"),
    ({"measure": "count"}, "question_id"),
    ({"question_id": 0, "measure": "count"}, "question_id"),
])
def test_figure_refuses_a_bad_reference(answered, args, field):
    questionnaire, _ids = answered
    with pytest.raises(ValidationError) as caught:
        figure(questionnaire, **args)
    assert field in caught.value.message_dict


def test_figure_refuses_a_choice_the_question_has_not(answered, world_a):
    questionnaire, (a, b, c, d) = answered
    for question_id, choice in ((a, 3), (a, -1), (b, 4), (c, 0), (c, 6), (d, 0), (a, True)):
        with pytest.raises(ValidationError) as caught:
            figure(questionnaire, question_id, choice, "count")
        assert "choice" in caught.value.message_dict
    with pytest.raises(ValidationError):
        figure(questionnaire, a, measure="mean")
    assert figure(questionnaire, a, 2, "count") == 1  # the last option is there
    other = make_questionnaire(world_a)
    with pytest.raises(ValidationError) as caught:
        figure(questionnaire, question_ids(other)[0], 0, "count")
    assert "question_id" in caught.value.message_dict
