"""The group pages: list with filters, new group, a group's page with its forms keeping what was typed,
the bulk placement all or nothing, another congress's group not found, the public refused."""

import datetime

from renda.deputy_groups.models import GroupMember, GroupPlanItem
from renda.deputy_groups.tests.fixtures import area_group, county_under, place
from renda.testing import signed_in


def test_the_list_and_a_new_group(world_a):
    office = signed_in(world_a.office)
    base = f"/c/{world_a.congress.code}/groups/"
    refused = office.post(f"{base}new/", {"name": "西城代表小组", "basis": "area", "scope": ""})
    assert refused.status_code == 422 and "区域或专业领域" in refused.content.decode() and 'value="西城代表小组"' in refused.content.decode()
    made = office.post(f"{base}new/", {"name": "西城代表小组", "basis": "field", "scope": "农业农村"})
    assert made.status_code == 302
    page = office.get(f"{base}?basis=field").content.decode()
    assert "西城代表小组" in page and "a第一代表小组" not in page
    assert signed_in(world_a.deputy).get(base).status_code == 200
    assert signed_in(world_a.public).get(base).status_code == 403


def test_a_groups_page_and_its_forms(world_a, world_b):
    county = county_under(world_a)
    group = area_group(county, station=county.station)
    city = world_a.make_deputy("市代表")
    place(county, group, county.make_deputy("县代表"))
    office = signed_in(county.office)
    base = f"/c/{county.congress.code}/groups/{group.pk}/"
    added = office.post(f"{base}do/members/", {"others": f"{world_a.congress.code} {city.number}\nnope X1"})
    assert added.status_code == 422 and "第2行" in added.content.decode() and city.number in added.content.decode()
    assert office.post(f"{base}do/members/", {"others": f"{world_a.congress.code} {city.number}"}).status_code == 302
    member = GroupMember.objects.in_congress(county.congress).get(group=group, person=city.person)
    assert member.as_deputy_of_id == world_a.congress.pk
    for tampered in ("abc", "", "99999999999999999999999"):  # not a member id: not found, never a server error
        assert office.post(f"{base}do/post/", {"member": tampered, "post": "组长"}).status_code == 404
        assert office.post(f"{base}do/remove/", {"member": tampered}).status_code == 404
    assert office.post(f"{base}do/post/", {"member": member.pk, "post": "组长"}).status_code == 302
    year = datetime.date.today().year
    bad = office.post(f"{base}do/plan/", {"year": year, "items": f"{year}-04-01，视察，\n"})
    assert bad.status_code == 422 and "第1项的主题" in bad.content.decode()
    assert office.post(f"{base}do/plan/", {"year": year, "items": f"{year}-04-01，视察，农村道路，城关镇"}).status_code == 302
    assert GroupPlanItem.objects.in_congress(county.congress).count() == 1
    page = office.get(base).content.decode()
    assert "市代表" in page and "示例甲市人民代表大会代表" in page and "组长" in page and "农村道路" in page
    assert f"?deputy_group={group.pk}" in page
    assert signed_in(world_b.office).get(f"/c/{world_b.congress.code}/groups/{group.pk}/").status_code == 404
    assert office.post(f"{base}do/remove/", {"member": member.pk}).status_code == 302
    assert not GroupMember.objects.in_congress(county.congress).filter(group=group, end__isnull=True,
                                                                      person=city.person).exists()


def test_the_bulk_placement_is_all_or_nothing(world_a):
    one, two = area_group(world_a, "一组", "一片"), area_group(world_a, "二组", "二片")
    deputies = [world_a.make_deputy(f"代表{n}") for n in range(4)]
    office = signed_in(world_a.office)
    url = f"/c/{world_a.congress.code}/groups/import/"
    rows = "\n".join(f"{'一组' if n % 2 else '二组'}，{m.number}" for n, m in enumerate(deputies))
    bad = office.post(url, {"rows": rows + "\n三组，X9"})
    assert bad.status_code == 422 and "第5行：没有名为“三组”的代表小组" in bad.content.decode()
    assert not GroupMember.objects.in_congress(world_a.congress).exists()
    assert office.post(url, {"rows": rows}).status_code == 302
    assert GroupMember.objects.in_congress(world_a.congress).filter(group__in=[one, two]).count() == 4
