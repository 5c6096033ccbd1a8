"""A questionnaire's responses as a spreadsheet: one row per response, one column per question, and a
second sheet with the tally. Written through renda.core.exports, so no answer becomes a formula."""

from __future__ import annotations

import io

from django.utils import timezone
from openpyxl import Workbook

from renda.core import exports
from renda.questionnaires.models import Answer, Question, Questionnaire, Response
from renda.questionnaires.tally import tally

K = Question.Kind


def _cell(question: Question, answer: Answer | None):
    if answer is None:
        return None
    if question.kind == K.SCALE:
        return answer.scale
    if question.kind == K.TEXT:
        return answer.text
    return "；".join(question.choices[i] for i in answer.choices if 0 <= i < len(question.choices))


def responses_xlsx(questionnaire: Questionnaire) -> bytes:
    congress_id = questionnaire.congress_id
    questions = list(Question.objects.in_congress(congress_id).filter(questionnaire=questionnaire))
    answers: dict[int, dict[int, Answer]] = {}
    for answer in Answer.objects.in_congress(congress_id).filter(response__questionnaire=questionnaire).iterator():
        answers.setdefault(answer.response_id, {})[answer.question_id] = answer
    book = Workbook()
    sheet = book.active
    sheet.title = "答卷"
    exports.append(sheet, ["序号", "提交时间", *[f"{n}. {q.text}" for n, q in enumerate(questions, start=1)]])
    responses = Response.objects.in_congress(congress_id).filter(questionnaire=questionnaire).order_by("id")
    for n, response in enumerate(responses.iterator(), start=1):
        given = answers.get(response.pk, {})
        exports.append(sheet, [n, timezone.localtime(response.submitted_at).replace(tzinfo=None),
                               *[_cell(q, given.get(q.pk)) for q in questions]])
    figures = tally(questionnaire)
    summary = book.create_sheet("统计")
    exports.append(summary, ["答卷数", figures["responses"]])
    exports.append(summary, ["题号", "题目", "选项或分值", "人数", "占答题人数（%）", "平均值"])
    for row in figures["questions"]:
        if "options" in row:
            for option in row["options"]:
                exports.append(summary, [row["number"], row["text"], option["label"], option["count"],
                                         float(option["percent"]), None])
        elif "scale" in row:
            mean = row["scale"]["mean"]
            exports.append(summary, [row["number"], row["text"], "平均值", row["answered"], None,
                                     None if mean is None else float(mean)])
            for point in row["scale"]["distribution"]:
                exports.append(summary, [row["number"], row["text"], point["value"], point["count"],
                                         float(point["percent"]), None])
        else:
            exports.append(summary, [row["number"], row["text"], "填写人数", row["answered"], None, None])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
