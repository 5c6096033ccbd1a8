import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from renda.core import actions as core_actions
from renda.core.errors import NotPermitted
from renda.livelihood import actions, reports
from renda.livelihood.models import Call, Proposal
from renda.rectification import actions as rectification
from renda.rectification.tests.fixtures import pdf as pdf_file
from renda.testing import make_call, make_meeting, teller_keys, voters
from renda.voting import actions as voting


@pytest.mark.parametrize(("to_choose", "candidates", "ok"), [(10, 11, False), (10, 12, True), (5, 5, False), (5, 6, True),
                                                             (1, 1, False), (1, 2, True)])
def test_the_candidate_list_must_exceed_by_one_fifth_rounded_up(world_a, to_choose, candidates, ok):
    call = make_call(world_a, to_choose=to_choose, proposals=candidates)
    if ok:
        assert len(actions.fix_candidates(world_a.congress, call, actor=world_a.office)) == candidates
    else:
        with pytest.raises(ValidationError) as error:
            actions.fix_candidates(world_a.congress, call, actor=world_a.office)
        assert f"候选项目至少须{actions.candidate_minimum(world_a.congress, to_choose)}个" in error.value.messages[0]
        call.refresh_from_db()
        assert call.status != Call.Status.CANDIDATES


def test_the_margin_is_a_congress_setting(world_a):
    core_actions.change_rule(world_a.congress, actor=world_a.admin, key="livelihood.candidate_surplus", value="1/2")
    assert actions.candidate_minimum(world_a.congress, 10) == 15


def test_screening_drops_with_a_reason_and_the_funnel_counts_each_stage(world_a):
    call = make_call(world_a, proposals=4, screen=False)
    a, b, c, d = Proposal.objects.in_congress(world_a.congress).filter(call=call).order_by("id")
    actions.merge_proposals(world_a.congress, a, [b], actor=world_a.office)
    with pytest.raises(ValidationError) as error:
        actions.decide_stage(world_a.congress, c, actor=world_a.office, passed=False)
    assert "须写明理由" in error.value.messages[0]
    actions.decide_stage(world_a.congress, c, actor=world_a.office, passed=False, reason="用地未落实")
    for _ in call.stages:
        actions.decide_stage(world_a.congress, a, actor=world_a.office, passed=True)
    actions.decide_stage(world_a.congress, d, actor=world_a.office, passed=True)
    call.refresh_from_db()
    assert actions.funnel(call) == [("征集", 3), ("政府审查", 2), ("主任会议审议", 1), ("党委审定", 1)]
    c.refresh_from_db()
    assert c.status == "dropped" and c.drop_reason == "政府审查：用地未落实"
    b.refresh_from_db()
    assert b.merged_into_id == a.pk and "群众甲" in a.proposer_name


def plenary_vote(world, call, *, deputies, present):
    actions.fix_candidates(world.congress, call, actor=world.office)
    plenary = make_meeting(world, kind="plenary", members=deputies, sign_in=present)
    vote = actions.put_projects_to_vote(world.congress, call, plenary, actor=world.office)
    return voting.open_vote(world.congress, vote, actor=world.office), plenary


def cast(world, vote, users, choices):
    ids = [str(c.pk) for c in vote.candidates.order_by("order")]
    for user, picks in zip(users, choices, strict=False):
        voting.cast_ballot(world.congress, vote, actor=user, content={"marks": {ids[i]: "for" for i in picks}})


@pytest.mark.parametrize(("votes_for_first", "chosen"), [(14, False), (15, True)])
def test_a_project_needs_more_than_half_of_all_deputies(world_a, votes_for_first, chosen):
    for n in range(26):
        world_a.make_deputy(f"代表{n}")
    call = make_call(world_a, to_choose=1, proposals=2)
    vote, plenary = plenary_vote(world_a, call, deputies=28, present=20)  # 28 deputies: 15 is more than half
    users = voters(plenary)
    cast(world_a, vote, users, [[0]] * votes_for_first + [[1]] * (len(users) - votes_for_first))
    voting.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    actions.record_project_result(world_a.congress, call, actor=world_a.office)
    call.refresh_from_db()
    first = Proposal.objects.in_congress(world_a.congress).get(candidate__order=1, call=call)
    assert (first.status == "chosen") is chosen
    assert (call.status == Call.Status.CHOSEN) is chosen  # otherwise too few: for the presidium


