"""Similar existing items while typing, and clusters for staff."""

import json

from django.test import Client

from renda.core.tests.test_api import bearer
from renda.liaison.tests.factory import concern
from renda.proposals import actions
from renda.similar import finder
from renda.testing import signed_in

ELEVATOR = ("关于加快推进城区老旧小区加装电梯的建议", "目前城区老旧小区多为六层以下住宅，没有电梯，老年居民上下楼十分困难，"
            "建议住建局制定加装电梯补贴办法，简化审批流程。")
WATER = ("关于保障农村饮水安全的建议", "部分山区村组自来水水压不足，夏季经常停水，建议水利局改造供水管网。")


def suggestion(world, title, body, *, actor=None, submit=True):
    actor = actor or world.deputy
    item = actions.save_suggestion_draft(world.congress, actor=actor, term=world.term, title=title, body=body)
    if submit:
        item = actions.submit_suggestion(world.congress, item, actor=actor)
    return item


def test_it_offers_a_near_duplicate_while_drafting_and_not_an_unrelated_one(world_a):
    other = world_a.deputy  # a deputy only: reads their own items and published ones
    mine = suggestion(world_a, *ELEVATOR, actor=world_a.users["sc_member"])
    suggestion(world_a, *WATER)
    found = finder.find_similar(world_a.congress, world_a.users["sc_member"], "suggestion",
                                "关于加快老旧小区加装电梯的建议\n城区老旧小区没有电梯，老年居民上下楼困难")
    assert [m.object_id for m in found.items] == [mine.pk]
    assert "<mark>" in found.items[0].marked_title and "加装电梯" in found.items[0].marked_title.replace("<mark>", "").replace("</mark>", "")
    # another deputy may not open a submitted, unpublished item: counted, not shown
    theirs = finder.find_similar(world_a.congress, other, "suggestion", "老旧小区加装电梯，老年居民上下楼困难")
    assert theirs.items == [] and theirs.hidden == 1
    # staff see it, with the lead deputy
    staff = finder.find_similar(world_a.congress, world_a.office, "suggestion", "老旧小区加装电梯，老年居民上下楼困难")
    assert [m.object_id for m in staff.items] == [mine.pk] and staff.items[0].owner


def test_traditional_and_full_width_variants_still_match(world_a):
    item = suggestion(world_a, *ELEVATOR)
    found = finder.find_similar(world_a.congress, world_a.office, "suggestion",
                                "關於加快推進城區老舊小區加裝電梯的建議，老年居民上下樓十分困難，６層以下")
    assert [m.object_id for m in found.items] == [item.pk]


def test_the_draft_panel_answers_as_the_deputy_types(world_a):
    item = suggestion(world_a, *ELEVATOR, submit=False)
    client = signed_in(world_a.deputy)
    url = f"/c/{world_a.congress.code}/similar/panel/suggestion/"
    page = client.post(url, {"title": "老旧小区加装电梯", "body": "老年居民上下楼困难"}).content.decode()
    assert "相似度" in page and "<mark>" in page and f"/suggestions/{item.pk}/" in page
    # the draft being edited is not similar to itself
    page = client.post(url, {"title": "老旧小区加装电梯", "body": "老年居民上下楼困难", "draft": item.pk}).content.decode()
    assert "没有找到相似的已有件" in page
    assert "请至少输入四个字" in client.post(url, {"title": "电"}).content.decode()
    assert client.post(url, {"title": "电梯" * 5000}).status_code == 200
    assert client.post(f"/c/{world_a.congress.code}/similar/panel/nothing/", {"title": "电梯加装"}).status_code == 404
    edit = client.get(f"/c/{world_a.congress.code}/suggestions/new/").content.decode()
    assert 'id="similar-suggestion"' in edit and "input changed delay:500ms" in edit


