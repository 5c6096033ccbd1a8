"""The congress's public meetings feed: sessions and standing-committee meetings, for anyone, and no
internal meeting (directors', party group, presidium, delegation, symposium)."""

import icalendar
from django.test import Client

from renda.schedule.tests.helpers import at, soon
from renda.testing import make_meeting


def test_it_lists_public_meetings_only(world_a, world_b):
    public = make_meeting(world_a, members=2, kind="sc_session", open_it=False, starts_at=at(soon(5)))
    internal = [make_meeting(world_a, members=2, kind=kind, open_it=False, starts_at=at(soon(6)))
                for kind in ("directors", "party_group")]
    theirs = make_meeting(world_b, members=2, kind="sc_session", open_it=False, starts_at=at(soon(5)))
    response = Client().get(f"/c/{world_a.congress.code}/calendar/public.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    uids = {str(e["UID"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}
    assert uids == {f"meeting-{public.pk}@{world_a.congress.code}.renda"}
    body = response.content.decode()
    assert all(m.title not in body for m in internal) and f"meetings/{theirs.pk}/" not in body
