"""Writes for questionnaires (问卷): building one while it is a draft, opening and closing it, issuing
single-use answer codes, and answering it — by anyone, without an account, through its public link
or with a code. One response per respondent: a browser's token (link) or a code, kept only as a
one-way digest and held unique by the database."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import ValidationError
from renda.core.models import Congress
from renda.core.permissions import roles_of
from renda.core.usecase import action, ensure_own
from renda.core.workflow import require_status
from renda.people.validation import Errors, clean_text, moment, text, whole_number
from renda.questionnaires.models import Answer, AnswerCode, Question, Questionnaire, Response
from renda.questionnaires.workflows import QUESTIONNAIRE_WORKFLOW

Q = Questionnaire.Status
K = Question.Kind

MAX_QUESTIONS = 100
MAX_OPTIONS = 30
OPTION_MAX_LENGTH = 100
SCALE_POINTS = (2, 11)  # a scale of 2 to 11 points (0–10 is the widest in common use)
SCALE_BOUND = 100  # the ends of a scale lie within -100..100
TEXT_ANSWER_MAX = 2000
MAX_CODES = 2000  # codes issued in one go
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read off paper and typed on a phone
CODE_LENGTH = 8

CLOSED = "问卷已结束"
NOT_OPEN = "问卷尚未发布"
ANSWERED = "您已经填写过本问卷"
CODE_UNKNOWN = "答卷码不正确，请核对后重新输入"
CODE_USED = "该答卷码已经使用过"


def normalise_code(value: Any) -> str:
    """A code as typed: spaces and hyphens dropped, letters upper-cased."""
    return "".join(ch for ch in str(value or "").upper() if ch not in " -\t")


def respondent_digest(questionnaire: Questionnaire, *, token: str = "", code: str = "") -> str:
    """The one-way digest stored as ``Response.respondent``: of the browser's token (link) or of the
    code (codes), with the questionnaire's id, so that neither the token nor the code is kept."""
    kind, secret = ("code", normalise_code(code)) if code else ("link", token)
    return hashlib.sha256(f"{questionnaire.pk}:{kind}:{secret}".encode()).hexdigest()


def accepting(questionnaire: Questionnaire, now: datetime.datetime | None = None) -> bool:
    """Whether answers are taken now: open, and its closing time (if any) not passed."""
    now = now or timezone.now()
    return questionnaire.status == Q.OPEN and (questionnaire.closes_at is None or questionnaire.closes_at > now)


def _questionnaire_fields(data: dict, errors: Errors) -> dict:
    cleaned: dict[str, Any] = {
        "title": text(data, errors, "title", "问卷标题", required=True, max_length=200),
        "intro": text(data, errors, "intro", "说明", max_length=2000, multiline=True),
    }
    access = data.get("access") or Questionnaire.Access.LINK
    if access not in Questionnaire.Access.values:
        errors.add("access", "“答卷方式”须为以下之一：" + "、".join(Questionnaire.Access.labels))
    cleaned["access"] = access
    closes_at = data.get("closes_at")
    cleaned["closes_at"] = None
    if closes_at not in (None, ""):
        cleaned["closes_at"] = moment(closes_at, errors, "closes_at", "截止时间")
    return cleaned


def _not_past(cleaned: dict, errors: Errors) -> None:
    if cleaned["closes_at"] is not None and cleaned["closes_at"] <= timezone.now():
        errors.add("closes_at", "“截止时间”须晚于现在")


@action("build_questionnaire")
def create_questionnaire(congress: Congress, *, actor, title: str, intro: str = "", access: str = "link",
                         closes_at: datetime.datetime | None = None) -> Questionnaire:
    """A new questionnaire, as a draft: its questions are set next, then it is opened. A closing time
    already past is checked when it is opened (a draft takes no answers)."""
    errors = Errors()
    cleaned = _questionnaire_fields({"title": title, "intro": intro, "access": access, "closes_at": closes_at}, errors)
    errors.raise_if_any()
    questionnaire = Questionnaire.objects.create(congress=congress, created_by=actor, **cleaned)
    audit.record(congress, actor, "build_questionnaire", questionnaire,
                 after={"title": questionnaire.title, "access": questionnaire.access,
                        "closes_at": str(questionnaire.closes_at or "")})
    return questionnaire


