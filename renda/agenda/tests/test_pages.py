import pytest

from renda.agenda import actions
from renda.agenda.models import DraftAgenda, ProposedItem
from renda.agenda.tests.fixtures import agenda_vote, directors, fixed, pdf, propose, session, submitted
from renda.core.roles import Role
from renda.meetings.models import AgendaItem
from renda.testing import signed_in


def url(world, rest):
    return f"/c/{world.congress.code}/{rest}"


def test_the_list_filters_and_roles(world_a):
    propose(world_a, "甲报告")
    submitted(world_a, "乙报告")
    office = signed_in(world_a.office)
    page = office.get(url(world_a, "agenda/items/?status=submitted")).content.decode()
    assert "乙报告" in page and "甲报告" not in page
    assert "登记提请事项" in page
    assert "甲报告" in signed_in(world_a.users[Role.SC_MEMBER]).get(url(world_a, "agenda/items/")).content.decode()
    assert signed_in(world_a.deputy).get(url(world_a, "agenda/items/")).status_code == 403
    assert "“状态”须为" in office.get(url(world_a, "agenda/items/?status=nonsense"), follow=True).content.decode()


def test_the_form_keeps_input_and_names_the_field(world_a):
    office = signed_in(world_a.office)
    assert office.get(url(world_a, "agenda/items/new/")).status_code == 200
    response = office.post(url(world_a, "agenda/items/new/"), {
        "title": "关于城市管理工作的报告", "kind": "report", "proposer_kind": "government", "presenter": ""})
    page = response.content.decode()
    assert response.status_code == 422 and "关于城市管理工作的报告" in page and "“汇报或说明人”必须填写" in page
    response = office.post(url(world_a, "agenda/items/new/"), {
        "title": "关于城市管理工作的报告", "kind": "report", "proposer_kind": "government", "presenter": "赵",
        "proposer": ""})
    assert response.status_code == 422 and "“提请机关”必须选择" in response.content.decode()
    assert ProposedItem.objects.in_congress(world_a.congress).count() == 0
    response = office.post(url(world_a, "agenda/items/new/"), {
        "title": "关于城市管理工作的报告", "kind": "report", "proposer_kind": "government", "presenter": "赵",
        "proposer": world_a.unit.pk, "documents": [pdf("报告.pdf"), pdf("说明.pdf")]})
    item = ProposedItem.objects.in_congress(world_a.congress).get()
    assert response.status_code == 302 and item.documents.count() == 2
    assert signed_in(world_a.users[Role.COMMITTEE_STAFF]).get(url(world_a, "agenda/items/new/")).status_code == 200
    assert signed_in(world_a.users[Role.SC_MEMBER]).get(url(world_a, "agenda/items/new/")).status_code == 403


def test_deciding_from_the_item_page(world_a, world_b):
    item = propose(world_a)
    meeting = directors(world_a)
    office = signed_in(world_a.office)
    page = office.get(url(world_a, f"agenda/items/{item.pk}/")).content.decode()
    assert "data-confirm" in page and "决定提请常委会审议" in page
    doc = item.documents.get()
    assert office.get(url(world_a, f"agenda/items/{item.pk}/documents/{doc.pk}/")).status_code == 200
    response = office.post(url(world_a, f"agenda/items/{item.pk}/decide/"),
                           {"directors_meeting": meeting.pk, "decision": "decline", "reason": ""})
    assert response.status_code == 422 and "“不提请审议的理由”必须填写" in response.content.decode()
    committee = signed_in(world_a.users[Role.COMMITTEE_STAFF])
    assert committee.post(url(world_a, f"agenda/items/{item.pk}/decide/"),
                          {"directors_meeting": meeting.pk, "decision": "submit"}).status_code == 403
    response = office.post(url(world_a, f"agenda/items/{item.pk}/decide/"),
                           {"directors_meeting": meeting.pk, "decision": "submit"})
    item.refresh_from_db()
    assert response.status_code == 302 and item.status == "submitted"
    b = signed_in(world_b.office)
    assert b.get(url(world_b, f"agenda/items/{item.pk}/")).status_code == 404
    assert b.post(url(world_b, f"agenda/items/{item.pk}/decide/"), {"decision": "submit"}).status_code == 404


