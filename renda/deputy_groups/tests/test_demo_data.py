"""The demo builders run on a fresh world through the actions."""

from renda.deputy_groups import demo_data, queries
from renda.liaison import reports


def test_the_demo_groups_and_cppcc_members(world_a):
    made = demo_data.build(world_a.congress, office=world_a.office, station=world_a.station)
    rows = {r.group.name: r for r in queries.group_rows(world_a.congress)}
    assert rows["a第一代表小组"].members == 2 and rows["a第一代表小组"].leader
    assert rows["教育卫生专业代表小组"].members == 2 and len(made) == 2
    members = demo_data.build_cppcc(world_a.congress, office=world_a.office, station=world_a.station)
    assert len(members) == 2
    assert any("（政协委员）" in name for _, names in reports.rota(world_a.congress, world_a.station) for name in names)