@action("build_questionnaire")
def edit_questionnaire(congress: Congress, questionnaire: Questionnaire, *, actor, title: str, intro: str = "",
                       access: str = "link", closes_at: datetime.datetime | None = None) -> Questionnaire:
    """Title, introduction, access and closing time of a draft. Once open only the closing time may
    change (extended or brought forward, never into the past); the way of answering never does."""
    questionnaire = ensure_own(congress, questionnaire, "问卷")
    require_status(questionnaire, Q.DRAFT, Q.OPEN)
    errors = Errors()
    cleaned = _questionnaire_fields({"title": title, "intro": intro, "access": access, "closes_at": closes_at}, errors)
    if cleaned["closes_at"] != questionnaire.closes_at:
        _not_past(cleaned, errors)
    if questionnaire.status == Q.OPEN:
        for field, label in (("title", "问卷标题"), ("intro", "说明"), ("access", "答卷方式")):
            if field not in errors.by_field and cleaned[field] != getattr(questionnaire, field):
                errors.add(field, f"问卷已发布，“{label}”不能再修改（只能修改截止时间）")
    errors.raise_if_any()
    before = audit.snapshot(questionnaire, list(cleaned))
    for field, value in cleaned.items():
        setattr(questionnaire, field, value)
    questionnaire.save(update_fields=list(cleaned))
    was, now = audit.changed(before, audit.snapshot(questionnaire, list(cleaned)))
    audit.record(congress, actor, "build_questionnaire", questionnaire, before=was, after=now)
    return questionnaire


def _small_int(value: Any, errors: Errors, field: str, label: str, default: int) -> int:
    if value in (None, ""):
        return default
    return whole_number(value, errors, field, label, minimum=-SCALE_BOUND, maximum=SCALE_BOUND)


def _clean_question(i: int, data: dict, errors: Errors) -> dict:
    """One question of ``set_questions``; errors under ``questions.<i>.<field>``, each message
    beginning with the question's number (第2题：…)."""
    n = f"第{i + 1}题："
    key = f"questions.{i}."
    local = Errors()
    cleaned: dict[str, Any] = {"order": i + 1, "required": bool(data.get("required", True))}
    cleaned["text"] = text(data, local, "text", "题目", required=True, max_length=300)
    kind = data.get("kind")
    if kind not in K.values:
        local.add("kind", "“题型”须为以下之一：" + "、".join(K.labels))
    cleaned["kind"] = kind
    cleaned["choices"], cleaned["max_choices"] = [], None
    cleaned.update(scale_min=1, scale_max=5, scale_low_label="", scale_high_label="")
    if kind in (K.SINGLE, K.MULTIPLE):
        kind_label = K(kind).label + "题"
        raw = data.get("choices") or []
        if isinstance(raw, str) or not isinstance(raw, list | tuple):
            local.add("choices", "“选项”须为文字的列表")
            raw = []
        options: list[str] = []
        for j, option in enumerate(raw):
            value, problem = clean_text(option)
            if problem:
                local.add("choices", f"第{j + 1}项选项{problem}")
            elif not value:
                local.add("choices", f"第{j + 1}项选项不能为空")
            elif len(value) > OPTION_MAX_LENGTH:
                local.add("choices", f"第{j + 1}项选项不能超过 {OPTION_MAX_LENGTH} 个字，现有 {len(value)} 个字")
            elif value in options:
                local.add("choices", f"选项“{value}”重复")
            else:
                options.append(value)
        if len(raw) < 2:
            local.add("choices", f"{kind_label}至少要有两个选项")
        elif len(raw) > MAX_OPTIONS:
            local.add("choices", f"{kind_label}最多 {MAX_OPTIONS} 个选项，现有 {len(raw)} 个")
        cleaned["choices"] = options
        if kind == K.MULTIPLE and data.get("max_choices") not in (None, ""):
            cleaned["max_choices"] = whole_number(data.get("max_choices"), local, "max_choices", "最多选几项",
                                                  minimum=1, maximum=max(len(options), 1))
    elif kind == K.SCALE:
        low = _small_int(data.get("scale_min"), local, "scale_min", "量表最小值", 1)
        high = _small_int(data.get("scale_max"), local, "scale_max", "量表最大值", 5)
        if "scale_min" not in local.by_field and "scale_max" not in local.by_field:
            points = high - low + 1
            if not SCALE_POINTS[0] <= points <= SCALE_POINTS[1]:
                local.add("scale_max", f"量表须有 {SCALE_POINTS[0]} 至 {SCALE_POINTS[1]} 个分值（最大值比最小值大 "
                                       f"{SCALE_POINTS[0] - 1} 至 {SCALE_POINTS[1] - 1}），现为 {low} 至 {high}")
        cleaned.update(scale_min=low, scale_max=high,
                       scale_low_label=text(data, local, "scale_low_label", "最小值含义", max_length=20),
                       scale_high_label=text(data, local, "scale_high_label", "最大值含义", max_length=20))
    for field, messages in local.by_field.items():
        for message in messages:
            errors.add(key + field, n + message)
    return cleaned


