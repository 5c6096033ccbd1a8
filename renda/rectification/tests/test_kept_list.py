"""The list's table is kept per data version, the units its reader sees and the filters (views.pages.list_page):
a new item is seen at once, and a unit officer who opens the list after the office sees the unit's own only."""

from django.test import Client

from renda.core.roles import Role
from renda.rectification.tests.fixtures import make_item, other_unit


def html(user, url) -> str:
    client = Client()
    client.force_login(user)
    return client.get(url).content.decode()


def test_the_kept_list_follows_a_write_and_each_unit_sees_its_own(world_a):
    url = f"/c/{world_a.congress.code}/rectification/"
    mine = make_item(world_a, problem="学校饮水设施老化")
    assert mine.problem in html(world_a.office, url)
    theirs = make_item(world_a, problem="医院排队时间长", unit=other_unit(world_a))
    assert theirs.problem in html(world_a.office, url)            # the write moved the version
    officer = html(world_a.users[Role.UNIT_OFFICER], url)           # the same version, another reader
    assert mine.problem in officer and theirs.problem not in officer
