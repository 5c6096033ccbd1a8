"""Co-units, waivers, reassignment and extension requests, commitments to 办成, key supervision with
reminders, unit proposals, and the reports and yearly evaluation."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from renda.core.actions import grant_role
from renda.core.errors import NotPermitted
from renda.people import actions as people
from renda.proposals import actions, reports
from renda.proposals.models import Assignment, Notice
from renda.proposals.tests.test_handling_and_feedback import assigned, officer
from renda.routing.queries import proposals_for_suggestion
from renda.testing import make_user

TODAY = timezone.localdate


def unit(world, name):
    made = people.create_organisation(world.congress, actor=world.root, kind="handling_unit", name=name,
                                      unit_type="department")
    user = make_user(f"officer-{name}-{world.congress.code}")
    grant_role(world.congress, actor=world.root, user=user, role="unit_officer", organisation=made)
    return made, user


def answered(world, item, outcome="B", commitments=None, on=None):
    actions.record_contact(world.congress, item, actor=officer(world), on="2026-02-01", way="visit", summary="走访")
    return actions.answer_suggestion(world.congress, item, actor=officer(world), outcome=outcome, text_="答复",
                                     commitments=commitments or [], answered_on=on)


def test_a_co_unit_sends_its_opinion_by_its_own_due_date(world_a):
    traffic, traffic_officer = unit(world_a, "交通局")
    item = assigned(world_a)
    Assignment.objects.in_congress(world_a.congress).filter(suggestion=item).delete()
    item.status = "accepted"
    item.save(update_fields=["status"])
    actions.assign_suggestion(world_a.congress, item, actor=world_a.office, lead_unit=world_a.unit, co_units=[traffic],
                              on=datetime.date(2026, 1, 10))
    co = Assignment.objects.in_congress(world_a.congress).get(suggestion=item, unit=traffic)
    lead = Assignment.objects.in_congress(world_a.congress).get(suggestion=item, lead=True)
    assert (co.due_on, lead.due_on) == (datetime.date(2026, 2, 10), datetime.date(2026, 4, 10))
    with pytest.raises(NotPermitted):  # the lead unit is not a co-unit
        actions.submit_co_opinion(world_a.congress, item, actor=officer(world_a), opinion="意见")
    actions.submit_co_opinion(world_a.congress, item, actor=traffic_officer, opinion="建议增设公交专用道")
    co.refresh_from_db()
    assert co.opinion == "建议增设公交专用道"
    assert Notice.objects.in_congress(world_a.congress).filter(unit=world_a.unit, text__contains="协办意见").exists()


def test_a_deputy_may_waive_the_contact_before_the_answer(world_a):
    item = assigned(world_a)
    with pytest.raises(NotPermitted):
        actions.waive_contact(world_a.congress, item, actor=officer(world_a))
    actions.waive_contact(world_a.congress, item, actor=world_a.deputy)
    answer = actions.answer_suggestion(world_a.congress, item, actor=officer(world_a), outcome="A", text_="已解决")
    assert answer.round == 1


@pytest.mark.parametrize(("days_after", "allowed"), [(10, True), (11, False)])
def test_a_reassignment_request_is_taken_within_the_set_days(world_a, days_after, allowed):
    item = assigned(world_a, on=TODAY() - datetime.timedelta(days=days_after))
    call = lambda: actions.request_handling_change(world_a.congress, item, actor=officer(world_a),  # noqa: E731
                                                   kind="reassign", reason="不属于本单位职责")
    if allowed:
        assert call().status == "pending"
    else:
        with pytest.raises(ValidationError, match="10 日内"):
            call()


def test_staff_grant_a_reassignment_and_an_extension(world_a):
    health, health_officer = unit(world_a, "卫健委")
    item = assigned(world_a, on=TODAY())
    request = actions.request_handling_change(world_a.congress, item, actor=officer(world_a), kind="reassign",
                                              reason="属卫健委职责")
    with pytest.raises(ValidationError):
        actions.decide_handling_request(world_a.congress, request, actor=world_a.office, grant=True)
    actions.decide_handling_request(world_a.congress, request, actor=world_a.office, grant=True, new_unit=health)
    with pytest.raises(NotPermitted):  # the old unit no longer answers it
        actions.record_contact(world_a.congress, item, actor=officer(world_a), on=TODAY(), way="phone", summary="x")
    extend = actions.request_handling_change(world_a.congress, item, actor=health_officer, kind="extend",
                                             reason="需跨年度预算", months=2)
    before = Assignment.objects.in_congress(world_a.congress).get(suggestion=item, unit=health).due_on
    actions.decide_handling_request(world_a.congress, extend, actor=world_a.office, grant=True)
    after = Assignment.objects.in_congress(world_a.congress).get(suggestion=item, unit=health).due_on
    assert (after.year * 12 + after.month) - (before.year * 12 + before.month) == 2
    with pytest.raises(ValidationError):
        actions.request_handling_change(world_a.congress, item, actor=health_officer, kind="extend", reason="再延", months=9)


def test_a_commitment_counts_as_done_only_once_the_deputy_confirms(world_a):
    item = assigned(world_a)
    answer = answered(world_a, item, commitments=[{"text": "年内开通校车线路", "due_on": "2026-12-31"}])
    commitment = answer.commitments.get()
    with pytest.raises(ValidationError):
        actions.confirm_commitment(world_a.congress, commitment, actor=world_a.deputy)
    actions.report_commitment_done(world_a.congress, commitment, actor=officer(world_a), report="9月1日开通")
    assert not commitment.fulfilled
    with pytest.raises(NotPermitted):
        actions.confirm_commitment(world_a.congress, commitment, actor=officer(world_a))
    actions.confirm_commitment(world_a.congress, commitment, actor=world_a.deputy)
    assert commitment.fulfilled
    assert reports.summary(world_a.congress, year=item.year).done == "100.0%"


def test_reminders_go_30_7_and_1_days_before_and_every_overdue_day_once(world_a):
    item = assigned(world_a, on=datetime.date(2026, 1, 10))  # due 2026-04-10
    sent = {}
    for day in [datetime.date(2026, 3, 11), datetime.date(2026, 3, 12), datetime.date(2026, 4, 3),
                datetime.date(2026, 4, 9), datetime.date(2026, 4, 10), datetime.date(2026, 4, 11)]:
        sent[day] = actions.send_due_reminders(world_a.congress, actor=world_a.office, today=day)
    assert [sent[d] for d in sorted(sent)] == [1, 0, 1, 1, 0, 1]
    assert actions.send_due_reminders(world_a.congress, actor=world_a.office, today=datetime.date(2026, 4, 11)) == 0
    texts = list(Notice.objects.in_congress(world_a.congress).filter(unit=world_a.unit).values_list("text", flat=True))
    assert any("还有 30 天到期" in t for t in texts) and any("已逾期 1 天" in t for t in texts)
    assert item.pk


def test_key_supervision_needs_a_leader_and_a_committee(world_a):
    item = assigned(world_a)
    with pytest.raises(ValidationError) as error:
        actions.mark_key_supervision(world_a.congress, item, actor=world_a.office, leader=None, committee=world_a.unit)
    assert {"leader", "committee"} <= set(error.value.message_dict)
    actions.mark_key_supervision(world_a.congress, item, actor=world_a.users["sc_member"],
                                 leader=world_a.deputies[1].person, committee=world_a.committee)
    item.refresh_from_db()
    assert item.key_supervision and item.supervising_committee_id == world_a.committee.pk


def test_units_are_proposed_from_the_category_and_similar_past_titles_with_reasons(world_a):
    traffic, _ = unit(world_a, "交通运输局")
    past = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term,
                                         title="关于增开城区公交线路的建议", body="x", category="交通")
    actions.submit_suggestion(world_a.congress, past, actor=world_a.deputy)
    actions.accept_suggestion(world_a.congress, past, actor=world_a.office)
    actions.assign_suggestion(world_a.congress, past, actor=world_a.office, lead_unit=traffic)
    new = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term,
                                        title="关于优化城区公交线路站点的建议", body="y", category="交通")
    proposed = proposals_for_suggestion(world_a.congress, new).ranked
    assert proposed[0].name == "交通运输局"
    reasons = " ".join(proposed[0].reasons)
    assert "公交" in reasons and "线路" in reasons


def test_bulk_assignment_is_all_or_nothing(world_a):
    items = []
    for n in range(3):
        item = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title=f"建议{n}",
                                             body="b")
        actions.submit_suggestion(world_a.congress, item, actor=world_a.deputy)
        if n < 2:
            actions.accept_suggestion(world_a.congress, item, actor=world_a.office)
        items.append(item)
    with pytest.raises(ValidationError, match="建议2"):
        actions.assign_in_bulk(world_a.congress, items, actor=world_a.office, lead_unit=world_a.unit)
    assert not Assignment.objects.in_congress(world_a.congress).exists()
    actions.assign_in_bulk(world_a.congress, items[:2], actor=world_a.office, lead_unit=world_a.unit)
    assert Assignment.objects.in_congress(world_a.congress).count() == 2


def test_the_evaluation_scores_and_ranks_units_by_the_configured_formula(world_a):
    slow, slow_officer = unit(world_a, "慢办局")
    good = assigned(world_a, on=datetime.date(2026, 1, 10))
    answered(world_a, good, outcome="A", on="2026-04-10")
    actions.rate_suggestion(world_a.congress, good, actor=world_a.deputy, work="满意", result="满意")
    late = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="迟办件",
                                         body="b")
    actions.submit_suggestion(world_a.congress, late, actor=world_a.deputy)
    actions.accept_suggestion(world_a.congress, late, actor=world_a.office)
    actions.assign_suggestion(world_a.congress, late, actor=world_a.office, lead_unit=slow, on=datetime.date(2026, 1, 10))
    actions.record_contact(world_a.congress, late, actor=slow_officer, on="2026-02-01", way="phone", summary="电话")
    actions.answer_suggestion(world_a.congress, late, actor=slow_officer, outcome="C", text_="留作参考",
                              answered_on="2026-04-11")
    actions.rate_suggestion(world_a.congress, late, actor=world_a.deputy, work="不满意", result="不满意")
    rows = reports.unit_evaluation(world_a.congress, good.year)
    assert [(r.unit, r.rank) for r in rows] == [("教育局", 1), ("慢办局", 2)]
    assert rows[0].score == 100.0  # 30 on time + 40 satisfied + 30 A/B
    assert rows[1].score == 0.0 and (rows[1].on_time, rows[1].satisfied, rows[1].ab) == (0, 0, 0)
    client = Client()
    client.force_login(world_a.office)
    sheet = load_workbook(io.BytesIO(client.get(
        f"/c/{world_a.congress.code}/suggestions/reports/evaluation.xlsx?year={good.year}").content))["承办单位考评"]
    assert [c.value for c in sheet[3]][:3] == [1, "教育局", 1]
    pdf = client.get(f"/c/{world_a.congress.code}/suggestions/reports/evaluation.pdf?year={good.year}")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_daily_command_sends_reminders_in_the_accounts_congresses_only(world_a, world_b):
    from django.core.management import call_command

    assigned(world_a, on=TODAY() - datetime.timedelta(days=200))  # long overdue
    out = io.StringIO()
    call_command("send_reminders", "--as", world_a.office.username, stdout=out)
    assert f"{world_a.congress.name}：1 条提醒" in out.getvalue() and world_b.congress.name not in out.getvalue()
    call_command("send_reminders", "--as", world_a.office.username, stdout=io.StringIO())
    assert Notice.objects.in_congress(world_a.congress).filter(unit=world_a.unit).count() == 1  # once a day


@pytest.mark.parametrize(("assigned_on", "today", "allowed"), [
    (datetime.date(2026, 3, 6), datetime.date(2026, 3, 20), True),   # Friday + 10 working days = the Friday after next
    (datetime.date(2026, 3, 6), datetime.date(2026, 3, 23), False),  # the Monday after: too late
])
def test_working_days_count_monday_to_friday_where_the_congress_says_so(world_a, monkeypatch, assigned_on, today,
                                                                        allowed):
    from renda.core import actions as core_actions
    from renda.core import rules

    core_actions.change_rule(world_a.congress, actor=world_a.admin, key="dates.working_days", value=True)
    assert rules.add_days(world_a.congress, assigned_on, 10) == datetime.date(2026, 3, 20)
    item = assigned(world_a, on=assigned_on)
    monkeypatch.setattr(timezone, "localdate", lambda *a: today)
    call = lambda: actions.request_handling_change(world_a.congress, item, actor=officer(world_a),  # noqa: E731
                                                   kind="reassign", reason="不属本单位职责")
    if allowed:
        assert call().status == "pending"
    else:
        with pytest.raises(ValidationError, match="2026-03-20"):
            call()
