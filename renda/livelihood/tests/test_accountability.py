"""Issue 13, point 6: the leader in charge, visits by mode (24 / 4 / 1), the year-end ranking decided by
the directors' meeting and approved upward, commendations in batches, and the accountability chain."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from renda.core.actions import issue_api_token
from renda.core.audit import AuditEntry
from renda.core.errors import IllegalTransition, NotFound, NotPermitted
from renda.core.permissions import PERMISSIONS
from renda.core.roles import Role
from renda.livelihood import actions, reports
from renda.livelihood import actions_accountability as accountability
from renda.livelihood.models import AccountabilityCase, CommendationBatch, Inspection, Ranking
from renda.livelihood.tests.permission_calls_accountability import supervised_project, writes
from renda.people import actions as people_actions
from renda.rectification.models import RectificationItem
from renda.testing import make_meeting, signed_in

TODAY = timezone.localdate()
MINE = ["set_project_leader", "decide_livelihood_ranking", "commend_livelihood", "hold_unit_accountable"]


def director(world, post="副主任", end=None):
    """A deputy holding a director's post in the standing committee (or, ``post``, another post)."""
    sc = people_actions.create_organisation(world.congress, actor=world.root, kind="standing_committee",
                                            name=f"{world.congress.code}常委会{post}{end or ''}")
    person = world.make_deputy(f"{post}{end or ''}甲").person
    people_actions.add_membership(world.congress, actor=world.root, organisation=sc, person=person, post=post,
                                  start=datetime.date(2022, 1, 10), end=end)
    return person


