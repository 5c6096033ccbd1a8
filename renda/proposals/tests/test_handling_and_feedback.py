import datetime

import pytest
from django.core.exceptions import ValidationError

from renda.core import rules
from renda.core.errors import NotPermitted
from renda.people import actions as people
from renda.proposals import actions
from renda.proposals.models import Answer, Assignment, Notice, Suggestion
from renda.testing import make_user


def assigned(world, *, co_signed=True, on=None):
    item = actions.save_suggestion_draft(world.congress, actor=world.deputy, term=world.term, title="关于校车的建议",
                                         body="增开校车", co_signers=[world.deputies[1].person] if co_signed else [])
    if co_signed:
        actions.confirm_cosign(world.congress, item, actor=world.users["sc_member"])
    actions.submit_suggestion(world.congress, item, actor=world.deputy)
    actions.accept_suggestion(world.congress, item, actor=world.office)
    return actions.assign_suggestion(world.congress, item, actor=world.office, lead_unit=world.unit,
                                     on=on or datetime.date(2026, 1, 10))


def officer(world):
    return world.users["unit_officer"]


def test_the_unit_must_contact_the_deputies_before_answering(world_a):
    item = assigned(world_a)
    with pytest.raises(ValidationError) as error:
        actions.answer_suggestion(world_a.congress, item, actor=officer(world_a), outcome="A", text_="已解决")
    assert "须先与代表沟通" in error.value.message_dict["contact"][0]
    actions.record_contact(world_a.congress, item, actor=officer(world_a), on="2026-02-01", way="visit", summary="上门走访")
    answer = actions.answer_suggestion(world_a.congress, item, actor=officer(world_a), outcome="A", text_="已解决",
                                       answered_on="2026-04-10")
    assert answer.round == 1 and answer.on_time  # due 2026-04-10: the due day is on time


def test_an_answer_the_day_after_the_due_day_is_late(world_a):
    item = assigned(world_a)
    actions.record_contact(world_a.congress, item, actor=officer(world_a), on="2026-02-01", way="phone", summary="电话")
    answer = actions.answer_suggestion(world_a.congress, item, actor=officer(world_a), outcome="C", text_="留作参考",
                                       answered_on="2026-04-11")
    assert not answer.on_time


def test_an_answer_needs_a_configured_class_and_changes_nothing_without_one(world_a):
    item = assigned(world_a)
    actions.record_contact(world_a.congress, item, actor=officer(world_a), on="2026-02-01", way="phone", summary="电话")
    with pytest.raises(ValidationError) as error:
        actions.answer_suggestion(world_a.congress, item, actor=officer(world_a), outcome="", text_="答复")
    assert "答复分类" in error.value.message_dict["outcome"][0]
    assert not Answer.objects.in_congress(world_a.congress).exists()
    assert Suggestion.objects.in_congress(world_a.congress).get(pk=item.pk).status == "assigned"


def test_only_the_lead_unit_answers(world_a):
    other = people.create_organisation(world_a.congress, actor=world_a.root, kind="handling_unit", name="财政局",
                                       unit_type="department")
    stranger = make_user("finance-officer")
    from renda.core.actions import grant_role

    grant_role(world_a.congress, actor=world_a.root, user=stranger, role="unit_officer", organisation=other)
    item = assigned(world_a)
    with pytest.raises(NotPermitted):
        actions.record_contact(world_a.congress, item, actor=stranger, on="2026-02-01", way="phone", summary="电话")


def test_every_author_is_told_of_the_answer(world_a):
    item = assigned(world_a)
    actions.record_contact(world_a.congress, item, actor=officer(world_a), on="2026-02-01", way="meeting", summary="座谈")
    actions.answer_suggestion(world_a.congress, item, actor=officer(world_a), outcome="B", text_="列入计划",
                              commitments=[{"text": "秋季学期增开校车两辆", "due_on": "2026-09-01"}])
    told = set(Notice.objects.in_congress(world_a.congress).filter(suggestion=item).values_list("person__name", flat=True))
    assert told == {"李明", "王芳"}


