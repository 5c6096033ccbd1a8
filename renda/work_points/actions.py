"""Writes to the year's work points (工作要点), one function per use case: the office records the
document and its adoption, lists the dated items and links each to what fulfils it; the owner
(committee staff for their committee's items, the office for all) closes an item with a note and
evidence, or carries it over."""

from __future__ import annotations

import calendar
import datetime
import re
from typing import Any

from django.utils import timezone

from renda.core import audit, uploads
from renda.core.errors import NotPermitted
from renda.core.models import Congress
from renda.core.permissions import OFFICE, organisations_of, roles_of
from renda.core.roles import Role
from renda.core.usecase import action, ensure_own
from renda.core.workflow import require_status
from renda.meetings.models import Meeting
from renda.oversight.models import PlanItem, WorkReport
from renda.people.models import Mandate, Membership, Organisation, Person
from renda.people.validation import Errors, date, id_or_none, text, whole_number
from renda.voting.models import Vote
from renda.work_points.models import WorkPlan, WorkPoint, WorkPointLink

S = WorkPoint.Status
OWNER_KINDS = (Organisation.Kind.WORKING_COMMITTEE, Organisation.Kind.OFFICE, Organisation.Kind.SPECIAL_COMMITTEE)
ADOPTING_KINDS = (Meeting.Kind.DIRECTORS, Meeting.Kind.PARTY_GROUP, Meeting.Kind.SC_SESSION)
PURPOSE_DOCUMENT = "oversight_document"
MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def _row(model, congress: Congress, value: Any):
    if value in (None, ""):
        return None
    if isinstance(value, model):
        return value if value.congress_id == congress.pk else False
    pk = id_or_none(value)
    return (model.objects.in_congress(congress).filter(pk=pk).first() if pk else None) or False


def _meeting(congress: Congress, value: Any, errors: Errors) -> Meeting | None:
    meeting = _row(Meeting, congress, value)
    if meeting is False:
        errors.add("meeting", "“通过的会议”不是本级的会议")
        return None
    if meeting is not None and meeting.kind not in ADOPTING_KINDS:
        errors.add("meeting", "“通过的会议”须为主任会议、党组会议或常委会会议")
    return meeting


@action("manage_work_points")
def create_plan(congress: Congress, *, actor, year: Any, title: str = "", meeting: Any = None,
                adopted_on: Any = None, document=None, vote: Any = None) -> WorkPlan:
    """The year's work points document, adopted at a directors' or party-group meeting, or voted at a
    standing-committee session (``vote``: that meeting's vote); the adoption date defaults to the
    meeting's day."""
    errors = Errors()
    number = whole_number(year, errors, "year", "年度", minimum=1949, maximum=9999)
    title = text({"title": title}, errors, "title", "标题", max_length=200)
    adopted_at = _meeting(congress, meeting, errors)
    day = date({"adopted_on": adopted_on}, errors, "adopted_on", "通过日期")
    if day is None and adopted_at is not None:
        day = timezone.localtime(adopted_at.starts_at).date()
    voted = _row(Vote, congress, vote)
    if voted is False:
        errors.add("vote", "“通过的表决”不是本级的表决")
        voted = None
    elif voted is not None and (adopted_at is None or voted.meeting_id != adopted_at.pk):
        errors.add("vote", "“通过的表决”须为通过的会议上的表决")
    if number and WorkPlan.objects.in_congress(congress).filter(year=number).exists():
        errors.add("year", f"{number}年的工作要点已经建立")
    if document not in (None, ""):
        uploads.check(document, PURPOSE_DOCUMENT, errors, "document", what="“工作要点文件”")
    errors.raise_if_any()
    plan = WorkPlan.objects.create(congress=congress, year=number, title=title or f"{number}年工作要点",
                                   adopted_at=adopted_at, adopted_on=day, vote=voted, created_by=actor,
                                   **({"document": document} if document not in (None, "") else {}))
    audit.record(congress, actor, "manage_work_points", plan, object_repr=plan.title,
                 after={"year": number, "meeting": getattr(adopted_at, "pk", None), "adopted_on": str(day or ""),
                        "vote": getattr(voted, "pk", None)})
    return plan


