"""The livelihood pages keep what was typed: a refused step comes back on its page with every value and
the error beside its field; weighty steps ask first and every step ends with a message."""

import datetime

from django.test import Client

from renda.core.roles import Role
from renda.livelihood import actions
from renda.livelihood.models import Call, Proposal
from renda.livelihood.tests.test_livelihood import chosen
from renda.rectification.models import RectificationItem
from renda.testing import make_call, make_meeting, signed_in


def url(world, path: str) -> str:
    return f"/c/{world.congress.code}/livelihood/{path}"


# ── the call ──

def test_a_refused_call_comes_back_with_what_was_typed(world_a):
    response = signed_in(world_a.office).post(url(world_a, "calls/new/"), {
        "year": "2026", "title": "2026年民生实事项目征集", "opens_on": "2026-03-01", "closes_on": "2026-02-01",
        "to_choose": "8"})
    page = response.content.decode()
    assert response.status_code == 200 and "“征集截止”不能早于“征集开始”" in page
    for typed in ("2026", "2026年民生实事项目征集", "2026-03-01", "2026-02-01", "8"):
        assert f'value="{typed}"' in page, typed
    assert not Call.objects.in_congress(world_a.congress).exists()


def test_a_call_is_published_with_a_message(world_a):
    done = signed_in(world_a.office).post(url(world_a, "calls/new/"), {
        "year": "2026", "title": "2026年征集", "opens_on": "2026-01-01", "closes_on": "2026-02-01", "to_choose": "8"},
        follow=True)
    assert "已发布征集：2026年征集" in done.content.decode()


def test_only_the_office_of_this_congress_publishes_a_call(world_a, world_b):
    data = {"year": "2026", "title": "x", "opens_on": "2026-01-01", "closes_on": "2026-02-01", "to_choose": "8"}
    assert signed_in(world_a.deputy).post(url(world_a, "calls/new/"), data).status_code == 403
    assert signed_in(world_b.office).post(url(world_a, "calls/new/"), data).status_code == 403
    assert Client().post(url(world_a, "calls/new/"), data).status_code == 302  # to sign in
    assert not Call.objects.in_congress(world_a.congress).exists()


def test_the_public_form_keeps_every_value_when_one_is_wrong(world_a):
    call = make_call(world_a, proposals=0)
    response = Client().post(url(world_a, f"calls/{call.pk}/propose/"), {
        "title": "社区食堂", "description": "老人吃饭难", "place": "城关镇", "beneficiaries": "老年人",
        "estimated_cost": "很多", "proposer_name": "张大爷", "proposer_contact": "13700001111"})
    page = response.content.decode()
    assert response.status_code == 422 and "“估算投资”须为不小于 0 的金额" in page
    for typed in ("社区食堂", "城关镇", "老年人", "很多", "张大爷", "13700001111"):
        assert f'value="{typed}"' in page, typed
    assert "老人吃饭难</textarea>" in page
    assert not Proposal.objects.in_congress(world_a.congress).exists()


# ── screening ──

def test_a_refusal_without_reason_comes_back_in_its_row(world_a):
    call = make_call(world_a, proposals=2, screen=False)
    first, second = Proposal.objects.in_congress(world_a.congress).filter(call=call).order_by("id")
    response = signed_in(world_a.office).post(url(world_a, f"calls/{call.pk}/do/stage/"),
                                              {"proposal": first.pk, "passed": "0", "reason": "  "})
    page = response.content.decode()
    assert response.status_code == 200 and "未通过的建议须写明理由" in page
    assert f'id="stage{first.pk}_reason"' in page and f'id="stage{second.pk}_reason"' in page
    first.refresh_from_db()
    assert first.status == Proposal.Status.SUBMITTED


def test_screening_steps_end_with_a_message(world_a):
    call = make_call(world_a, proposals=1, screen=False)
    proposal = Proposal.objects.in_congress(world_a.congress).get(call=call)
    client = signed_in(world_a.office)
    done = client.post(url(world_a, f"calls/{call.pk}/do/stage/"), {"proposal": proposal.pk, "passed": "1"}, follow=True)
    assert f"“项目0”{call.stages[0]}：通过" in done.content.decode()
    checked = client.post(url(world_a, f"calls/{call.pk}/do/feasibility/"),
                          {"proposal": proposal.pk, "aspect": "land", "ok": "0", "note": "用地未落实"}, follow=True)
    assert "已记录“项目0”的用地审查：不可行" in checked.content.decode()