@action("build_questionnaire")
def set_questions(congress: Congress, questionnaire: Questionnaire, *, actor, questions: list[dict]) -> list[Question]:
    """The questionnaire's questions, in order, replacing those it had: only while it is a draft (no
    answer can refer to them yet)."""
    questionnaire = ensure_own(congress, questionnaire, "问卷")
    require_status(questionnaire, Q.DRAFT)
    errors = Errors()
    if len(questions) > MAX_QUESTIONS:
        errors.add("questions", f"一份问卷最多 {MAX_QUESTIONS} 题，现有 {len(questions)} 题")
        errors.raise_if_any()
    cleaned = [_clean_question(i, dict(q), errors) for i, q in enumerate(questions)]
    errors.raise_if_any()
    existing = Question.objects.in_congress(congress).filter(questionnaire=questionnaire)
    before = list(existing.values_list("text", flat=True))
    # One DELETE … WHERE congress_id = … AND questionnaire_id = …: Django's collector would delete by id
    # alone (it checks Answer's PROTECT first). A draft has no answers, and the database's foreign key
    # still refuses to orphan one.
    existing._raw_delete(existing.db)
    made = Question.objects.bulk_create([Question(congress=congress, questionnaire=questionnaire, **c) for c in cleaned])
    audit.record(congress, actor, "build_questionnaire", questionnaire, before={"questions": before},
                 after={"questions": [f"{K(c['kind']).label}：{c['text']}" for c in cleaned]})
    return made


@action("open_questionnaire")
def open_questionnaire(congress: Congress, questionnaire: Questionnaire, *, actor) -> Questionnaire:
    """Start taking answers. A questionnaire without questions, or whose closing time has passed,
    cannot be opened; its questions are fixed from now on."""
    questionnaire = ensure_own(congress, questionnaire, "问卷")
    QUESTIONNAIRE_WORKFLOW.check(questionnaire.status, Q.OPEN, roles_of(actor, congress), congress, "open_questionnaire")
    if not Question.objects.in_congress(congress).filter(questionnaire=questionnaire).exists():
        raise ValidationError({"questions": "问卷还没有题目，请先添加题目再发布"})
    if questionnaire.closes_at is not None and questionnaire.closes_at <= timezone.now():
        raise ValidationError({"closes_at": "“截止时间”已过，请先修改截止时间再发布"})
    questionnaire.status, questionnaire.opened_at = Q.OPEN, timezone.now()
    questionnaire.save(update_fields=["status", "opened_at"])
    audit.record(congress, actor, "open_questionnaire", questionnaire, before={"status": Q.DRAFT},
                 after={"status": Q.OPEN})
    return questionnaire