def _due(value: Any, errors: Errors, year: int | None = None) -> tuple[datetime.date | None, bool]:
    """A due day (2026-05-20) or month (2026-05 → its last day, month_only)."""
    if value in (None, ""):
        errors.add("due", "“完成时间”必须填写（日期或月份，如 2026-05-20 或 2026-05）")
        return None, False
    if isinstance(value, str) and MONTH.match(value.strip()):
        y, m = (int(x) for x in MONTH.match(value.strip()).groups())  # type: ignore[union-attr]
        if not (1949 <= y <= 9999 and 1 <= m <= 12):
            errors.add("due", f"“完成时间”不是有效的月份：{value}")
            return None, False
        return datetime.date(y, m, calendar.monthrange(y, m)[1]), True
    day = date({"due": value}, errors, "due", "完成时间")
    return day, False


def _point_fields(congress: Congress, data: dict, errors: Errors) -> dict:
    body = text(data, errors, "text", "工作事项", required=True, max_length=1000)
    owner = _row(Organisation, congress, data.get("owner"))
    if not owner:
        errors.add("owner", "“责任委室”必须填写，且须为本级的工作委员会、专门委员会或办事机构")
    elif owner.kind not in OWNER_KINDS:
        errors.add("owner", "“责任委室”须为工作委员会、专门委员会或办事机构")
    leader = data.get("leader")
    if leader not in (None, ""):
        pk = getattr(leader, "pk", None) or id_or_none(leader)
        known = Person.objects.filter(pk=pk or -1).filter(
            pk__in=Membership.objects.in_congress(congress).values("person_id")).first() or \
            Person.objects.filter(pk=pk or -1, pk__in=Mandate.objects.in_congress(congress).values("person_id")).first()
        if known is None:
            errors.add("leader", "“分管领导”不是本级的人员")
        leader = known
    else:
        leader = None
    due_on, month_only = _due(data.get("due"), errors)
    return {"text": body, "owner": owner or None, "leader": leader, "due_on": due_on, "month_only": month_only}


@action("manage_work_points")
def add_point(congress: Congress, plan: WorkPlan, *, actor, text_: str, owner: Any, due: Any,
              leader: Any = None) -> WorkPoint:
    """One dated item: text, the owner committee (or the office), the leader in charge, due day or month."""
    ensure_own(congress, plan, "工作要点")
    errors = Errors()
    fields = _point_fields(congress, {"text": text_, "owner": owner, "leader": leader, "due": due}, errors)
    errors.raise_if_any()
    number = WorkPoint.objects.in_congress(congress).filter(plan=plan).count() + 1
    point = WorkPoint.objects.create(congress=congress, plan=plan, number=number, **fields)
    audit.record(congress, actor, "manage_work_points", point, object_repr=str(point),
                 after={"plan": plan.pk, "owner": point.owner.name, "due_on": str(point.due_on),
                        "leader": getattr(point.leader, "name", "")})
    return point


@action("manage_work_points")
def link_point(congress: Congress, point: WorkPoint, *, actor, meeting: Any = None, plan_item: Any = None,
               work_report: Any = None) -> WorkPointLink:
    """Link an item to exactly one thing that fulfils it: a meeting, an oversight plan item or a work report."""
    ensure_own(congress, point, "工作要点事项")
    errors = Errors()
    given = {name: value for name, value in
             (("meeting", meeting), ("plan_item", plan_item), ("work_report", work_report)) if value not in (None, "")}
    if len(given) != 1:
        errors.add("meeting", "请选择一项关联：会议、监督工作计划项目或专项工作报告（只选一项）")
        errors.raise_if_any()
    (name, value), = given.items()
    model = {"meeting": Meeting, "plan_item": PlanItem, "work_report": WorkReport}[name]
    target = _row(model, congress, value)
    if not target:
        errors.add(name, "关联的记录不属于本级人大")
    elif WorkPointLink.objects.in_congress(congress).filter(point=point, **{name: target}).exists():
        errors.add(name, "已关联该记录")
    errors.raise_if_any()
    link = WorkPointLink.objects.create(congress=congress, point=point, **{name: target})
    audit.record(congress, actor, "manage_work_points", point, object_repr=str(point),
                 after={"linked": name, "id": target.pk})
    return link


