"""docs/permissions.md is the role × action matrix; every cell is checked here, allowed and denied."""

import datetime
import functools
import importlib
import itertools
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from renda.core import actions as core_actions
from renda.core.errors import NotPermitted
from renda.core.models import ApiToken, AuditEntry, RoleGrant
from renda.core.permissions import PERMISSIONS
from renda.core.roles import Role
from renda.core.tenancy import congress_scope
from renda.people import actions
from renda.people.models import Mandate, Organisation
from renda.testing import make_call, make_meeting, make_user, teller_keys, voters

# every cell starts from the same two congresses, built once for the module (conftest._shared_worlds)
SHARED_WORLDS = True
DOC = Path(__file__).resolve().parents[3] / "docs" / "permissions.md"
_seq = itertools.count(100)


def read_matrix() -> dict[str, dict[Role, bool]]:
    lines = [line for line in DOC.read_text().splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    roles = [Role(re.findall(r"`(\w+)`", cell)[0]) for cell in header[2:]]
    matrix = {}
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        matrix[cells[0].strip("`")] = {role: cell == "✓" for role, cell in zip(roles, cells[2:], strict=True)}
    return matrix


MATRIX = read_matrix()
# Later apps keep the calls for their cells beside their own tests: each module has
# ``writes(world) -> {action: call(user)}`` and ``reads(world) -> {action: address}``.
CALL_MODULES = [
    "renda.oversight.tests.permission_calls_plan",
    "renda.oversight.tests.permission_calls_activities",
    "renda.oversight.tests.permission_calls_fieldwork",
    "renda.oversight.tests.permission_calls_reporting",
    "renda.questionnaires.tests.permission_calls",
    "renda.oversight.tests.permission_calls_hearings",
    "renda.oversight.tests.permission_calls_opinions",
    "renda.oversight.tests.permission_calls_inquiries",
    "renda.rectification.tests.permission_calls",
    "renda.livelihood.tests.permission_calls_accountability",
    "renda.duty_reports.tests.permission_calls",
    "renda.records.tests.permission_calls",
    "renda.work_points.tests.permission_calls",
    "renda.agenda.tests.permission_calls",
    "renda.decisions.tests.permission_calls",
    "renda.portfolios.tests.permission_calls",
    "renda.appointments.tests.permission_calls",
    "renda.law_comments.tests.permission_calls",
    "renda.legislation.tests.permission_calls",
    "renda.enactment.tests.permission_calls",
    "renda.legislative_plans.tests.permission_calls",
    "renda.deputy_groups.tests.permission_calls",
    "renda.opinions.tests.permission_calls",
    "renda.deputy_pages.tests.permission_calls",
    "renda.activities.tests.permission_calls",
    "renda.routing.tests.permission_calls",
    "renda.answer_quality.tests.permission_calls",
    "renda.search.tests.permission_calls",
    "renda.similar.tests.permission_calls",
    "renda.schedule.tests.permission_calls",
    "renda.delivery.tests.permission_calls",
]


def _module_calls(kind: str, world) -> dict:
    found: dict = {}
    for name in CALL_MODULES:
        found.update(getattr(importlib.import_module(name), kind)(world))
    return found

CELLS = [(action, role) for action, row in MATRIX.items() for role in row]


def test_the_document_and_the_code_declare_the_same_matrix():
    assert set(MATRIX) == set(PERMISSIONS)
    for action, row in MATRIX.items():
        assert {role for role, ok in row.items() if ok} == set(PERMISSIONS[action][1]), action


def _fresh(world):
    return world.make_deputy(f"测试{next(_seq)}")


def _write_calls(world):
    c, root = world.congress, world.root

    def new_account():
        return core_actions.create_account(c, actor=root, username=f"acct{next(_seq)}", full_name="新账号")[0]

    return {
        "create_term": lambda u: core_actions.create_term(c, actor=u, number=10 + next(_seq) % 80, start="2030-01-01"),
        "change_rule": lambda u: core_actions.change_rule(c, actor=u, key="suggestion.answer_months", value=4),
        "grant_role": lambda u: core_actions.grant_role(c, actor=u, user=new_account(), role=Role.DEPUTY),
        "create_account": lambda u: core_actions.create_account(c, actor=u, username=f"n{next(_seq)}", full_name="新账号"),
        "disable_account": lambda u: core_actions.disable_account(c, new_account(), actor=u),
        "enable_account": lambda u: core_actions.enable_account(
            c, core_actions.disable_account(c, new_account(), actor=root), actor=u),
        "reset_password": lambda u: core_actions.reset_password(c, new_account(), actor=u),
        "change_own_password": lambda u: core_actions.change_own_password(
            c, actor=u, old_password="pw-for-tests", new_password="Kx9-long-enough"),
        "revoke_role": lambda u: core_actions.revoke_role(
            c, core_actions.grant_role(c, actor=root, user=make_user(f"r{next(_seq)}"), role=Role.DEPUTY), actor=u),
        "issue_api_token": lambda u: core_actions.issue_api_token(c, actor=u, name="测试"),
        "revoke_api_token": lambda u: core_actions.revoke_api_token(
            c, ApiToken.objects.in_congress(c).filter(user=u).first()
            or ApiToken.objects.create(congress=c, user=u, name="测试", key_hash=f"h{next(_seq)}"), actor=u),
        "appoint_deputy": lambda u: actions.appoint_deputy(
            c, actor=u, term=world.term, number=f"P{next(_seq)}", elected_on="2022-01-10",
            person_data={"name": "新代表", "sex": "女"}),
        "update_mandate": lambda u: actions.update_mandate(c, world.deputies[0], actor=u, constituency=f"选区{next(_seq)}"),
        "end_mandate": lambda u: actions.end_mandate(c, _fresh(world), actor=u, status=Mandate.Status.RESIGNED,
                                                     on="2024-01-01", reason="辞职"),
        "suspend_mandate": lambda u: actions.suspend_mandate(c, _fresh(world), actor=u, on="2024-01-01", reason="依法暂停"),
        "restore_mandate": lambda u: actions.restore_mandate(
            c, actions.suspend_mandate(c, _fresh(world), actor=root, on="2024-01-01", reason="依法暂停"),
            actor=u, on="2024-03-01"),
        "update_person": lambda u: actions.update_person(c, world.deputies[0].person, actor=u, occupation=f"职业{next(_seq)}"),
        "create_organisation": lambda u: actions.create_organisation(c, actor=u, kind=Organisation.Kind.DEPUTY_GROUP,
                                                                     name=f"小组{next(_seq)}"),
        "update_organisation": lambda u: actions.update_organisation(c, world.unit, actor=u, address=f"路{next(_seq)}号"),
        "add_membership": lambda u: actions.add_membership(c, actor=u, organisation=world.committee,
                                                           person=_fresh(world).person, post="委员", start="2022-02-01"),
        "end_membership": lambda u: actions.end_membership(
            c, actions.add_membership(c, actor=root, organisation=world.committee, person=_fresh(world).person,
                                      post="委员", start="2022-02-01"), actor=u, end=datetime.date(2023, 1, 1)),
        "import_people": lambda u: actions.import_people(
            c, actor=u, kind="organisations", rows=[(2, {"kind": "代表团", "name": f"导入代表团{next(_seq)}"})]),
        "update_own_contact": lambda u: actions.update_own_contact(c, actor=u, phone="13912345678"),
        **_meeting_calls(world),
        **_livelihood_calls(world),
        **_suggestion_calls(world),
        **_liaison_calls(world),
    }


def _liaison_calls(world):
    from django.utils import timezone

    from renda.liaison import actions as li
    from renda.people.actions import update_mandate

    c, root, station = world.congress, world.root, world.station
    members = {world.deputy: world.deputies[0], world.users[Role.SC_MEMBER]: world.deputies[1]}
    for mandate in members.values():  # both member personas sit at the world's station
        if mandate.liaison_station_id != station.pk:
            update_mandate(c, mandate, actor=root, liaison_station=station)
            mandate.refresh_from_db()
    today = timezone.localdate()

    def concern():
        return li.submit_concern(c, station, actor=root, data={"category": "教育", "text": "校门口拥堵", "anonymous": True})

    def triaged(path, **kw):
        item = concern()
        return li.triage_concern(c, item, actor=root, path=path, **kw)

    def to_answer(u):
        if u == world.users[Role.UNIT_OFFICER]:
            return triaged("referred", unit=world.unit)
        return triaged("tracked", responsible=world.deputies[0])

    def holder(u):
        return None if u in members else world.deputies[0].person

    def link(u):
        owner = members[u].person if u in members else world.deputies[0].person
        return li.link_contact(c, actor=root, kind="deputy_constituent", holder=owner, constituent="张家")

    return {
        "set_up_station": lambda u: li.set_up_station(c, station, actor=u, area="城关区"),
        "set_rota": lambda u: li.set_rota(c, station, actor=u, on=today, mandates=[world.deputies[0]]),
        "record_reception": lambda u: li.record_reception(c, station, actor=u, held_on=today, deputies=[world.deputies[0]],
                                                          visitors=3),
        "submit_concern": lambda u: li.submit_concern(c, station, actor=u, data={"category": "教育", "text": "路灯",
                                                                               "anonymous": True}),
        "triage_concern": lambda u: li.triage_concern(c, concern(), actor=u, path="on_the_spot", answer="当场解决"),
        "report_committee_result": lambda u: li.report_committee_result(
            c, triaged("on_the_spot", committee="城关社区"), actor=u, answer="已解决"),
        "answer_concern": lambda u: li.answer_concern(c, to_answer(u), actor=u, answer="已答复"),
        "record_follow_up": lambda u: li.record_follow_up(c, triaged("tracked", responsible=world.deputies[0]), actor=u,
                                                          note="已走访"),
        "record_feedback": lambda u: (lambda item: li.record_feedback(c, item, actor=u, satisfaction="satisfied",
                                                                      tracking_code=item.tracking_code))(
            triaged("on_the_spot", answer="已解决")),
        "dismiss_concern": lambda u: li.dismiss_concern(c, concern(), actor=u, reason="重复反映"),
        "draft_suggestion_from_concern": lambda u: li.draft_suggestion_from_concern(c, concern(), actor=u),
        "link_contact": lambda u: li.link_contact(c, actor=u, kind="deputy_constituent", holder=holder(u),
                                                  constituent="李家"),
        "record_liaison_contact": lambda u: li.record_liaison_contact(c, link(u), actor=u, on=today, how="visit"),
    }


_numbers = itertools.count(1)


def _suggestion_calls(world):
    from renda.proposals import actions as sg

    c, root = world.congress, world.root
    members = {world.deputy, world.users[Role.SC_MEMBER]}

    def draft(u=None):
        author = u if u in members else world.deputy
        return sg.save_suggestion_draft(c, actor=author, term=world.term, title="关于增设公交线路的建议", body="建议",
                                        co_signers=[world.deputies[1].person])

    def submitted():
        return sg.submit_suggestion(c, draft(), actor=world.deputy)

    def accepted():
        return sg.accept_suggestion(c, submitted(), actor=root)

    def assigned():
        return sg.assign_suggestion(c, accepted(), actor=root, lead_unit=world.unit)

    def contacted():
        item = assigned()
        sg.record_contact(c, item, actor=root, on="2026-03-01", way="visit", summary="走访代表")
        return item

    def answered(u=None):
        item = contacted()
        if u == world.users[Role.SC_MEMBER]:  # the co-signer confirms first, so the rating counts as theirs
            sg.confirm_cosign(c, item, actor=u)
        sg.answer_suggestion(c, item, actor=root, outcome="B", text_="正在解决")
        return item

    def own_assigned(u):
        item = draft(u)
        sg.submit_suggestion(c, item, actor=u if u in members else world.deputy)
        sg.accept_suggestion(c, item, actor=root)
        return sg.assign_suggestion(c, item, actor=root, lead_unit=world.unit)

    def co_assigned():
        from renda.people.actions import create_organisation

        lead = create_organisation(c, actor=root, kind="handling_unit", name=f"主办局{next(_numbers)}",
                                   unit_type="department")
        return sg.assign_suggestion(c, accepted(), actor=root, lead_unit=lead, co_units=[world.unit])

    def commitment(u=None, done=False):
        item = contacted()
        if u == world.users[Role.SC_MEMBER]:
            sg.confirm_cosign(c, item, actor=u)
        answer = sg.answer_suggestion(c, item, actor=root, outcome="B", text_="正在解决",
                                      commitments=[{"text": "年内开通", "due_on": "2030-01-01"}])
        promise = answer.commitments.get()
        if done:
            sg.report_commitment_done(c, promise, actor=root, report="已开通")
        return promise

    def handling_request():
        return sg.request_handling_change(c, assigned(), actor=root, kind="reassign", reason="不属本单位职责")

    return {
        "assign_in_bulk": lambda u: sg.assign_in_bulk(c, [accepted()], actor=u, lead_unit=world.unit),
        "attach_to_suggestion": lambda u: sg.attach_to_suggestion(
            c, draft(u), actor=u, upload=SimpleUploadedFile("调查.pdf", b"%PDF-1.4 survey")),
        "waive_contact": lambda u: sg.waive_contact(c, own_assigned(u), actor=u),
        "submit_co_opinion": lambda u: sg.submit_co_opinion(c, co_assigned(), actor=u, opinion="同意主办单位意见"),
        "request_handling_change": lambda u: sg.request_handling_change(c, assigned(), actor=u, kind="extend",
                                                                        reason="需跨年度预算", months=1),
        "decide_handling_request": lambda u: sg.decide_handling_request(c, handling_request(), actor=u, grant=False),
        "report_commitment_done": lambda u: sg.report_commitment_done(c, commitment(), actor=u, report="已完成"),
        "confirm_commitment": lambda u: sg.confirm_commitment(c, commitment(u, done=True), actor=u),
        "mark_key_supervision": lambda u: sg.mark_key_supervision(c, accepted(), actor=u, leader=world.deputies[1].person,
                                                                  committee=world.committee),
        "send_due_reminders": lambda u: sg.send_due_reminders(c, actor=u),
        "set_confidential": lambda u: sg.set_confidential(c, accepted(), actor=u, confidential=True),
        "save_suggestion_draft": lambda u: sg.save_suggestion_draft(c, actor=u, term=world.term, title="草稿"),
        "confirm_cosign": lambda u: sg.confirm_cosign(c, draft(), actor=u),
        "submit_suggestion": lambda u: sg.submit_suggestion(c, draft(u), actor=u),
        "withdraw_suggestion": lambda u: sg.withdraw_suggestion(c, draft(u), actor=u),
        "return_suggestion": lambda u: sg.return_suggestion(c, submitted(), actor=u, message="请补充具体地点"),
        "accept_suggestion": lambda u: sg.accept_suggestion(c, submitted(), actor=u),
        "merge_suggestions": lambda u: sg.merge_suggestions(c, submitted(), [submitted()], actor=u),
        "assign_suggestion": lambda u: sg.assign_suggestion(c, accepted(), actor=u, lead_unit=world.unit),
        "record_contact": lambda u: sg.record_contact(c, assigned(), actor=u, on="2026-03-01", way="phone", summary="电话沟通"),
        "answer_suggestion": lambda u: sg.answer_suggestion(c, contacted(), actor=u, outcome="A", text_="已解决"),
        "rate_suggestion": lambda u: sg.rate_suggestion(c, answered(u), actor=u, work="满意", result="满意"),
    }


def _livelihood_calls(world):

    from renda.livelihood import actions as lv
    from renda.livelihood.models import Proposal
    from renda.voting import actions as v

    c, root = world.congress, world.root

    def call(**kw):
        return make_call(world, **kw)

    def voted_call(tie=False):
        made = call(to_choose=1, proposals=2)
        lv.fix_candidates(c, made, actor=root)
        plenary = make_meeting(world, kind="plenary", members=2)
        vote = v.open_vote(c, lv.put_projects_to_vote(c, made, plenary, actor=root), actor=root)
        if not tie:
            first = vote.candidates.order_by("order").first()
            for user in voters(plenary):
                v.cast_ballot(c, vote, actor=user, content={"marks": {str(first.pk): "for"}})
        v.close_vote(c, vote, actor=root, teller_keys=teller_keys(vote))
        made.refresh_from_db()
        return made, plenary

    def chosen_project():
        made, plenary = voted_call()
        lv.record_project_result(c, made, actor=root)
        return Proposal.objects.in_congress(c).get(call=made, status="chosen"), made, plenary

    def supervised():
        project, made, plenary = chosen_project()
        lv.assign_supervision(c, project, actor=root, lead_unit=world.unit, budget="100", groups=[world.group],
                              milestones=[{"title": "开工", "due_on": "2030-01-01"}])
        return project, made, plenary

    def deciding():
        made, _ = voted_call(tie=True)  # nobody voted: too few chosen, for the presidium
        lv.record_project_result(c, made, actor=root)
        return made

    def two_submitted():
        made = call(proposals=2, screen=False)
        return list(Proposal.objects.in_congress(c).filter(call=made).order_by("id"))

    return {
        "setup_project_vote": lambda u: v.setup_project_vote(c, make_meeting(world, kind="plenary", members=2), actor=u,
                                                             title="票决", choose=1, options=["甲", "乙"]),
        "open_call": lambda u: lv.open_call(c, actor=u, year=2027, title="征集", opens_on="2027-01-01",
                                            closes_on="2027-02-01", to_choose=3),
        "submit_proposal": lambda u: lv.submit_proposal(c, call(proposals=0), actor=u, title="路灯", description="安装路灯"),
        "merge_proposals": lambda u: (lambda ps: lv.merge_proposals(c, ps[0], ps[1:], actor=u))(two_submitted()),
        "record_feasibility": lambda u: lv.record_feasibility(c, two_submitted()[0], actor=u, aspect="land", ok=True),
        "decide_stage": lambda u: lv.decide_stage(c, two_submitted()[0], actor=u, passed=True),
        "fix_candidates": lambda u: lv.fix_candidates(c, call(to_choose=1, proposals=2), actor=u),
        "put_projects_to_vote": lambda u: (lambda made: lv.put_projects_to_vote(
            c, made, make_meeting(world, kind="plenary", members=2), actor=u))(
            (lambda made: (lv.fix_candidates(c, made, actor=root), made)[1])(call(to_choose=1, proposals=2))),
        "record_project_result": lambda u: lv.record_project_result(c, voted_call()[0], actor=u),
        "presidium_decide": lambda u: (lambda made: lv.presidium_decide(
            c, made, actor=u, chosen=list(Proposal.objects.in_congress(c).filter(call=made))[:1], note="主席团决定"))(deciding()),
        "assign_supervision": lambda u: lv.assign_supervision(
            c, chosen_project()[0], actor=u, lead_unit=world.unit, budget="80", groups=[world.group],
            milestones=[{"title": "完工", "due_on": "2030-01-01"}]),
        "report_progress": lambda u: lv.report_progress(c, supervised()[0], actor=u, text_="已开工", spent="10"),
        "record_inspection": lambda u: lv.record_inspection(c, supervised()[0], actor=u, group=world.group,
                                                            on="2026-05-01", notes="视察"),
        "start_evaluation": lambda u: (lambda args: lv.start_evaluation(c, args[1], args[2], actor=u))(chosen_project()),
    }


def _meeting_calls(world):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from renda.meetings import actions as m
    from renda.voting import actions as v
    from renda.voting.models import Vote

    c, root = world.congress, world.root

    @functools.cache
    def the_meeting():
        return make_meeting(world, members=3)

    @functools.cache
    def chaired():
        made = make_meeting(world, members=3, open_it=False)
        made.chair = world.deputies[1].person  # the standing-committee persona chairs it
        with congress_scope(c):
            made.save(update_fields=["chair"])
        return made

    def vote(**kw):
        made = v.create_vote(c, the_meeting(), actor=root, title="表决事项", **kw)
        return v.open_vote(c, made, actor=root)

    def election(paper=False):
        return v.setup_election(c, the_meeting(), actor=root, title="选举", post=Vote.Post.OTHER, seats=1, paper=paper,
                                candidates=[{"name": "甲", "nominated_by": "presidium"}])

    def closed():
        return v.close_vote(c, vote(), actor=root)

    def paper_vote(slot_filled=None):
        made = v.open_vote(c, election(paper=True), actor=root)
        cand = str(made.candidates.first().pk)
        tally = {"counts": {cand: {"for": 3, "against": 0, "abstain": 0}}, "invalid": 0}
        if slot_filled:
            v.record_paper_count(c, made, actor=root, slot=1, returned=3, tally=tally)
            v.record_paper_count(c, made, actor=world.office, slot=2, returned=3, tally=tally)
        return made, tally

    def record_paper(u):
        made, tally = paper_vote()
        return v.record_paper_count(c, made, actor=u, slot=2, returned=3, tally=tally)

    def further():
        made = v.open_vote(c, v.setup_election(c, the_meeting(), actor=root, title="选举", post=Vote.Post.OTHER, seats=1,
                                               candidates=[{"name": "甲", "nominated_by": "presidium"},
                                                           {"name": "乙", "nominated_by": "presidium"}]), actor=root)
        return v.close_vote(c, made, actor=root, teller_keys=teller_keys(made))  # nobody voted: too few elected

    def announced():
        return v.announce_result(c, closed(), actor=root)

    return {
        "create_meeting": lambda u: m.create_meeting(c, actor=u, term=world.term, kind="symposium", starts_at=timezone.now()),
        "build_roster": lambda u: m.build_roster(c, the_meeting(), actor=u),
        "update_meeting": lambda u: m.update_meeting(c, the_meeting(), actor=u, place="第二会议室"),
        "add_attendee": lambda u: m.add_attendee(c, the_meeting(), actor=u, name=f"列席{next(_seq)}", post="副市长"),
        "open_meeting": lambda u: m.open_meeting(c, make_meeting(world, members=3, open_it=False), actor=u),
        "close_meeting": lambda u: m.close_meeting(c, make_meeting(world, members=3), actor=u),
        "request_leave": lambda u: m.request_leave(c, chaired(), actor=u, reason="出差", person=world.deputies[0].person),
        "decide_leave": lambda u: m.decide_leave(
            c, m.request_leave(c, chaired(), actor=root, reason="出差", person=world.deputies[0].person), actor=u, approve=True),
        "sign_in_at_desk": lambda u: m.sign_in_at_desk(c, the_meeting(), actor=u, person=world.deputies[0].person),
        "sign_in_by_code": lambda u: m.sign_in_by_code(c, the_meeting(), actor=u, code=m.hall_code(the_meeting())),
        "import_sign_ins": lambda u: m.import_sign_ins(c, the_meeting(), actor=u, rows=[{"姓名": "李明"}]),
        "add_agenda_item": lambda u: m.add_agenda_item(c, the_meeting(), actor=u, kind="report", title="听取报告"),
        "publish_document": lambda u: m.publish_document(c, the_meeting(), actor=u, title="报告", audience="members",
                                                         file=ContentFile(b"x", name="r.txt"), release_at=timezone.now()),
        "create_vote": lambda u: v.create_vote(c, the_meeting(), actor=u, title="表决"),
        "setup_election": lambda u: v.setup_election(c, the_meeting(), actor=u, title="选举", post="other", seats=1,
                                                     candidates=[{"name": "甲", "nominated_by": "presidium"}]),
        "open_vote": lambda u: v.open_vote(c, v.create_vote(c, the_meeting(), actor=root, title="表决"), actor=u),
        "cast_vote": lambda u: v.cast_vote(c, vote(), actor=u, choice="yes"),
        "cast_ballot": lambda u: v.cast_ballot(c, vote(secret=True), actor=u, content={"choice": "yes"}),
        "close_vote": lambda u: v.close_vote(c, vote(), actor=u),
        "announce_result": lambda u: v.announce_result(c, closed(), actor=u),
        "record_paper_count": record_paper,
        "reconcile_paper_counts": lambda u: v.reconcile_paper_counts(c, paper_vote(slot_filled=True)[0], actor=u),
        "start_further_round": lambda u: v.start_further_round(c, further(), actor=u),
        "correct_result": lambda u: v.correct_result(c, announced(), actor=u, reason="计票差错",
                                                     corrected={"yes": 3, "no": 0, "abstain": 0, "passed": True}),
    }


def _read_checks(world):
    code = world.congress.code
    return {
        "view_livelihood_report": f"/c/{code}/livelihood/calls/{make_call(world, proposals=0).pk}/",
        "view_concern_queue": f"/c/{code}/concerns/",
        "view_suggestion_reports": f"/c/{code}/suggestions/reports/",
        "view_liaison_statistics": f"/c/{code}/liaison/statistics/",
        "view_audit_log": f"/c/{code}/audit/",
        "view_accounts": f"/c/{code}/accounts/",
        "view_rules": f"/c/{code}/rules/",
        "export_people": f"/c/{code}/exchange/export/deputies.csv",
    }


def _relation_reads(world):
    """Reading one suggestion: each row is a relation to the item. The relation is set up for the user
    whatever their role (an account tied to a deputy, a unit's item, a submitted or published item),
    then the row's own read rule is asked whether it lets them open it — so only the role decides."""
    from renda.proposals import actions as sg
    from renda.proposals import queries

    c, root = world.congress, world.root

    def person_of(u):
        person = getattr(u, "person", None)
        if person is None:  # an account of any role tied to a serving deputy
            person = _fresh(world).person
            person.user = u
            person.save(update_fields=["user"])
            u.refresh_from_db()
        return person

    def submitted():
        item = sg.save_suggestion_draft(c, actor=world.deputy, term=world.term, title="读取", body="内容")
        return sg.submit_suggestion(c, item, actor=world.deputy)

    def assigned():
        return sg.assign_suggestion(c, sg.accept_suggestion(c, submitted(), actor=root), actor=root, lead_unit=world.unit)

    def published():
        item = assigned()
        sg.record_contact(c, item, actor=root, on="2026-03-01", way="phone", summary="电话")
        sg.answer_suggestion(c, item, actor=root, outcome="A", text_="已解决")
        return item

    def own(u):
        person = person_of(u)
        if u == world.deputy:
            return sg.save_suggestion_draft(c, actor=u, term=world.term, title="本人草稿")
        return sg.save_suggestion_draft(c, actor=world.deputy, term=world.term, title="联名草稿", co_signers=[person])

    def opens(rule, make):
        def check(u):
            item = make(u) if make is own else make()
            return queries.readable(c, u, rule=rule).filter(pk=item.pk).exists()
        return check

    return {
        "view_own_suggestion": opens("view_own_suggestion", own),
        "view_assigned_suggestion": opens("view_assigned_suggestion", assigned),
        "view_submitted_suggestion": opens("view_submitted_suggestion", submitted),
        "view_published_suggestion": opens("view_published_suggestion", published),
    }


@pytest.mark.parametrize(("action", "role"), CELLS, ids=[f"{a}-{r.value}" for a, r in CELLS])
def test_cell(world_a, action, role):
    allowed = MATRIX[action][role]
    user = world_a.users[role]
    if action == "view_contact_details":
        client = Client()
        client.force_login(user)
        page = client.get(f"/c/{world_a.congress.code}/deputies/{world_a.deputies[0].pk}/")
        assert page.status_code == 200
        assert ("13800000000" in page.content.decode()) is allowed
        return
    relations = _relation_reads(world_a)
    if action in relations:
        assert relations[action](user) is allowed
        return
    reads = _read_checks(world_a) | _module_calls("reads", world_a)
    if action in reads:
        client = Client()
        client.force_login(user)
        assert client.get(reads[action]).status_code == (200 if allowed else 403)
        return
    calls = _write_calls(world_a) | _module_calls("writes", world_a)
    assert set(calls) | set(reads) | set(relations) | {"view_contact_details"} == set(PERMISSIONS)
    call = calls[action]
    if allowed:
        before = AuditEntry.objects.in_congress(world_a.congress).count()
        call(user)
        assert AuditEntry.objects.in_congress(world_a.congress).filter(action=action).exists()
        assert AuditEntry.objects.in_congress(world_a.congress).count() > before
    else:
        with pytest.raises(NotPermitted):
            call(user)
        assert not AuditEntry.objects.in_congress(world_a.congress).filter(action=action, actor=user).exists()


def test_a_role_in_one_congress_grants_nothing_in_another(world_a, world_b):
    with pytest.raises(NotPermitted):
        core_actions.create_term(world_b.congress, actor=world_a.admin, number=9, start="2030-01-01")
    with pytest.raises(NotPermitted):
        actions.create_organisation(world_b.congress, actor=world_a.office, kind="delegation", name="越权代表团")
    assert not RoleGrant.objects.in_congress(world_b.congress).filter(user=world_a.admin).exists()
