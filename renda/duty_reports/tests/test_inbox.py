"""The person sees their report to file; the office the reports to rate."""

from renda.core.inbox import Ask
from renda.duty_reports import inbox
from renda.duty_reports.tests.fixtures import due_report, filed_report


def test_the_person_files_and_the_office_rates(world_a):
    c = world_a.congress
    due_report(world_a, world_a.deputies[0].person)
    filed_report(world_a)
    [mine] = inbox.tasks(Ask(c, world_a.deputy))
    assert mine.key == "duty_report_due" and mine.count == 1
    [office] = inbox.tasks(Ask(c, world_a.office))
    assert office.key == "duty_report_rating" and office.count == 1
