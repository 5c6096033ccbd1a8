"""Every page, as every role, on a phone (390 px) and on a desk (1366 px): no horizontal overflow, no
control cut off at the right edge, no serious or critical accessibility violation (axe-core), and
never a server error — also on the pages a role may not open (403/404).

Pages are found by following links from the home page, plus the pages of one object of each kind,
one address per route. Skipped, with the reason, where /usr/bin/chromium is absent (.ci/run installs it).
"""

from __future__ import annotations

import datetime
import shutil

import pytest
from django.conf import settings
from django.utils import timezone

from renda.core.roles import Role
from renda.core.tests.sitewalk import walk
from renda.liaison.tests.factory import concern
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.proposals import actions as proposals
from renda.testing import make_call, make_meeting, make_world, voters
from renda.voting import actions as voting

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"browser tests skipped: no chromium at {CHROMIUM} "
                                                          "(apt-get install chromium)"),
    # What a page looks like does not depend on the database; these walks take minutes, so the suite
    # takes them once, in its SQLite run (the flows' own browser tests run on both databases).
    pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
                       reason="page walks run once, in the SQLite run: layout and accessibility do not depend "
                              "on the database"),
]
ROLES = [None, Role.PUBLIC, Role.DEPUTY, Role.SC_MEMBER, Role.UNIT_OFFICER, Role.COMMITTEE_STAFF,
         Role.OFFICE_STAFF, Role.ADMIN]


def a_working_congress():
    """One congress with one thing of each kind in a state with something to show."""
    world = make_world("p", "页面测试市人民代表大会")
    c = world.congress
    item = proposals.save_suggestion_draft(c, actor=world.deputy, term=world.term, title="关于增设城乡公交线路的建议",
                                           body="城乡公交班次太少，群众出行不便。" * 20, category="交通")
    proposals.submit_suggestion(c, item, actor=world.deputy)
    proposals.accept_suggestion(c, item, actor=world.office)
    proposals.assign_suggestion(c, item, actor=world.office, lead_unit=world.unit,
                                on=timezone.localdate() - datetime.timedelta(days=20))
    meeting = make_meeting(world, members=5)
    vote = voting.create_vote(c, meeting, actor=world.office, title="关于批准本级决算的决议")
    voting.open_vote(c, vote, actor=world.office)
    voters(meeting)
    the_concern = concern(world)
    call = make_call(world)
    starts = [f"/c/{c.code}/", f"/c/{c.code}/suggestions/{item.pk}/", f"/c/{c.code}/meetings/{meeting.pk}/",
              f"/c/{c.code}/votes/{vote.pk}/", f"/c/{c.code}/votes/{vote.pk}/screen/",
              f"/c/{c.code}/concerns/{the_concern.pk}/", f"/c/{c.code}/stations/{world.station.pk}/",
              f"/c/{c.code}/stations/{world.station.pk}/public/", f"/c/{c.code}/stations/{world.station.pk}/intake/",
              f"/c/{c.code}/track/{the_concern.tracking_code}/", f"/c/{c.code}/livelihood/calls/{call.pk}/",
              f"/c/{c.code}/deputies/{world.deputies[0].pk}/", f"/c/{c.code}/organisations/{world.unit.pk}/"]
    return world, starts


@pytest.mark.parametrize("width", [390, 1366])
def test_every_page_fits_the_screen_and_passes_axe_for_every_role(transactional_db, live_server, browser, width):  # noqa: F811
    world, starts = a_working_congress()
    problems, visited = [], 0
    for role in ROLES:
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        if role is not None:
            sign_in(page, live_server.url, world.users[role].username)
            page.wait_for_url(lambda url: "/login/" not in url)
        who = role.label if role else "未登录"
        reports = walk(page, live_server.url, starts, f"/c/{world.congress.code}/", axe=True)
        visited += len(reports)
        for r in reports:
            if r.status >= 500:
                problems.append(f"[{who}] {r.url}: server error {r.status}")
            problems.extend(f"[{who}] {r.url}: overflow: {o}" for o in r.overflow)
            problems.extend(f"[{who}] {r.url}: axe {v['impact']} {v['id']} ({v['help']}) at {v['nodes']}"
                            for v in r.serious)
        context.close()
    assert visited >= 60, f"only {visited} pages were reached"
    assert not problems, f"{len(problems)} problems at {width}px:\n" + "\n".join(problems[:40])
