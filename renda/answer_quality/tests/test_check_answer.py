"""An answer is checked in the answer's own transaction: flagged when it repeats its unit's earlier
answer to another item, or when it does not take up the item's request; never blocked."""

import pytest

from renda.answer_quality import actions as quality
from renda.answer_quality.models import AnswerFlag
from renda.answer_quality.tests.helpers import STOCK, answered, item_for, other_unit
from renda.answer_quality.tests.helpers import answer as give_answer
from renda.core.errors import NotPermitted
from renda.proposals.models import Answer

B, OFF = AnswerFlag.Kind.BOILERPLATE, AnswerFlag.Kind.OFF_TOPIC


def flags(world, answer):
    return {f.kind: f for f in AnswerFlag.objects.in_congress(world.congress).filter(object_id=answer.pk)}


def test_it_flags_an_answer_repeating_the_units_earlier_answer_to_another_item(world_a):
    first = answered(world_a, STOCK)
    assert B not in flags(world_a, first)  # the unit's first answer repeats nothing
    second = answered(world_a, STOCK.replace("我局", "本局", 1))
    flag = flags(world_a, second)[B]
    assert flag.score >= 0.6 and flag.unit_id == world_a.unit.pk and flag.item_id == second.suggestion_id
    earlier = flag.evidence["earlier"][0]
    assert earlier["answer_id"] == first.pk and earlier["item_id"] == first.suggestion_id
    assert "关于第" in earlier["item"]  # the earlier item's number and title
    assert any("供研究时参考" in p for p in earlier["passages"])


def test_the_same_text_from_a_different_unit_is_not_boilerplate(world_a):
    traffic, traffic_officer = other_unit(world_a)
    answered(world_a, STOCK)
    theirs = answered(world_a, STOCK, lead_unit=traffic, officer=traffic_officer)
    assert B not in flags(world_a, theirs)


def test_a_second_answer_to_the_same_item_is_not_compared_with_its_first(world_a):
    from renda.proposals import actions

    first = answered(world_a, STOCK)
    item = first.suggestion
    actions.rate_suggestion(world_a.congress, item, actor=world_a.deputy, work="不满意", result="不满意")
    second = give_answer(world_a, item, STOCK)
    assert second.round == 2 and B not in flags(world_a, second)


def test_an_answer_taking_up_the_request_is_not_off_topic_an_unrelated_one_is(world_a):
    asks = {"title": "关于在人民路增设红绿灯的建议", "body": "人民路与解放路交叉口早晚高峰拥堵。建议尽快增设红绿灯和人行横道。"}
    good = give_answer(world_a, item_for(world_a, world_a.unit, **asks),
                       "关于在人民路与解放路交叉口增设红绿灯的建议，我局已完成勘察，年内安装红绿灯并施划人行横道。")
    assert OFF not in flags(world_a, good)
    bad = give_answer(world_a, item_for(world_a, world_a.unit, **asks), "感谢您对教育工作的关心，我局将加强学校食堂管理。")
    flag = flags(world_a, bad)[OFF]
    assert flag.score < 0.2
    assert any("红绿灯" in m for m in flag.evidence["missing"])


def test_flags_never_block_an_answer(world_a, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("检查出错")

    monkeypatch.setattr(quality, "evaluate", broken)
    answer = answered(world_a, STOCK)
    assert Answer.objects.in_congress(world_a.congress).filter(pk=answer.pk).exists()
    assert answer.suggestion.status == "answered"
    assert not AnswerFlag.objects.in_congress(world_a.congress).exists()


def test_a_flagged_answer_is_given_all_the_same(world_a):
    answered(world_a, STOCK)
    second = answered(world_a, STOCK)
    assert second.suggestion.status == "answered" and B in flags(world_a, second)


def test_rechecking_replaces_the_flags(world_a):
    first = answered(world_a, STOCK)
    second = answered(world_a, STOCK)
    assert B in flags(world_a, second)
    Answer.objects.in_congress(world_a.congress).filter(pk=first.pk).update(text="我局已于三月完成校车线路调整，新增两条线路。")
    quality.check_answer(world_a.congress, second, actor=world_a.office)
    assert B not in flags(world_a, second)


def test_a_deputy_may_not_check_an_answer_and_another_congress_answer_is_not_found(world_a, world_b):
    answer = answered(world_a, STOCK)
    with pytest.raises(NotPermitted):
        quality.check_answer(world_a.congress, answer, actor=world_a.deputy)
    from renda.core.errors import NotFound

    with pytest.raises(NotFound):
        quality.check_answer(world_b.congress, answer, actor=world_b.office)


def test_the_command_rechecks_every_answer_of_a_congress(world_a):
    from django.core.management import call_command

    answered(world_a, STOCK)
    second = answered(world_a, STOCK)
    AnswerFlag.objects.in_congress(world_a.congress).delete()
    call_command("check_answers", "--as", world_a.root.username, "--congress", world_a.congress.code)
    assert B in flags(world_a, second)