def test_dissatisfied_sends_it_back_then_satisfied_closes_it(world_a):
    item = assigned(world_a)
    actions.record_contact(world_a.congress, item, actor=officer(world_a), on="2026-02-01", way="visit", summary="走访")
    actions.answer_suggestion(world_a.congress, item, actor=officer(world_a), outcome="C", text_="暂不具备条件")
    actions.rate_suggestion(world_a.congress, item, actor=world_a.deputy, work="基本满意", result="不满意", comment="理由不充分")
    item.refresh_from_db()
    assert item.status == "rehandling"
    due = Assignment.objects.in_congress(world_a.congress).get(suggestion=item, lead=True).due_on
    assert due == rules.add_months(datetime.date.today(), 1)
    second = actions.answer_suggestion(world_a.congress, item, actor=officer(world_a), outcome="B", text_="列入明年计划")
    assert second.round == 2
    actions.rate_suggestion(world_a.congress, item, actor=world_a.deputy, work="满意", result="满意")
    item.refresh_from_db()
    assert item.status == "answered"  # the co-signer has not rated yet
    actions.rate_suggestion(world_a.congress, item, actor=world_a.users["sc_member"], work="满意", result="基本满意")
    item.refresh_from_db()
    assert item.status == "closed"
    assert list(item.answers.values_list("round", "outcome")) == [(1, "C"), (2, "B")]


def test_a_rating_by_someone_other_than_an_author_is_refused(world_a):
    item = assigned(world_a, co_signed=False)
    actions.record_contact(world_a.congress, item, actor=officer(world_a), on="2026-02-01", way="visit", summary="走访")
    actions.answer_suggestion(world_a.congress, item, actor=officer(world_a), outcome="A", text_="已解决")
    with pytest.raises(NotPermitted):
        actions.rate_suggestion(world_a.congress, item, actor=world_a.users["sc_member"], work="满意", result="满意")
    with pytest.raises(ValidationError):
        actions.rate_suggestion(world_a.congress, item, actor=world_a.deputy, work="很好", result="满意")
    assert Suggestion.objects.in_congress(world_a.congress).get(pk=item.pk).status == "answered"


def test_a_withdrawn_item_cannot_be_answered(world_a):
    item = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="x", body="y")
    actions.withdraw_suggestion(world_a.congress, item, actor=world_a.deputy)
    with pytest.raises(ValidationError) as error:
        actions.answer_suggestion(world_a.congress, item, actor=world_a.office, outcome="A", text_="已解决")
    assert "已撤回" in error.value.messages[0]


def test_the_cycle_through_the_pages_and_the_api(world_a):
    from django.test import Client

    from renda.core.tests.test_api import bearer

    item = assigned(world_a, co_signed=False)
    unit = Client()
    unit.force_login(officer(world_a))
    queue = unit.get(f"/c/{world_a.congress.code}/suggestions/queue/").content.decode()
    assert "关于校车的建议" in queue
    unit.post(f"/c/{world_a.congress.code}/suggestions/{item.pk}/handle/contact/",
              {"on": "2026-02-01", "way": "visit", "summary": "走访"})
    unit.post(f"/c/{world_a.congress.code}/suggestions/{item.pk}/handle/answer/", {"outcome": "C", "text": "留作参考"})
    api = Client()
    deputy = bearer(world_a, world_a.deputy)
    back = api.post(f"/api/suggestions/{item.pk}/rating", {"work": "满意", "result": "不满意"},
                    content_type="application/json", **deputy).json()
    assert back["status"] == "rehandling"
    listed = api.get("/api/suggestion-queue", **bearer(world_a, officer(world_a))).json()
    assert [row["id"] for row in listed] == [item.pk]
    api.post(f"/api/suggestions/{item.pk}/answer", {"outcome": "A", "text": "已解决"}, content_type="application/json",
             **bearer(world_a, officer(world_a)))
    deputy_page = Client()
    deputy_page.force_login(world_a.deputy)
    deputy_page.post(f"/c/{world_a.congress.code}/suggestions/{item.pk}/handle/rate/", {"work": "满意", "result": "满意"})
    item.refresh_from_db()
    assert item.status == "closed"
