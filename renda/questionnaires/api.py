"""Questionnaire API for staff (token): build, open, close, issue codes, read the tally. Answering is
the public web form's only (/c/<code>/q/<link_code>/): it needs no account, so it has no token."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Router, Schema, Status

from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf
from renda.core.permissions import check_permission
from renda.core.views_helpers import get_or_404
from renda.questionnaires import actions
from renda.questionnaires.models import Question, Questionnaire
from renda.questionnaires.tally import tally

router = Router(tags=["questionnaires"])

ANSWERING = ("群众填写问卷只通过网页表单（/c/<代码>/q/<链接码>/，无需账号、按网络地址限流），API 不提供填写接口。")


def _questionnaire(request, questionnaire_id: int) -> Questionnaire:
    return get_or_404(Questionnaire.objects.in_congress(request.congress), questionnaire_id, "找不到该问卷")


class QuestionnaireQuestionOut(Schema):
    id: int
    text: str
    kind: Annotated[str, OneOf(Question.Kind)]
    required: bool
    choices: list[str]
    max_choices: int | None
    scale_min: int
    scale_max: int
    scale_low_label: str
    scale_high_label: str


class QuestionnaireOut(Schema):
    id: int
    title: str
    intro: str
    status: Annotated[str, OneOf(Questionnaire.Status)]
    access: Annotated[str, OneOf(Questionnaire.Access)]
    link_code: str = Field(description="公开填写地址 /c/<代码>/q/<link_code>/")
    closes_at: datetime | None
    opened_at: datetime | None
    closed_at: datetime | None
    questions: list[QuestionnaireQuestionOut]


def _out(q: Questionnaire) -> dict:
    questions = Question.objects.in_congress(q.congress_id).filter(questionnaire=q)
    return {**{f: getattr(q, f) for f in ("id", "title", "intro", "status", "access", "link_code", "closes_at",
                                          "opened_at", "closed_at")},
            "questions": [{f: getattr(x, f) for f in QuestionnaireQuestionOut.model_fields} for x in questions]}


class QuestionnaireIn(In):
    title: Annotated[Filled, Field(max_length=200)]
    intro: Annotated[str, Field(max_length=2000)] = ""
    access: Annotated[str, OneOf(Questionnaire.Access)] = Questionnaire.Access.LINK
    closes_at: datetime | None = None


@router.get("/questionnaires", response=list[QuestionnaireOut], summary="问卷列表")
@scoped
def list_questionnaires(request):
    check_permission(request.user, request.congress, "view_questionnaire_results")
    return [_out(q) for q in Questionnaire.objects.in_congress(request.congress)]


@router.post("/questionnaires", response={201: QuestionnaireOut}, summary="新建问卷（草稿）", description=ANSWERING)
@scoped
def create_questionnaire(request, payload: QuestionnaireIn):
    return Status(201, _out(actions.create_questionnaire(request.congress, actor=request.user, **payload.dict())))


@router.get("/questionnaires/{questionnaire_id}", response=QuestionnaireOut, summary="问卷及其题目")
@scoped
def get_questionnaire(request, questionnaire_id: int):
    check_permission(request.user, request.congress, "view_questionnaire_results")
    return _out(_questionnaire(request, questionnaire_id))


ScaleEnd = Annotated[int, Field(ge=-actions.SCALE_BOUND, le=actions.SCALE_BOUND)]


class QuestionnaireQuestionIn(In):
    text: Annotated[Filled, Field(max_length=300)]
    kind: Annotated[str, OneOf(Question.Kind)]
    required: bool = True
    choices: Annotated[list[Annotated[Filled, Field(max_length=actions.OPTION_MAX_LENGTH)]],
                       Field(max_length=actions.MAX_OPTIONS,
                             description="单选、多选题的选项（2 至 30 个，不得重复）；量表、填空题忽略")] = []
    max_choices: Annotated[int, Field(ge=1, description="多选题最多选几项，不大于选项数")] | None = None
    scale_min: ScaleEnd = 1
    scale_max: Annotated[int, Field(ge=-actions.SCALE_BOUND, le=actions.SCALE_BOUND,
                                    description="量表须有 2 至 11 个分值")] = 5
    scale_low_label: Annotated[str, Field(max_length=20)] = ""
    scale_high_label: Annotated[str, Field(max_length=20)] = ""


class QuestionnaireQuestionsIn(In):
    questions: Annotated[list[QuestionnaireQuestionIn], Field(max_length=actions.MAX_QUESTIONS)]


@router.put("/questionnaires/{questionnaire_id}/questions", response=QuestionnaireOut,
            summary="设置问卷题目（替换全部题目，仅草稿）",
            description="错误中的字段名为 questions.<序号>.<字段>（序号从 0 起），信息以“第N题：”开头。")
@scoped
def set_questions(request, questionnaire_id: int, payload: QuestionnaireQuestionsIn):
    questionnaire = _questionnaire(request, questionnaire_id)
    actions.set_questions(request.congress, questionnaire, actor=request.user,
                          questions=[q.dict() for q in payload.questions])
    return _out(questionnaire)


@router.post("/questionnaires/{questionnaire_id}/open", response=QuestionnaireOut, summary="发布问卷（开始收集）",
             description=ANSWERING)
@scoped
def open_questionnaire(request, questionnaire_id: int):
    return _out(actions.open_questionnaire(request.congress, _questionnaire(request, questionnaire_id), actor=request.user))


@router.post("/questionnaires/{questionnaire_id}/close", response=QuestionnaireOut, summary="结束问卷")
@scoped
def close_questionnaire(request, questionnaire_id: int):
    return _out(actions.close_questionnaire(request.congress, _questionnaire(request, questionnaire_id),
                                            actor=request.user))


class QuestionnaireCodesIn(In):
    count: Annotated[int, Field(ge=1, le=actions.MAX_CODES)]
    batch: Annotated[str, Field(max_length=60)] = ""


class QuestionnaireCodesOut(Schema):
    batch: str
    codes: list[str]


@router.post("/questionnaires/{questionnaire_id}/codes", response={201: QuestionnaireCodesOut},
             summary="生成答卷码（每个码答一次）", description="只对按答卷码填写的问卷；码只在此次列出后也可在网页打印。")
@scoped
def issue_codes(request, questionnaire_id: int, payload: QuestionnaireCodesIn):
    made = actions.issue_answer_codes(request.congress, _questionnaire(request, questionnaire_id), actor=request.user,
                                      count=payload.count, batch=payload.batch)
    return Status(201, {"batch": payload.batch, "codes": [c.code for c in made]})


def _plain(value: Any) -> Any:
    """Decimals as JSON numbers."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@router.get("/questionnaires/{questionnaire_id}/results", summary="问卷统计（各题人数、百分比、平均值、填空内容）",
            description="结构见 renda.questionnaires.tally.tally：responses 为答卷数；questions 每题有 answered，"
                        "单选/多选有 options（index 从 0 起、label、count、percent），量表有 scale（min、max、mean、"
                        "distribution），填空有 texts。百分比为占该题作答人数的比例（%）。")
@scoped
def results(request, questionnaire_id: int):
    check_permission(request.user, request.congress, "view_questionnaire_results")
    return _plain(tally(_questionnaire(request, questionnaire_id)))
