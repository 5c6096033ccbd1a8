import datetime

import pytest
from django.core.exceptions import ValidationError

from renda.appointments import actions, queries
from renda.appointments.models import OATH_TEXT, AppointmentBill, Nominee, OathCeremony, OathTaker
from renda.appointments.tests.fixtures import (
    bodies,
    decided_bill,
    directors,
    draft_bill,
    new_person,
    official,
    run_vote,
    sitting,
)
from renda.core.actions import change_rule
from renda.core.errors import NotFound
from renda.meetings.models import AgendaItem
from renda.people.models import Membership, Person
from renda.voting.models import Vote


def counts(c):
    return (AppointmentBill.objects.in_congress(c).count(), Nominee.objects.in_congress(c).count(),
            Membership.objects.in_congress(c).count(), Vote.objects.in_congress(c).count(),
            OathCeremony.objects.in_congress(c).count(), Person.objects.count())


def messages(error) -> str:
    return " ".join(error.value.messages)


@pytest.mark.parametrize(("yes", "status"), [(21, "failed"), (22, "passed")])
def test_an_appointment_passes_only_with_more_than_half_of_all_43_members(world_a, yes, status):
    c, office = world_a.congress, world_a.office
    session = sitting(world_a)
    bill = draft_bill(world_a, session)
    actions.submit_bill(c, bill, actor=office, directors_meeting=directors(world_a))
    assert AgendaItem.objects.in_congress(c).filter(meeting=session, kind="appointment").count() == 1
    [vote] = actions.put_to_vote(c, bill, actor=office)
    assert vote.secret is False and vote.meeting_id == session.pk
    run_vote(world_a, vote, yes)
    actions.decide(c, bill, actor=office)
    nominee = Nominee.objects.in_congress(c).get(bill=bill)
    assert nominee.status == status
    bill.refresh_from_db()
    assert bill.status == "decided"
    held = Membership.objects.in_congress(c).filter(person=nominee.person, post="副市长", end__isnull=True)
    assert held.count() == (1 if status == "passed" else 0)
    if status == "passed":
        assert held.get().start == datetime.date.today() and nominee.membership_id == held.get().pk


def test_a_removal_and_an_accepted_resignation_end_the_posts_on_the_decision_date(world_a):
    c, office = world_a.congress, world_a.office
    leaving, resigning = official(world_a, "赵免", "副市长"), official(world_a, "钱辞", "副市长")
    gov = bodies(world_a)["government"]
    session = sitting(world_a)
    bill = actions.create_bill(c, actor=office, proposer="government", title="免职和辞职", meeting=session)
    actions.add_nominee(c, bill, actor=office, action="remove", organisation=gov, post="副市长", person=leaving,
                        reason="工作调动")
    actions.add_nominee(c, bill, actor=office, action="accept_resignation", organisation=gov, post="副市长",
                        person=resigning.pk, reason="个人原因")
    actions.submit_bill(c, bill, actor=office, directors_meeting=directors(world_a))
    for vote in actions.put_to_vote(c, bill, actor=office):
        run_vote(world_a, vote, 30)
    actions.decide(c, bill, actor=office)
    for person in (leaving, resigning):
        m = Membership.objects.in_congress(c).get(person=person, post="副市长")
        assert m.end == datetime.date.today()
    assert queries.register(c) == []


def test_a_vote_on_a_person_not_named_in_the_bill_is_refused(world_a):
    c, office = world_a.congress, world_a.office
    session = sitting(world_a)
    bill = draft_bill(world_a, session)
    actions.submit_bill(c, bill, actor=office, directors_meeting=directors(world_a))
    stranger = world_a.deputies[0].person
    before = counts(c)
    with pytest.raises(ValidationError) as error:
        actions.put_to_vote(c, bill, actor=office, persons=[stranger.pk])
    assert "表决对象" in messages(error) and stranger.name in messages(error) and "不是本任免案" in messages(error)
    assert counts(c) == before
    bill.refresh_from_db()
    assert bill.status == "submitted"
    named = Nominee.objects.in_congress(c).get(bill=bill).person
    [vote] = actions.put_to_vote(c, bill, actor=office, persons=[named.pk])
    with pytest.raises(ValidationError) as error:
        actions.put_to_vote(c, bill, actor=office, persons=[named.pk])
    assert "已提请表决" in messages(error)


def test_secret_ballot_where_the_congress_rule_says_so(world_a):
    c, office = world_a.congress, world_a.office
    change_rule(c, actor=world_a.root, key="appointments.secret_ballot", value=True)
    bill = draft_bill(world_a, sitting(world_a))
    actions.submit_bill(c, bill, actor=office, directors_meeting=directors(world_a))
    [vote] = actions.put_to_vote(c, bill, actor=office)
    assert vote.secret is True


