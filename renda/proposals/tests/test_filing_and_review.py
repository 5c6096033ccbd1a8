import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from renda.core import rules
from renda.core.actions import grant_role
from renda.core.errors import IllegalTransition, NotFound, NotPermitted
from renda.core.tenancy import congress_scope
from renda.proposals import actions
from renda.proposals.models import Author, Suggestion
from renda.testing import make_meeting, make_user, make_world


def deputies(world, n):
    """n serving deputies with accounts that hold the deputy role."""
    users = []
    for i in range(n):
        mandate = world.make_deputy(f"联名代表{i}")
        user = make_user(f"co-{world.congress.code}-{i}")
        grant_role(world.congress, actor=world.root, user=user, role="deputy")
        mandate.person.user = user
        mandate.person.save(update_fields=["user"])
        users.append(user)
    return users


def motion(world, co_users, confirm):
    item = actions.save_suggestion_draft(world.congress, actor=world.deputy, term=world.term, kind="motion",
                                         title="关于制定城市绿化条例的议案", body="案由、案据、方案",
                                         co_signers=[u.person for u in co_users])
    for user in co_users[:confirm]:
        actions.confirm_cosign(world.congress, item, actor=user)
    return item


@pytest.mark.parametrize(("level", "confirmed_cosigners", "ok"), [
    ("city", 8, False), ("city", 9, True),          # 10 deputies including the lead (组织法 art. 22)
    ("township", 3, False), ("township", 4, True),  # 5 at township level
])
def test_a_motion_needs_the_legal_number_of_confirmed_deputies(db, level, confirmed_cosigners, ok):
    world = make_world("m", "示例人民代表大会", level=level)
    co = deputies(world, 10)
    item = motion(world, co, confirmed_cosigners)
    if ok:
        assert actions.submit_suggestion(world.congress, item, actor=world.deputy).status == "submitted"
    else:
        with pytest.raises(ValidationError) as error:
            actions.submit_suggestion(world.congress, item, actor=world.deputy)
        assert "还差1名已确认的联名代表" in error.value.message_dict["co_signers"][0]
        item.refresh_from_db()
        assert item.status == "draft"


def test_unconfirmed_cosigners_do_not_count_and_only_authors_confirm(world_a):
    co = deputies(world_a, 2)
    item = motion(world_a, co[:1], 0)
    assert actions.cosigners_short(world_a.congress, item) == rules.motion_cosigners_needed(world_a.congress) - 1
    with pytest.raises(NotPermitted):
        actions.confirm_cosign(world_a.congress, item, actor=co[1])


def test_filing_closes_at_the_session_deadline_and_stays_open_between_sessions(world_a):
    session = make_meeting(world_a, kind="plenary", members=2)
    deadline = timezone.now()
    session.filing_deadline = deadline
    with congress_scope(world_a.congress):
        session.save(update_fields=["filing_deadline"])
    during = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, session=session,
                                           title="建议一", body="内容")
    assert actions.submit_suggestion(world_a.congress, during, actor=world_a.deputy, now=deadline).status == "submitted"
    late = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, session=session,
                                         title="建议二", body="内容")
    with pytest.raises(ValidationError) as error:
        actions.submit_suggestion(world_a.congress, late, actor=world_a.deputy,
                                  now=deadline + datetime.timedelta(seconds=1))
    assert "截止时间" in error.value.message_dict["session"][0]
    between = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="建议三",
                                            body="内容")
    assert actions.submit_suggestion(world_a.congress, between, actor=world_a.deputy).status == "submitted"


def submitted(world, title="建议"):
    item = actions.save_suggestion_draft(world.congress, actor=world.deputy, term=world.term, title=title, body="内容")
    return actions.submit_suggestion(world.congress, item, actor=world.deputy)


