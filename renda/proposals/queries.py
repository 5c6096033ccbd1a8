"""Reads of suggestions shared by the pages, the API and other apps: who may open an item, the staff
list, a unit's queue, and a deputy's own items on their home page."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from renda.core.models import AuditEntry, Congress
from renda.core.permissions import may, organisations_of
from renda.core.roles import Role
from renda.people.validation import id_or_none, report_year
from renda.proposals import staff_list_statements
from renda.proposals.models import Answer, Assignment, Author, Commitment, Notice, Rating, Suggestion

PAGE = 50
PUBLISHED = ("answered", "rehandling", "closed")
IN_HANDLING = ["assigned", "rehandling"]  # 交办 and 重新办理: a unit is working on the item


def _own(congress: Congress, user) -> Q:
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None:
        return Q(pk__in=[])
    return Q(pk__in=Author.objects.in_congress(congress).filter(person=person).values("suggestion_id"))


def _assigned(congress: Congress, user) -> Q:
    return Q(pk__in=Assignment.objects.in_congress(congress).filter(
        unit_id__in=units_of(congress, user), ended_on__isnull=True).values("suggestion_id"))


def _submitted(congress: Congress, user) -> Q:
    return Q(submitted_at__isnull=False)  # a draft never submitted is the deputy's own, even when withdrawn


def _published(congress: Congress, user) -> Q:
    return Q(status__in=PUBLISHED, confidential=False)


# Who may open an item: each read row of core.permissions is a relation to the item, and counts only for
# a holder of one of the row's roles (a deputy whose role was revoked no longer reads their old items).
READ_RULES: dict[str, Callable[[Congress, object], Q]] = {
    "view_own_suggestion": _own,
    "view_assigned_suggestion": _assigned,
    "view_submitted_suggestion": _submitted,
    "view_published_suggestion": _published,
}


def readable(congress: Congress, user, rule: str | None = None) -> QuerySet[Suggestion]:
    """The items ``user`` may open: the union of the read rows they hold (or of ``rule`` alone)."""
    allowed = Q(pk__in=[])
    for name, relation in READ_RULES.items():
        if rule in (None, name) and may(user, congress, name):
            allowed |= relation(congress, user)
    return Suggestion.objects.in_congress(congress).filter(allowed)


@dataclass(frozen=True)
class Access:
    """How a reader stands to one item, which decides what the item page shows them."""

    author: Author | None  # their own signature (lead or co-signer, confirmed or not)
    assignments: tuple[Assignment, ...]  # their units' current assignments on it
    staff: bool  # reads every submitted item

    @property
    def unit(self) -> bool:
        return bool(self.assignments)

    @property
    def lead_unit(self) -> bool:
        return any(a.lead for a in self.assignments)

    @property
    def co_unit(self) -> bool:
        return any(not a.lead for a in self.assignments)

    @property
    def inside(self) -> bool:
        """Sees the working record (ratings, contacts, history with names), not only what is published."""
        return self.author is not None or self.unit or self.staff


def access(congress: Congress, user, item: Suggestion) -> Access:
    author = None
    if may(user, congress, "view_own_suggestion") and getattr(user, "is_authenticated", False):
        person = getattr(user, "person", None)
        if person is not None:
            author = Author.objects.in_congress(congress).filter(suggestion=item, person=person).first()
    assignments: tuple[Assignment, ...] = ()
    if may(user, congress, "view_assigned_suggestion"):
        assignments = tuple(Assignment.objects.in_congress(congress).filter(
            suggestion=item, unit_id__in=units_of(congress, user), ended_on__isnull=True).select_related("unit"))
    staff = may(user, congress, "view_submitted_suggestion") and item.submitted_at is not None
    return Access(author=author, assignments=assignments, staff=staff)


# What the history shows for each audited step, in plain words.
HISTORY_STEPS = {
    "submit_suggestion": "提交",
    "withdraw_suggestion": "撤回",
    "return_suggestion": "退回修改",
    "accept_suggestion": "立案编号",
    "merge_suggestions": "并案",
    "assign_suggestion": "交办",
    "record_contact": "承办单位与代表沟通",
    "waive_contact": "代表表示无需沟通",
    "submit_co_opinion": "协办单位提出协办意见",
    "request_handling_change": "承办单位申请调整或延期",
    "decide_handling_request": "决定调整或延期申请",
    "answer_suggestion": "书面答复",
    "rate_suggestion": "代表评价",
    "report_commitment_done": "承办单位报告承诺事项完成",
    "confirm_commitment": "代表确认承诺事项办成",
    "mark_key_supervision": "确定重点督办",
    "set_confidential": "设定答复是否公开",
}
# What the public sees of the history: when it was received, handled and answered, nothing internal.
PUBLIC_STEPS = {"submit_suggestion": "收到", "assign_suggestion": "正在办理", "answer_suggestion": "已答复"}


@dataclass(frozen=True)
class Step:
    at: datetime.datetime
    what: str
    detail: str
    who: str


def _detail(action: str, after: dict) -> str:
    if action == "accept_suggestion" and after.get("number"):
        return f"第{int(after['number']):04d}号" + ("，由议案转为建议" if after.get("converted") else "")
    if action == "assign_suggestion":
        co = "、".join(after.get("co_units") or [])
        return f"主办：{after.get('lead_unit', '')}" + (f"；协办：{co}" if co else "") + \
            (f"；{after['due_on']} 前答复" if after.get("due_on") else "")
    if action == "return_suggestion":
        return after.get("message", "")
    if action == "answer_suggestion":
        return f"第{after.get('round', '')}次答复，{after.get('outcome', '')}类" + ("" if after.get("on_time", True) else "，逾期")
    if action == "rate_suggestion":
        text = f"办理工作{after.get('work', '')}，办理结果{after.get('result', '')}"
        return text + (f"；重新办理，{after['rehandling_due_on']} 前再次答复" if after.get("rehandling_due_on") else "")
    if action == "record_contact":
        return after.get("unit", "")
    if action == "submit_co_opinion":
        return after.get("unit", "")
    if action == "request_handling_change":
        return f"{after.get('unit', '')}：{after.get('reason', '')}"
    if action == "decide_handling_request":
        return ("同意" if after.get("grant") else "不同意") + (f"，改由{after['new_unit']}承办" if after.get("new_unit") else "") \
            + (f"，期限改为 {after['due_on']}" if after.get("due_on") and not after.get("new_unit") else "")
    if action == "mark_key_supervision":
        return f"督办领导：{after.get('leader', '')}；{after.get('committee', '')}"
    if action == "set_confidential":
        return "不公开" if after.get("confidential") else "公开"
    if action == "merge_suggestions":
        return f"并入 {len(after.get('merged') or [])} 件"
    if action == "report_commitment_done" or action == "confirm_commitment":
        return after.get("commitment", "")
    return ""


def history(congress: Congress, item: Suggestion, *, inside: bool) -> list[Step]:
    """The item's steps from the audit log, oldest first: in full for those inside, in plain words for the
    public (收到、正在办理、已答复, no names)."""
    steps = HISTORY_STEPS if inside else PUBLIC_STEPS
    rows = (AuditEntry.objects.in_congress(congress)
            .filter(object_type="suggestion", object_id=str(item.pk), action__in=list(steps)).order_by("id"))
    return [Step(at=r.at, what=steps[r.action], detail=_detail(r.action, r.after or {}) if inside else "",
                 who=r.actor_name if inside else "")
            for r in rows]


def lead_due_on(item: Suggestion) -> datetime.date | None:
    """When the lead unit's answer is due (reads the assignments ``staff_list`` gave the item, or prefetched
    ones, where there are some)."""
    assignments = item.handling if hasattr(item, "handling") else item.assignments.all()
    return next((a.due_on for a in assignments if a.lead and not a.ended_on), None)


MAX_KEYWORD = 100  # what a list's keyword box takes (as the search boxes)


def keyword(q: str) -> str:
    """A list's keyword as typed, spaces folded, at most MAX_KEYWORD characters."""
    return " ".join((q or "").split())[:MAX_KEYWORD]


