"""A person's part in oversight, for their record (履职记录): every survey, inspection or inspection
visit (视察) whose team they were on or whose sites they visited."""

from __future__ import annotations

from typing import NamedTuple

from renda.core.models import Congress
from renda.oversight.models import Activity, SiteVisitor, TeamMember


class Part(NamedTuple):
    activity: Activity
    role: str  # 组长, 成员 … ("" when they only went on site visits)
    site_visits: int

    @property
    def roles(self) -> list[str]:
        """What the record says, e.g. ["副组长", "实地察看 3 处"]."""
        found = [self.role] if self.role else []
        if self.site_visits:
            found.append(f"实地察看 {self.site_visits} 处")
        return found


def activities_of(congress: Congress, person) -> list[Part]:
    """Each activity this person took part in (on the team or on a site visit), newest first."""
    roles = {m.activity_id: m.get_role_display()
             for m in TeamMember.objects.in_congress(congress).filter(person=person)}
    visits: dict[int, int] = {}
    for activity_id in SiteVisitor.objects.in_congress(congress).filter(person=person).values_list(
            "visit__activity_id", flat=True):
        visits[activity_id] = visits.get(activity_id, 0) + 1
    activities = Activity.objects.in_congress(congress).filter(pk__in=set(roles) | set(visits))
    return [Part(a, roles.get(a.pk, ""), visits.get(a.pk, 0)) for a in activities.order_by("-year", "-id")]
