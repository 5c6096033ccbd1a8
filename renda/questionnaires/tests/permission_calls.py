"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py)."""

import itertools
import secrets

from renda.questionnaires import actions as qa

_seq = itertools.count(1)
QUESTIONS = [{"text": "您对本项工作满意吗？", "kind": "single", "choices": ["满意", "基本满意", "不满意"]}]


def _draft(world, access="link"):
    c, root = world.congress, world.root
    questionnaire = qa.create_questionnaire(c, actor=root, title=f"矩阵问卷{next(_seq)}", access=access)
    qa.set_questions(c, questionnaire, actor=root, questions=QUESTIONS)
    return questionnaire


def _open(world, access="link"):
    return qa.open_questionnaire(world.congress, _draft(world, access), actor=world.root)


def writes(world) -> dict:
    c = world.congress
    return {
        "build_questionnaire": lambda u: qa.create_questionnaire(c, actor=u, title="新问卷"),
        "open_questionnaire": lambda u: qa.open_questionnaire(c, _draft(world), actor=u),
        "close_questionnaire": lambda u: qa.close_questionnaire(c, _open(world), actor=u),
        "issue_answer_codes": lambda u: qa.issue_answer_codes(c, _draft(world, "codes"), actor=u, count=3, batch="矩阵"),
        "answer_questionnaire": lambda u: qa.answer_questionnaire(
            c, (q := _open(world)), actor=u, respondent_token=secrets.token_urlsafe(24),
            answers={qa.Question.objects.in_congress(c).get(questionnaire=q).pk: 0}),
    }


def reads(world) -> dict:
    return {"view_questionnaire_results": f"/c/{world.congress.code}/questionnaires/{_open(world).pk}/results/"}