def test_deciding_before_every_result_is_announced_is_refused(world_a):
    c, office = world_a.congress, world_a.office
    bill = draft_bill(world_a, sitting(world_a))
    actions.submit_bill(c, bill, actor=office, directors_meeting=directors(world_a))
    actions.put_to_vote(c, bill, actor=office)
    before = counts(c)
    with pytest.raises(ValidationError) as error:
        actions.decide(c, bill, actor=office)
    assert "尚未宣布" in messages(error)
    assert counts(c) == before


def test_a_certificate_is_numbered_and_refused_for_a_failed_or_unvoted_nominee(world_a):
    c, office = world_a.congress, world_a.office
    bill, session = decided_bill(world_a, yes=30)
    nominee = Nominee.objects.in_congress(c).get(bill=bill)
    issued = actions.issue_document(c, nominee, actor=office)
    year = datetime.date.today().year
    assert issued.document_number == f"示常任〔{year}〕1号"
    with pytest.raises(ValidationError) as error:
        actions.issue_document(c, nominee, actor=office)
    assert "已签发" in messages(error)
    failed_bill, _ = decided_bill(world_a, yes=21, session=session, name="周败")
    failed = Nominee.objects.in_congress(c).get(bill=failed_bill)
    with pytest.raises(ValidationError) as error:
        actions.issue_document(c, failed, actor=office)
    assert "未获表决通过" in messages(error) and "任命书" in messages(error)
    failed.refresh_from_db()
    assert failed.document_number == ""
    pending_bill = draft_bill(world_a, session, name="吴等")
    pending = Nominee.objects.in_congress(c).get(bill=pending_bill)
    with pytest.raises(ValidationError) as error:
        actions.issue_document(c, pending, actor=office)
    assert "尚未表决" in messages(error)


def test_the_oath_makes_an_appointee_in_office_and_is_refused_for_anyone_not_appointed(world_a):
    c, office = world_a.congress, world_a.office
    bill, session = decided_bill(world_a, yes=30)
    nominee = Nominee.objects.in_congress(c).get(bill=bill)
    [row] = queries.register(c)
    assert (row.in_office, row.status) == (False, "待宣誓")
    assert queries.pending_oath_membership_ids(c) == {nominee.membership_id}
    leader = world_a.deputies[1].person
    stranger = world_a.deputies[0].person
    before = counts(c)
    with pytest.raises(ValidationError) as error:
        actions.record_oath(c, actor=office, meeting=session, held_on=datetime.date.today(), leader=leader,
                            persons=[nominee.person.pk, stranger.pk])
    assert "宣誓人" in messages(error) and stranger.name in messages(error) and "未经本级人大常委会" in messages(error)
    assert counts(c) == before
    ceremony = actions.record_oath(c, actor=office, meeting=session, held_on=datetime.date.today(), leader=leader,
                                   persons=[nominee.person.pk], attendance=36)
    assert ceremony.text == OATH_TEXT and OathTaker.objects.in_congress(c).filter(ceremony=ceremony).count() == 1
    [row] = queries.register(c)
    assert (row.in_office, row.status) == (True, "在任")
    with pytest.raises(ValidationError) as error:
        actions.record_oath(c, actor=office, meeting=session, held_on=datetime.date.today(), leader=leader,
                            persons=[nominee.person.pk])
    assert "已进行宪法宣誓" in messages(error)


def test_without_the_oath_rule_an_appointee_is_in_office_at_once(world_a):
    change_rule(world_a.congress, actor=world_a.root, key="appointments.oath_required", value=False)
    decided_bill(world_a, yes=30)
    [row] = queries.register(world_a.congress)
    assert row.in_office and queries.pending_oath_membership_ids(world_a.congress) == set()


def test_bad_nominee_input_names_the_field_and_writes_nothing(world_a):
    c, office = world_a.congress, world_a.office
    bill = actions.create_bill(c, actor=office, proposer="court", title="法院任免", meeting=sitting(world_a))
    court = bodies(world_a)["court"]
    before = counts(c)
    with pytest.raises(ValidationError) as error:
        actions.add_nominee(c, bill, actor=office, action="appoint", organisation=court, post="院长",
                            person_data={"name": "", "sex": "x"})
    text = messages(error)
    assert "“姓名”" in text and "“性别”" in text and "“履历”" in text
    with pytest.raises(ValidationError) as error:
        actions.add_nominee(c, bill, actor=office, action="remove", organisation=court, post="院长",
                            person=world_a.deputies[0].person, reason="调动")
    assert "现未担任" in messages(error)
    with pytest.raises(ValidationError) as error:
        actions.add_nominee(c, bill, actor=office, action="fire", organisation=court, post="大王", person=None)
    assert "“任免事项”" in messages(error) and "“职务”" in messages(error) and "“人员”" in messages(error)
    assert counts(c) == before