def test_merging_a_proposal_into_itself_is_refused_as_typed(world_a):
    call = make_call(world_a, proposals=3, screen=False)
    a, b, _ = Proposal.objects.in_congress(world_a.congress).filter(call=call).order_by("id")
    response = signed_in(world_a.office).post(url(world_a, f"calls/{call.pk}/do/merge/"),
                                              {"keep": a.pk, "duplicates": [a.pk, b.pk]})
    page = response.content.decode()
    assert response.status_code == 200 and "并入的建议不能包括保留的那一个" in page
    assert f'<option value="{b.pk}" selected>' in page and "<details class=\"card\" open>" in page


def test_a_proposal_of_another_call_or_congress_is_not_found(world_a, world_b):
    call = make_call(world_a, proposals=1, screen=False)
    theirs = make_call(world_b, proposals=1, screen=False)
    their_proposal = Proposal.objects.in_congress(world_b.congress).get(call=theirs)
    client = signed_in(world_a.office)
    assert client.post(url(world_a, f"calls/{call.pk}/do/stage/"),
                       {"proposal": their_proposal.pk, "passed": "1"}).status_code == 404
    assert client.post(url(world_a, f"calls/{theirs.pk}/do/candidates/")).status_code == 404


def test_screening_is_for_the_office_only_even_with_a_wrong_form(world_a):
    call = make_call(world_a, proposals=1, screen=False)
    # An invalid form must not show a deputy the staff page.
    response = signed_in(world_a.deputy).post(url(world_a, f"calls/{call.pk}/do/stage/"), {"passed": "0"})
    assert response.status_code == 403


# ── candidates, vote, result ──

def test_fixing_candidates_asks_first_and_says_how_many(world_a):
    call = make_call(world_a, to_choose=2, proposals=3)
    page = signed_in(world_a.office).get(url(world_a, f"calls/{call.pk}/")).content.decode()
    assert 'data-confirm="将确定 3 个候选项目（拟票决 2 个，候选至少须 3 个）' in page


def test_too_few_candidates_are_refused_with_a_message(world_a):
    call = make_call(world_a, to_choose=2, proposals=2)
    done = signed_in(world_a.office).post(url(world_a, f"calls/{call.pk}/do/candidates/"), follow=True)
    assert "候选项目至少须3个" in done.content.decode()
    call.refresh_from_db()
    assert call.status != Call.Status.CANDIDATES


def test_putting_to_the_vote_asks_first_and_ends_on_the_vote(world_a):
    call = make_call(world_a, to_choose=1, proposals=2)
    client = signed_in(world_a.office)
    client.post(url(world_a, f"calls/{call.pk}/do/candidates/"))
    plenary = make_meeting(world_a, kind="plenary", members=3)
    page = client.get(url(world_a, f"calls/{call.pk}/")).content.decode()
    assert "将把 2 个候选项目提交所选大会无记名票决，每位代表最多选 1 个" in page
    assert f'<option value="{plenary.pk}">' in page
    response = client.post(url(world_a, f"calls/{call.pk}/do/vote/"), {"meeting": plenary.pk})
    assert response.status_code == 302 and "/votes/" in response["Location"]


def test_the_vote_needs_an_open_plenary(world_a):
    call = make_call(world_a, to_choose=1, proposals=2)
    client = signed_in(world_a.office)
    client.post(url(world_a, f"calls/{call.pk}/do/candidates/"))
    page = client.get(url(world_a, f"calls/{call.pk}/")).content.decode()
    assert "没有正在举行的大会" in page
    refused = client.post(url(world_a, f"calls/{call.pk}/do/vote/"), {"meeting": "999999"})
    assert refused.status_code == 200 and "“大会”的选项无效，请重新选择" in refused.content.decode()


def test_taking_the_result_and_starting_the_evaluation_ask_first(world_a):
    call, plenary, _ = chosen(world_a)
    page = signed_in(world_a.office).get(url(world_a, f"calls/{call.pk}/")).content.decode()
    assert "将为 1 个票决通过的项目各建立一次满意度测评" in page
    done = signed_in(world_a.office).post(url(world_a, f"calls/{call.pk}/do/evaluation/"), {"meeting": plenary.pk},
                                         follow=True)
    assert "已建立 1 个满意度测评" in done.content.decode()


# ── supervision ──

