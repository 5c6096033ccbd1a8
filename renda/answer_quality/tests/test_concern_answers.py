"""A unit's answer to a constituent's concern or an opinion-register item is checked like a suggestion's:
flagged to staff when it repeats the unit's earlier answer to another concern, or does not take up what
the concern asks; never blocking the answer, never shown to deputies, units or the person."""

import pytest
from django.core.management import call_command
from django.test import Client

from renda.answer_quality import actions as quality
from renda.answer_quality.models import AnswerFlag
from renda.answer_quality.tests.helpers import (
    STOCK,
    answer_concern,
    answered,
    answered_concern,
    concern_for,
    other_unit,
)
from renda.core.errors import NotFound
from renda.core.tests.test_api import bearer
from renda.liaison.models import Concern
from renda.testing import signed_in

B, OFF = AnswerFlag.Kind.BOILERPLATE, AnswerFlag.Kind.OFF_TOPIC
GOOD = "已联系交警大队，本周内在小区门口施划人行横道并设置提示牌，方便老人过马路。"
UNRELATED = "感谢您对教育工作的关心，我局将加强学校食堂管理，提高饭菜质量。"


def flags(world, concern):
    return {f.kind: f for f in AnswerFlag.objects.in_congress(world.congress)
            .filter(source=AnswerFlag.Source.CONCERN, object_id=concern.pk)}


def register_item(world, text="村道破损严重，雨天积水，群众出行不便"):
    from renda.opinions.tests.factory import assigned, direct_line

    return assigned(world, direct_line(world, text=text))


def test_a_unit_repeating_its_answer_to_another_concern_is_flagged_with_the_earlier_concern_named(world_a):
    first = answered_concern(world_a, STOCK)
    assert B not in flags(world_a, first)  # the unit's first answer to a concern repeats nothing
    second = answered_concern(world_a, STOCK.replace("我局", "本局", 1), concern_text="小区路灯坏了一个月没人修")
    flag = flags(world_a, second)[B]
    assert flag.unit_id == world_a.unit.pk and flag.item_id == second.pk and flag.score >= 0.6
    earlier = flag.evidence["earlier"][0]
    assert (earlier["item_id"], earlier["register"]) == (first.pk, False)
    assert earlier["item"].startswith(f"群众诉求 {first.pk}") and any("供研究时参考" in p for p in earlier["passages"])


def test_the_same_text_from_a_different_unit_is_not_boilerplate(world_a):
    traffic, traffic_officer = other_unit(world_a)
    answered_concern(world_a, STOCK)
    theirs = answered_concern(world_a, STOCK, lead_unit=traffic, officer=traffic_officer)
    assert theirs.status == Concern.Status.ANSWERED and B not in flags(world_a, theirs)


def test_a_concern_answer_is_not_compared_with_the_units_suggestion_answers(world_a):
    answered(world_a, STOCK)  # the same unit's stock answer to a suggestion
    concern = answered_concern(world_a, STOCK)
    assert B not in flags(world_a, concern)


def test_an_answer_taking_up_the_concern_is_not_off_topic_an_unrelated_one_is(world_a):
    good = answered_concern(world_a, GOOD)
    assert OFF not in flags(world_a, good)
    bad = answered_concern(world_a, UNRELATED)
    flag = flags(world_a, bad)[OFF]
    assert flag.score < 0.2 and any("人行横道" in m for m in flag.evidence["missing"])
    assert "人行横道" in flag.evidence["request"]  # no 建议 in the concern: the whole text is the request


def test_a_register_item_answered_by_its_unit_is_checked_and_linked_to_the_register(world_a):
    first = answer_concern(world_a, register_item(world_a), STOCK)
    second = answer_concern(world_a, register_item(world_a, "村卫生室医生退休后一直锁门"), STOCK)
    earlier = flags(world_a, second)[B].evidence["earlier"][0]
    assert (earlier["item_id"], earlier["register"]) == (first.pk, True)
    page = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/opinions/{second.pk}/").content.decode()
    assert "套话答复" in page and f"/opinions/{first.pk}/" in page and "<mark>" in page


def test_a_deputys_tracked_outcome_is_no_units_answer_and_is_not_checked(world_a):
    from renda.liaison import actions as liaison
    from renda.liaison.tests.factory import concern, station_deputy

    mandate = station_deputy(world_a)
    answered_concern(world_a, STOCK)
    item = liaison.triage_concern(world_a.congress, concern(world_a), actor=world_a.office, path="tracked",
                                  responsible=mandate)
    liaison.answer_concern(world_a.congress, item, actor=world_a.deputy, answer=STOCK)
    assert item.status == Concern.Status.ANSWERED and flags(world_a, item) == {}


