"""The person picker: people of this congress found by part of a name or a certificate number;
unknown, ambiguous and other congresses' entries refused with a message naming them."""

import pytest
from django.http import QueryDict

from renda.core import picker


def _field(world, **kw):
    return picker.PersonField(congress=world.congress, **kw)


def test_it_finds_deputies_by_part_of_a_name_or_number(world_a):
    other = world_a.make_deputy("程雪琪", number="C0099")
    assert [m.person for m in picker.search(world_a.congress, "雪琪")] == [other.person]
    assert [m.person for m in picker.search(world_a.congress, "C00")] == [other.person]
    assert picker.search(world_a.congress, "") == []


def test_it_does_not_find_another_congresss_people(world_a, world_b):
    world_b.make_deputy("乌云其其格")
    assert picker.search(world_a.congress, "乌云") == []


def test_it_resolves_picked_ids_names_and_numbers(world_a):
    a = world_a.make_deputy("巴特尔", number="B0001")
    b = world_a.make_deputy("程雪琪")
    assert _field(world_a).clean([f"@{a.person.pk}", "程雪琪", "B0001"]) == [a.person, b.person]


def test_it_refuses_an_unknown_name_naming_it(world_a):
    with pytest.raises(Exception) as refused:
        _field(world_a).clean(["查无此人"])
    assert "找不到代表：查无此人" in str(refused.value)


def test_it_refuses_a_name_two_deputies_share(world_a):
    world_a.make_deputy("张伟")
    world_a.make_deputy("张伟")
    with pytest.raises(Exception) as refused:
        _field(world_a).clean(["张伟"])
    assert "有多名代表叫“张伟”" in str(refused.value)


def test_it_answers_another_congresss_person_id_as_not_found(world_a, world_b):
    stranger = world_b.make_deputy("乌云其其格")
    with pytest.raises(Exception) as refused:
        _field(world_a).clean([f"@{stranger.person.pk}"])
    assert f"找不到该代表（编号 {stranger.person.pk}）" in str(refused.value)


def test_a_single_choice_refuses_two_people(world_a):
    a, b = world_a.make_deputy("巴特尔"), world_a.make_deputy("程雪琪")
    field = _field(world_a, multiple=False)
    assert field.clean([f"@{a.person.pk}"]) == a.person
    with pytest.raises(Exception) as refused:
        field.clean([f"@{a.person.pk}", f"@{b.person.pk}"])
    assert "只能选择一位代表" in str(refused.value)


def test_the_widget_reads_chips_and_typed_text_and_renders_them_back(world_a):
    a = world_a.make_deputy("巴特尔")
    field = _field(world_a)
    data = QueryDict(mutable=True)
    data.setlist("co", [f"@{a.person.pk}", "查无此人，另一人"])
    entries = field.widget.value_from_datadict(data, {}, "co")
    assert entries == [f"@{a.person.pk}", "查无此人", "另一人"]
    html = field.widget.render("co", entries, {"id": "id_co"})
    assert "巴特尔" in html and f'value="@{a.person.pk}"' in html and 'value="查无此人，另一人"' in html


def test_the_search_page_needs_a_sign_in_and_lists_matches(client, world_a):
    world_a.make_deputy("程雪琪")
    url = f"/c/{world_a.congress.code}/people/pick/?field=co&co=雪琪&kind=deputy"
    assert client.get(url).status_code == 302
    client.force_login(world_a.office)
    page = client.get(url).content.decode()
    assert "程雪琪" in page and "picker-option" in page
    assert "没有找到“无名氏”" in client.get(url.replace("雪琪", "无名氏")).content.decode()


def test_the_search_page_is_for_those_who_work_here(client, world_a, world_b):
    world_a.make_deputy("程雪琪")
    url = f"/c/{world_a.congress.code}/people/pick/?field=co&co=雪琪&kind=person"
    for outsider in (world_a.public, world_b.office):  # the public, and another congress's staff
        client.force_login(outsider)
        assert client.get(url).status_code == 403
    client.force_login(world_a.users["unit_officer"])
    assert "程雪琪" in client.get(url).content.decode()


def test_a_nul_byte_is_no_wildcard(client, world_a):
    world_a.make_deputy("程雪琪")
    assert picker.search(world_a.congress, "\x00") == []
    client.force_login(world_a.office)
    page = client.get(f"/c/{world_a.congress.code}/people/pick/?field=co&co=%00&kind=deputy")
    # A NUL in any request is refused before a view runs (core/middleware.py), naming the field.
    assert page.status_code == 400 and "程雪琪" not in page.content.decode()


def test_a_refused_id_comes_back_in_the_box(world_a, world_b):
    stranger = world_b.make_deputy("乌云其其格")
    html = _field(world_a).widget.render("co", [f"@{stranger.person.pk}"], {"id": "id_co"})
    assert f'value="@{stranger.person.pk}"' in html and "乌云其其格" not in html