def test_a_refused_supervision_keeps_the_unit_groups_and_milestones(world_a):
    _, _, project = chosen(world_a)
    response = signed_in(world_a.office).post(url(world_a, f"projects/{project.pk}/do/supervision/"), {
        "lead_unit": world_a.unit.pk, "budget": "-5", "groups": [world_a.group.pk],
        "milestone_1": "开工", "due_1": "2030-03-01", "milestone_2": "完工"})
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{world_a.unit.pk}" selected>' in page
    assert f'value="{world_a.group.pk}"' in page and "checked" in page
    assert 'value="开工"' in page and 'value="2030-03-01"' in page and 'value="完工"' in page
    assert "请填写节点2的计划完成日期" in page
    project.refresh_from_db()
    assert project.lead_unit is None


def test_progress_and_inspection_keep_what_was_typed_and_problems_go_onto_the_rectification_list(world_a):
    _, _, project = chosen(world_a)
    actions.assign_supervision(world_a.congress, project, actor=world_a.office, lead_unit=world_a.unit, budget="100",
                               groups=[world_a.group], milestones=[{"title": "开工", "due_on": "2030-01-01"}])
    unit = signed_in(world_a.users[Role.UNIT_OFFICER])
    bad_money = unit.post(url(world_a, f"projects/{project.pk}/do/progress/"), {"text": "已完成招标", "spent": "十万"})
    page = bad_money.content.decode()
    assert bad_money.status_code == 200 and "已完成招标</textarea>" in page and 'value="十万"' in page
    assert "<details class=\"card\" open><summary>报告进展" in page
    deputy = signed_in(world_a.deputy)
    no_owner = deputy.post(url(world_a, f"projects/{project.pk}/do/inspection/"), {
        "group": world_a.group.pk, "mode": "group", "on": str(datetime.date.today()), "notes": "现场查看",
        "problem": "围挡不规范"})
    page = no_owner.content.decode()
    assert no_owner.status_code == 200 and "有问题时须写明“整改责任人”" in page
    assert "现场查看</textarea>" in page and 'value="围挡不规范"' in page
    assert not RectificationItem.objects.in_congress(world_a.congress).exists()
    deputy.post(url(world_a, f"projects/{project.pk}/do/inspection/"), {
        "group": world_a.group.pk, "mode": "group", "on": str(datetime.date.today()), "notes": "现场查看",
        "problem": "围挡不规范", "owner": "张科长", "due_on": "2030-01-01"})
    item = RectificationItem.objects.in_congress(world_a.congress).get(livelihood_project=project)
    assert (item.source, item.problem, item.owner, item.unit_id, str(item.due_on)) == (
        "livelihood", "围挡不规范", "张科长", world_a.unit.pk, "2030-01-01")
    page = deputy.get(url(world_a, f"projects/{project.pk}/")).content.decode()
    assert f'href="/c/{world_a.congress.code}/rectification/{item.pk}/"' in page and "整改中" in page


def test_only_the_lead_unit_reports_and_it_is_said_on_the_form(world_a):
    from renda.core import actions as core_actions
    from renda.people import actions as people_actions
    from renda.testing import make_user

    _, _, project = chosen(world_a)
    actions.assign_supervision(world_a.congress, project, actor=world_a.office, lead_unit=world_a.unit, budget="100",
                               groups=[world_a.group], milestones=[{"title": "开工", "due_on": "2030-01-01"}])
    other_unit = people_actions.create_organisation(world_a.congress, actor=world_a.office, kind="handling_unit",
                                                    name="交通局", unit_type="department")
    officer = make_user("traffic-officer")
    core_actions.grant_role(world_a.congress, actor=world_a.root, user=officer, role=Role.UNIT_OFFICER,
                            organisation=other_unit)
    response = signed_in(officer).post(url(world_a, f"projects/{project.pk}/do/progress/"), {"text": "越权", "spent": "0"})
    assert response.status_code == 200 and "只有牵头单位可以报告本项目" in response.content.decode()
    assert signed_in(world_a.public).post(url(world_a, f"projects/{project.pk}/do/progress/"),
                                          {"text": "x"}).status_code == 403


def test_a_project_of_another_congress_is_not_found(world_a, world_b):
    _, _, theirs = chosen(world_b)
    response = signed_in(world_a.office).post(url(world_a, f"projects/{theirs.pk}/do/supervision/"), {"budget": "1"})
    assert response.status_code == 404