def test_numbers_are_gapless_per_scope_and_never_reused(world_a, world_b):
    a1, a2, a3 = (submitted(world_a, f"建议{i}") for i in range(3))
    actions.accept_suggestion(world_a.congress, a1, actor=world_a.office)
    actions.return_suggestion(world_a.congress, a2, actor=world_a.office, message="请补充地点")
    actions.accept_suggestion(world_a.congress, a3, actor=world_a.office)
    actions.submit_suggestion(world_a.congress, a2, actor=world_a.deputy)
    actions.accept_suggestion(world_a.congress, a2, actor=world_a.office)
    for item in (a1, a2, a3):
        item.refresh_from_db()
    assert (a1.number, a3.number, a2.number) == (1, 2, 3) and a1.numbered == "第0001号"
    b1 = actions.accept_suggestion(world_b.congress, submitted(world_b), actor=world_b.office)
    assert b1.number == 1  # each congress numbers its own


def test_merging_keeps_every_deputy_as_an_author(world_a):
    keep, dup = submitted(world_a, "关于公交的建议"), None
    other = actions.save_suggestion_draft(world_a.congress, actor=world_a.users["sc_member"], term=world_a.term,
                                          title="关于公交线路的建议", body="内容")
    dup = actions.submit_suggestion(world_a.congress, other, actor=world_a.users["sc_member"])
    actions.merge_suggestions(world_a.congress, keep, [dup], actor=world_a.office)
    names = set(Author.objects.in_congress(world_a.congress).filter(suggestion=keep).values_list("person__name", flat=True))
    assert names == {"李明", "王芳"}
    dup.refresh_from_db()
    assert dup.status == "merged" and dup.merged_into_id == keep.pk


def test_an_unaccepted_motion_is_accepted_as_a_suggestion(world_a):
    co = deputies(world_a, 9)
    item = actions.submit_suggestion(world_a.congress, motion(world_a, co, 9), actor=world_a.deputy)
    actions.accept_suggestion(world_a.congress, item, actor=world_a.office, as_suggestion=True)
    item.refresh_from_db()
    assert (item.kind, item.converted) == ("suggestion", True)


@pytest.mark.parametrize(("assigned", "complex_item", "due"), [
    ("2026-01-10", False, "2026-04-10"), ("2026-01-31", False, "2026-04-30"), ("2026-11-30", False, "2027-02-28"),
    ("2026-01-10", True, "2026-07-10"),
])
def test_the_answer_is_due_three_or_six_months_after_assignment(world_a, assigned, complex_item, due):
    item = actions.accept_suggestion(world_a.congress, submitted(world_a), actor=world_a.office)
    actions.assign_suggestion(world_a.congress, item, actor=world_a.office, lead_unit=world_a.unit,
                              complex_item=complex_item, on=datetime.date.fromisoformat(assigned))
    assignment = item.assignments.get()
    assert str(assignment.due_on) == due
    # the due day itself is on time; the next day is late
    assert rules.answered_on_time(assignment.due_on, assignment.due_on)
    assert not rules.answered_on_time(assignment.due_on + datetime.timedelta(days=1), assignment.due_on)


def test_the_review_workflow_refuses_what_its_table_does_not_allow(world_a, world_b):
    item = actions.accept_suggestion(world_a.congress, submitted(world_a), actor=world_a.office)
    with pytest.raises(IllegalTransition):
        actions.withdraw_suggestion(world_a.congress, item, actor=world_a.deputy)
    with pytest.raises(IllegalTransition):
        actions.accept_suggestion(world_a.congress, item, actor=world_a.office)
    with pytest.raises(NotFound):
        actions.assign_suggestion(world_b.congress, item, actor=world_b.office, lead_unit=world_b.unit)
    with pytest.raises(ValidationError):
        actions.assign_suggestion(world_a.congress, item, actor=world_a.office, lead_unit=world_a.unit,
                                  co_units=[world_a.unit])
    assert Suggestion.objects.in_congress(world_a.congress).get(pk=item.pk).status == "accepted"


