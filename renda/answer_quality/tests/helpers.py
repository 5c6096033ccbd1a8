"""Items answered through the proposals and liaison actions, for the answer-quality tests."""

from __future__ import annotations

import datetime
import itertools

from renda.proposals import actions
from renda.proposals.tests.test_supervision_and_evaluation import unit

_n = itertools.count(1)

STOCK = ("您提出的建议收悉。我局高度重视，经认真研究，现答复如下：该建议涉及面广，需统筹考虑，"
         "我局将在今后工作中认真研究，供研究时参考。感谢您对我局工作的关心和支持。")


def item_for(world, lead_unit, *, title: str, body: str):
    """A suggestion filed by the world's deputy and assigned to ``lead_unit``."""
    item = actions.save_suggestion_draft(world.congress, actor=world.deputy, term=world.term, title=title, body=body)
    actions.submit_suggestion(world.congress, item, actor=world.deputy)
    actions.accept_suggestion(world.congress, item, actor=world.office)
    return actions.assign_suggestion(world.congress, item, actor=world.office, lead_unit=lead_unit,
                                     on=datetime.date(2026, 1, 10))


def answer(world, item, text: str, *, officer=None):
    officer = officer or world.users["unit_officer"]
    actions.record_contact(world.congress, item, actor=officer, on="2026-02-01", way="phone", summary="电话沟通")
    return actions.answer_suggestion(world.congress, item, actor=officer, outcome="C", text_=text,
                                     answered_on="2026-03-01")


def answered(world, text: str, *, lead_unit=None, officer=None, title: str | None = None, body: str = "请研究"):
    n = next(_n)
    item = item_for(world, lead_unit or world.unit, title=title or f"关于第{n}件事的建议", body=body)
    return answer(world, item, text, officer=officer)


def other_unit(world, name: str = "交通局"):
    return unit(world, name)


def concern_for(world, lead_unit=None, *, text: str = "小区门口缺少人行横道，老人过马路很危险"):
    """A constituent's concern at the world's station, passed by the office to ``lead_unit`` (上报办)."""
    from renda.liaison import actions as liaison

    item = liaison.submit_concern(world.congress, world.station, actor=world.public,
                                  data={"person_name": "赵大妈", "person_contact": "13900000001", "category": "交通出行",
                                        "text": text, "place": "城关镇幸福小区"})
    return liaison.triage_concern(world.congress, item, actor=world.office, path="referred",
                                  unit=lead_unit or world.unit)


def answer_concern(world, concern, text: str, *, officer=None):
    from renda.liaison import actions as liaison

    return liaison.answer_concern(world.congress, concern, actor=officer or world.users["unit_officer"], answer=text)


def answered_concern(world, text: str, *, lead_unit=None, officer=None,
                     concern_text: str = "小区门口缺少人行横道，老人过马路很危险"):
    return answer_concern(world, concern_for(world, lead_unit, text=concern_text), text, officer=officer)
