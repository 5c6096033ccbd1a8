"""What the duty report tests share: appointees in the world's handling unit, a plan, a filed report."""

from __future__ import annotations

import datetime
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.duty_reports import actions
from renda.duty_reports.models import DutyPlan, DutyReport
from renda.people import actions as people_actions

_n = itertools.count(1)


def pdf(name: str = "述职报告.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")


def year() -> int:
    return timezone.localdate().year


def appointee(world, name: str | None = None, post: str = "局长", organisation=None):
    """A person holding a post in the world's handling unit (an appointee), with the membership."""
    person = world.make_deputy(name or f"任命{next(_n)}").person
    return people_actions.add_membership(world.congress, actor=world.root, organisation=organisation or world.unit,
                                         person=person, post=post, start=datetime.date(2022, 3, 1))


def plan(world, *, deputies=None, appointees=None, on_year: int | None = None) -> DutyPlan:
    return actions.make_plan(world.congress, actor=world.root, year=on_year or year(),
                             deputies=deputies or [], appointees=appointees if appointees is not None else [],
                             propose=False)


def due_report(world, person=None) -> DutyReport:
    """A deputy's report on this year's plan (the plan made where missing), due."""
    person = person or world.make_deputy(f"述职代表{next(_n)}").person
    existing = DutyPlan.objects.in_congress(world.congress).filter(year=year()).first()
    if existing is None:
        existing = plan(world)
    actions.add_to_plan(world.congress, existing, actor=world.root, deputies=[person])
    return DutyReport.objects.in_congress(world.congress).get(plan=existing, person=person)


def filed_report(world, person=None) -> DutyReport:
    return actions.file_report(world.congress, due_report(world, person), actor=world.root, text_="一年来履职情况……")


def scheduled_report(world, person=None, *, station=True, hours: int = 2, opens_in: int = 0):
    """A filed deputy's report to the voters, at the world's station (or before an electoral unit),
    its phone evaluation from ``opens_in`` minutes from now for ``hours`` hours."""
    report = filed_report(world, person)
    start = timezone.now() + datetime.timedelta(minutes=opens_in)
    return actions.schedule_voter_evaluation(world.congress, report, actor=world.root, held_at=start,
                                             station=world.station if station else None,
                                             electoral_unit="" if station else "城关镇第三选区",
                                             closes_at=start + datetime.timedelta(hours=hours))


def open_report(world, person=None, **kwargs):
    """A deputy's report whose voters' evaluation is open now."""
    report = scheduled_report(world, person, **kwargs)
    return actions.open_voter_evaluation(world.congress, report, actor=world.root)


def voter(n: int) -> dict:
    """Distinct phone and person n."""
    return {"device": f"phone-{n}", "name": f"选民{n}", "digits": f"{n % 10000:04d}"}