def matching(items: QuerySet, q: str, prefix: str = "") -> QuerySet:
    """Items whose title or field (领域) holds the keyword, or whose number it is."""
    q = keyword(q)
    if not q:
        return items
    match = Q(**{f"{prefix}title__icontains": q}) | Q(**{f"{prefix}category__icontains": q})
    if q.isdecimal():
        match |= Q(**{f"{prefix}number": int(q)})
    return items.filter(match)


def staff_items(congress: Congress, *, status: str = "", unit: str = "", year: str = "", q: str = "") -> QuerySet[Suggestion]:
    """The staff list's items, filtered by status, lead unit, year and keyword, newest first (every page)."""
    items = Suggestion.objects.in_congress(congress).exclude(status__in=["draft", "withdrawn"])
    if status:
        items = items.filter(status=status)
    if id_or_none(year) is not None:
        items = items.filter(year=id_or_none(year))
    if id_or_none(unit) is not None:
        items = items.filter(pk__in=Assignment.objects.in_congress(congress).filter(
            unit_id=id_or_none(unit), lead=True, ended_on__isnull=True).values("suggestion_id"))
    return matching(items, q).prefetch_related("assignments__unit").order_by("-id")


def staff_list(congress: Congress, *, status: str = "", unit: str = "", year: str = "", after: str = "", q: str = ""):
    """The staff list, filtered by status, lead unit, year and keyword, newest first, a page at a time
    (keyset): ``staff_items``'s rows, each with ``handling`` (its assignments in handling, lead first),
    read by statements written out once (``staff_list_statements``)."""
    return staff_list_statements.items(congress, status=status, unit=unit, year=year, q=keyword(q), after=after,
                                       limit=PAGE)


