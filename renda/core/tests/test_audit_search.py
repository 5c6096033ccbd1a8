"""The audit log's keyword box, the actor found by name or username, and date filters at their edges."""

from django.test import Client

from renda.oversight.tests.list_exports import sheet, texts
from renda.people import actions


def _office_edits(world):
    office = world.office
    office.first_name, office.last_name = "赵敏", ""
    office.save(update_fields=["first_name", "last_name"])
    actions.update_organisation(world.congress, world.unit, actor=office, address="人民路1号")


def _client(world):
    client = Client()
    client.force_login(world.admin)
    return client


def test_it_finds_entries_by_a_keyword_in_the_object_the_action_or_the_actor(world_a, world_b):
    _office_edits(world_a)
    _office_edits(world_b)
    client = _client(world_a)
    base = f"/c/{world_a.congress.code}/audit/"
    by_object = client.get(base + "?q=教育局").content.decode()
    assert "教育局" in by_object and "a东湖代表团" not in by_object
    assert 'name="q"' in by_object and 'value="教育局"' in by_object
    by_action = client.get(base + "?q=新建届次").content.decode()
    assert "第5届" in by_action and "教育局" not in by_action
    by_actor = client.get(base + "?q=赵敏").content.decode()
    assert "教育局" in by_actor and "a东湖代表团" not in by_actor
    assert "没有符合条件的记录" in client.get(base + "?q=没有这样的对象").content.decode()
    # another congress's entries never show, whatever the keyword
    assert "b东湖代表团" not in client.get(base + "?q=东湖").content.decode()


def test_it_matches_the_actor_box_against_the_username_too(world_a):
    _office_edits(world_a)
    client = _client(world_a)
    base = f"/c/{world_a.congress.code}/audit/"
    username = world_a.office.username
    by_username = client.get(base + f"?actor={username}").content.decode()
    assert "教育局" in by_username and "a东湖代表团" not in by_username
    assert "教育局" in client.get(base + "?actor=赵敏").content.decode()


def test_it_keeps_the_keyword_in_the_export_filter_row(world_a):
    _office_edits(world_a)
    client = _client(world_a)
    ws = sheet(client.get(f"/c/{world_a.congress.code}/audit/?q=赵敏&export=xlsx"))
    assert "关键词：赵敏" in ws["A2"].value
    assert texts(ws, "操作人") == ["赵敏"] and texts(ws, "对象") == ["教育局"]


def test_it_refuses_dates_at_the_calendar_ends_in_chinese_without_failing(world_a):
    client = _client(world_a)
    base = f"/c/{world_a.congress.code}/audit/"
    for query, label in [("until=9999-12-31", "截止日期"), ("since=0001-01-01", "起始日期")]:
        page = client.get(f"{base}?{query}&actor={world_a.root.username}")
        assert page.status_code == 200
        text = page.content.decode()
        assert f"“{label}”须在 1949-01-01 至 2100-12-31 之间" in text
        assert "a东湖代表团" in text  # the other filters still apply
        for fmt in ("xlsx", "csv"):
            assert client.get(f"{base}?{query}&export={fmt}").status_code == 200
    wrong = client.get(base + "?since=2026-13-01").content.decode()
    assert "“起始日期”须为有效日期" in wrong and "Enter a valid date" not in wrong


def test_it_keeps_the_log_from_those_without_the_permission(world_a):
    client = Client()
    client.force_login(world_a.office)
    assert client.get(f"/c/{world_a.congress.code}/audit/?q=教育局").status_code == 403
