"""One item page for everyone who may read the item — authors and co-signers, the assigned units, staff,
and the public once the answer is published — each seeing what their role may; to anyone else, 404."""

from django.test import Client

from renda.core.tests.test_api import bearer
from renda.proposals import actions
from renda.proposals.tests.test_handling_and_feedback import assigned, officer
from renda.proposals.tests.test_supervision_and_evaluation import unit
from renda.testing import signed_in

LONG = "经研究，我局已将城郊校车线路列入今年计划，" + "并将分三批开通，第一批覆盖东湖镇和城关镇的五所学校。" * 6 + "全文到此为止。"


def url(world, item):
    return f"/c/{world.congress.code}/suggestions/{item.pk}/"


def answered_long(world):
    item = assigned(world)
    actions.record_contact(world.congress, item, actor=officer(world), on="2026-02-01", way="visit", summary="上门走访")
    actions.answer_suggestion(world.congress, item, actor=officer(world), outcome="B", text_=LONG,
                              commitments=[{"text": "秋季开学前开通", "due_on": "2026-09-01"}])
    return item


def test_it_shows_the_lead_deputy_the_whole_answer_and_the_rating_form(world_a):
    item = answered_long(world_a)
    page = signed_in(world_a.deputy).get(url(world_a, item))
    html = page.content.decode()
    assert page.status_code == 200
    assert "全文到此为止" in html  # not cut to 80 characters
    assert "王芳" in html and "李明（领衔）" in html
    assert 'id="rate-form"' in html and "data-confirm=" in html.split('id="rate-form"')[1].split(">")[0]
    history = html.split('id="history"')[1].split("</ol>")[0]
    for word in ("提交", "立案编号", "交办", "承办单位与代表沟通", "书面答复"):
        assert word in history
    assert "submit_suggestion" not in history and "{" not in history  # words, not codes or dicts


def test_it_shows_a_co_signer_the_item_and_lets_them_rate(world_a):
    item = answered_long(world_a)
    html = signed_in(world_a.users["sc_member"]).get(url(world_a, item)).content.decode()
    assert "全文到此为止" in html and 'id="rate-form"' in html


def test_it_lets_an_invited_co_signer_read_before_confirming(world_a):
    item = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="邀请联名",
                                         body="请联名", co_signers=[world_a.deputies[1].person])
    html = signed_in(world_a.users["sc_member"]).get(url(world_a, item)).content.decode()
    assert "请联名" in html and f"/suggestions/{item.pk}/confirm/" in html


def test_it_hides_the_item_from_a_deputy_who_did_not_sign_it(world_a):
    item = answered_long(world_a)
    other = world_a.make_deputy("赵强")
    other_user = signed_in(_account(world_a, other.person, "deputy"))
    assert other_user.get(url(world_a, item)).status_code == 200  # published: anyone may read it
    actions.set_confidential(world_a.congress, item, actor=world_a.office, confidential=True)
    assert other_user.get(url(world_a, item)).status_code == 404
    assert signed_in(world_a.deputy).get(url(world_a, item)).status_code == 200


def _account(world, person, role):
    from renda.core.actions import grant_role
    from renda.testing import make_user

    user = make_user(f"{role}-{person.pk}-{world.congress.code}")
    person.user = user
    person.save(update_fields=["user"])
    grant_role(world.congress, actor=world.root, user=user, role=role)
    return user


def test_it_shows_the_lead_unit_its_item_with_the_handling_forms(world_a):
    item = assigned(world_a)
    page = signed_in(officer(world_a)).get(url(world_a, item))
    html = page.content.decode()
    assert page.status_code == 200 and "增开校车" in html
    assert 'id="contact-form"' in html and 'id="answer-form"' in html and 'id="request-form"' in html
    assert 'id="opinion-form"' not in html and 'id="rate-form"' not in html and 'id="assign-tools"' not in html


def test_it_shows_a_co_unit_its_item_with_the_opinion_form(world_a):
    traffic, traffic_officer = unit(world_a, "交通局")
    item = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="道路",
                                         body="修路")
    actions.submit_suggestion(world_a.congress, item, actor=world_a.deputy)
    actions.accept_suggestion(world_a.congress, item, actor=world_a.office)
    actions.assign_suggestion(world_a.congress, item, actor=world_a.office, lead_unit=world_a.unit, co_units=[traffic])
    html = signed_in(traffic_officer).get(url(world_a, item)).content.decode()
    assert 'id="opinion-form"' in html and 'id="answer-form"' not in html


def test_it_hides_the_item_from_a_unit_it_is_not_assigned_to(world_a):
    _, other_officer = unit(world_a, "财政局")
    item = assigned(world_a)
    assert signed_in(other_officer).get(url(world_a, item)).status_code == 404
    assert signed_in(other_officer).post(url(world_a, item) + "handle/contact/",
                                         {"on": "2026-02-01", "way": "phone", "summary": "越权"}).status_code == 404


