"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): every activity
and training permission. Replying and signing in are open to any role but only for one's own row:
the user (given a person if they have none, registered as this congress's CPPCC member so they may
take part) is invited first, so each allowed role's call succeeds."""

from __future__ import annotations

import datetime
import itertools

_n = itertools.count(1)


def _invited(world, user, day=None):
    from django.utils import timezone

    from renda.activities import actions
    from renda.activities.tests.fixtures import activity
    from renda.liaison.models import CppccMember
    from renda.people.models import Person

    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person.objects.create(name=f"委员{next(_n)}", sex="女", user=user)
    if not CppccMember.objects.in_congress(world.congress).filter(person=person).exists():
        CppccMember.objects.create(congress=world.congress, person=person, cppcc="市政协")
    made = activity(world, day=day or timezone.localdate() + datetime.timedelta(days=3))
    actions.add_participants(world.congress, made, actor=world.root, people=[person])
    return made


def _held_training(world):
    from renda.activities import actions
    from renda.activities.tests.fixtures import activity

    c, root = world.congress, world.root
    programme = actions.create_training_programme(c, actor=root, kind="induction", title=f"任职培训{next(_n)}", year=2026,
                                                  certificate=True, required_hours="3")
    made = activity(world, kind="training", hours="3", programme=programme)
    actions.add_participants(c, made, actor=root, people=[world.deputies[0].person])
    actions.record_attendance(c, made, actor=root, rows=[{"person": world.deputies[0].person_id, "attendance": "present"}])
    return programme


def writes(world) -> dict:
    from django.utils import timezone

    from renda.activities import actions
    from renda.activities.tests.fixtures import activity, at

    c, root = world.congress, world.root

    def with_participant():
        made = activity(world)
        actions.add_participants(c, made, actor=root, people=[world.deputies[0].person])
        return made

    return {
        "create_activity": lambda u: actions.create_activity(c, actor=u, kind="inspection", topic="视察", starts_at=at(),
                                                             place="开发区"),
        "update_activity": lambda u: actions.update_activity(c, activity(world), actor=u, place="第二会场"),
        "add_participants": lambda u: actions.add_participants(c, activity(world), actor=u,
                                                               people=[world.deputies[0].person]),
        "reply_to_activity": lambda u: actions.reply_to_activity(c, _invited(world, u), actor=u, reply="attend"),
        "sign_in_to_activity": lambda u: (lambda made: actions.sign_in_to_activity(
            c, made, actor=u, code=actions.sign_in_code(made)))(_invited(world, u, timezone.localdate())),
        "record_attendance": lambda u: actions.record_attendance(
            c, with_participant(), actor=u, rows=[{"person": world.deputies[0].person_id, "attendance": "present"}]),
        "record_activity_held": lambda u: actions.record_activity_held(c, activity(world), actor=u, summary="已举行"),
        "add_output": lambda u: actions.add_output(c, activity(world), actor=u, kind="report", title="调研报告"),
        "create_training_programme": lambda u: actions.create_training_programme(c, actor=u, kind="law", title="代表法培训",
                                                                                 year=2026),
        "issue_certificates": lambda u: actions.issue_certificates(c, _held_training(world), actor=u),
    }


def reads(world) -> dict:
    return {"view_activities": f"/c/{world.congress.code}/activities/"}
