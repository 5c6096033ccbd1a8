"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): every
appointments permission, each call on a fresh bill of a small session (3 members, all present).
edit_bill, add_nominee, remove_nominee and withdraw_bill share draft_appointment_bill with
create_bill here (tests/test_actions.py covers them)."""

from __future__ import annotations

import datetime


def writes(world) -> dict:
    from renda.appointments import actions
    from renda.appointments.models import Nominee
    from renda.appointments.tests.fixtures import directors, sitting, small_bill

    c = world.congress

    def nominee(stage):
        return Nominee.objects.in_congress(c).get(bill=small_bill(world, stage))

    def oath(u):
        n = nominee("decided")
        session = sitting(world, members=3, sign_in=3)
        return actions.record_oath(c, actor=u, meeting=session, held_on=datetime.date.today(),
                                   leader=world.deputies[1].person, persons=[n.person_id])

    return {
        "draft_appointment_bill": lambda u: actions.create_bill(c, actor=u, proposer="government", title="任免案",
                                                                meeting=sitting(world, members=3, sign_in=3)),
        "submit_appointment_bill": lambda u: actions.submit_bill(c, small_bill(world), actor=u,
                                                                 directors_meeting=directors(world)),
        "put_appointments_to_vote": lambda u: actions.put_to_vote(c, small_bill(world, "submitted"), actor=u),
        "decide_appointments": lambda u: actions.decide(c, small_bill(world, "voting"), actor=u),
        "issue_appointment_document": lambda u: actions.issue_document(c, nominee("decided"), actor=u),
        "record_oath": oath,
    }


def reads(world) -> dict:
    return {"view_appointments": f"/c/{world.congress.code}/appointments/"}
