"""Reading oversight records: who may see an activity, and the joint activities a partner congress
lists in its own plan."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from renda.core.models import Congress
from renda.core.permissions import may
from renda.core.tenancy import cross_congress_query
from renda.oversight.models import Activity, Plan, TeamMember


def person_of_user(user):
    """The person a signed-in account is linked to, or None (anonymous, or an account of no person)."""
    return getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None


def _person_id(user) -> int | None:
    person = person_of_user(user)
    return None if person is None else person.pk


def on_team(user, congress: Congress, activity: Activity) -> bool:
    """A deputy or member invited onto the team sees the activity (to reply, record a site, comment)."""
    person_id = _person_id(user)
    return person_id is not None and TeamMember.objects.in_congress(congress).filter(
        activity=activity, person_id=person_id).exists()


def may_see_activity(user, congress: Congress, activity: Activity) -> bool:
    return may(user, congress, "view_oversight") or on_team(user, congress, activity)


def activity_for(request, activity_id) -> Activity:
    """The activity of this congress the user may see, or 404 (the same answer for another congress's
    id, a missing one, and one this user may not see)."""
    activity = Activity.objects.in_congress(request.congress).filter(pk=activity_id).first()
    if activity is None or not may_see_activity(request.user, request.congress, activity):
        raise Http404("找不到该调研（检查）")
    return activity


def plan_for(request, plan_id) -> Plan:
    """A plan of this congress: staff and members see drafts; everyone sees a published plan."""
    plan = Plan.objects.in_congress(request.congress).filter(pk=plan_id).first()
    if plan is None or (plan.status != Plan.Status.PUBLISHED and not may(request.user, request.congress, "view_oversight")):
        raise Http404("找不到该监督工作计划")
    return plan


def team_activities(user, congress: Congress) -> QuerySet[Activity]:
    """The activities whose team this user is on (their own work, for the inbox and 我的履职)."""
    person_id = _person_id(user)
    if person_id is None:
        return Activity.objects.none()
    return Activity.objects.in_congress(congress).filter(
        pk__in=TeamMember.objects.in_congress(congress).filter(person_id=person_id).values("activity_id"))


def joint_activities(congress: Congress, year: int | None = None) -> list[Activity]:
    """Activities another congress hosts with this one as its partner (one level up or down): held
    once, listed in both plans. Read-only here; the host keeps the records."""
    with cross_congress_query("joint_oversight_activities"):
        found = Activity.unscoped.select_related("congress").filter(partner=congress)
        if year is not None:
            found = found.filter(year=year)
        return [a for a in found if congress.parent_id == a.congress_id or a.congress.parent_id == congress.pk]
