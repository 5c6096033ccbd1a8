import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from renda.agenda import actions
from renda.agenda.models import DraftAgenda, DraftEntry, ItemDocument, ProposedItem
from renda.agenda.tests.fixtures import agenda_vote, directors, fixed, pdf, propose, session, submitted
from renda.core.errors import IllegalTransition, NotFound, NotPermitted
from renda.core.models import AuditEntry
from renda.meetings.models import AgendaItem, Document, RosterEntry
from renda.testing import make_meeting

S = ProposedItem.Status


def counts(world):
    c = world.congress
    return (ProposedItem.objects.in_congress(c).count(), ItemDocument.objects.in_congress(c).count(),
            DraftAgenda.objects.in_congress(c).count(), DraftEntry.objects.in_congress(c).count(),
            AgendaItem.objects.in_congress(c).count(), Document.objects.in_congress(c).count())


def test_an_item_is_proposed_with_its_documents(world_a):
    item = propose(world_a)
    assert item.status == S.PROPOSED and item.proposer == world_a.unit
    assert [d.title for d in item.documents.all()] == ["报告全文"]
    assert AuditEntry.objects.filter(congress=world_a.congress, action="propose_agenda_item").count() == 1


def test_bad_input_names_the_field_and_writes_nothing(world_a):
    before = counts(world_a)
    with pytest.raises(ValidationError) as error:
        actions.propose_item(world_a.congress, actor=world_a.office, title="", kind="x", proposer_kind="government",
                             proposer=None, presenter="", documents=[("假文件", pdf().__class__("a.pdf", b""))])
    fields = error.value.message_dict
    assert "“议题”必须填写" in fields["title"][0] and "“类别”" in fields["kind"][0]
    assert "“提请机关”" in fields["proposer"][0] and "“汇报或说明人”" in fields["presenter"][0]
    assert "documents" in fields
    assert counts(world_a) == before


@pytest.mark.parametrize(("level", "joined", "ok"), [("city", 4, False), ("city", 5, True),
                                                     ("county", 2, False), ("county", 3, True)])
def test_members_propose_jointly_from_the_statutory_number(world_a, level, joined, ok):
    world_a.congress.level = level
    world_a.congress.save(update_fields=["level"])
    make_meeting(world_a, members=6, open_it=False)  # six members on the standing committee
    people = [e.person for e in RosterEntry.objects.in_congress(world_a.congress).filter(voting=True)][:joined]
    call = lambda: actions.propose_item(world_a.congress, actor=world_a.office, title="关于修改某条例的议案",  # noqa: E731
                                        kind="draft", proposer_kind="members", members=[p.pk for p in people],
                                        presenter=people[0].name)
    if ok:
        assert call().members.count() == joined
    else:
        with pytest.raises(ValidationError) as error:
            call()
        assert f"{joined + 1} 人以上" in error.value.message_dict["members"][0]


def test_a_non_member_cannot_join_a_motion(world_a):
    make_meeting(world_a, members=5, open_it=False)
    stranger = world_a.make_deputy("路人甲").person
    members = [e.person.pk for e in RosterEntry.objects.in_congress(world_a.congress).filter(voting=True)]
    with pytest.raises(ValidationError) as error:
        actions.propose_item(world_a.congress, actor=world_a.office, title="议案", kind="draft",
                             proposer_kind="members", members=members + [stranger.pk], presenter="某")
    assert "路人甲" in error.value.message_dict["members"][0]


def test_the_directors_meeting_submits_or_declines_with_a_reason(world_a):
    meeting = directors(world_a)
    item = actions.decide_item(world_a.congress, propose(world_a), actor=world_a.office, directors_meeting=meeting,
                               submit=True)
    assert item.status == S.SUBMITTED and item.directors_meeting == meeting
    other = propose(world_a, "关于某事项的报告")
    with pytest.raises(ValidationError) as error:
        actions.decide_item(world_a.congress, other, actor=world_a.office, directors_meeting=meeting, submit=False)
    assert "“不提请审议的理由”必须填写" in error.value.message_dict["reason"][0]
    other.refresh_from_db()
    assert other.status == S.PROPOSED
    other = actions.decide_item(world_a.congress, other, actor=world_a.office, directors_meeting=meeting,
                                submit=False, reason="材料尚不完备")
    assert other.status == S.DECLINED and other.decision_reason == "材料尚不完备"
    with pytest.raises(IllegalTransition) as error:
        actions.decide_item(world_a.congress, other, actor=world_a.office, directors_meeting=meeting, submit=True)
    assert "不能从“决定不提请审议”变为“决定提请常委会审议”" in error.value.messages[0]