def units_of(congress: Congress, user) -> list[int]:
    """The handling units the user answers for."""
    return organisations_of(user, congress, Role.UNIT_OFFICER)


def unit_queue(congress: Congress, units: list[int], *, q: str = "", overdue: bool = False):
    """The items these handling units are working on, the nearest due date first; by keyword, or only
    those past their due date."""
    rows = Assignment.objects.in_congress(congress).filter(unit_id__in=units, ended_on__isnull=True,
                                                           suggestion__status__in=IN_HANDLING)
    if overdue:
        rows = rows.filter(due_on__lt=timezone.localdate())
    return matching(rows, q, "suggestion__").select_related("suggestion", "unit").order_by("due_on", "id")


def queue_page(congress: Congress, units: list[int], *, q: str = "", overdue: bool = False, after: str = ""):
    """A page of ``unit_queue`` (keyset: ``after`` is the last row's "due day.id"), slim rows, and the
    next page's key (None on the last page)."""
    rows = unit_queue(congress, units, q=q, overdue=overdue).only(
        "congress_id", "suggestion_id", "unit_id", "lead", "due_on", "suggestion__congress_id", "suggestion__number",
        "suggestion__title", "suggestion__key_supervision", "suggestion__status", "suggestion__contact_waived",
        "unit__congress_id", "unit__name")
    day, _, pk = after.partition(".")
    try:
        last = (datetime.date.fromisoformat(day), int(pk))
    except ValueError:
        last = None
    if last is not None:
        rows = rows.filter(Q(due_on__gt=last[0]) | Q(due_on=last[0], id__gt=last[1]))
    page = list(rows[:PAGE])
    return page, (f"{page[-1].due_on.isoformat()}.{page[-1].pk}" if len(page) == PAGE else None)


def items_of(congress: Congress, person, limit: int = 20) -> list[Suggestion]:
    """The deputy's items (lead or co-signer), newest first, each with its lead unit's due date."""
    ids = Author.objects.in_congress(congress).filter(person=person).values("suggestion_id")
    items = list(Suggestion.objects.in_congress(congress).filter(pk__in=ids).exclude(status="withdrawn")
                 .prefetch_related("assignments").order_by("-id")[:limit])
    for item in items:
        item.due_on = lead_due_on(item)
    return items


def unit_notices(congress: Congress, units: list[int], limit: int = 20):
    """Reminders and messages to these handling units, newest first."""
    return Notice.objects.in_congress(congress).filter(unit_id__in=units)[:limit]


def open_commitments(congress: Congress, units: list[int]):
    """Commitments in these units' answers not yet reported done, the nearest first."""
    return (Commitment.objects.in_congress(congress).filter(answer__unit_id__in=units, done_on__isnull=True)
            .select_related("answer__suggestion").order_by("due_on"))


def key_items(congress: Congress, q: str = "") -> QuerySet[Suggestion]:
    """重点督办 items, newest first; by keyword."""
    return (matching(Suggestion.objects.in_congress(congress).filter(key_supervision=True), q)
            .select_related("supervising_leader", "supervising_committee").prefetch_related("assignments__unit")
            .order_by("-id"))


def in_handling_assignments(congress: Congress) -> QuerySet[Assignment]:
    """The assignments of the items being handled (交办, 重新办理), found from those items. An answered or
    closed item keeps its assignments open (``ended_on`` marks only a unit taken off an item), so read
    from the assignments' side "past its due date" is every year's; read from the items' side it is the
    items in handling, whatever the years behind them (docs/performance.md, issue 19)."""
    return Assignment.objects.in_congress(congress).filter(
        suggestion_id__in=Suggestion.objects.in_congress(congress).filter(status__in=IN_HANDLING).values("id"))


