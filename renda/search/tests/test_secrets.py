"""A secret planted where a role may not look is never found by that role — through the page and the API —
while the roles that may open the item do find it (the same rules as the item's own page)."""

from __future__ import annotations

import pytest

from renda.core.roles import Role
from renda.people import actions as people
from renda.search.tests.helpers import (
    ROLES,
    assigned,
    concern,
    draft,
    found_in_api,
    found_in_page,
    submitted,
)

SECRET = "绝密测试词甲乙"
STAFF_AND_MEMBERS = {Role.ADMIN, Role.OFFICE_STAFF, Role.COMMITTEE_STAFF, Role.SC_MEMBER}


def _plant_draft(world):
    draft(world, title="一件草稿", body=f"草稿里的{SECRET}")
    return {Role.DEPUTY}  # the author only


def _plant_submitted(world):
    submitted(world, title="一件建议", body=f"正文{SECRET}")
    return STAFF_AND_MEMBERS | {Role.DEPUTY}  # 已提交: staff and sc members; the author


def _plant_other_units_item(world):
    other = people.create_organisation(world.congress, actor=world.root, kind="handling_unit", name="交通局",
                                       unit_type="department")
    assigned(world, unit=other, title="交给交通局的建议", body=f"正文{SECRET}")
    return STAFF_AND_MEMBERS | {Role.DEPUTY}  # not the education bureau's officer


def _plant_concern_text(world):
    concern(world, text=f"反映{SECRET}的问题")
    return {Role.ADMIN, Role.OFFICE_STAFF}  # the handlers (no deputy of this world sits at the station)


def _plant_concern_contact(world):
    concern(world, text="楼道灯不亮", person_name=f"{SECRET}", person_contact=f"{SECRET}")
    return set()  # the raiser's name and contact are never indexed


def _plant_phone(world):
    world.make_deputy("钱七", phone="13912345678")
    return set()  # searched for "13912345678": a deputy's phone is never indexed


def _plant_unpublished_report(world):
    from renda.oversight.actions.reporting import draft_oversight_report
    from renda.oversight.tests.permission_calls_fieldwork import make_activity

    activity = make_activity(world, team=[world.make_deputy("孙八").person])  # not a persona
    draft_oversight_report(world.congress, activity, actor=world.root, title="调研报告稿", situation=f"情况{SECRET}")
    return STAFF_AND_MEMBERS  # view_oversight; the team (not a persona), not the public: not final


PLANTS = {
    "another_deputys_draft": _plant_draft,
    "submitted_suggestion": _plant_submitted,
    "another_units_item": _plant_other_units_item,
    "concern_text": _plant_concern_text,
    "concern_contact": _plant_concern_contact,
    "deputy_phone": _plant_phone,
    "unpublished_oversight_report": _plant_unpublished_report,
}


@pytest.mark.parametrize("plant", PLANTS)
def test_each_role_finds_the_secret_only_where_the_page_would_open(world_a, plant):
    allowed = PLANTS[plant](world_a)
    q = "13912345678" if plant == "deputy_phone" else SECRET
    for role in ROLES:
        user = world_a.users[role]
        assert found_in_page(world_a, user, q) is (role in allowed), (plant, role, "page")
        if role != Role.PUBLIC:  # the public hold no API token
            assert found_in_api(world_a, user, q) is (role in allowed), (plant, role, "api")
    assert not found_in_page(world_a, None, q), (plant, "anonymous")


def test_another_congress_never_finds_it(world_a, world_b):
    for plant in ("submitted_suggestion", "concern_text", "unpublished_oversight_report"):
        PLANTS[plant](world_b)
    for role in ROLES:
        assert not found_in_page(world_a, world_a.users[role], SECRET), role
        if role != Role.PUBLIC:
            assert not found_in_api(world_a, world_a.users[role], SECRET), role
        # a user of B on A's pages holds no role there
        assert not found_in_page(world_a, world_b.users[role], SECRET), role


def test_a_published_answer_is_public_and_a_confidential_one_is_not(world_a):
    from renda.proposals import actions as proposals

    item = assigned(world_a, title="公开的建议", body="正文")
    officer = world_a.users[Role.UNIT_OFFICER]
    proposals.record_contact(world_a.congress, item, actor=officer, on="2026-02-01", way="phone", summary="电话")
    proposals.answer_suggestion(world_a.congress, item, actor=officer, outcome="A", text_=f"答复{SECRET}",
                                answered_on="2026-03-01")
    assert found_in_page(world_a, world_a.public, SECRET)
    assert found_in_page(world_a, None, SECRET)
    proposals.set_confidential(world_a.congress, item, actor=world_a.office, confidential=True)
    assert not found_in_page(world_a, world_a.public, SECRET)
    # neither author, staff nor its unit: read it as published only
    assert not found_in_api(world_a, world_a.users[Role.CONTACT_POINT_STAFF], SECRET)
    assert found_in_api(world_a, world_a.deputy, SECRET)  # the author still does
    assert found_in_page(world_a, world_a.office, SECRET)


def test_a_meeting_document_is_found_by_its_audience_from_its_release_time(world_a, monkeypatch):
    """meetings.queries.may_fetch: staff always; the roster's voting members only once it is released."""
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from renda.meetings import actions as meetings
    from renda.testing import make_meeting

    meeting = make_meeting(world_a, members=3)  # the deputy and the sc member are on its roster
    doc = meetings.publish_document(world_a.congress, meeting, actor=world_a.office, title=f"审议稿{SECRET}",
                                    audience="members", file=ContentFile(b"x", name="d.txt"),
                                    release_at=timezone.now() + datetime.timedelta(hours=1))
    assert found_in_page(world_a, world_a.office, SECRET)
    assert not found_in_page(world_a, world_a.deputy, SECRET)  # not yet released
    assert not found_in_api(world_a, world_a.deputy, SECRET)
    later = doc.release_at + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)  # time passes; no write re-indexes the document
    assert found_in_page(world_a, world_a.deputy, SECRET)
    assert found_in_api(world_a, world_a.users[Role.SC_MEMBER], SECRET)
    for role in (Role.UNIT_OFFICER, Role.CONTACT_POINT_STAFF, Role.PUBLIC):
        assert not found_in_page(world_a, world_a.users[role], SECRET), role
    assert not found_in_page(world_a, None, SECRET)
