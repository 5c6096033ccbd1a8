"""Writes of 答复质量提示: checking an answer and storing its flags.

``check_answer`` runs inside the answer's own transaction, called by the answer action
(``proposals.actions.answer_suggestion``) through ``check_quietly``: a check that fails is logged and
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
    found = checks.repeats(answer.text, past,
                           containment=rules.get(congress, "answer_quality.boilerplate_containment"),
                           passage_units=rules.get(congress, "answer_quality.boilerplate_passage_units"),
                           min_units=rules.get(congress, "answer_quality.min_units"))
    if not found:
        return None
    return found[0].containment, {
        "earlier": [{"answer_id": r.past.answer_id, "item_id": r.past.item_id, "item": r.past.item_label,
                     "containment": round(r.containment, 3), "longest": r.longest, "passages": r.passages}
                    for r in found[:SHOWN_EARLIER]],
        "repeated_answers": len(found),
    }


def _off_topic(congress: Congress, answer: Answer) -> tuple[float, dict] | None:
    markers = rules.get(congress, "answer_quality.request_markers")
    item = answer.suggestion
    request = checks.request_of(item.title, item.body, markers)
    cover = checks.coverage(request, answer.text, markers, min_units=rules.get(congress, "answer_quality.min_units"))
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
    source = AnswerFlag.Source.SUGGESTION
    mine = AnswerFlag.objects.in_congress(congress).filter(source=source, object_id=answer.pk)
    mine.exclude(kind__in=list(found)).delete()
    flags = []
    for kind, (score, evidence) in found.items():
        flag, _ = AnswerFlag.objects.in_congress(congress).update_or_create(
            congress=congress, source=source, object_id=answer.pk, kind=kind,
            defaults={"item_id": answer.suggestion_id, "unit_id": answer.unit_id, "score": round(score, 4),
                      "evidence": evidence})
        flags.append(flag)
    audit.record(congress, actor, "check_answer", answer.suggestion,
                 after={"answer_round": answer.round, "flags": sorted(found)})
    return flags


def check_quietly(congress: Congress, answer: Answer, *, actor) -> list[AnswerFlag]:
    """``check_answer`` for the answer action: whatever goes wrong, the answer is not held up."""
    try:
        return check_answer(congress, answer, actor=actor)
    except Exception:  # noqa: BLE001 — advisory: a failed check must never block the answer
        logger.exception("answer check failed for answer %s in %s", answer.pk, congress.code)
        return []