@action("close_questionnaire")
def close_questionnaire(congress: Congress, questionnaire: Questionnaire, *, actor) -> Questionnaire:
    """Stop taking answers; the tallies stay."""
    questionnaire = ensure_own(congress, questionnaire, "问卷")
    QUESTIONNAIRE_WORKFLOW.check(questionnaire.status, Q.CLOSED, roles_of(actor, congress), congress,
                                 "close_questionnaire")
    questionnaire.status, questionnaire.closed_at = Q.CLOSED, timezone.now()
    questionnaire.save(update_fields=["status", "closed_at"])
    audit.record(congress, actor, "close_questionnaire", questionnaire, before={"status": Q.OPEN},
                 after={"status": Q.CLOSED})
    return questionnaire


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@action("issue_answer_codes")
def issue_answer_codes(congress: Congress, questionnaire: Questionnaire, *, actor, count: int,
                       batch: str = "") -> list[AnswerCode]:
    """``count`` new single-use codes for a questionnaire answered by codes, labelled with whom they
    are handed to (``batch``), while it is a draft or open."""
    questionnaire = ensure_own(congress, questionnaire, "问卷")
    if questionnaire.access != Questionnaire.Access.CODES:
        raise ValidationError({"access": "本问卷通过公开链接填写，不需要答卷码"})
    require_status(questionnaire, Q.DRAFT, Q.OPEN)
    errors = Errors()
    count = whole_number(count, errors, "count", "数量", minimum=1, maximum=MAX_CODES)
    batch = text({"batch": batch}, errors, "batch", "发放对象", max_length=60)
    errors.raise_if_any()
    taken = set(AnswerCode.objects.in_congress(congress).filter(questionnaire=questionnaire)
                .values_list("code", flat=True))
    fresh: list[str] = []
    while len(fresh) < count:
        code = new_code()
        if code not in taken:  # a repeat among 31^8 is rare; the unique constraint guards the rest
            taken.add(code)
            fresh.append(code)
    made = AnswerCode.objects.bulk_create([AnswerCode(congress=congress, questionnaire=questionnaire, code=c, batch=batch)
                                           for c in fresh])
    audit.record(congress, actor, "issue_answer_codes", questionnaire, after={"count": count, "batch": batch})
    return made


def _clean_answer(question: Question, value: Any, errors: Errors) -> dict | None:
    """The stored form of one answer ({choices|scale|text}), None when left blank; errors under
    ``q<question id>``."""
    field = f"q{question.pk}"
    blank = value is None or value == "" or value == [] or (isinstance(value, str) and not value.strip())
    if blank:
        if question.required:
            errors.add(field, "此题必须回答")
        return None
    if question.kind == K.TEXT:
        cleaned, problem = clean_text(value, multiline=True)
        if problem:
            errors.add(field, f"回答{problem}")
        elif len(cleaned) > TEXT_ANSWER_MAX:
            errors.add(field, f"回答不能超过 {TEXT_ANSWER_MAX} 个字，现有 {len(cleaned)} 个字")
        elif not cleaned:
            if question.required:
                errors.add(field, "此题必须回答")
            return None
        return {"text": cleaned}
    if question.kind == K.SCALE:
        local = Errors()
        number = whole_number(value, local, field, "分值", minimum=question.scale_min, maximum=question.scale_max)
        if local.by_field:
            errors.add(field, f"请选择 {question.scale_min} 至 {question.scale_max} 之间的分值")
            return None
        return {"scale": number}
    picked = value if isinstance(value, list | tuple) else [value]
    if question.kind == K.SINGLE and len(picked) > 1:
        errors.add(field, "此题只能选一项")
        return None
    indexes: list[int] = []
    for item in picked:
        local = Errors()
        index = whole_number(item, local, field, "选项", minimum=0, maximum=len(question.choices) - 1)
        if local.by_field:
            errors.add(field, "所选选项不在本题的选项中")
            return None
        if index not in indexes:
            indexes.append(index)
    if question.max_choices and len(indexes) > question.max_choices:
        errors.add(field, f"此题最多选 {question.max_choices} 项，现选了 {len(indexes)} 项")
        return None
    return {"choices": sorted(indexes)}