def overdue_assignments(congress: Congress, q: str = "") -> QuerySet[Assignment]:
    """Every assignment past its due date and not answered, by unit; by keyword."""
    rows = in_handling_assignments(congress).filter(ended_on__isnull=True, due_on__lt=timezone.localdate())
    return matching(rows, q, "suggestion__").select_related("unit", "suggestion").order_by("unit__name", "due_on", "id")


def supervision(congress: Congress, q: str = "") -> tuple[list[Suggestion], list[tuple[str, list[Assignment]]]]:
    """重点督办 items, and every overdue assignment grouped by its unit."""
    key = list(key_items(congress, q)[:200])
    overdue = overdue_assignments(congress, q)
    by_unit: dict[str, list[Assignment]] = {}
    for a in overdue:
        by_unit.setdefault(a.unit.name, []).append(a)
    return key, sorted(by_unit.items())


def public_answers(congress: Congress, year: int, q: str = "", *, limit: int | None = 500):
    """Answered items of a year and their answers, except those marked confidential; by keyword."""
    items = (matching(Suggestion.objects.in_congress(congress).filter(year=report_year(year), confidential=False,
                                                                      status__in=["answered", "rehandling", "closed"]), q)
             .prefetch_related("answers__unit").order_by("number", "id"))
    return items[:limit] if limit else items


# The stages of an item for its page's stepper (core/_stepper.html): internal words for the staff and the
# units, plain words for deputies and the public. Each stage: (its audited action, staff label, plain label).
STEPPER_STAGES = (
    ("submit_suggestion", "提交", "收到"),
    ("accept_suggestion", "立案编号", "已受理"),
    ("assign_suggestion", "交办", "正在办理"),
    ("answer_suggestion", "书面答复", "已答复"),
    ("rate_suggestion", "评价办结", "已办结"),
)
# How far along the stages each status is (index of the last stage reached).
STEPPER_REACHED = {"submitted": 0, "returned": 0, "accepted": 1, "assigned": 2, "rehandling": 3, "answered": 3,
                   "closed": 4}


def _stage_days(congress: Congress, item: Suggestion) -> dict[str, datetime.date]:
    """The day each stage happened, from the item's own records where the model holds one (the
    submission time, the first lead assignment's 交办日期, the latest answer's 答复日期, the latest
    rating): the dates its page shows, which actions may set to a past day. The audit's write time only
    where the model holds none (立案编号) or the record is missing."""
    days: dict[str, datetime.date] = {}
    for action, at in (AuditEntry.objects.in_congress(congress)
                       .filter(object_type="suggestion", object_id=str(item.pk),
                               action__in=[s[0] for s in STEPPER_STAGES]).order_by("id").values_list("action", "at")):
        days[action] = timezone.localtime(at).date()
    if item.submitted_at:
        days["submit_suggestion"] = timezone.localtime(item.submitted_at).date()
    assigned_on = (Assignment.objects.in_congress(congress).filter(suggestion=item, lead=True).order_by("id")
                   .values_list("assigned_on", flat=True).first())
    if assigned_on:
        days["assign_suggestion"] = assigned_on
    answer = Answer.objects.in_congress(congress).filter(suggestion=item).order_by("-round", "-id").first()
    if answer is not None:
        days["answer_suggestion"] = answer.answered_on
        rated = Rating.objects.in_congress(congress).filter(answer=answer).order_by("-at", "-id").values_list(
            "at", flat=True).first()
        if rated:
            days["rate_suggestion"] = timezone.localtime(rated).date()
    return days


def stepper(congress: Congress, item: Suggestion, *, internal: bool) -> list[tuple[str, datetime.date | None, str]]:
    """(label, the date it happened or None, done/current/todo) for each stage; empty for an item not on
    the way (a draft, withdrawn or merged: its history says what became of it). An item sent back for
    re-handling has its answer done and 重新办理 (dated by the rating that sent it back) as the
    current stage."""
    reached = STEPPER_REACHED.get(item.status)
    if reached is None:
        return []
    days = _stage_days(congress, item)
    rows = []
    for index, (action, staff_label, plain_label) in enumerate(STEPPER_STAGES):
        on = days.get(action) if index <= reached else None
        final = index == len(STEPPER_STAGES) - 1
        state = "todo" if index > reached else "current" if index == reached and not final else "done"
        rows.append((staff_label if internal else plain_label, on, state))
    if item.status == Suggestion.Status.REHANDLING:
        rows[-2] = (rows[-2][0], days.get("answer_suggestion"), "done")
        rows.insert(-1, ("重新办理", days.get("rate_suggestion"), "current"))
    return rows
