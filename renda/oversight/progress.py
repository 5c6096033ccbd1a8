"""Where each plan item stands through the year: derived from its activities and its meeting, never
stored (STYLE rule 4). Only the decisions the office records by hand — postponed, cancelled, heard
without a meeting on record — are kept on the item (``PlanItem.status``)."""

from __future__ import annotations

from collections.abc import Iterable

from renda.meetings.models import Meeting
from renda.oversight.models import Activity, PlanItem

S, A = PlanItem.Status, Activity.Status
# Set by hand (set_plan_item_status); they override what the records say.
RECORDED = (S.POSTPONED, S.CANCELLED, S.HEARD)


def item_stage(item: PlanItem, activities: Iterable[Activity] | None = None) -> PlanItem.Status:
    """The item's stage: a recorded decision, else the furthest its work has got. An item carried out
    in the field (inspection, survey, visit) is before the meeting only once its report is on the
    agenda, and heard when that meeting has closed; any other item (a work report, a budget review) is
    before the meeting while it sits and heard when it closes. ``activities`` may be given (already
    fetched) to spare a query per item."""
    if item.status in RECORDED:
        return S(item.status)
    meeting = item.meeting if item.meeting_id else None
    sitting = meeting is not None and meeting.status == Meeting.Status.OPEN
    closed = meeting is not None and meeting.status == Meeting.Status.CLOSED
    found = list(activities) if activities is not None else list(
        Activity.objects.in_congress(item.congress_id).filter(plan_item=item))
    statuses = {a.status for a in found}
    if item.kind not in PlanItem.FIELD_KINDS and not found:
        return S.HEARD if closed else S.ON_AGENDA if sitting else S.PLANNED
    if A.ON_AGENDA in statuses:
        return S.HEARD if closed else S.ON_AGENDA
    if A.REPORTED in statuses:
        return S.REPORTED
    if statuses & {A.UNDER_WAY, A.DRAFTING}:
        return S.UNDER_WAY
    return S.PLANNED


def item_progress(item: PlanItem, activities: Iterable[Activity] | None = None) -> str:
    """The item's progress as the plan page shows it: 未开始 / 正在开展 / 报告已形成 / 已提请审议 / 已审议
    (or 推迟 / 取消 where the office recorded it)."""
    return item_stage(item, activities).label


def activities_by_item(items: list[PlanItem]) -> dict[int, list[Activity]]:
    """The activities of many items in one query, by item id."""
    if not items:
        return {}
    found: dict[int, list[Activity]] = {item.pk: [] for item in items}
    for activity in Activity.objects.in_congress(items[0].congress_id).filter(plan_item__in=items).order_by("id"):
        found[activity.plan_item_id].append(activity)  # type: ignore[index]
    return found