def test_a_ballot_choosing_more_than_n_is_void(world_a):
    call = make_call(world_a, to_choose=1, proposals=2)
    vote, plenary = plenary_vote(world_a, call, deputies=3, present=3)
    users = voters(plenary)
    cast(world_a, vote, users, [[0, 1], [0], [0]])
    with pytest.raises(ValidationError):
        voting.cast_ballot(world_a.congress, vote, actor=users[0], content={"marks": {}, "write_ins": ["新项目"]})
    voting.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    vote.refresh_from_db()
    assert (vote.result["valid"], vote.result["invalid"]) == (2, 1)


def test_a_tie_at_the_boundary_goes_to_the_presidium_never_resolved_silently(world_a):
    call = make_call(world_a, to_choose=1, proposals=2)
    vote, plenary = plenary_vote(world_a, call, deputies=4, present=4)
    cast(world_a, vote, voters(plenary), [[0, 1][:1], [1], [0], [1]])  # 2 : 2, but neither above half of 4
    voting.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    actions.record_project_result(world_a.congress, call, actor=world_a.office)
    call.refresh_from_db()
    assert call.status == Call.Status.DECIDING
    assert not Proposal.objects.in_congress(world_a.congress).filter(call=call, status="chosen").exists()
    tied = Proposal.objects.in_congress(world_a.congress).filter(call=call).order_by("id")
    with pytest.raises(ValidationError):
        actions.presidium_decide(world_a.congress, call, actor=world_a.office, chosen=list(tied), note="两个都选")
    actions.presidium_decide(world_a.congress, call, actor=world_a.office, chosen=[tied[0]], note="主席团第三次会议决定")
    call.refresh_from_db()
    assert call.status == Call.Status.CHOSEN and call.presidium_note == "主席团第三次会议决定"


def test_a_tie_among_qualified_projects_is_reported(world_a):
    call = make_call(world_a, to_choose=1, proposals=2)
    vote, plenary = plenary_vote(world_a, call, deputies=5, present=5)
    cast(world_a, vote, voters(plenary), [[0, 1][:1]] * 0 + [[0], [1], [0], [1], []])
    voting.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    vote.refresh_from_db()
    assert vote.result["elected"] == [] and vote.result["for_presidium"]["seats"] == 1


def chosen(world):
    call = make_call(world, to_choose=1, proposals=2)
    vote, plenary = plenary_vote(world, call, deputies=3, present=3)
    cast(world, vote, voters(plenary), [[0], [0], [1]])
    voting.close_vote(world.congress, vote, actor=world.office, teller_keys=teller_keys(vote))
    actions.record_project_result(world.congress, call, actor=world.office)
    return call, plenary, Proposal.objects.in_congress(world.congress).get(call=call, status="chosen")


def test_every_project_is_watched_by_at_least_one_deputy_group(world_a):
    _, _, project = chosen(world_a)
    with pytest.raises(ValidationError) as error:
        actions.assign_supervision(world_a.congress, project, actor=world_a.office, lead_unit=world_a.unit, budget="50",
                                   groups=[], milestones=[{"title": "开工", "due_on": "2026-03-01"}])
    assert "至少要有一个代表小组" in error.value.messages[0]