@pytest.mark.parametrize(("score", "ok"), [(59, False), (60, True), (None, False)])
def test_the_law_exam_where_the_congress_uses_one(world_a, score, ok):
    c, office = world_a.congress, world_a.office
    change_rule(c, actor=world_a.root, key="appointments.law_exam", value=True)
    bill = actions.create_bill(c, actor=office, proposer="court", title="法院任免", meeting=sitting(world_a))
    call = lambda: actions.add_nominee(c, bill, actor=office, action="appoint",  # noqa: E731
                                       organisation=bodies(world_a)["court"], post="审判员",
                                       person_data=new_person("孙法"), resume="履历", law_exam_score=score)
    if ok:
        assert call().law_exam_score == 60
    else:
        with pytest.raises(ValidationError) as error:
            call()
        assert "任前法律知识考试成绩" in messages(error)
        assert Nominee.objects.in_congress(c).count() == 0


def test_bill_input_and_workflow_refusals(world_a, world_b):
    c, office = world_a.congress, world_a.office
    other_session = sitting(world_b, members=3, sign_in=3)
    before = counts(c)
    with pytest.raises(ValidationError) as error:
        actions.create_bill(c, actor=office, proposer="king", title="", meeting=other_session)
    text = messages(error)
    assert "“提请机关”" in text and "“标题”" in text and "不是本级人大的会议" in text
    with pytest.raises(ValidationError) as error:
        actions.create_bill(c, actor=office, proposer="court", title="x", meeting=directors(world_a))
    assert "须为常务委员会会议" in messages(error)
    assert counts(c)[0] == before[0]
    bill = actions.create_bill(c, actor=office, proposer="court", title="空的", meeting=sitting(world_a))
    with pytest.raises(ValidationError) as error:
        actions.submit_bill(c, bill, actor=office, directors_meeting=directors(world_a))
    assert "至少要列入一名" in messages(error)
    with pytest.raises(ValidationError):
        actions.put_to_vote(c, bill, actor=office)
    other_bill = draft_bill(world_b, other_session)
    with pytest.raises(NotFound):
        actions.submit_bill(c, other_bill, actor=office, directors_meeting=directors(world_a))
    actions.withdraw_bill(c, bill, actor=office, reason="提请机关撤回")
    bill.refresh_from_db()
    assert bill.status == "withdrawn"


def test_a_secret_ballot_is_read_the_same_way(world_a):
    from renda.testing import teller_keys, voters
    from renda.voting import actions as voting

    c, office = world_a.congress, world_a.office
    change_rule(c, actor=world_a.root, key="appointments.secret_ballot", value=True)
    session = sitting(world_a, members=5, sign_in=5)
    bill = draft_bill(world_a, session)
    actions.submit_bill(c, bill, actor=office, directors_meeting=directors(world_a))
    [vote] = actions.put_to_vote(c, bill, actor=office)
    vote = voting.open_vote(c, vote, actor=office)
    for n, user in enumerate(voters(vote.meeting)):
        voting.cast_ballot(c, vote, actor=user, content={"choice": "yes" if n < 3 else "no"})
    voting.announce_result(c, voting.close_vote(c, vote, actor=office, teller_keys=teller_keys(vote)), actor=office)
    actions.decide(c, bill, actor=office)
    assert Nominee.objects.in_congress(c).get(bill=bill).status == "passed"  # 3 of 5: more than half


def test_a_dismissal_is_voted_by_secret_ballot_and_ends_the_post(world_a):
    from renda.appointments import documents
    from renda.testing import teller_keys, voters
    from renda.voting import actions as voting

    c, office = world_a.congress, world_a.office
    dismissed = official(world_a, "韩撤", "副市长")
    session = sitting(world_a, members=5, sign_in=5)
    bill = actions.create_bill(c, actor=office, proposer="government", title="撤职案", meeting=session)
    gov = bodies(world_a)["government"]
    with pytest.raises(ValidationError) as error:
        actions.add_nominee(c, bill, actor=office, action="dismiss", organisation=gov, post="副市长", person=dismissed)
    assert "“撤职理由”必须填写" in messages(error)
    actions.add_nominee(c, bill, actor=office, action="dismiss", organisation=gov, post="副市长", person=dismissed,
                        reason="严重违法失职")
    actions.submit_bill(c, bill, actor=office, directors_meeting=directors(world_a))
    [vote] = actions.put_to_vote(c, bill, actor=office)
    assert vote.secret is True  # 监督法第六十二条, whatever the congress's rule for appointments
    vote = voting.open_vote(c, vote, actor=office)
    for user in voters(vote.meeting):
        voting.cast_ballot(c, vote, actor=user, content={"choice": "yes"})
    voting.announce_result(c, voting.close_vote(c, vote, actor=office, teller_keys=teller_keys(vote)), actor=office)
    actions.decide(c, bill, actor=office)
    nominee = actions.issue_document(c, Nominee.objects.in_congress(c).get(bill=bill), actor=office)
    assert nominee.document_kind == "撤职通知"
    assert "撤销韩撤的市人民政府副市长职务" in documents.document(nominee).preamble[0]
    assert Membership.objects.in_congress(c).get(person=dismissed, post="副市长").end == datetime.date.today()