def test_only_the_lead_deputy_edits_and_submits(world_a):
    item = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="草稿",
                                         co_signers=[world_a.deputies[1].person])
    with pytest.raises(NotPermitted):
        actions.submit_suggestion(world_a.congress, item, actor=world_a.users["sc_member"])
    with pytest.raises(NotPermitted):
        actions.save_suggestion_draft(world_a.congress, actor=world_a.users["sc_member"], term=world_a.term,
                                      suggestion=item, title="改标题")
    saved = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, suggestion=item,
                                          title="改后的标题", body="补充")
    assert saved.title == "改后的标题"


def test_the_editor_saves_as_the_deputy_types_then_submits(world_a):
    from django.test import Client

    client = Client()
    client.force_login(world_a.deputy)
    base = f"/c/{world_a.congress.code}/suggestions/"
    empty = client.post(base + "new/", {"kind": "suggestion", "title": "", "body": ""})
    assert empty.status_code == 200 and "还没有填写任何内容" in empty.content.decode()
    assert client.post(base + "new/", {"kind": "suggestion"}, HTTP_HX_REQUEST="true").status_code == 204
    assert not Suggestion.objects.in_congress(world_a.congress).exists()  # an empty editor makes no draft
    first = client.post(base + "new/", {"kind": "suggestion", "title": "关于增设", "draft": ""}, HTTP_HX_REQUEST="true")
    item = Suggestion.objects.in_congress(world_a.congress).get()
    assert first["HX-Replace-Url"] == f"{base}{item.pk}/edit/"
    assert f'name="draft" id="draft" value="{item.pk}"' in first.content.decode()
    saved = client.post(base + "new/", {"kind": "suggestion", "title": "关于增设公交线路的建议", "body": "建议增设",
                                         "draft": str(item.pk)}, HTTP_HX_REQUEST="true")
    assert "已自动保存" in saved.content.decode()
    assert Suggestion.objects.in_congress(world_a.congress).count() == 1
    item.refresh_from_db()
    assert (item.title, item.body, item.status) == ("关于增设公交线路的建议", "建议增设", "draft")
    client.post(f"{base}{item.pk}/edit/", {"kind": "suggestion", "title": item.title, "body": item.body, "submit": "1"})
    item.refresh_from_db()
    assert item.status == "submitted"
    staff = Client()
    staff.force_login(world_a.office)
    staff.post(f"{base}{item.pk}/do/accept/")
    staff.post(f"{base}{item.pk}/do/assign/", {"lead_unit": world_a.unit.pk})
    page = staff.get(base + "review/").content.decode()
    assert "第0001号" in page and "教育局（主办）" in page


def test_suggestions_through_the_api(world_a):
    from django.test import Client

    from renda.core.tests.test_api import bearer

    client = Client()
    deputy, office = bearer(world_a, world_a.deputy), bearer(world_a, world_a.office)
    made = client.post("/api/suggestions", {"kind": "motion", "title": "关于制定条例的议案", "body": "案由"},
                       content_type="application/json", **deputy).json()
    assert made["cosigners_short"] == rules.motion_cosigners_needed(world_a.congress) - 1
    refused = client.post(f"/api/suggestions/{made['id']}/submit", **deputy)
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "co_signers"
    client.put(f"/api/suggestions/{made['id']}", {"kind": "suggestion", "title": "关于制定条例的建议", "body": "内容"},
               content_type="application/json", **deputy)
    assert client.post(f"/api/suggestions/{made['id']}/submit", **deputy).json()["status"] == "submitted"
    accepted = client.post(f"/api/suggestions/{made['id']}/accept", {}, content_type="application/json", **office).json()
    assert accepted["number"] == 1
    assigned = client.post(f"/api/suggestions/{made['id']}/assign", {"lead_unit_id": world_a.unit.pk},
                           content_type="application/json", **office).json()
    assert assigned["status"] == "assigned" and assigned["due_on"] == str(rules.answer_due(world_a.congress, timezone.localdate()))
