"""Questionnaires for tests, built through the actions."""

from renda.questionnaires import actions as qa
from renda.questionnaires.models import Question

QUESTIONS = [
    {"text": "您对社区养老服务满意吗？", "kind": "single", "choices": ["满意", "基本满意", "不满意"]},
    {"text": "您最关心哪些方面？", "kind": "multiple", "choices": ["饭菜", "医疗", "活动", "收费"], "max_choices": 2},
    {"text": "请为服务打分", "kind": "scale", "scale_min": 1, "scale_max": 5, "scale_low_label": "很差",
     "scale_high_label": "很好"},
    {"text": "其他意见和建议", "kind": "text", "required": False},
]


def make_questionnaire(world, *, access="link", questions=None, open_it=True, **extra):
    c, root = world.congress, world.root
    questionnaire = qa.create_questionnaire(c, actor=root, title=extra.pop("title", "社区养老服务问卷"),
                                            intro="请根据实际情况填写。", access=access, **extra)
    qa.set_questions(c, questionnaire, actor=root, questions=QUESTIONS if questions is None else questions)
    if open_it:
        qa.open_questionnaire(c, questionnaire, actor=root)
    return questionnaire


def question_ids(questionnaire) -> list[int]:
    return list(Question.objects.in_congress(questionnaire.congress_id).filter(questionnaire=questionnaire)
                .values_list("pk", flat=True))


def full_answers(questionnaire, single=0, multiple=(1,), scale=4, text="无") -> dict:
    a, b, c, d = question_ids(questionnaire)
    return {a: single, b: list(multiple), c: scale, d: text}