def test_the_decision_needs_a_directors_meeting_already_held(world_a):
    item = propose(world_a)
    future = make_meeting(world_a, members=3, kind="directors", open_it=False,
                          starts_at=timezone.now() + datetime.timedelta(days=2))
    wrong_kind = session(world_a, open_it=False)
    for meeting, words in [(future, "尚未举行"), (wrong_kind, "须为主任会议"), (None, "必须选择")]:
        with pytest.raises(ValidationError) as error:
            actions.decide_item(world_a.congress, item, actor=world_a.office, directors_meeting=meeting, submit=True)
        assert words in error.value.message_dict["directors_meeting"][0]
    item.refresh_from_db()
    assert item.status == S.PROPOSED


def test_fixing_the_draft_agenda_and_refixing_it(world_a):
    meeting = directors(world_a)
    one, two = submitted(world_a, "报告一", meeting), submitted(world_a, "报告二", meeting)
    the_session = session(world_a, open_it=False)
    draft = fixed(world_a, the_session, [two, one], meeting)
    entries = DraftEntry.objects.in_congress(world_a.congress).filter(draft=draft).select_related("item")
    assert [(e.item.title, e.order) for e in entries] == [("报告二", 1), ("报告一", 2)]
    assert entries.first().presenter == "市教育局局长 赵强"
    one.refresh_from_db()
    assert one.status == S.SCHEDULED
    draft = fixed(world_a, the_session, [one], meeting)  # re-fixed: two is off again
    two.refresh_from_db()
    assert two.status == S.SUBMITTED and [e.item_id for e in entries.all()] == [one.pk]
    assert DraftAgenda.objects.in_congress(world_a.congress).count() == 1


def test_fixing_refuses_what_is_not_submitted_and_a_session_before_the_directors(world_a):
    meeting = directors(world_a)
    waiting = propose(world_a, "尚未研究的报告")
    the_session = session(world_a, open_it=False)
    before = counts(world_a)
    with pytest.raises(ValidationError) as error:
        fixed(world_a, the_session, [waiting], meeting)
    assert "待主任会议研究" in error.value.message_dict["entries"][0]
    early = make_meeting(world_a, members=5, open_it=False, starts_at=meeting.starts_at - datetime.timedelta(hours=1))
    item = submitted(world_a, "报告", meeting)
    with pytest.raises(ValidationError) as error:
        fixed(world_a, early, [item], meeting)
    assert "须在主任会议" in error.value.message_dict["directors_meeting"][0]
    with pytest.raises(ValidationError) as error:
        actions.fix_draft_agenda(world_a.congress, the_session, actor=world_a.office, directors_meeting=meeting,
                                 entries=[{"item": item.pk, "scheduled_at": "2001-01-01T09:00"}])
    assert "不能早于会议开始时间" in error.value.message_dict["entries"][0]
    with pytest.raises(ValidationError) as error:
        actions.fix_draft_agenda(world_a.congress, the_session, actor=world_a.office, directors_meeting=meeting,
                                 entries=[])
    assert "至少要列入一项" in error.value.message_dict["entries"][0]
    item.refresh_from_db()
    assert item.status == S.SUBMITTED
    assert counts(world_a)[2:4] == before[2:4]


def test_the_session_adopts_the_agenda_by_vote(world_a):
    meeting = directors(world_a)
    one, two = submitted(world_a, "报告一", meeting), submitted(world_a, "报告二", meeting, kind="draft")
    the_session = session(world_a, members=5)
    draft = fixed(world_a, the_session, [one, two], meeting)
    vote = agenda_vote(world_a, the_session)
    draft = actions.adopt_agenda(world_a.congress, draft, actor=world_a.office, vote=vote)
    assert draft.status == DraftAgenda.Status.ADOPTED and draft.vote == vote
    rows = list(AgendaItem.objects.in_congress(world_a.congress).filter(meeting=the_session).order_by("order"))
    assert [(r.order, r.kind, r.title, r.presenter) for r in rows] == [
        (1, "report", "报告一", "市教育局局长 赵强"), (2, "draft", "报告二", "市教育局局长 赵强")]
    assert rows[0].scheduled_at is not None
    docs = Document.objects.in_congress(world_a.congress).filter(meeting=the_session)
    assert [(d.agenda_item_id, d.audience) for d in docs.order_by("id")] == [(rows[0].pk, "members"), (rows[1].pk, "members")]
    one.refresh_from_db()
    assert one.status == S.ADOPTED and one.agenda_item_id == rows[0].pk
    with pytest.raises(ValidationError):
        actions.adopt_agenda(world_a.congress, draft, actor=world_a.office, vote=vote)
    with pytest.raises(ValidationError) as error:
        fixed(world_a, the_session, [one], meeting)
    assert "不能再修改" in error.value.messages[0]