def test_a_failing_check_never_blocks_the_answer(world_a, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("检查出错")

    monkeypatch.setattr(quality, "evaluate_concern", broken)
    item = answered_concern(world_a, STOCK)
    item.refresh_from_db()
    assert (item.status, item.answer) == (Concern.Status.ANSWERED, STOCK)
    assert not AnswerFlag.objects.in_congress(world_a.congress).exists()


def test_another_congress_concern_is_not_found(world_a, world_b):
    item = answered_concern(world_a, STOCK)
    with pytest.raises(NotFound):
        quality.check_concern_answer(world_b.congress, item, actor=world_b.office)


def two_stock_concerns(world):
    first = answered_concern(world, STOCK)
    return first, answered_concern(world, STOCK)


def test_staff_see_the_flag_on_the_concern_page_with_the_earlier_concern_linked(world_a):
    first, second = two_stock_concerns(world_a)
    page = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/concerns/{second.pk}/").content.decode()
    assert "答复质量提示" in page and "套话答复" in page and f"/concerns/{first.pk}/" in page and "<mark>" in page


def test_the_person_the_deputy_and_the_unit_never_see_the_flags(world_a):
    _, second = two_stock_concerns(world_a)
    code = world_a.congress.code
    track = Client().get(f"/c/{code}/track/{second.tracking_code}/").content.decode()
    assert STOCK[:10] in track and "答复质量提示" not in track and "套话" not in track
    unit_page = signed_in(world_a.users["unit_officer"]).get(f"/c/{code}/concerns/{second.pk}/")
    assert unit_page.status_code == 200 and "答复质量提示" not in unit_page.content.decode()
    # a register item: its raiser (the deputy) and its unit open its page, without the flags
    answer_concern(world_a, register_item(world_a), STOCK)
    item = answer_concern(world_a, register_item(world_a, "村卫生室医生退休后一直锁门"), STOCK)
    assert B in flags(world_a, item)
    for user in (world_a.deputy, world_a.users["unit_officer"]):
        page = signed_in(user).get(f"/c/{code}/opinions/{item.pk}/")
        assert page.status_code == 200 and "答复质量提示" not in page.content.decode()
        assert signed_in(user).get(f"/c/{code}/answer-quality/").status_code == 403
        assert Client().get("/api/answer-quality/flags?source=concern", **bearer(world_a, user)).status_code == 403


def test_the_list_and_the_api_give_both_sources_filtered_and_linked(world_a, world_b):
    _, suggestion_answer = answered(world_a, STOCK), answered(world_a, STOCK)
    first, second = two_stock_concerns(world_a)
    code = world_a.congress.code
    listing = signed_in(world_a.office).get(f"/c/{code}/answer-quality/").content.decode()
    assert f"/concerns/{second.pk}/" in listing and f"/suggestions/{suggestion_answer.suggestion_id}/" in listing
    only = signed_in(world_a.office).get(f"/c/{code}/answer-quality/?source=concern").content.decode()
    assert f"/concerns/{second.pk}/" in only and f"/suggestions/{suggestion_answer.suggestion_id}/" not in only
    office = bearer(world_a, world_a.office)
    rows = Client().get("/api/answer-quality/flags?source=concern&kind=boilerplate", **office).json()
    assert [(r["source"], r["item_id"], r["item_url"]) for r in rows] == [
        ("concern", second.pk, f"/c/{code}/concerns/{second.pk}/")]
    assert rows[0]["earlier"][0]["item_url"] == f"/c/{code}/concerns/{first.pk}/"
    both = {r["source"] for r in Client().get("/api/answer-quality/flags", **office).json()}
    assert both == {"suggestion", "concern"}
    assert Client().get("/api/answer-quality/flags?source=nonsense", **office).status_code == 422
    # another congress: the concern page is not found, the unit is not one of its own, no flags listed
    other = bearer(world_b, world_b.office)
    assert signed_in(world_b.office).get(f"/c/{world_b.congress.code}/concerns/{second.pk}/").status_code == 404
    assert Client().get(f"/api/answer-quality/flags?source=concern&unit={world_a.unit.pk}", **other).status_code == 422
    assert Client().get("/api/answer-quality/flags?source=concern", **other).json() == []


def test_the_command_rechecks_concern_answers_too(world_a):
    first, second = two_stock_concerns(world_a)
    concern_for(world_a)  # passed on, not yet answered: nothing to check
    AnswerFlag.objects.in_congress(world_a.congress).delete()
    call_command("check_answers", "--as", world_a.root.username, "--congress", world_a.congress.code)
    assert B in flags(world_a, second)
    # answered the same day, the two name each other when re-checked
    assert flags(world_a, first)[B].evidence["earlier"][0]["item_id"] == second.pk
