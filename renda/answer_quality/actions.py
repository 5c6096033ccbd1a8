"""Writes of 答复质量提示: checking an answer and storing its flags.

``check_answer`` (a suggestion's answer) runs inside the answer's own transaction, called by the answer
action (``proposals.actions.answer_suggestion``) through ``check_quietly``; ``check_concern_answer``
(a unit's answer to a station's concern or an opinion-register item) likewise from
``liaison.actions.answer_concern`` through ``check_concern_quietly``. A check that fails is logged and
rolled back to its savepoint, and the answer goes out all the same. Flags are advice to staff; they
never block, change or hold an answer.
"""

from __future__ import annotations

import logging

from renda.answer_quality import checks
from renda.answer_quality.models import AnswerFlag
from renda.core import audit, rules
from renda.core.errors import NotFound
from renda.core.models import Congress
from renda.core.usecase import action
from renda.liaison.models import Concern
from renda.proposals.models import Answer

logger = logging.getLogger("renda.answer_quality")
# A unit's earlier answers compared with a new one: the most recent this many (a unit answers a few
# hundred items a year; the cap keeps one check bounded for the largest).
PAST_LIMIT = 2000
SHOWN_EARLIER = 3


def _label(suggestion) -> str:
    return f"{suggestion.numbered} {suggestion}".strip()


def _boilerplate(congress: Congress, answer: Answer) -> tuple[float, dict] | None:
    earlier = (Answer.objects.in_congress(congress).filter(unit_id=answer.unit_id, id__lt=answer.pk)
               .exclude(suggestion_id=answer.suggestion_id).select_related("suggestion").order_by("-id")[:PAST_LIMIT])
    past = [checks.Past(a.pk, a.suggestion_id, _label(a.suggestion), a.text) for a in earlier]
    return _repeated(congress, answer.text, past)


def _repeated(congress: Congress, text: str, past: list[checks.Past], extra=None) -> tuple[float, dict] | None:
    """Boilerplate evidence for ``text`` against the unit's earlier answers ``past`` (closest first);
    ``extra(past)`` adds fields to each earlier entry (a concern's page, register or station)."""
    found = checks.repeats(text, past,
                           containment=rules.get(congress, "answer_quality.boilerplate_containment"),
                           passage_units=rules.get(congress, "answer_quality.boilerplate_passage_units"),
                           min_units=rules.get(congress, "answer_quality.min_units"))
    if not found:
        return None
    return found[0].containment, {
        "earlier": [{"answer_id": r.past.answer_id, "item_id": r.past.item_id, "item": r.past.item_label,
                     "containment": round(r.containment, 3), "longest": r.longest, "passages": r.passages,
                     **(extra(r.past) if extra else {})}
                    for r in found[:SHOWN_EARLIER]],
        "repeated_answers": len(found),
    }


def _off_topic(congress: Congress, answer: Answer) -> tuple[float, dict] | None:
    item = answer.suggestion
    return _not_taken_up(congress, item.title, item.body, answer.text)


def _not_taken_up(congress: Congress, title: str, body: str, text: str) -> tuple[float, dict] | None:
    markers = rules.get(congress, "answer_quality.request_markers")
    request = checks.request_of(title, body, markers)
    cover = checks.coverage(request, text, markers, min_units=rules.get(congress, "answer_quality.min_units"))
    if cover is None or cover.exact >= rules.get(congress, "answer_quality.off_topic_coverage"):
        return None
    return cover.score, {"request": cover.request[:500], "missing": cover.missing}


def evaluate(congress: Congress, answer: Answer) -> dict[str, tuple[float, dict]]:
    """The flags this answer deserves now: kind → (score, evidence)."""
    found = {}
    for kind, check in ((AnswerFlag.Kind.BOILERPLATE, _boilerplate), (AnswerFlag.Kind.OFF_TOPIC, _off_topic)):
        result = check(congress, answer)
        if result is not None:
            found[kind.value] = result
    return found


@action("check_answer")
def check_answer(congress: Congress, answer: Answer, *, actor) -> list[AnswerFlag]:
    """Check one answer to a suggestion and keep its flags current (re-checking replaces them).
    Advisory only: 代表法第四十九条 asks units to answer each suggestion on its merits."""
    if answer.congress_id != congress.pk:
        raise NotFound("找不到该答复")
    found = evaluate(congress, answer)
    flags = _store(congress, AnswerFlag.Source.SUGGESTION, answer.pk, answer.suggestion_id, answer.unit_id, found)
    audit.record(congress, actor, "check_answer", answer.suggestion,
                 after={"answer_round": answer.round, "flags": sorted(found)})
    return flags


def _store(congress: Congress, source: str, object_id: int, item_id: int, unit_id: int | None,
           found: dict[str, tuple[float, dict]]) -> list[AnswerFlag]:
    """Make the answer's stored flags exactly ``found``: the others removed, these created or updated."""
    mine = AnswerFlag.objects.in_congress(congress).filter(source=source, object_id=object_id)
    mine.exclude(kind__in=list(found)).delete()
    flags = []
    for kind, (score, evidence) in found.items():
        flag, _ = AnswerFlag.objects.in_congress(congress).update_or_create(
            congress=congress, source=source, object_id=object_id, kind=kind,
            defaults={"item_id": item_id, "unit_id": unit_id, "score": round(score, 4), "evidence": evidence})
        flags.append(flag)
    return flags