def test_it_shows_staff_the_staff_tools(world_a):
    item = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="审查",
                                         body="内容")
    actions.submit_suggestion(world_a.congress, item, actor=world_a.deputy)
    html = signed_in(world_a.office).get(url(world_a, item)).content.decode()
    assert 'id="review-tools"' in html and 'id="return-form"' in html and 'id="merge-form"' in html
    assert signed_in(world_a.users["committee_staff"]).get(url(world_a, item)).status_code == 200


def test_a_draft_is_the_deputys_own_until_submitted(world_a):
    item = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="未提交")
    assert signed_in(world_a.office).get(url(world_a, item)).status_code == 404
    assert signed_in(world_a.deputy).get(url(world_a, item)).status_code == 200


def test_the_public_reads_an_item_only_once_its_answer_is_published(world_a):
    item = assigned(world_a)
    assert Client().get(url(world_a, item)).status_code == 404
    actions.record_contact(world_a.congress, item, actor=officer(world_a), on="2026-02-01", way="visit", summary="走访")
    actions.answer_suggestion(world_a.congress, item, actor=officer(world_a), outcome="B", text_=LONG)
    actions.rate_suggestion(world_a.congress, item, actor=world_a.deputy, work="满意", result="满意", comment="很及时")
    page = Client().get(url(world_a, item))
    html = page.content.decode()
    assert page.status_code == 200 and "全文到此为止" in html and "已答复" in html
    assert "很及时" not in html and "走访" not in html and "B类" not in html  # the working record stays inside
    history = html.split('id="history"')[1].split("</ol>")[0]
    assert "收到" in history and "正在办理" in history and "office" not in history
    actions.set_confidential(world_a.congress, item, actor=world_a.office, confidential=True)
    assert Client().get(url(world_a, item)).status_code == 404


def test_it_is_not_found_from_another_congress(world_a, world_b):
    item = answered_long(world_a)
    for user in (world_b.office, world_b.deputy, world_b.users["unit_officer"]):
        assert signed_in(user).get(f"/c/{world_b.congress.code}/suggestions/{item.pk}/").status_code == 404


def test_every_list_links_to_the_item_page(world_a):
    item = answered_long(world_a)
    link = f'href="/c/{world_a.congress.code}/suggestions/{item.pk}/'
    assert link in signed_in(world_a.deputy).get(f"/c/{world_a.congress.code}/suggestions/mine/").content.decode()
    assert link in signed_in(world_a.office).get(f"/c/{world_a.congress.code}/suggestions/review/").content.decode()
    assert link in Client().get(f"/c/{world_a.congress.code}/suggestions/public/?year={item.year}").content.decode()
    rehandled = assigned(world_a)
    queue = signed_in(officer(world_a)).get(f"/c/{world_a.congress.code}/suggestions/queue/").content.decode()
    assert f'href="/c/{world_a.congress.code}/suggestions/{rehandled.pk}/' in queue


def test_the_api_gives_readers_the_whole_item_and_outsiders_404(world_a, world_b):
    item = answered_long(world_a)
    actions.rate_suggestion(world_a.congress, item, actor=world_a.deputy, work="满意", result="不满意", comment="太慢")
    client = Client()
    mine = client.get(f"/api/suggestions/{item.pk}", **bearer(world_a, world_a.deputy)).json()
    assert mine["answers"][0]["text"] == LONG and mine["answers"][0]["ratings"][0]["comment"] == "太慢"
    assert [a["name"] for a in mine["authors"]] == ["李明", "王芳"] and mine["history"][0]["what"] == "提交"
    theirs = client.get(f"/api/suggestions/{item.pk}", **bearer(world_a, officer(world_a))).json()
    assert theirs["answers"][0]["text"] == LONG and theirs["assignments"][0]["unit"] == "教育局"
    _, other_officer = unit(world_a, "财政局")
    other = bearer(world_a, _account(world_a, world_a.make_deputy("赵强").person, "deputy"))
    actions.set_confidential(world_a.congress, item, actor=world_a.office, confidential=True)
    for outsider in (bearer(world_a, other_officer), other, bearer(world_b, world_b.office)):
        assert client.get(f"/api/suggestions/{item.pk}", **outsider).status_code == 404
    # published again, and re-handled after 不满意: others read the answers, not the ratings or classes
    actions.set_confidential(world_a.congress, item, actor=world_a.office, confidential=False)
    public = client.get(f"/api/suggestions/{item.pk}", **other).json()
    assert public["answers"][0]["text"] == LONG and public["answers"][0]["ratings"] == []
    assert public["answers"][0]["outcome"] is None and public["status_label"] == "正在办理"
