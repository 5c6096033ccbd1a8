"""Reading the duty reports: a person's record (called by the deputies' records and the appointee
register) and who may see what."""

from __future__ import annotations

from renda.core.models import Congress
from renda.core.permissions import may
from renda.duty_reports.models import DutyReport


def results_for(congress: Congress, person) -> list[DutyReport]:
    """This person's duty reports in this congress, newest year first, each with its rating (status,
    rated_by, the counts, satisfaction_rate and grade)."""
    pk = getattr(person, "pk", person)
    return list(DutyReport.objects.in_congress(congress).filter(person_id=pk)
                .select_related("plan", "meeting", "station", "person").order_by("-plan__year", "-id"))


def sees_all(user, congress: Congress) -> bool:
    return may(user, congress, "view_duty_reports")


def visible_reports(congress: Congress, user):
    """All reports for viewers; a person's own only for anyone else signed in; none for visitors."""
    reports = DutyReport.objects.in_congress(congress).select_related("plan", "person", "station", "meeting", "vote")
    if sees_all(user, congress):
        return reports
    if not getattr(user, "is_authenticated", False):
        return reports.none()
    return reports.filter(person__user_id=user.pk)


def by_evaluation_key(congress: Congress, key: str) -> DutyReport | None:
    """The report behind a public evaluation link (only one scheduled for the voters' evaluation)."""
    if not key:
        return None
    return (DutyReport.objects.in_congress(congress).exclude(evaluation="").filter(evaluation_key=key)
            .select_related("person", "station", "plan").first())


def phone_has_evaluated(congress: Congress, report: DutyReport, device: str) -> bool:
    """Whether this phone (its id from the signed cookie) has evaluated the report: the page says so at once."""
    from renda.duty_reports.actions import _keyed
    from renda.duty_reports.models import VoterEvaluation

    return VoterEvaluation.objects.in_congress(congress).filter(report=report,
                                                                device=_keyed("device", report, device)).exists()
