"""The index follows every write in the same transaction: a new item is found at once, an edit replaces its
text, a deletion removes it, an assignment lets the unit find it, and a rolled-back write leaves no trace."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction

from renda.core.roles import Role
from renda.people import actions as people
from renda.proposals import actions as proposals
from renda.search import sources
from renda.search.tests.helpers import api_hits, draft, found_in_page, submitted


def test_a_draft_is_found_by_its_author_at_once_and_an_edit_replaces_its_text(world_a):
    item = draft(world_a, title="关于校车接送的建议", body="城郊学生上学难")
    assert found_in_page(world_a, world_a.deputy, "校车接送")
    proposals.save_suggestion_draft(world_a.congress, suggestion=item, actor=world_a.deputy, term=world_a.term,
                                    title="关于公交线路的建议", body="增开公交")
    assert not found_in_page(world_a, world_a.deputy, "校车接送")
    assert found_in_page(world_a, world_a.deputy, "公交线路")


def test_an_assignment_lets_the_units_officer_find_the_item(world_a):
    item = submitted(world_a, title="关于学校食堂的建议", body="食堂卫生")
    officer = world_a.users[Role.UNIT_OFFICER]
    assert not found_in_page(world_a, officer, "学校食堂")
    proposals.accept_suggestion(world_a.congress, item, actor=world_a.office)
    proposals.assign_suggestion(world_a.congress, item, actor=world_a.office, lead_unit=world_a.unit,
                                on=datetime.date(2026, 1, 10))
    assert found_in_page(world_a, officer, "学校食堂")
    hit = api_hits(world_a, officer, "学校食堂")["hits"][0]
    assert hit["kind"] == "suggestion" and hit["id"] == item.pk
    assert hit["url"].endswith(f"/c/{world_a.congress.code}/suggestions/{item.pk}/")


def test_an_answer_is_searchable_with_its_suggestion(world_a):
    from renda.search.tests.helpers import assigned

    item = assigned(world_a, title="关于操场的建议", body="操场破损")
    officer = world_a.users[Role.UNIT_OFFICER]
    proposals.record_contact(world_a.congress, item, actor=officer, on="2026-02-01", way="phone", summary="电话")
    proposals.answer_suggestion(world_a.congress, item, actor=officer, outcome="A", text_="已安排塑胶跑道改造",
                                answered_on="2026-03-01")
    assert found_in_page(world_a, world_a.deputy, "塑胶跑道")


def test_a_co_signer_removed_from_a_draft_no_longer_finds_it(world_a):
    """The co-signer's row is deleted: the draft's audience loses them in the same write."""
    co_signer = world_a.deputies[1]
    item = draft(world_a, title="关于河道治理的建议", body="河道淤塞", co_signers=[co_signer.person])
    assert found_in_page(world_a, world_a.users[Role.SC_MEMBER], "河道治理")
    proposals.save_suggestion_draft(world_a.congress, suggestion=item, actor=world_a.deputy, term=world_a.term,
                                    title="关于河道治理的建议", body="河道淤塞", co_signers=[])
    assert not found_in_page(world_a, world_a.users[Role.SC_MEMBER], "河道治理")
    assert found_in_page(world_a, world_a.deputy, "河道治理")


def test_a_renamed_person_is_found_by_the_new_name(world_a):
    mandate = world_a.make_deputy("周建国")
    assert found_in_page(world_a, world_a.public, "周建国")
    people.update_person(world_a.congress, mandate.person, actor=world_a.root, name="周建华")
    assert found_in_page(world_a, world_a.public, "周建华")
    assert not found_in_page(world_a, world_a.public, "周建国")


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_leaves_the_index_as_it_was(world_a):
    with pytest.raises(RuntimeError), transaction.atomic():
        people.create_organisation(world_a.congress, actor=world_a.root, kind="handling_unit", name="气象局",
                                   unit_type="department")
        raise RuntimeError("the write fails after the row")
    assert not found_in_page(world_a, world_a.public, "气象局")


def test_rebuild_yields_an_entry_for_every_searchable_row_and_no_private_text(world_a):
    draft(world_a, title="草稿建议", body="草稿")
    from renda.search.tests.helpers import concern

    concern(world_a, text="井盖丢失", person_contact="13711112222")
    entries = list(sources.documents(world_a.congress))
    kinds = {e.kind for e in entries}
    assert {"suggestion", "concern", "deputy", "organisation"} <= kinds
    assert all(e.congress_id == world_a.congress.pk for e in entries)
    text = " ".join(e.title + e.body for e in entries)
    assert "13711112222" not in text and "13800000000" not in text  # contacts and phones never indexed