def test_supervision_evaluation_and_ranking(world_a):
    call, plenary, project = chosen(world_a)
    today = datetime.date.today()
    actions.assign_supervision(world_a.congress, project, actor=world_a.office, lead_unit=world_a.unit, budget="200",
                               groups=[world_a.group], milestones=[
                                   {"title": "开工", "due_on": str(today + datetime.timedelta(days=5))},
                                   {"title": "完工", "due_on": str(today - datetime.timedelta(days=5))}])
    first = project.milestones.order_by("due_on").last()
    actions.report_progress(world_a.congress, project, actor=world_a.users["unit_officer"], text_="已开工", spent="80",
                            milestone=first)
    inspection = actions.record_inspection(world_a.congress, project, actor=world_a.deputy, group=world_a.group,
                                           on=str(today), notes="现场视察",
                                           problems=[{"problem": "围挡不规范", "owner": "张科长", "due_on": str(today)}])
    with pytest.raises(NotPermitted):
        actions.record_inspection(world_a.congress, project, actor=world_a.users["unit_officer"], group=world_a.group,
                                  on=str(today), notes="越权")
    row = reports.project_rows(call)[0]
    assert (row.milestones, row.done, row.overdue, row.open_problems, row.spent) == (2, 1, 1, 1, Decimal("80"))
    # The problem is on the shared rectification list, its project's lead unit responsible; it closes there,
    # with evidence and the committee's acceptance.
    item = inspection.rectification_items.get()
    assert (item.source, item.livelihood_project_id, item.unit_id, item.owner) == (
        "livelihood", project.pk, world_a.unit.pk, "张科长")
    rectification.request_closure(world_a.congress, item, actor=world_a.users["unit_officer"], text="已整改",
                                  evidence=pdf_file())
    assert reports.project_rows(call)[0].open_problems == 1  # claimed is not yet closed
    rectification.accept_closure(world_a.congress, item, actor=world_a.office)
    evaluation = actions.start_evaluation(world_a.congress, call, plenary, actor=world_a.office)[0]
    voting.open_vote(world_a.congress, evaluation, actor=world_a.office)
    for user, rating in zip(voters(plenary), ["满意", "基本满意", "不满意"], strict=True):
        voting.cast_ballot(world_a.congress, evaluation, actor=user, content={"rating": rating})
    voting.close_vote(world_a.congress, evaluation, actor=world_a.office, teller_keys=teller_keys(evaluation))
    row = reports.project_rows(call)[0]
    assert row.open_problems == 0 and row.satisfaction == pytest.approx(2 / 3)
    # 40 × 1/2 completion + 30 × 1/2 on time + 30 × 2/3 satisfaction
    assert reports.score(world_a.congress, row) == pytest.approx(55.0)
    assert reports.unit_ranking(call) == [{"unit": "教育局", "projects": 1, "score": 55.0, "rank": 1}]
    client = Client()
    client.force_login(world_a.office)
    xlsx = client.get(f"/c/{world_a.congress.code}/livelihood/calls/{call.pk}/export/evaluation.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    pdf = client.get(f"/c/{world_a.congress.code}/livelihood/calls/{call.pk}/export/evaluation.pdf")
    assert pdf.content.startswith(b"%PDF") and b"STSong-Light" in pdf.content


def test_the_public_form_needs_no_account_and_is_rate_limited(world_a):
    call = make_call(world_a, proposals=0)
    client = Client()
    url = f"/c/{world_a.congress.code}/livelihood/calls/{call.pk}/propose/"
    for n in range(5):
        response = client.post(url, {"title": f"路灯{n}", "description": "安装路灯", "proposer_contact": "13800001234"})
        assert "建议已提交" in response.content.decode()
    assert client.post(url, {"title": "又一个", "description": "x"}).status_code == 429
    other = Client(REMOTE_ADDR="10.9.9.9")
    bad = other.post(url, {"title": "", "description": "x"})
    assert bad.status_code == 422 and "“项目名称”必须填写" in bad.content.decode()
    assert Proposal.objects.in_congress(world_a.congress).filter(call=call).count() == 5


def test_proposals_are_refused_outside_the_collection_dates(world_a):
    call = make_call(world_a, proposals=0)
    with pytest.raises(ValidationError):
        actions.submit_proposal(world_a.congress, call, actor=None, title="晚了", description="x",
                                today=call.closes_on + datetime.timedelta(days=1))
    assert actions.submit_proposal(world_a.congress, call, actor=None, title="最后一天", description="x",
                                   today=call.closes_on).title == "最后一天"


def test_the_public_page_shows_progress_without_personal_data(world_a):
    call, _, project = chosen(world_a)
    actions.assign_supervision(world_a.congress, project, actor=world_a.office, lead_unit=world_a.unit, budget="200",
                               groups=[world_a.group], milestones=[{"title": "开工", "due_on": "2030-01-01"}])
    page = Client().get(f"/c/{world_a.congress.code}/livelihood/").content.decode()
    assert project.title in page and "教育局" in page
    assert "13900001111" not in page and "群众甲" not in page
    project_page = Client().get(f"/c/{world_a.congress.code}/livelihood/projects/{project.pk}/").content.decode()
    assert "13900001111" not in project_page and "群众甲" not in project_page


def test_a_deputy_proposes_under_their_name(world_a):
    call = make_call(world_a, proposals=0)
    proposal = actions.submit_proposal(world_a.congress, call, actor=world_a.deputy, title="校车", description="增开校车")
    assert (proposal.source, proposal.proposer_name) == ("deputy", "李明代表")
    unit = actions.submit_proposal(world_a.congress, call, actor=world_a.users["unit_officer"], title="食堂", description="改造")
    assert (unit.source, unit.department) == ("department", world_a.unit)


def test_the_result_notice_is_a_pdf(world_a):
    call, _, project = chosen(world_a)
    client = Client()
    client.force_login(world_a.office)
    pdf = client.get(f"/c/{world_a.congress.code}/livelihood/calls/{call.pk}/export/result.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and b"STSong-Light" in pdf.content
    assert Client().get(f"/c/{world_a.congress.code}/livelihood/calls/{call.pk}/export/result.pdf").status_code == 302
