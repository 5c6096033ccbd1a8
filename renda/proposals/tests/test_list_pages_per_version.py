"""The staff list's unit picker and bulk-assignment fields are rendered once per data version and change
with the data; the unit's queue and its open commitments come a page at a time."""

from __future__ import annotations

import re

from django.utils import timezone

from renda.people import actions as people
from renda.proposals import actions, queries
from renda.proposals.tests.test_handling_and_feedback import assigned, officer
from renda.testing import signed_in


def test_the_unit_picker_follows_the_data_and_keeps_the_choice(world_a):
    office = signed_in(world_a.office)
    base = f"/c/{world_a.congress.code}/suggestions/review/"
    page = office.get(f"{base}?unit={world_a.unit.pk}").content.decode()
    assert f'<option value="{world_a.unit.pk}" selected>教育局</option>' in page
    made = people.create_organisation(world_a.congress, actor=world_a.root, kind="handling_unit", name="新<局>",
                                      unit_type="department")
    page = office.get(base).content.decode()  # the action moved the data version: the new unit is offered
    assert f'<option value="{made.pk}">新&lt;局&gt;</option>' in page and " selected>" not in page.split("全部主办单位")[1][:2000]


def test_the_bulk_fields_offer_a_unit_created_after_they_were_first_shown(world_a):
    item = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="待交办", body="b")
    actions.submit_suggestion(world_a.congress, item, actor=world_a.deputy)
    actions.accept_suggestion(world_a.congress, item, actor=world_a.office)
    office = signed_in(world_a.office)
    base = f"/c/{world_a.congress.code}/suggestions/review/"
    assert 'id="bulk-lead_unit"' in office.get(base).content.decode()
    people.create_organisation(world_a.congress, actor=world_a.root, kind="handling_unit", name="后建局",
                               unit_type="department")
    fields = office.get(base).content.decode().split('id="bulk"')[1]
    assert "后建局" in fields


def test_the_queue_comes_a_page_at_a_time(world_a, monkeypatch):
    monkeypatch.setattr(queries, "PAGE", 2)
    items = [assigned(world_a, co_signed=False) for _ in range(3)]
    unit = signed_in(officer(world_a))
    url = f"/c/{world_a.congress.code}/suggestions/queue/"
    first = unit.get(url).content.decode()
    more = re.search(r'href="\?q=&after=([^"]+)">下一页', first)
    assert more and first.count("#tools") == 2
    second = unit.get(url, {"after": more.group(1)}).content.decode()
    assert second.count("#tools") == 1 and "下一页" not in second
    shown = set(re.findall(r"/suggestions/(\d+)/#tools", first + second))
    assert shown == {str(i.pk) for i in items}


def test_the_staff_list_kept_per_version_gives_each_session_its_own_csrf_token_and_new_items_at_once(world_a):
    from django.test import Client

    item = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="待立案", body="b")
    actions.submit_suggestion(world_a.congress, item, actor=world_a.deputy)
    base = f"/c/{world_a.congress.code}/suggestions/review/"
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(world_a.office)
    second.force_login(world_a.admin)
    assert "待立案" in first.get(base).content.decode()  # kept for the next viewer
    page = second.get(base).content.decode()
    form = re.search(rf'action="(/c/[^"]+/suggestions/{item.pk}/do/accept/)"[^>]*>(.*?)</form>', page, re.S)
    assert form, "the row offers 立案编号"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(2)).group(1)
    assert "<!--csrf-input-->" not in page
    answer = second.post(form.group(1), {"csrfmiddlewaretoken": token, "back": "review"})
    assert answer.status_code == 302  # the second session's own token, not the first's
    item.refresh_from_db()
    assert item.status == "accepted"
    later = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="后提交", body="b")
    actions.submit_suggestion(world_a.congress, later, actor=world_a.deputy)
    assert "后提交" in first.get(base).content.decode()


def test_a_units_queue_kept_per_version_shows_a_new_item_at_once_and_only_to_that_units_officers(world_a):
    from renda.core import actions as core_actions
    from renda.core.roles import Role
    from renda.testing import make_user

    other_unit = people.create_organisation(world_a.congress, actor=world_a.root, kind="handling_unit", name="卫健委",
                                            unit_type="department")
    other = make_user("weijian-officer")
    core_actions.grant_role(world_a.congress, actor=world_a.root, user=other, role=Role.UNIT_OFFICER,
                            organisation=other_unit)
    url = f"/c/{world_a.congress.code}/suggestions/queue/"
    mine, theirs = signed_in(officer(world_a)), signed_in(other)
    first = assigned(world_a, co_signed=False)
    assert f"/suggestions/{first.pk}/#tools" in mine.get(url).content.decode()
    assert f"/suggestions/{first.pk}/#tools" not in theirs.get(url).content.decode()  # another unit's page
    second = assigned(world_a, co_signed=False)
    assert f"/suggestions/{second.pk}/#tools" in mine.get(url).content.decode()


def test_a_units_request_shows_above_the_list_until_it_is_decided(world_a):
    item = assigned(world_a, on=timezone.localdate())
    office = signed_in(world_a.office)
    base = f"/c/{world_a.congress.code}/suggestions/review/"
    assert "承办单位的申请" not in office.get(base).content.decode()
    request = actions.request_handling_change(world_a.congress, item, actor=officer(world_a), kind="extend",
                                              reason="需跨<年度>预算", months=2)
    card = office.get(base).content.decode().split("承办单位的申请")[1].split("</div>")[0]
    assert f"/suggestions/{item.pk}/#requests" in card and "教育局" in card and "（2个月）" in card
    assert "理由：需跨&lt;年度&gt;预算" in card
    actions.decide_handling_request(world_a.congress, request, actor=world_a.office, grant=False)
    assert "承办单位的申请" not in office.get(base).content.decode()