def pdf():
    return SimpleUploadedFile("核实报告.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                              content_type="application/pdf")


# ── the permission cells of this stage, until docs/permissions.md has their rows ──

@pytest.mark.parametrize("permission", MINE)
@pytest.mark.parametrize("role", list(Role))
def test_only_the_roles_declared_may_take_each_step(world_a, permission, role):
    user = world_a.users[role]
    call = writes(world_a)[permission]
    if role in PERMISSIONS[permission][1]:
        call(user)
        assert AuditEntry.objects.in_congress(world_a.congress).filter(action=permission, actor=user).exists()
    else:
        with pytest.raises(NotPermitted):
            call(user)
        assert not AuditEntry.objects.in_congress(world_a.congress).filter(action=permission, actor=user).exists()


# ── visits by mode ──

def test_a_director_led_visit_names_a_serving_director(world_a):
    project = supervised_project(world_a)
    c, office = world_a.congress, world_a.office
    kw = {"group": world_a.group, "on": str(TODAY), "notes": "督办"}
    with pytest.raises(ValidationError) as error:
        actions.record_inspection(c, project, actor=office, mode="director_led", **kw)
    assert error.value.message_dict["led_by"] == ["主任领衔督办须写明“领衔的主任（副主任）”"]
    member = director(world_a, post="委员")
    with pytest.raises(ValidationError) as error:
        actions.record_inspection(c, project, actor=office, mode="director_led", led_by=member, **kw)
    assert "须为本级人大常委会现任主任或副主任" in error.value.message_dict["led_by"][0]
    former = director(world_a, end=TODAY - datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        actions.record_inspection(c, project, actor=office, mode="director_led", led_by=former, **kw)
    vice = director(world_a)
    with pytest.raises(ValidationError) as error:
        actions.record_inspection(c, project, actor=office, mode="group", led_by=vice, **kw)
    assert "代表小组视察不填" in error.value.message_dict["led_by"][0]
    with pytest.raises(ValidationError) as error:
        actions.record_inspection(c, project, actor=office, mode="alone", **kw)
    assert error.value.message_dict["mode"] == ["“监督方式”须为代表小组视察、主任领衔督办、联合视察之一"]
    assert not Inspection.objects.in_congress(c).exists()
    visit = actions.record_inspection(c, project, actor=office, mode="director_led", led_by=vice, **kw)
    assert (visit.mode, visit.led_by_id) == ("director_led", vice.pk)
    chair = director(world_a, post="主任")
    assert actions.record_inspection(c, project, actor=office, mode="joint", led_by=chair, **kw).mode == "joint"
    assert actions.record_inspection(c, project, actor=office, mode="joint", **kw).led_by_id is None


def test_a_director_of_another_congress_does_not_lead_here(world_a, world_b):
    project = supervised_project(world_a)
    theirs = director(world_b)
    with pytest.raises(ValidationError):
        actions.record_inspection(world_a.congress, project, actor=world_a.office, group=world_a.group, on=str(TODAY),
                                  notes="督办", mode="director_led", led_by=theirs)


def test_a_visits_problems_go_onto_the_rectification_list_or_nothing_is_written(world_a):
    project = supervised_project(world_a)
    c = world_a.congress
    with pytest.raises(ValidationError) as error:
        actions.record_inspection(c, project, actor=world_a.office, group=world_a.group, on=str(TODAY), notes="视察",
                                  problems=[{"problem": "路面破损", "owner": "张三", "due_on": "2030-01-01"},
                                            {"problem": "照明不足", "owner": "", "due_on": "2030-01-01"}])
    assert error.value.message_dict["problems"] == ["“第2项整改事项的责任人”必须填写"]
    assert not Inspection.objects.in_congress(c).exists() and not RectificationItem.objects.in_congress(c).exists()
    visit = actions.record_inspection(c, project, actor=world_a.office, group=world_a.group, on=str(TODAY), notes="视察",
                                      problems=[{"problem": "路面破损", "owner": "张三", "due_on": "2030-01-01",
                                                 "goal": "修复路面", "measures": "月底前完成"}])
    item = RectificationItem.objects.in_congress(c).get()
    assert (item.livelihood_inspection_id, item.livelihood_project_id, item.unit_id, item.goal, item.source) == (
        visit.pk, project.pk, world_a.unit.pk, "修复路面", "livelihood")
    address = f"/c/{c.code}/livelihood/projects/{project.pk}/"
    public = Client().get(address).content.decode()
    assert "路面破损" in public and "教育局" in public and "张三" not in public
    assert f"/rectification/{item.pk}/" not in public
    staff = signed_in(world_a.deputy).get(address).content.decode()
    assert "张三" in staff and f'href="/c/{c.code}/rectification/{item.pk}/"' in staff


def _visits(world, project, group=24, led=4, joint=1):
    vice = director(world)
    for mode, n in (("group", group), ("director_led", led), ("joint", joint)):
        for _ in range(n):
            actions.record_inspection(world.congress, project, actor=world.office, group=world.group, on=str(TODAY),
                                      notes="视察", mode=mode, led_by=vice if mode == "director_led" else None)


def test_the_visit_counts_read_24_4_1_from_the_report_the_page_and_the_api(world_a, world_b):
    project = supervised_project(world_a)
    _visits(world_a, project)
    _visits(world_b, supervised_project(world_b), group=2, led=1, joint=3)  # another congress counts apart
    call = project.call
    counts = reports.visit_counts(call)
    assert counts == {"group": 24, "director_led": 4, "joint": 1}
    assert reports.visit_counts_text(counts) == "24 / 4 / 1"
    page = signed_in(world_a.deputy).get(f"/c/{world_a.congress.code}/livelihood/calls/{call.pk}/").content.decode()
    assert '<strong id="visit-counts">24 / 4 / 1</strong>' in page
    assert "代表小组视察：24 次" in page and "主任领衔督办：4 次" in page and "联合视察：1 次" in page
    api = _api(world_a.deputy, world_a.congress)("get", f"/livelihood/calls/{call.pk}/report")
    body = api.json()
    assert api.status_code == 200, body
    assert body["visits"] == {"group": 24, "director_led": 4, "joint": 1} and body["visits_text"] == "24 / 4 / 1"
    pdf_bytes = signed_in(world_a.office).get(
        f"/c/{world_a.congress.code}/livelihood/calls/{call.pk}/export/evaluation.pdf").content
    assert pdf_bytes.startswith(b"%PDF")
    from io import BytesIO

    from openpyxl import load_workbook
    book = load_workbook(BytesIO(signed_in(world_a.office).get(
        f"/c/{world_a.congress.code}/livelihood/calls/{call.pk}/export/evaluation.xlsx").content))
    rows = [tuple(r) for r in book["监督方式"].iter_rows(values_only=True)]
    assert rows == [("监督方式", "次数"), ("代表小组视察", 24), ("主任领衔督办", 4), ("联合视察", 1), ("合计", 29)]


# ── the leader in charge ──

def test_the_leader_in_charge_is_a_person_of_this_congress(world_a, world_b):
    project = supervised_project(world_a)
    with pytest.raises(ValidationError) as error:
        actions.set_project_leader(world_a.congress, project, actor=world_a.office, person=world_b.deputies[0].person)
    assert "“包联领导”须为本级人大的人员" in error.value.message_dict["person"][0]
    with pytest.raises(ValidationError) as error:
        actions.set_project_leader(world_a.congress, project, actor=world_a.office, person=None)
    assert error.value.message_dict["person"] == ["“包联领导”必须填写"]
    leader = director(world_a)
    actions.set_project_leader(world_a.congress, project, actor=world_a.office, person=leader)
    project.refresh_from_db()
    assert project.leader_in_charge_id == leader.pk
    with pytest.raises(NotFound):
        actions.set_project_leader(world_b.congress, project, actor=world_b.office, person=leader)


def test_the_leader_is_set_on_the_project_page_and_a_refusal_keeps_the_form(world_a):
    project = supervised_project(world_a)
    office = signed_in(world_a.office)
    address = f"/c/{world_a.congress.code}/livelihood/projects/{project.pk}/"
    assert "确定包联领导" in office.get(address).content.decode()
    assert "确定包联领导" not in signed_in(world_a.deputy).get(address).content.decode()
    empty = office.post(address + "do/leader/", {"person": ""})
    assert empty.status_code == 200 and "包联领导" in empty.content.decode() and "open" in empty.content.decode()
    leader = director(world_a)
    done = office.post(address + "do/leader/", {"person": f"@{leader.pk}"}, follow=True).content.decode()
    assert f"包联领导：{leader.name}" in done and f'<dd id="leader">{leader.name}</dd>' in done
    assert signed_in(world_a.deputy).post(address + "do/leader/", {"person": f"@{leader.pk}"}).status_code == 403


# ── the year-end ranking ──

def test_the_ranking_is_fixed_by_a_directors_meeting_once_then_approved_upward(world_a):
    project = supervised_project(world_a)
    call, c = project.call, world_a.congress
    session = make_meeting(world_a, kind="sc_session", members=2)
    with pytest.raises(ValidationError) as error:
        accountability.decide_ranking(c, call, session, actor=world_a.office)
    assert "须为主任会议" in error.value.message_dict["meeting"][0]
    directors = make_meeting(world_a, kind="directors", members=2)
    ranking = accountability.decide_ranking(c, call, directors, actor=world_a.office)
    assert ranking.rows == [{"rank": 1, "proposal": project.pk, "title": project.title, "lead_unit": "教育局",
                             "score": 0.0, "grade": "不合格"}]
    assert ranking.decided_on == timezone.localdate(directors.starts_at)
    with pytest.raises(ValidationError) as error:
        accountability.decide_ranking(c, call, directors, actor=world_a.office)
    assert "不能再次确定" in error.value.message_dict["meeting"][0]
    day_before = ranking.decided_on - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        accountability.approve_ranking(c, ranking, actor=world_a.office, approved_by="中共示例县委", approved_on=day_before)
    assert "不能早于主任会议确定排名的日期" in error.value.message_dict["approved_on"][0]
    with pytest.raises(ValidationError) as error:
        accountability.approve_ranking(c, ranking, actor=world_a.office, approved_by=" ", approved_on=ranking.decided_on)
    assert error.value.message_dict["approved_by"] == ["“审核同意的机关”必须填写"]
    accountability.approve_ranking(c, ranking, actor=world_a.office, approved_by="中共示例县委",
                                   approved_on=ranking.decided_on, reference="县委办〔2026〕3号")
    ranking.refresh_from_db()
    assert (ranking.status, ranking.approved_by, ranking.approval_reference) == ("approved", "中共示例县委", "县委办〔2026〕3号")
    with pytest.raises(ValidationError):
        accountability.approve_ranking(c, ranking, actor=world_a.office, approved_by="又一次", approved_on=TODAY)
    page = signed_in(world_a.deputy).get(f"/c/{c.code}/livelihood/calls/{call.pk}/").content.decode()
    assert f"{directors.title}于 {ranking.decided_on:%Y-%m-%d} 确定" in page and "经中共示例县委于" in page
    assert "县委办〔2026〕3号" in page


def test_the_ranking_snapshot_keeps_the_scores_as_decided(world_a):
    project = supervised_project(world_a)
    ranking = accountability.decide_ranking(world_a.congress, project.call, make_meeting(world_a, kind="directors", members=2),
                                            actor=world_a.office)
    milestone = project.milestones.get()
    actions.report_progress(world_a.congress, project, actor=world_a.office, text_="完工", milestone=milestone)
    assert reports.ranking_rows(project.call)[0]["score"] > 0
    ranking.refresh_from_db()
    assert ranking.rows[0]["score"] == 0.0


def test_the_ranking_pages_keep_input_and_name_fields(world_a):
    project = supervised_project(world_a)
    c = world_a.congress
    office = signed_in(world_a.office)
    base = f"/c/{c.code}/livelihood/calls/{project.call.pk}/"
    assert "还没有主任会议" in office.get(base).content.decode()
    directors = make_meeting(world_a, kind="directors", members=2)
    none = office.post(base + "do/ranking/", {"meeting": ""}).content.decode()
    assert "“确定排名的主任会议”" in none and '<details class="card" open><summary>记录主任会议确定的排名' in none
    office.post(base + "do/ranking/", {"meeting": directors.pk}, follow=True)
    assert Ranking.objects.in_congress(c).filter(call=project.call).exists()
    bad = office.post(base + "do/approval/", {"approved_by": "中共示例县委", "approved_on": "2000-01-01",
                                               "reference": "县委〔2026〕1号"}).content.decode()
    assert "不能早于主任会议确定排名的日期" in bad and 'value="中共示例县委"' in bad and 'value="县委〔2026〕1号"' in bad


# ── commendations ──

def test_a_commendation_batch_needs_entries_each_one_thing_with_a_reason(world_a, world_b):
    project = supervised_project(world_a)
    call, c = project.call, world_a.congress
    base = {"title": "关于表扬民生实事项目先进单位的通报", "issued_on": TODAY}
    with pytest.raises(ValidationError) as error:
        accountability.commend(c, call, actor=world_a.office, entries=[], **base)
    assert error.value.message_dict["entries"] == ["表扬通报至少要有一项表扬对象"]
    with pytest.raises(ValidationError) as error:
        accountability.commend(c, call, actor=world_a.office, entries=[
            {"unit": world_a.unit, "person": world_a.deputies[0].person, "reason": "两项"},
            {"unit": world_b.unit, "reason": "他市"},
            {"proposal": project, "reason": ""},
            {"person": world_b.deputies[0].person, "reason": "他市代表"}], **base)
    messages = error.value.message_dict["entries"]
    assert "第1项表扬对象须恰好是单位、个人、项目之一，现填了 2 个" in messages
    assert "第2项表扬对象的单位不是本级的单位" in messages
    assert "“第3项表扬对象的事迹”必须填写" in messages
    assert "第4项表扬对象的个人不是本级人大的人员" in messages
    with pytest.raises(ValidationError) as error:
        accountability.commend(c, call, actor=world_a.office, entries=[{"unit": world_a.unit, "reason": "x"}],
                               title="通报", issued_on=TODAY + datetime.timedelta(days=1))
    assert error.value.message_dict["issued_on"] == ["“印发日期”不能晚于今天"]
    assert not CommendationBatch.objects.in_congress(c).exists()
    batch = accountability.commend(c, call, actor=world_a.office, number="示人常〔2026〕5号", entries=[
        {"unit": world_a.unit, "reason": "按期完成"}, {"person": world_a.deputies[0].person, "reason": "督办有力"},
        {"proposal": project.pk, "reason": "群众满意"}], **base)
    assert [accountability.commended_name(e) for e in batch.entries.select_related("unit", "person", "proposal")] == [
        "教育局", world_a.deputies[0].person.name, f"“{project.title}”项目"]
    page = signed_in(world_a.deputy).get(f"/c/{c.code}/livelihood/calls/{call.pk}/").content.decode()
    assert "关于表扬民生实事项目先进单位的通报" in page and "教育局：按期完成" in page and "印发表扬通报" not in page


def test_the_commendation_form_keeps_its_rows(world_a):
    project = supervised_project(world_a)
    office = signed_in(world_a.office)
    base = f"/c/{world_a.congress.code}/livelihood/calls/{project.call.pk}/"
    refused = office.post(base + "do/commend/", {"title": "表扬通报", "issued_on": str(TODAY),
                                                  "unit_1": world_a.unit.pk, "reason_1": ""}).content.decode()
    assert "请填写第1项的“事迹”" in refused and 'value="表扬通报"' in refused
    assert f'<option value="{world_a.unit.pk}" selected>' in refused
    nothing = office.post(base + "do/commend/", {"title": "表扬通报", "issued_on": str(TODAY)}).content.decode()
    assert "表扬通报至少要有一项表扬对象" in nothing
    done = office.post(base + "do/commend/", {"title": "表扬通报", "issued_on": str(TODAY), "unit_1": world_a.unit.pk,
                                              "reason_1": "按期完成"}, follow=True).content.decode()
    assert "已印发表扬通报“表扬通报”（1 项）" in done


# ── the accountability chain ──

def test_the_chain_runs_step_by_step_with_records_and_refuses_jumps(world_a):
    project = supervised_project(world_a)
    c, office = world_a.congress, world_a.office
    opened = TODAY - datetime.timedelta(days=20)
    case = accountability.open_case(c, actor=office, unit=world_a.unit, proposal=project, reason="项目逾期三个月未开工",
                                    on=opened, document=pdf())
    assert (case.status, case.opened_on) == ("verifying", opened)
    with pytest.raises(IllegalTransition) as error:
        accountability.advance_case(c, case, actor=office, target="approved", text_="跳过")
    assert "不能从“调查核实”变为“上级已同意”" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        accountability.advance_case(c, case, actor=office, target="consulting", text_="",
                                    on=opened - datetime.timedelta(days=1))
    assert error.value.message_dict["text"] == ["“情况”必须填写"]
    assert error.value.message_dict["on"] == [f"“日期”不能早于上一环节（调查核实，{opened}）"]
    with pytest.raises(ValidationError) as error:
        accountability.advance_case(c, case, actor=office, target="consulting", text_="x",
                                    on=TODAY + datetime.timedelta(days=1))
    assert error.value.message_dict["on"] == ["“日期”不能晚于今天"]
    for n, target in enumerate(["consulting", "submitted", "approved", "held_accountable"], start=1):
        accountability.advance_case(c, case, actor=office, target=target, text_=f"第{n}步记录",
                                    on=opened + datetime.timedelta(days=n))
    case.refresh_from_db()
    assert case.status == "held_accountable"
    assert list(case.steps.values_list("step", "text")) == [
        ("verifying", "项目逾期三个月未开工"), ("consulting", "第1步记录"), ("submitted", "第2步记录"),
        ("approved", "第3步记录"), ("held_accountable", "第4步记录")]
    assert case.steps.first().document.name.endswith(".pdf")
    with pytest.raises(IllegalTransition):
        accountability.advance_case(c, case, actor=office, target="dropped", text_="撤销")


def test_a_case_may_be_dropped_before_approval_but_not_after(world_a):
    c, office = world_a.congress, world_a.office
    project = supervised_project(world_a)
    dropped = accountability.open_case(c, actor=office, unit=world_a.unit, proposal=project, reason="逾期")
    accountability.advance_case(c, dropped, actor=office, target="dropped", text_="核实后系客观原因")
    assert dropped.status == "dropped"
    late = accountability.open_case(c, actor=office, unit=world_a.unit, proposal=project, reason="逾期")
    for target in ("consulting", "submitted", "approved"):
        accountability.advance_case(c, late, actor=office, target=target, text_="记录")
    with pytest.raises(IllegalTransition):
        accountability.advance_case(c, late, actor=office, target="dropped", text_="不予问责")


def test_a_case_names_one_project_or_suggestion_of_this_congress_against_a_unit(world_a, world_b):
    c, office = world_a.congress, world_a.office
    project = supervised_project(world_a)
    with pytest.raises(ValidationError) as error:
        accountability.open_case(c, actor=office, unit=world_a.group, reason="")
    assert error.value.message_dict == {"unit": ["“被问责单位”须为本级的承办单位"],
                                        "proposal": ["须选择“民生实事项目”或“代表建议”之一（只选一个）"],
                                        "reason": ["“问责事由”必须填写"]}
    with pytest.raises(NotFound):
        accountability.open_case(c, actor=office, unit=world_a.unit, proposal=supervised_project(world_b), reason="x")
    with pytest.raises(ValidationError):
        accountability.open_case(c, actor=office, unit=world_b.unit, proposal=project, reason="x")
    case = accountability.open_case(world_b.congress, actor=world_b.office, unit=world_b.unit,
                                    proposal=supervised_project(world_b), reason="x")
    with pytest.raises(NotFound):
        accountability.advance_case(c, case, actor=office, target="consulting", text_="x")
    assert not AccountabilityCase.objects.in_congress(c).exists()


def test_the_case_pages_by_role_and_a_refused_step_keeps_the_text(world_a, world_b):
    c = world_a.congress
    project = supervised_project(world_a)
    office = signed_in(world_a.office)
    listing = f"/c/{c.code}/livelihood/accountability/"
    assert "启动督查问责" in office.get(listing).content.decode()
    deputy_page = signed_in(world_a.deputy).get(listing)
    assert deputy_page.status_code == 200 and "启动督查问责" not in deputy_page.content.decode()
    assert signed_in(world_a.users[Role.UNIT_OFFICER]).get(listing).status_code == 403
    refused = office.post(listing + "new/", {"unit": world_a.unit.pk, "reason": "逾期未开工"})
    assert refused.status_code == 422 and "须选择“民生实事项目”或“代表建议”之一" in refused.content.decode()
    assert "逾期未开工</textarea>" in refused.content.decode()
    opened = office.post(listing + "new/", {"unit": world_a.unit.pk, "proposal": project.pk, "reason": "逾期未开工"})
    case = AccountabilityCase.objects.in_congress(c).get()
    assert opened.status_code == 302 and opened["Location"].endswith(f"/accountability/{case.pk}/")
    page = office.get(opened["Location"]).content.decode()
    assert "核实完毕，征求意见" in page and 'aria-current="step"><strong>调查核实</strong>（当前）' in page
    empty = office.post(f"{listing}{case.pk}/do/step/", {"target": "consulting", "text": ""})
    assert empty.status_code == 422 and "情况" in empty.content.decode()
    bad_day = office.post(f"{listing}{case.pk}/do/step/", {"target": "consulting", "text": "已征求县纪委意见",
                                                            "on": "2000-01-01"})
    assert bad_day.status_code == 422 and "已征求县纪委意见</textarea>" in bad_day.content.decode()
    assert "不能早于上一环节" in bad_day.content.decode()
    done = office.post(f"{listing}{case.pk}/do/step/", {"target": "consulting", "text": "已征求县纪委意见"}, follow=True)
    assert "已记录：征求意见" in done.content.decode()
    assert signed_in(world_a.deputy).post(f"{listing}{case.pk}/do/step/", {"target": "submitted", "text": "x"}).status_code == 403
    assert signed_in(world_b.office).get(f"/c/{world_b.congress.code}/livelihood/accountability/{case.pk}/").status_code == 404


# ── the API ──

def _api(user, congress):
    client, auth = Client(), {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(congress, actor=user, name='t')[1]}"}

    def call(method, path, body=None):
        if body is None:
            return getattr(client, method)(f"/api{path}", **auth)
        return getattr(client, method)(f"/api{path}", body, content_type="application/json", **auth)
    return call


def test_the_api_takes_every_step(world_a, world_b):
    c = world_a.congress
    project = supervised_project(world_a)
    call = project.call
    api = _api(world_a.office, c)
    vice = director(world_a)
    visit = api("post", f"/livelihood/projects/{project.pk}/inspections", {
        "group_id": world_a.group.pk, "on": str(TODAY), "notes": "督办", "mode": "director_led", "led_by_id": vice.pk,
        "problems": [{"problem": "进度滞后", "owner": "张三", "due_on": "2030-01-01"}]})
    assert visit.status_code == 201, visit.json()
    assert visit.json()["mode"] == "director_led" and len(visit.json()["rectification_item_ids"]) == 1
    unknown = api("post", f"/livelihood/projects/{project.pk}/inspections", {
        "group_id": world_a.group.pk, "on": str(TODAY), "notes": "督办", "mode": "director_led",
        "led_by_id": world_b.deputies[0].person.pk})
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["field"] == "led_by_id"
    leader = api("post", f"/livelihood/projects/{project.pk}/leader", {"person_id": vice.pk})
    assert leader.status_code == 200 and leader.json()["leader_in_charge"] == vice.name
    directors = make_meeting(world_a, kind="directors", members=2)
    decided = api("post", f"/livelihood/calls/{call.pk}/ranking", {"meeting_id": directors.pk})
    assert decided.status_code == 201 and decided.json()["rows"][0]["proposal"] == project.pk
    approved = api("post", f"/livelihood/calls/{call.pk}/ranking/approval",
                   {"approved_by": "中共示例县委", "approved_on": str(TODAY)})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    report = api("get", f"/livelihood/calls/{call.pk}/report").json()
    assert report["decided_ranking"]["approved_by"] == "中共示例县委"
    assert report["visits"] == {"group": 0, "director_led": 1, "joint": 0}
    batch = api("post", f"/livelihood/calls/{call.pk}/commendations", {
        "title": "表扬通报", "issued_on": str(TODAY), "entries": [{"unit_id": world_a.unit.pk, "reason": "按期完成"}]})
    assert batch.status_code == 201 and batch.json()["entries"][0]["name"] == "教育局"
    empty = api("post", f"/livelihood/calls/{call.pk}/commendations", {"title": "表扬通报", "issued_on": str(TODAY),
                                                                       "entries": []})
    assert empty.status_code == 422
    case = api("post", "/livelihood/accountability", {"unit_id": world_a.unit.pk, "proposal_id": project.pk,
                                                      "reason": "逾期"})
    assert case.status_code == 201 and case.json()["next"] == ["consulting", "dropped"]
    jump = api("post", f"/livelihood/accountability/{case.json()['id']}/steps", {"target": "approved", "text": "跳过"})
    assert jump.status_code == 409 and "不能从“调查核实”变为“上级已同意”" in jump.json()["detail"][0]["message"]
    step = api("post", f"/livelihood/accountability/{case.json()['id']}/steps", {"target": "consulting", "text": "征求意见"})
    assert step.status_code == 201 and step.json()["status"] == "consulting" and len(step.json()["steps"]) == 2
    theirs = _api(world_b.office, world_b.congress)("get", f"/livelihood/accountability/{case.json()['id']}")
    assert theirs.status_code == 404
    denied = _api(world_a.deputy, c)("post", "/livelihood/accountability", {"unit_id": world_a.unit.pk,
                                                                           "proposal_id": project.pk, "reason": "x"})
    assert denied.status_code == 403
