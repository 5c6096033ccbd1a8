"""A directors' meeting's page lists what it decided: items submitted or declined, drafts fixed."""

from renda.agenda.tests.fixtures import directors, fixed, session, submitted
from renda.testing import signed_in


def test_the_directors_meeting_page_lists_what_it_decided(world_a):
    meeting = directors(world_a)
    item = submitted(world_a, "关于全市义务教育工作情况的报告", meeting=meeting)
    the_session = session(world_a, open_it=False, days_ahead=3)
    fixed(world_a, the_session, [item], meeting=meeting)
    page = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/meetings/{meeting.pk}/").content.decode()
    assert "本次主任会议研究的事项" in page and "关于全市义务教育工作情况的报告" in page
    assert f"/agenda/sessions/{the_session.pk}/" in page
    # A deputy may open the meeting list but not the directors' business.
    other = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/meetings/{the_session.pk}/").content.decode()
    assert "本次主任会议研究的事项" not in other  # only on a directors' meeting