def check_quietly(congress: Congress, answer: Answer, *, actor) -> list[AnswerFlag]:
    """``check_answer`` for the answer action: whatever goes wrong, the answer is not held up."""
    try:
        return check_answer(congress, answer, actor=actor)
    except Exception:  # noqa: BLE001 — advisory: a failed check must never block the answer
        logger.exception("answer check failed for answer %s in %s", answer.pk, congress.code)
        return []


# ── a unit's answer to a concern or an opinion-register item (liaison.Concern) ──

def is_unit_answer(concern: Concern) -> bool:
    """A concern's answer is a unit's when the concern was passed to that unit (上报办) and answered;
    not the outcome a deputy records under 跟踪办, not an on-the-spot solution, and not an item merged
    into another (its answer is the main item's, copied)."""
    return (concern.path == Concern.Path.REFERRED and concern.unit_id is not None and not concern.merged_into_id
            and bool(concern.answer.strip()) and concern.answered_on is not None)


def unit_concern_answers(congress: Congress):
    """Every unit answer to a concern in this congress (see ``is_unit_answer``)."""
    return (Concern.objects.in_congress(congress)
            .filter(path=Concern.Path.REFERRED, unit__isnull=False, merged_into__isnull=True, answered_on__isnull=False)
            .exclude(answer=""))


def _concern_label(concern: Concern) -> str:
    kind = "意见建议" if concern.source in Concern.REGISTER_SOURCES else "群众诉求"
    return f"{kind} {concern.pk}：{concern.text[:30]}"


def _concern_boilerplate(congress: Congress, concern: Concern) -> tuple[float, dict] | None:
    """Compared with the same unit's answers to OTHER concerns and register items only, not with its
    answers to suggestions: a concern is often the very matter of a suggestion (a deputy turns it into
    one, ``draft_suggestion_from_concern``, or raises it both ways), where answering both alike is right,
    not boilerplate; and a suggestion's answer is a formal letter whose prescribed opening and closing
    would otherwise be matched against a two-line reply to a resident. Earlier means answered on or
    before this one's day (answers carry a date only): at answer time that is every other answer of the
    unit; re-checked later, two answers pasted the same day name each other, which is what they did."""
    earlier = list(unit_concern_answers(congress).filter(unit_id=concern.unit_id, answered_on__lte=concern.answered_on)
                   .exclude(pk=concern.pk).order_by("-answered_on", "-id")[:PAST_LIMIT])
    past = [checks.Past(c.pk, c.pk, _concern_label(c), c.answer) for c in earlier]
    register = {c.pk for c in earlier if c.source in Concern.REGISTER_SOURCES}  # linked to the register's page
    return _repeated(congress, concern.answer, past, extra=lambda p: {"register": p.item_id in register})


def _concern_off_topic(congress: Congress, concern: Concern) -> tuple[float, dict] | None:
    """The concern's text is the request: people rarely write 建议 on the phone, so the whole text
    stands (``checks.request_of`` falls back to it)."""
    return _not_taken_up(congress, "", concern.text, concern.answer)


def evaluate_concern(congress: Congress, concern: Concern) -> dict[str, tuple[float, dict]]:
    """The flags this concern's unit answer deserves now: kind → (score, evidence); none if it is not one."""
    if not is_unit_answer(concern):
        return {}
    found = {}
    for kind, check in ((AnswerFlag.Kind.BOILERPLATE, _concern_boilerplate),
                        (AnswerFlag.Kind.OFF_TOPIC, _concern_off_topic)):
        result = check(congress, concern)
        if result is not None:
            found[kind.value] = result
    return found


@action("check_concern_answer")
def check_concern_answer(congress: Congress, concern: Concern, *, actor) -> list[AnswerFlag]:
    """Check a unit's answer to a concern or a register item and keep its flags current (re-checking
    replaces them; a concern whose answer is not a unit's keeps none). Its actors are those who may
    answer a concern (``answer_concern``), since the check runs as part of their answer. Advisory only."""
    if concern.congress_id != congress.pk:
        raise NotFound("找不到该群众诉求")
    found = evaluate_concern(congress, concern)
    flags = _store(congress, AnswerFlag.Source.CONCERN, concern.pk, concern.pk, concern.unit_id, found)
    audit.record(congress, actor, "check_concern_answer", concern, after={"flags": sorted(found)})
    return flags


def check_concern_quietly(congress: Congress, concern: Concern, *, actor) -> list[AnswerFlag]:
    """``check_concern_answer`` for ``answer_concern``: skipped unless a unit answered, and whatever
    goes wrong, the answer is not held up."""
    if not is_unit_answer(concern):
        return []
    try:
        return check_concern_answer(congress, concern, actor=actor)
    except Exception:  # noqa: BLE001 — advisory: a failed check must never block the answer
        logger.exception("answer check failed for concern %s in %s", concern.pk, congress.code)
        return []
