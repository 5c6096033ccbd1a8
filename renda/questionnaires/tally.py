"""A questionnaire's figures, for its results page, its export, the API and other apps (an oversight
report quotes "1,204 responses; 63.5% chose …").

``tally(questionnaire)`` returns::

    {
      "responses": 120,                       # filled-in questionnaires
      "questions": [
        {
          "id": 7, "number": 1,               # number: 1-based position in the questionnaire
          "text": "…", "kind": "single" | "multiple" | "scale" | "text", "required": True,
          "answered": 118,                    # responses that answered this question
          # single / multiple: one row per option, in the questionnaire's order
          "options": [{"index": 0, "label": "满意", "count": 80, "percent": Decimal("67.8")}, …],
          # scale: the range, its labels, the mean and one row per point
          "scale": {"min": 1, "max": 5, "low_label": "很不满意", "high_label": "很满意",
                    "mean": Decimal("4.12") | None,
                    "distribution": [{"value": 1, "count": 3, "percent": Decimal("2.5")}, …]},
          # text: the answers, oldest first
          "texts": ["…", …],
        }, …
      ],
    }

Only the keys of the question's kind are present. A percentage is of the responses that answered
that question (for a multiple-choice question the options' percentages may add up to more than 100),
rounded half up to one decimal; a mean is rounded to two decimals; both are ``Decimal``, 0 (percent)
or None (mean) when nobody answered.

``figure(questionnaire, question_id, choice, measure)`` gives one number of that tally as a Decimal.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from renda.core.errors import ValidationError
from renda.questionnaires.models import Answer, Question, Questionnaire, Response

K = Question.Kind
MEASURES = ("responses", "count", "percent", "mean")
ONE_DECIMAL = Decimal("0.1")
TWO_DECIMALS = Decimal("0.01")


def percent(count: int, base: int) -> Decimal:
    if not base:
        return Decimal("0.0")
    return (Decimal(count) * 100 / Decimal(base)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _questions(questionnaire: Questionnaire) -> list[Question]:
    return list(Question.objects.in_congress(questionnaire.congress_id).filter(questionnaire=questionnaire))


def _question_tally(question: Question, number: int, answers: list[tuple]) -> dict[str, Any]:
    row: dict[str, Any] = {"id": question.pk, "number": number, "text": question.text, "kind": question.kind,
                           "required": question.required, "answered": len(answers)}
    answered = len(answers)
    if question.kind in (K.SINGLE, K.MULTIPLE):
        counts = [0] * len(question.choices)
        for choices, _scale, _text in answers:
            for index in choices or []:
                if 0 <= index < len(counts):
                    counts[index] += 1
        row["options"] = [{"index": i, "label": label, "count": counts[i], "percent": percent(counts[i], answered)}
                          for i, label in enumerate(question.choices)]
    elif question.kind == K.SCALE:
        values = [scale for _c, scale, _t in answers if scale is not None]
        mean = None
        if values:
            mean = (Decimal(sum(values)) / Decimal(len(values))).quantize(TWO_DECIMALS, rounding=ROUND_HALF_UP)
        row["scale"] = {
            "min": question.scale_min, "max": question.scale_max,
            "low_label": question.scale_low_label, "high_label": question.scale_high_label, "mean": mean,
            "distribution": [{"value": v, "count": values.count(v), "percent": percent(values.count(v), answered)}
                             for v in range(question.scale_min, question.scale_max + 1)],
        }
    else:
        row["texts"] = [t for _c, _s, t in answers if t]
    return row


def tally(questionnaire: Questionnaire) -> dict[str, Any]:
    """Every question's counts, percentages, mean and texts, and the number of responses (see the
    module's docstring for the structure)."""
    congress_id = questionnaire.congress_id
    questions = _questions(questionnaire)
    by_question: dict[int, list[tuple]] = {q.pk: [] for q in questions}
    rows = (Answer.objects.in_congress(congress_id).filter(question__questionnaire=questionnaire)
            .order_by("id").values_list("question_id", "choices", "scale", "text"))
    for question_id, choices, scale, text in rows.iterator():
        if question_id in by_question:
            by_question[question_id].append((choices, scale, text))
    return {
        "responses": Response.objects.in_congress(congress_id).filter(questionnaire=questionnaire).count(),
        "questions": [_question_tally(q, n, by_question[q.pk]) for n, q in enumerate(questions, start=1)],
    }


def figure(questionnaire: Questionnaire, question_id: int | None = None, choice: int | None = None,
           measure: str = "responses") -> Decimal:
    """One figure of the questionnaire's tally:

    - ``responses``: the number of responses (no question, no choice);
    - ``count``: of question ``question_id``, the responses choosing option ``choice`` (its 0-based
      index, single or multiple), giving scale value ``choice`` (scale), or — without a choice —
      answering the question at all;
    - ``percent``: that count as a share (%) of the responses that answered the question (without a
      choice: of all responses);
    - ``mean``: the mean value of scale question ``question_id`` (0 when nobody answered).

    Raises ValidationError naming the field for an unknown measure, a question not in this
    questionnaire, or a choice the question does not have."""
    if measure not in MEASURES:
        raise ValidationError({"measure": "“统计量”须为以下之一：" + "、".join(MEASURES)})
    if measure == "responses":
        if question_id is not None or choice is not None:
            raise ValidationError({"measure": "答卷数不针对某一题或某一选项"})
        return Decimal(Response.objects.in_congress(questionnaire.congress_id).filter(questionnaire=questionnaire).count())
    if question_id is None:
        raise ValidationError({"question_id": "请指定题目"})
    figures = tally(questionnaire)
    row = next((q for q in figures["questions"] if q["id"] == question_id), None)
    if row is None:
        raise ValidationError({"question_id": f"本问卷没有编号为 {question_id} 的题目"})
    if measure == "mean":
        if row["kind"] != K.SCALE:
            raise ValidationError({"question_id": f"第{row['number']}题不是量表题，没有平均值"})
        if choice is not None:
            raise ValidationError({"choice": "平均值不针对某一选项"})
        return row["scale"]["mean"] if row["scale"]["mean"] is not None else Decimal("0")
    if choice is None:
        count, base = row["answered"], figures["responses"]
    elif row["kind"] in (K.SINGLE, K.MULTIPLE):
        options = row["options"]
        if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < len(options):
            raise ValidationError({"choice": f"第{row['number']}题没有所选的选项：本题的选项为第1项至第{len(options)}项"
                                            f"（选项序号从 0 起，即 0 至 {len(options) - 1}）"})
        count, base = options[choice]["count"], row["answered"]
    elif row["kind"] == K.SCALE:
        scale = row["scale"]
        if isinstance(choice, bool) or not isinstance(choice, int) or not scale["min"] <= choice <= scale["max"]:
            raise ValidationError({"choice": f"第{row['number']}题的分值须为 {scale['min']} 至 {scale['max']}"})
        count, base = next(d["count"] for d in scale["distribution"] if d["value"] == choice), row["answered"]
    else:
        raise ValidationError({"choice": f"第{row['number']}题是填空题，没有选项"})
    return Decimal(count) if measure == "count" else percent(count, base)
