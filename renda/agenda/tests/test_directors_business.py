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


def test_an_outcome_written_stands_once_the_session_has_closed(world_a):
    import pytest

    from renda.agenda import actions
    from renda.core.errors import ValidationError
    from renda.meetings import actions as meetings
    from renda.testing import make_meeting

    session = make_meeting(world_a, members=3)
    item = meetings.add_agenda_item(world_a.congress, session, actor=world_a.office, kind="report", title="听取报告")
    actions.record_outcome(world_a.congress, item, actor=world_a.office, outcome="审议")
    actions.record_outcome(world_a.congress, item, actor=world_a.office, outcome="听取和审议")  # still open: corrected
    meetings.close_meeting(world_a.congress, session, actor=world_a.office)
    with pytest.raises(ValidationError, match="已闭会"):
        actions.record_outcome(world_a.congress, item, actor=world_a.office, outcome="未通过")
    item.refresh_from_db()
    assert item.outcome == "听取和审议"