def may_close(actor, congress: Congress, point: WorkPoint) -> bool:
    """The office closes any item; committee staff their own committee's."""
    roles = roles_of(actor, congress)
    if roles & OFFICE:
        return True
    return Role.COMMITTEE_STAFF in roles and point.owner_id in organisations_of(actor, congress, Role.COMMITTEE_STAFF)


def _locked(congress: Congress, point: WorkPoint, actor) -> WorkPoint:
    ensure_own(congress, point, "工作要点事项")
    point = WorkPoint.objects.in_congress(congress).select_for_update().select_related("plan", "owner").get(pk=point.pk)
    if not may_close(actor, congress, point):
        raise NotPermitted("只能办理本委室的工作要点事项")
    require_status(point, S.OPEN)
    return point


def _on(value: Any, errors: Errors) -> datetime.date:
    today = timezone.localdate()
    if value in (None, ""):
        return today
    day = date({"on": value}, errors, "on", "办结日期")
    if day is not None and day > today:
        errors.add("on", f"“办结日期”不能晚于今天（{today}）")
    return day or today


@action("close_work_point")
def close_point(congress: Congress, point: WorkPoint, *, actor, note: str, evidence=None, on: Any = None) -> WorkPoint:
    """Done: with a closing note (and evidence where there is one)."""
    point = _locked(congress, point, actor)
    errors = Errors()
    note = text({"note": note}, errors, "note", "完成情况", required=True, max_length=2000)
    if evidence not in (None, ""):
        uploads.check(evidence, PURPOSE_DOCUMENT, errors, "evidence", what="“佐证材料”")
    day = _on(on, errors)
    errors.raise_if_any()
    point.status, point.closing_note, point.closed_on = S.DONE, note, day
    if evidence not in (None, ""):
        point.evidence = evidence
    point.save()
    audit.record(congress, actor, "close_work_point", point, object_repr=str(point), before={"status": S.OPEN},
                 after={"status": S.DONE, "closed_on": str(day), "evidence": bool(point.evidence)})
    return point


@action("close_work_point")
def carry_over(congress: Congress, point: WorkPoint, *, actor, note: str, to_plan: WorkPlan | None = None,
               due: Any = None) -> WorkPoint:
    """Not done this year: carried over with the reason; where the next year's plan is given, the item
    is copied to it (due on ``due``)."""
    point = _locked(congress, point, actor)
    errors = Errors()
    note = text({"note": note}, errors, "note", "结转理由", required=True, max_length=2000)
    due_on, month_only = None, False
    if to_plan is not None:
        if to_plan.congress_id != congress.pk:
            errors.add("to_plan", "“结转至”不是本级的工作要点")
        elif to_plan.year <= point.plan.year:
            errors.add("to_plan", "只能结转至以后年度的工作要点")
        due_on, month_only = _due(due, errors)
    errors.raise_if_any()
    copy = None
    if to_plan is not None:
        copy = WorkPoint.objects.create(congress=congress, plan=to_plan, text=point.text, owner=point.owner,
                                        leader=point.leader, due_on=due_on, month_only=month_only,
                                        number=WorkPoint.objects.in_congress(congress).filter(plan=to_plan).count() + 1)
    point.status, point.closing_note, point.closed_on, point.carried_to = S.CARRIED, note, timezone.localdate(), copy
    point.save()
    audit.record(congress, actor, "close_work_point", point, object_repr=str(point), before={"status": S.OPEN},
                 after={"status": S.CARRIED, "to": getattr(copy, "pk", None)})
    return point

