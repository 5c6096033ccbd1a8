"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): every duty
report permission. Filing is the person's own report (a person is made for a user who has none, e.g.
the unit officer: an appointee with an account), so each allowed role's call succeeds."""

from __future__ import annotations

import itertools

_n = itertools.count(1)


def _own_report(world, user):
    from renda.duty_reports.tests.fixtures import due_report
    from renda.people.models import Person

    person = Person.objects.filter(user=user).first()
    if person is None:
        person = world.make_deputy(f"述职人{next(_n)}").person
        person.user = user
        person.save(update_fields=["user"])
    return due_report(world, person)


def writes(world) -> dict:
    from django.utils import timezone

    from renda.duty_reports import actions
    from renda.duty_reports.tests.fixtures import filed_report, open_report, scheduled_report, voter

    c = world.congress
    return {
        "make_duty_plan": lambda u: actions.make_plan(c, actor=u, year=timezone.localdate().year + 1 + next(_n) % 5,
                                                      deputies=[world.deputies[0].person.pk]),
        "file_duty_report": lambda u: actions.file_report(c, _own_report(world, u), actor=u, text_="本人述职"),
        "rate_duty_report": lambda u: actions.record_station_rating(c, filed_report(world), actor=u, satisfied=5,
                                                                    basic=1, unsatisfied=0),
        "schedule_voter_evaluation": lambda u: actions.schedule_voter_evaluation(
            c, filed_report(world), actor=u, held_at=timezone.now(), station=world.station),
        "open_voter_evaluation": lambda u: actions.open_voter_evaluation(c, scheduled_report(world), actor=u),
        "close_voter_evaluation": lambda u: actions.close_voter_evaluation(c, _evaluated(world), actor=u),
        "record_paper_counts": lambda u: actions.record_paper_counts(c, scheduled_report(world), actor=u,
                                                                     satisfied=3, basic=0, unsatisfied=0),
        "evaluate_duty_report": lambda u: actions.evaluate_duty_report(
            c, open_report(world), actor=u, rating="满意", **voter(next(_n))),
    }


def _evaluated(world):
    from django.contrib.auth.models import AnonymousUser

    from renda.duty_reports import actions
    from renda.duty_reports.tests.fixtures import open_report, voter

    report = open_report(world)
    actions.evaluate_duty_report(world.congress, report, actor=AnonymousUser(), rating="满意", **voter(next(_n)))
    return report


def reads(world) -> dict:
    return {"view_duty_reports": f"/c/{world.congress.code}/duty-reports/"}
