"""承办单位职责 and the router: staff set a unit's duties (allowed, denied, another congress's unit,
too long), the suggest API with its reasons and notes, and staff's past assignments changing later
proposals."""

from __future__ import annotations

import pytest
from django.test import Client

from renda.core import actions as core_actions
from renda.core import rules
from renda.core.errors import NotFound, NotPermitted, ValidationError
from renda.core.roles import Role
from renda.people import actions as people
from renda.people.models import Organisation
from renda.proposals import actions as proposals
from renda.routing import actions, queries
from renda.routing.router import EmptyText, PastItem, Router, UnitDuties
from renda.testing import signed_in

pytestmark = pytest.mark.django_db

URBAN = "负责市容市貌和环境卫生管理，查处占道经营、流动摊贩、露天烧烤等行为；负责城市道路照明（路灯）等市政设施的养护和管理"
ECO = "负责大气、水、土壤等环境污染防治的监督管理；负责工业企业污染物排放的监督管理，查处偷排漏排"
HEALTH = "负责基层卫生健康工作，统筹乡镇卫生院和村卫生室建设，保障村卫生室正常运行和乡村医生配备"


def _unit(world, name, duties=""):
    unit = people.create_organisation(world.congress, actor=world.root, kind=Organisation.Kind.HANDLING_UNIT, name=name,
                                      unit_type="department")
    if duties:
        actions.set_unit_duties(world.congress, unit, actor=world.office, duties=duties)
    return unit


