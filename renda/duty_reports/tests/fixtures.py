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