def test_the_session_page_fixes_adopts_and_prints(world_a, world_b):
    meeting = directors(world_a)
    one, two = submitted(world_a, "报告一", meeting), submitted(world_a, "报告二", meeting)
    the_session = session(world_a, members=5)
    office = signed_in(world_a.office)
    base = f"agenda/sessions/{the_session.pk}/"
    page = office.get(url(world_a, base)).content.decode()
    assert "确定议程草案" in page and "报告一" in page
    at = "2099-01-05T09:00"
    response = office.post(url(world_a, base + "fix/"), {
        "directors_meeting": meeting.pk, f"include_{one.pk}": "1", f"order_{one.pk}": "2", f"at_{one.pk}": at,
        f"presenter_{one.pk}": "甲", f"include_{two.pk}": "1", f"order_{two.pk}": "1", f"at_{two.pk}": "bad",
        f"presenter_{two.pk}": "乙"})
    assert response.status_code == 422 and "日程时间" in response.content.decode()
    assert 'value="bad"' in response.content.decode()
    assert not DraftAgenda.objects.in_congress(world_a.congress).exists()
    response = office.post(url(world_a, base + "fix/"), {
        "directors_meeting": meeting.pk, f"include_{one.pk}": "1", f"order_{one.pk}": "2", f"at_{one.pk}": at,
        f"presenter_{one.pk}": "甲", f"include_{two.pk}": "1", f"order_{two.pk}": "1", f"at_{two.pk}": at,
        f"presenter_{two.pk}": "乙"})
    assert response.status_code == 302
    draft = DraftAgenda.objects.in_congress(world_a.congress).get()
    for which in ("agenda", "schedule"):
        for ext, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
            response = office.get(url(world_a, f"{base}{which}.{ext}"))
            assert response.status_code == 200 and response.content.startswith(magic)
    assert office.post(url(world_a, base + "vote/")).status_code == 302
    response = office.post(url(world_a, base + "adopt/"), {"vote": ""})
    assert response.status_code == 422
    vote = agenda_vote(world_a, the_session)
    response = office.post(url(world_a, base + "adopt/"), {"vote": vote.pk})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "adopted"
    rows = list(AgendaItem.objects.in_congress(world_a.congress).filter(meeting=the_session).order_by("order"))
    assert [r.title for r in rows] == ["报告二", "报告一"]
    page = office.get(url(world_a, base)).content.decode()
    assert "确定议程草案" not in page and f"agenda-items/{rows[0].pk}/" in page
    item_page = office.get(url(world_a, f"agenda-items/{rows[0].pk}/")).content.decode()
    assert "报告全文" in item_page and "记录审议结果" in item_page
    response = office.post(url(world_a, f"agenda-items/{rows[0].pk}/outcome/"), {"outcome": ""})
    assert response.status_code == 422 and "“审议结果”" in response.content.decode()
    assert office.post(url(world_a, f"agenda-items/{rows[0].pk}/outcome/"), {"outcome": "审议"}).status_code == 302
    member = signed_in(world_a.users[Role.SC_MEMBER])
    assert member.get(url(world_a, f"agenda-items/{rows[0].pk}/")).status_code == 200
    assert member.post(url(world_a, f"agenda-items/{rows[0].pk}/outcome/"), {"outcome": "x"}).status_code == 403
    b = signed_in(world_b.office)
    assert b.get(url(world_b, base)).status_code == 404
    assert b.get(url(world_b, f"agenda-items/{rows[0].pk}/")).status_code == 404
    assert b.get(url(world_b, f"{base}agenda.pdf")).status_code == 404


@pytest.mark.parametrize("path", ["agenda/items/", "agenda/items/new/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, world_a, path):
    response = client.get(url(world_a, path))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_schedule_document_groups_by_day(world_a):
    from renda.agenda import documents

    meeting = directors(world_a)
    the_session = session(world_a, open_it=False)
    fixed(world_a, the_session, [submitted(world_a, "报告一", meeting)], meeting)
    doc = documents.schedule_document(the_session)
    assert doc.title.endswith("日程（草案）") and doc.sections[0].table[1][1] == "报告一"
    assert actions.AGENDA_VOTE_TITLE == "关于会议议程（草案）的表决"
