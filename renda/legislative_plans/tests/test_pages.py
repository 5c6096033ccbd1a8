"""The plans' pages: a bad item form keeps what was typed and names the field; the adopted plan is
public without an account, a draft is not; the public form is limited per address and asks a sum
after a few; a reference code shows the decision and reason; another congress's ids are not found;
the oversight activity links back to its item."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from renda.core.roles import Role
from renda.legislative_plans import actions, public_intake
from renda.legislative_plans.models import PlanItem, Proposal
from renda.legislative_plans.tests.fixtures import item, plan
from renda.testing import signed_in


def url(world, rest=""):
    return f"/c/{world.congress.code}/legislative-plans/{rest}"


@pytest.fixture(autouse=True)
def _still_hour(monkeypatch):
    from renda.liaison import intake_guard

    monkeypatch.setattr(intake_guard, "_hour", lambda: 1000)


def test_the_item_form_keeps_input_and_names_the_field(world_a):
    the_plan = plan(world_a)
    office = signed_in(world_a.office)
    page = office.post(url(world_a, f"{the_plan.pk}/do/item/"),
                       {"title": "示例市保留的标题条例", "status": "formal", "purpose": "new",
                        "planned_readings": "一审 2026-13"})
    assert page.status_code == 422
    body = page.content.decode()
    assert "示例市保留的标题条例" in body and "第1次审议" in body and "一审 2026-13" in body
    assert not PlanItem.objects.in_congress(world_a.congress).exists()
    done = office.post(url(world_a, f"{the_plan.pk}/do/item/"),
                       {"title": "示例市农田灌溉用水管理条例", "status": "formal", "purpose": "new",
                        "planned_readings": "一审 2026年3月\n二审 2026-06", "placed_on": "2026-02-26"})
    assert done.status_code == 302
    made = PlanItem.objects.in_congress(world_a.congress).get()
    assert made.planned_readings[1]["month"] == "2026-06" and str(made.placed_on) == "2026-02-26"
    assert "一审 2026年3月" in office.get(url(world_a, f"{the_plan.pk}/")).content.decode()


def test_the_adopted_plan_is_public_a_draft_is_not(world_a, world_b):
    made = item(world_a)
    anonymous = Client()
    assert anonymous.get(url(world_a, f"public/{made.plan_id}/")).status_code == 404
    assert anonymous.get(url(world_a, f"{made.plan_id}/")).status_code == 404
    actions.adopt_legislative_plan(world_a.congress, made.plan, actor=world_a.office, adopted_on="2026-02-26")
    page = anonymous.get(url(world_a, f"public/{made.plan_id}/"))
    assert page.status_code == 200 and made.title in page.content.decode()
    assert anonymous.get(url(world_a, "public/")).status_code == 200
    assert signed_in(world_a.users[Role.DEPUTY]).get(url(world_a)).status_code == 403
    # the staff page of an adopted plan shows its bills' progress: others are sent to the public page
    for outsider in (anonymous, signed_in(world_a.users[Role.DEPUTY])):
        sent = outsider.get(url(world_a, f"{made.plan_id}/"))
        assert sent.status_code == 302 and sent.url == url(world_a, f"public/{made.plan_id}/")
    assert signed_in(world_a.office).get(url(world_a, f"{made.plan_id}/")).status_code == 200
    other = signed_in(world_b.office)
    assert other.get(url(world_b, f"{made.plan_id}/")).status_code == 404
    assert other.get(url(world_b, f"items/{made.pk}/")).status_code == 404
    assert other.post(url(world_b, f"items/{made.pk}/do/change/"), {"title": "x"}).status_code == 404


def test_the_public_form_is_limited_per_address(world_a):
    anonymous = Client(REMOTE_ADDR="203.0.113.9")
    fields = {"title": "示例市养犬管理条例", "necessity": "养犬扰民问题突出"}
    first = anonymous.post(url(world_a, "proposals/public/"), fields)
    assert first.status_code == 201
    code = Proposal.objects.in_congress(world_a.congress).get().reference_code
    assert code in first.content.decode().replace(" ", "")
    # the second from the address asks a sum (challenge_after is 2): without it, nothing is written
    anonymous.post(url(world_a, "proposals/public/"), fields)
    asked = anonymous.post(url(world_a, "proposals/public/"), fields)
    assert asked.status_code == 422 and "验证题" in asked.content.decode() and "示例市养犬管理条例" in asked.content.decode()
    assert Proposal.objects.in_congress(world_a.congress).count() == 2
    for _ in range(2):
        anonymous.post(url(world_a, "proposals/public/"), fields)
    refused = anonymous.post(url(world_a, "proposals/public/"), fields)
    assert refused.status_code == 429 and public_intake.ADDRESS_REFUSAL in refused.content.decode()
    assert Client(REMOTE_ADDR="203.0.113.10").get(url(world_a, "proposals/public/")).status_code == 200


def test_the_reference_code_shows_the_reason(world_a, world_b):
    proposal = actions.submit_legislative_proposal(world_a.congress, actor=AnonymousUser(), title="示例市养犬管理条例",
                                                   necessity="养犬扰民")
    actions.decide_legislative_proposal(world_a.congress, proposal, actor=world_a.office, accept=False,
                                        reason="已有上位法规定，暂不列入")
    page = Client().get(url(world_a, f"proposals/track/?code={proposal.reference_code}"))
    assert page.status_code == 200 and "已有上位法规定" in page.content.decode()
    assert Client().get(url(world_b, f"proposals/track/?code={proposal.reference_code}")).status_code == 404
    wrong = proposal.reference_code[:-1] + str((int(proposal.reference_code[-1]) + 1) % 10)
    assert Client().get(url(world_a, f"proposals/track/?code={wrong}")).status_code == 422


def test_deputy_proposal_decision_and_their_page(world_a):
    deputy = signed_in(world_a.deputy)
    bad = deputy.post(url(world_a, "proposals/new/"), {"title": "示例市黑土地保护条例", "necessity": ""})
    assert bad.status_code == 422 and "示例市黑土地保护条例" in bad.content.decode()
    made = deputy.post(url(world_a, "proposals/new/"), {"title": "示例市黑土地保护条例", "necessity": "黑土地退化"})
    assert made.status_code == 302
    proposal = Proposal.objects.in_congress(world_a.congress).get()
    assert proposal.source == "deputy"
    office = signed_in(world_a.office)
    declined = office.post(url(world_a, f"proposals/{proposal.pk}/decide/"), {"decision": "decline", "reason": ""})
    assert declined.status_code == 422 and "“理由”" in declined.content.decode()
    office.post(url(world_a, f"proposals/{proposal.pk}/decide/"), {"decision": "decline", "reason": "纳入明年调研"})
    mine = deputy.get(url(world_a, "proposals/mine/")).content.decode()
    assert "不予立项" in mine
    assert "纳入明年调研" in deputy.get(url(world_a, f"proposals/{proposal.pk}/")).content.decode()
    assert signed_in(world_a.users[Role.UNIT_OFFICER]).get(url(world_a, f"proposals/{proposal.pk}/")).status_code == 404


def test_research_from_the_item_page_links_back(world_a):
    made = item(world_a)
    office = signed_in(world_a.office)
    started = office.post(url(world_a, f"items/{made.pk}/do/research/"),
                          {"title": "农田灌溉用水管理条例立法调研", "year": 2026})
    assert started.status_code == 302 and "/oversight/" in started["Location"]
    activity_page = office.get(started["Location"]).content.decode()
    assert "activity-legislation" in activity_page and made.title in activity_page
    assert "农田灌溉用水管理条例立法调研" in office.get(url(world_a, f"items/{made.pk}/")).content.decode()