def _token(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {core_actions.issue_api_token(world.congress, actor=user, name='t')[1]}"}


# ── duties ──

def test_office_staff_set_a_units_duties_and_it_is_audited(world_a):
    unit = actions.set_unit_duties(world_a.congress, world_a.unit, actor=world_a.office, duties=" 负责义务教育；负责校车管理 ")
    unit.refresh_from_db()
    assert unit.duties == "负责义务教育；负责校车管理"


def test_a_unit_officer_may_not_set_duties(world_a):
    with pytest.raises(NotPermitted):
        actions.set_unit_duties(world_a.congress, world_a.unit, actor=world_a.users[Role.UNIT_OFFICER], duties="x")


def test_another_congress_unit_is_not_found(world_a, world_b):
    with pytest.raises(NotFound):
        actions.set_unit_duties(world_a.congress, world_b.unit, actor=world_a.office, duties="负责教育")
    response = Client().put(f"/api/routing/units/{world_b.unit.pk}/duties", data={"duties": "负责教育"},
                            content_type="application/json", **_token(world_a, world_a.office))
    assert response.status_code == 404
    page = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/routing/units/{world_b.unit.pk}/")
    assert page.status_code == 404


def test_duties_past_the_rule_are_refused_naming_the_field_and_nothing_changes(world_a):
    limit = rules.get(world_a.congress, "routing.duties_max_chars")
    with pytest.raises(ValidationError) as refused:
        actions.set_unit_duties(world_a.congress, world_a.unit, actor=world_a.office, duties="职" * (limit + 1))
    assert "职责（三定方案）" in refused.value.message_dict["duties"][0]
    world_a.unit.refresh_from_db()
    assert world_a.unit.duties == ""
    response = Client().put(f"/api/routing/units/{world_a.unit.pk}/duties", data={"duties": "职" * (limit + 1)},
                            content_type="application/json", **_token(world_a, world_a.office))
    assert response.status_code == 422


def test_only_handling_units_have_duties(world_a):
    with pytest.raises(ValidationError):
        actions.set_unit_duties(world_a.congress, world_a.committee, actor=world_a.office, duties="负责")


def test_the_units_page_lists_duties_and_the_edit_form_saves(world_a):
    client = signed_in(world_a.office)
    code = world_a.congress.code
    assert "未填写，无法据职责排序" in client.get(f"/c/{code}/routing/units/").content.decode()
    response = client.post(f"/c/{code}/routing/units/{world_a.unit.pk}/", {"duties": "负责学前教育"})
    assert response.status_code == 302
    assert "负责学前教育" in client.get(f"/c/{code}/routing/units/").content.decode()
    too_long = client.post(f"/c/{code}/routing/units/{world_a.unit.pk}/", {"duties": "职" * 6000})
    assert too_long.status_code == 422 and "不能超过" in too_long.content.decode()
    assert signed_in(world_a.users[Role.UNIT_OFFICER]).get(f"/c/{code}/routing/units/{world_a.unit.pk}/").status_code == 403


def test_the_units_api_lists_and_sets_duties(world_a):
    headers = _token(world_a, world_a.office)
    put = Client().put(f"/api/routing/units/{world_a.unit.pk}/duties", data={"duties": "负责义务教育"},
                       content_type="application/json", **headers)
    assert put.status_code == 200 and put.json()["has_duties"]
    listed = Client().get("/api/routing/units", **headers).json()
    assert [u["duties"] for u in listed if u["id"] == world_a.unit.pk] == ["负责义务教育"]
    denied = Client().put(f"/api/routing/units/{world_a.unit.pk}/duties", data={"duties": "x"},
                          content_type="application/json", **_token(world_a, world_a.users[Role.UNIT_OFFICER]))
    assert denied.status_code == 403


# ── suggesting ──

def test_suggest_ranks_by_duties_with_reasons_and_notes_units_without_duties(world_a):
    _unit(world_a, "城市管理局", URBAN)
    _unit(world_a, "生态环境局", ECO)
    _unit(world_a, "卫生健康委", HEALTH)
    response = Client().post("/api/routing/suggest", data={"title": "", "body": "楼下烧烤摊油烟噪音扰民，天天到半夜"},
                             content_type="application/json", **_token(world_a, world_a.office))
    assert response.status_code == 200
    result = response.json()
    assert result["ranked"][0]["name"] == "城市管理局"
    assert any("烧烤" in r for r in result["ranked"][0]["reasons"])
    assert "教育局未填写职责，无法据职责排序" in result["notes"]
    clinic = queries.suggest(world_a.congress, "", "村卫生室医生退休后一直锁门，看病要跑镇上")
    assert clinic.ranked[0].name == "卫生健康委"


def test_empty_text_gets_a_clear_message(world_a):
    response = Client().post("/api/routing/suggest", data={"title": " ", "body": "，"},
                             content_type="application/json", **_token(world_a, world_a.office))
    assert response.status_code == 422
    assert "至少要有两个字" in response.json()["detail"][0]["message"]
    with pytest.raises(EmptyText):
        Router([UnitDuties(1, "甲", "负责教育")]).suggest("")


def test_no_duties_and_no_history_cannot_rank(world_a):
    routing = queries.suggest(world_a.congress, "学校门口堵车", "")
    assert not routing.can_rank and not routing.ranked
    assert any("无法排序" in n for n in routing.notes)


def test_the_suggest_api_is_for_staff(world_a):
    response = Client().post("/api/routing/suggest", data={"body": "路灯坏了"}, content_type="application/json",
                             **_token(world_a, world_a.deputy))
    assert response.status_code == 403


def _assigned(world, title, unit):
    item = proposals.save_suggestion_draft(world.congress, actor=world.deputy, term=world.term, title=title, body=title)
    proposals.submit_suggestion(world.congress, item, actor=world.deputy)
    proposals.accept_suggestion(world.congress, item, actor=world.office)
    proposals.assign_suggestion(world.congress, item, actor=world.office, lead_unit=unit)
    return item


def test_a_staff_correction_changes_later_proposals(world_a):
    urban = _unit(world_a, "城市管理局", URBAN)
    _unit(world_a, "生态环境局", ECO)
    text = "关于整治工业园区企业夜间偷排废气的建议"
    before = queries.suggest(world_a.congress, text)
    assert before.ranked[0].name == "生态环境局"
    # Staff decide such items are city management's here (say, a local 综合执法 reform) — twice.
    _assigned(world_a, "关于整治工业园区企业夜间偷排废气问题的建议", urban)
    _assigned(world_a, "关于工业园区企业夜间偷排废气扰民的建议", urban)
    after = queries.suggest(world_a.congress, text)
    assert after.ranked[0].name == "城市管理局"
    assert any("由本单位主办" in r for r in after.ranked[0].reasons)


def test_an_assignment_moved_away_counts_against_its_first_unit():
    units = [UnitDuties(1, "甲局", "负责道路养护"), UnitDuties(2, "乙局", "负责道路照明")]
    plain = Router(units).suggest("道路养护和照明")
    moved = Router(units, [PastItem("道路养护和照明坏了", 1, "某件", wrong=True)]).suggest("道路养护和照明")
    score = {r.unit_id: r.score for r in plain.ranked}
    assert {r.unit_id: r.score for r in moved.ranked}.get(1, 0) < score[1]


def test_the_assignment_pages_show_the_proposals(world_a):
    _unit(world_a, "城市管理局", URBAN)
    item = proposals.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term,
                                           title="关于整治流动摊贩占道经营的建议", body="夜市占道")
    proposals.submit_suggestion(world_a.congress, item, actor=world_a.deputy)
    proposals.accept_suggestion(world_a.congress, item, actor=world_a.office)
    page = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/suggestions/{item.pk}/").content.decode()
    assert "系统建议的承办单位" in page and "城市管理局" in page and "占道经营" in page


def test_text_without_a_chinese_word_is_not_ranked_by_meaning_or_words():
    router = Router([UnitDuties(1, "市城市管理综合行政执法局", URBAN), UnitDuties(2, "市生态环境局", ECO)])
    for text in ("x" * 20000, 'NEAR( AND " * ab'):
        routing = router.suggest(text)
        assert routing.ranked == []
        assert any("无法建议" in n for n in routing.notes)
