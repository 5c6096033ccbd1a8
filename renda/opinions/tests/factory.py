"""Register items made through the actions, for the opinions tests, the permission matrix and the demo."""

from __future__ import annotations

import datetime

from django.utils import timezone


def activity(world, kind: str = "symposium"):
    from renda.activities import actions as activities

    return activities.create_activity(world.congress, actor=world.root, kind=kind, topic="代表座谈会",
                                      starts_at=timezone.now() - datetime.timedelta(days=1), place="常委会会议室")


def direct_line(world, user=None, text: str = "村道破损需要维修"):
    from renda.opinions import actions

    return actions.send_direct_line(world.congress, actor=user or world.deputy,
                                    data={"category": "交通出行", "text": text, "place": "城关镇"})


def petition(world, text: str = "来信反映供暖不足"):
    from renda.opinions import actions

    return actions.register_petition(world.congress, actor=world.root,
                                     data={"person_name": "赵六", "person_contact": "13900000000", "category": "社会保障",
                                           "text": text})


def assigned(world, item=None, **kw):
    from renda.liaison import actions as liaison

    item = item or direct_line(world)
    return liaison.triage_concern(world.congress, item, actor=world.root, path="referred", unit=world.unit, **kw)


def answered(world, item=None):
    from renda.core.roles import Role
    from renda.liaison import actions as liaison

    item = assigned(world, item)
    return liaison.answer_concern(world.congress, item, actor=world.users[Role.UNIT_OFFICER], answer="已安排维修")