@action("answer_questionnaire")
def answer_questionnaire(congress: Congress, questionnaire: Questionnaire, *, actor, respondent_token: str = "",
                         answers: dict, code: str | None = None) -> Response:
    """One filled-in questionnaire, by anyone (no account): while it is open and before its closing
    time; once per browser (link) or per code (codes). ``answers`` maps a question's id to an option's
    index (single), a list of indexes (multiple), a number (scale) or a text. Only the digest of the
    token or code is kept; the audit row names no respondent (like the public concern form's, it
    has no actor)."""
    questionnaire = ensure_own(congress, questionnaire, "问卷")
    if questionnaire.status == Q.DRAFT:
        raise ValidationError({"status": NOT_OPEN})
    if not accepting(questionnaire):
        raise ValidationError({"status": CLOSED})
    answer_code = None
    if questionnaire.access == Questionnaire.Access.CODES:
        typed = normalise_code(code)
        # Locked, so that two answers with one code cannot both find it unused.
        answer_code = (AnswerCode.objects.in_congress(congress).select_for_update()
                       .filter(questionnaire=questionnaire, code=typed).first()) if typed else None
        if answer_code is None:
            raise ValidationError({"code": CODE_UNKNOWN if typed else "请输入答卷码"})
        if answer_code.used_at is not None:
            raise ValidationError({"code": CODE_USED})
        respondent = respondent_digest(questionnaire, code=typed)
    else:
        if not respondent_token:
            raise ValidationError({"status": "无法识别您的浏览器，请允许本网站使用 Cookie 后重试"})
        respondent = respondent_digest(questionnaire, token=respondent_token)
    given = {str(k): v for k, v in (answers or {}).items()}
    questions = list(Question.objects.in_congress(congress).filter(questionnaire=questionnaire))
    errors = Errors()
    rows = []
    for question in questions:
        cleaned = _clean_answer(question, given.get(str(question.pk)), errors)
        if cleaned is not None:
            rows.append((question, cleaned))
    errors.raise_if_any()
    try:
        # A savepoint: the insert that meets the constraint (the same browser or code, perhaps in a
        # concurrent request) rolls back alone and the refusal is clean; nothing is half-written.
        with transaction.atomic():
            response = Response.objects.create(congress=congress, questionnaire=questionnaire, respondent=respondent)
    except IntegrityError:
        raise ValidationError({"status": ANSWERED}) from None
    Answer.objects.bulk_create([Answer(congress=congress, response=response, question=question, **cleaned)
                                for question, cleaned in rows])
    if answer_code is not None:
        answer_code.used_at = timezone.now()
        answer_code.save(update_fields=["used_at"])
    # No actor, even for a signed-in respondent: the row must not tie a person to their answers.
    audit.record(congress, None, "answer_questionnaire", response, object_repr=f"{questionnaire.title}：答卷",
                 after={"questionnaire": questionnaire.pk, "answers": len(rows),
                        "access": questionnaire.access, "batch": answer_code.batch if answer_code else ""})
    return response


def has_answered(congress: Congress, questionnaire: Questionnaire, *, token: str = "", code: str = "") -> bool:
    """Whether this browser (token) or code has already answered (the page says so before the form)."""
    if not token and not code:
        return False
    return Response.objects.in_congress(congress).filter(
        questionnaire=questionnaire, respondent=respondent_digest(questionnaire, token=token, code=code)).exists()