def test_a_citizen_never_sees_another_persons_name(world_a):
    concern(world_a, person_name="钱某某", person_contact="13912345678", text="幸福小区门口缺少人行横道，老人过马路很危险")
    client = Client()
    page = client.post(f"/c/{world_a.congress.code}/similar/panel/concern/",
                       {"text": "幸福小区门口没有人行横道，老人孩子过马路危险"}).content.decode()
    assert "<mark>" in page and "人行横道" in page
    assert "钱某某" not in page and "13912345678" not in page and "/concerns/" not in page
    form = client.get(f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/intake/").content.decode()
    assert 'id="similar-concern"' in form


def test_a_citizen_sees_only_the_overlap_of_another_persons_text_never_a_name_written_in_it(world_a):
    concern(world_a, text="我是幸福小区三号楼的孙建国，小区门口缺少人行横道，老人过马路很危险")
    page = Client().post(f"/c/{world_a.congress.code}/similar/panel/concern/",
                         {"text": "小区门口没有人行横道，过马路危险"}).content.decode()
    assert "<mark>小区门口</mark>" in page or "<mark>小区门口缺少人行横道" in page or "人行横道</mark>" in page
    assert "孙建国" not in page and "三号楼" not in page


def test_another_congresss_items_never_appear(world_a, world_b):
    suggestion(world_b, *ELEVATOR)
    concern(world_b, text="幸福小区门口缺少人行横道，老人过马路很危险")
    assert finder.find_similar(world_a.congress, world_a.office, "suggestion", "".join(ELEVATOR)).items == []
    assert finder.find_similar(world_a.congress, world_a.office, "concern", "幸福小区门口缺少人行横道，老人过马路很危险").items == []


def test_empty_one_character_and_very_long_input(world_a):
    suggestion(world_a, *ELEVATOR)
    for text in ("", "电", "  ，。"):
        assert finder.find_similar(world_a.congress, world_a.office, "suggestion", text).hint
    long = "".join(ELEVATOR) * 200
    assert len(finder.find_similar(world_a.congress, world_a.office, "suggestion", long).items) == 1


def test_clusters_find_planted_pairs_for_staff_only(world_a, world_b):
    a = suggestion(world_a, *ELEVATOR)
    b = suggestion(world_a, ELEVATOR[0].replace("加快推进", "尽快推动"), ELEVATOR[1].replace("住建局", "住房和城乡建设局"),
                   actor=world_a.users["sc_member"])
    suggestion(world_a, *WATER)
    suggestion(world_b, *ELEVATOR)
    result = finder.clusters(world_a.congress, world_a.office, "suggestion")
    assert [sorted(i.object_id for i in group) for group in result.clusters] == [sorted([a.pk, b.pk])]
    url = f"/c/{world_a.congress.code}/similar/clusters/?kind=suggestion"
    page = signed_in(world_a.office).get(url).content.decode()
    assert f"/suggestions/{a.pk}/" in page and f"/suggestions/{b.pk}/" in page
    assert signed_in(world_a.deputy).get(url).status_code == 403
    assert signed_in(world_b.office).get(url).status_code in (403, 404)


def test_the_api_answers_similar_items_and_clusters(world_a):
    item = suggestion(world_a, *ELEVATOR)
    client = Client()
    office = bearer(world_a, world_a.office)
    answer = client.post("/api/similar", json.dumps({"kind": "suggestion", "title": "老旧小区加装电梯",
                                                     "body": "老年居民上下楼困难"}),
                         content_type="application/json", **office)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["items"][0]["object_id"] == item.pk and "<mark>" in body["items"][0]["marked_title"]
    short = client.post("/api/similar", json.dumps({"kind": "suggestion", "title": "电"}),
                        content_type="application/json", **office).json()
    assert short["hint"] and short["items"] == []
    assert client.get("/api/similar/clusters?kind=suggestion", **office).status_code == 200
    assert client.get("/api/similar/clusters?kind=suggestion", **bearer(world_a, world_a.deputy)).status_code == 403


def test_the_search_index_supplies_candidates_across_every_audience(world_a):
    """Another deputy's submitted item is in the index under keys the drafting deputy does not hold; the
    candidates still include it (the page's own rules then decide what is shown), and another congress's
    items never come back."""
    theirs = suggestion(world_a, *ELEVATOR, actor=world_a.users["sc_member"])
    suggestion(world_a, *WATER)
    ids = finder._engine_ids(world_a.congress, "suggestion", "老旧小区加装电梯，老年居民上下楼困难", 50)
    assert ids is not None and theirs.pk in ids
    assert finder._engine_ids(world_a.congress, "concern", "老旧小区加装电梯，老年居民上下楼困难", 50) == []


def test_the_index_is_not_asked_for_another_congress(world_a, world_b):
    mine = suggestion(world_a, *ELEVATOR)
    ids = finder._engine_ids(world_b.congress, "suggestion", "老旧小区加装电梯，老年居民上下楼困难", 50)
    assert ids is not None and mine.pk not in ids