@pytest.mark.parametrize(("present", "ok"), [(21, False), (22, True)])
def test_adoption_needs_more_than_half_of_all_43_members_present(world_a, present, ok):
    meeting = directors(world_a)
    the_session = session(world_a, members=43, sign_in=22)
    draft = fixed(world_a, the_session, [submitted(world_a, "报告", meeting)], meeting)
    vote = agenda_vote(world_a, the_session)
    if present == 21:  # one member leaves the hall after the vote
        entry = RosterEntry.objects.in_congress(world_a.congress).filter(meeting=the_session, attendance="present").first()
        entry.attendance = RosterEntry.Attendance.LEAVE
        entry.save(update_fields=["attendance"])
    before = counts(world_a)
    if ok:
        actions.adopt_agenda(world_a.congress, draft, actor=world_a.office, vote=vote)
        assert counts(world_a)[4] == before[4] + 1
    else:
        with pytest.raises(ValidationError) as error:
            actions.adopt_agenda(world_a.congress, draft, actor=world_a.office, vote=vote)
        assert "出席会议的组成人员 21 人，未超过全体组成人员 43 人的半数" in error.value.messages[0]
        assert counts(world_a) == before


@pytest.mark.parametrize(("yes", "ok"), [(21, False), (22, True)])
def test_adoption_needs_more_than_half_of_all_members_for(world_a, yes, ok):
    meeting = directors(world_a)
    the_session = session(world_a, members=43, sign_in=30)
    draft = fixed(world_a, the_session, [submitted(world_a, "报告", meeting)], meeting)
    vote = agenda_vote(world_a, the_session, yes=yes)
    if ok:
        assert actions.adopt_agenda(world_a.congress, draft, actor=world_a.office, vote=vote).status == "adopted"
    else:
        before = counts(world_a)
        with pytest.raises(ValidationError) as error:
            actions.adopt_agenda(world_a.congress, draft, actor=world_a.office, vote=vote)
        assert "未获通过：赞成 21 票" in error.value.message_dict["vote"][0]
        assert counts(world_a) == before
        draft.refresh_from_db()
        assert draft.status == "fixed"


def test_adoption_needs_an_announced_vote_of_the_session(world_a):
    meeting = directors(world_a)
    the_session = session(world_a, members=5)
    draft = fixed(world_a, the_session, [submitted(world_a, "报告", meeting)], meeting)
    vote = agenda_vote(world_a, the_session, announce=False)
    with pytest.raises(ValidationError) as error:
        actions.adopt_agenda(world_a.congress, draft, actor=world_a.office, vote=vote)
    assert "尚未宣布" in error.value.message_dict["vote"][0]
    other_session = session(world_a, members=5, days_ahead=3)
    other_vote = agenda_vote(world_a, other_session)
    with pytest.raises(ValidationError) as error:
        actions.adopt_agenda(world_a.congress, draft, actor=world_a.office, vote=other_vote)
    assert "不是本次会议" in error.value.message_dict["vote"][0]
    with pytest.raises(ValidationError):
        actions.adopt_agenda(world_a.congress, draft, actor=world_a.office, vote=None)


def test_recording_an_outcome_names_the_deciding_vote(world_a):
    from renda.voting import actions as voting_actions

    meeting = directors(world_a)
    the_session = session(world_a, members=5)
    draft = fixed(world_a, the_session, [submitted(world_a, "报告", meeting)], meeting)
    actions.adopt_agenda(world_a.congress, draft, actor=world_a.office, vote=agenda_vote(world_a, the_session))
    row = AgendaItem.objects.in_congress(world_a.congress).get(meeting=the_session)
    with pytest.raises(ValidationError) as error:
        actions.record_outcome(world_a.congress, row, actor=world_a.office, outcome="")
    assert "“审议结果”必须填写" in error.value.message_dict["outcome"][0]
    loose = agenda_vote(world_a, the_session)  # a vote not on this item
    with pytest.raises(ValidationError):
        actions.record_outcome(world_a.congress, row, actor=world_a.office, outcome="表决通过", vote=loose)
    vote = voting_actions.create_vote(world_a.congress, the_session, actor=world_a.office, title="关于报告的决议",
                                      agenda_item=row)
    row.refresh_from_db()
    assert row.outcome == ""
    from renda.testing import teller_keys, voters

    voting_actions.open_vote(world_a.congress, vote, actor=world_a.office)
    for user in voters(the_session):
        voting_actions.cast_vote(world_a.congress, vote, actor=user, choice="yes")
    voting_actions.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    voting_actions.announce_result(world_a.congress, vote, actor=world_a.office)
    vote.refresh_from_db()
    row = actions.record_outcome(world_a.congress, row, actor=world_a.office, outcome="表决通过", vote=vote)
    assert row.outcome == "表决通过（关于报告的决议：通过）"


def test_roles_and_other_congresses(world_a, world_b):
    item = propose(world_a)
    with pytest.raises(NotPermitted):
        propose(world_a) if False else actions.propose_item(
            world_a.congress, actor=world_a.deputy, title="x", kind="report", proposer_kind="directors", presenter="x")
    with pytest.raises(NotFound):
        actions.decide_item(world_b.congress, item, actor=world_b.office, directors_meeting=directors(world_b),
                            submit=True)
    with pytest.raises(ValidationError) as error:
        actions.decide_item(world_a.congress, item, actor=world_a.office, directors_meeting=directors(world_b),
                            submit=True)
    assert "本级" in error.value.message_dict["directors_meeting"][0]
